/// Multiple-choice answers: a gold letter against a letter (or the choice text written with it).
enum ChoiceGrading {
    /// The choice letter of a short answer such as `C`, `(C)`, `\text{(C)}`, `\textbf{(C) }12`, and the rest.
    static func letter(of s: String) -> (Character, String)? {
        guard s.utf8.count <= 60, ByteScan.containsByte(in: s, where: { $0 >= 65 && $0 <= 90 }) else { return nil }
        var t = s
        for junk in ["\\textbf", "\\text", "\\mathrm", "\\mathbf", "$", "{", "}", "\\qquad", "\\quad", "~"] { t = t.replacingAll(junk, with: " ") }
        t = t.trimmedSpaces
        var rest = Substring(t)
        var paren = false
        if rest.first == "(" { rest = rest.dropFirst(); paren = true }
        guard let ch = rest.first, ch.isUppercase, ch.isASCII, ch.isLetter else { return nil }
        rest = rest.dropFirst()
        if paren { guard rest.first == ")" else { return nil }; rest = rest.dropFirst() }
        if let n = rest.first, n.isLetter || n.isNumber && !paren || n == "_" || n == "^" { return nil }
        if !paren, !String(rest).trimmedSpaces.isEmpty, !rest.hasPrefix(".") && !rest.hasPrefix(")") { return nil }
        return (ch, String(rest).trimmedSpaces)
    }

    static func isChoiceLetter(_ s: String) -> Bool { letter(of: s) != nil }

    /// Short answer vs gold letter; nil when the gold is not a choice letter.
    static func grade(gold: String, answer: String) -> Verdict? {
        guard let (g, goldRest) = letter(of: gold) else { return nil }
        if let (a, _) = letter(of: answer) {
            return a == g ? .equivalent(.choice) : .different("different choice")
        }
        if !goldRest.isEmpty { return nil }
        return .different("answer is not a choice letter")
    }

    /// Whole response vs gold letter: a box, then "answer is X", then the first standalone capital letter.
    static func gradeResponse(gold: String, response: String) -> Verdict {
        guard let (g, _) = letter(of: gold) else { return .undecided("not a choice") }
        if let box = AnswerExtractor.allBoxes(Array(response.utf8)).last {
            if let (a, _) = letter(of: box.content) { return a == g ? .equivalent(.choice) : .different("different choice") }
        }
        let chars = Array(response)
        func standalone(_ i: Int) -> Bool {
            chars[i].isUppercase && chars[i].isASCII && (i == 0 || !chars[i - 1].isLetter)
                && (i + 1 >= chars.count || !chars[i + 1].isLetter)
        }
        let lower = response.lowercased()
        if let r = lower.range(of: "answer is") ?? lower.range(of: "answer:") {
            let offset = lower.distance(from: lower.startIndex, to: r.upperBound)
            var i = offset
            while i < chars.count, chars[i] == " " || chars[i] == "(" || chars[i] == "$" || chars[i] == "*" { i += 1 }
            if i < chars.count, standalone(i) { return chars[i] == g ? .equivalent(.choice) : .different("different choice") }
        }
        for i in chars.indices where standalone(i) && chars[i] != "I" {
            return chars[i] == g ? .equivalent(.choice) : .different("different choice")
        }
        return .different("no choice letter found")
    }
}
