import CurateCore

/// Decides whether two similar problems are the same problem or siblings made from one template.
///
/// The rule: two texts are *template siblings* when the numbers written in them differ (as multisets: `13, 14, 15`
/// versus `5, 12, 13`), or when both have answers and their answers differ after normalisation. Siblings are
/// different problems for training and are kept unless `--merge-templates` is given.
/// Example: `TemplateRule.areSiblings("triangle 13-14-15 …", "triangle 5-12-13 …", nil, nil)` is true.
public enum TemplateRule {
    /// True when the two problems differ in their numbers or in their known answers.
    public static func areSiblings(_ a: String, _ b: String, answerA: String?, answerB: String?) -> Bool {
        if numbers(in: a) != numbers(in: b) { return true }
        if let answerA, let answerB, normalizedAnswer(answerA) != normalizedAnswer(answerB) { return true }
        return false
    }

    /// The numbers written in a text (digit runs, with a decimal part), sorted.
    static func numbers(in text: String) -> [Substring] {
        var out: [Substring] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            let isPart = c.isASCII && (c.isNumber || (c == "." && start != nil))
            if isPart {
                if start == nil { start = index }
            } else if let s = start {
                out.append(trimDot(text[s..<index]))
                start = nil
            }
            index = text.index(after: index)
        }
        if let s = start { out.append(trimDot(text[s...])) }
        return out.sorted()
    }

    private static func trimDot(_ s: Substring) -> Substring {
        s.hasSuffix(".") ? s.dropLast() : s
    }

    private static func normalizedAnswer(_ answer: String) -> String {
        var s = ProblemText.normalized(answer)
        s.removeAll { $0 == " " || $0 == "$" }
        return s
    }
}
