import CurateCore
import MathVerify

/// Decides whether two similar problems are the same problem or siblings made from one template.
///
/// The rule: two problems are *template siblings* when their comparison texts put different numbers in the same
/// places, i.e. each text has a number the other lacks (as multisets of values: `13, 14, 15` against `5, 12, 13`),
/// or when both have answers and the grader finds them different (`080` and `80` are the same answer). A copy that
/// only adds numbers (`$x_1x_2x_3 \ldots x_8$` written out, `$8$ times` for `eight times`, an aside such as
/// `($39$ different opponents)`) is a transcription of the same problem, not a variant. Numbers compare by value
/// (`.500`, `0.500` and `0.5`; `8.0` and `8`). The comparison text (`ProblemText.comparison`) has no diagram code,
/// file names or credits, so only the problem's own numbers count. Siblings are different problems for training
/// and are kept unless `--merge-templates` is given.
/// Example: `TemplateRule.areSiblings("triangle 13-14-15 …", "triangle 5-12-13 …", answerA: nil, answerB: nil)` is true.
public enum TemplateRule {
    /// True when each comparison text has a number the other lacks, or the known answers differ.
    public static func areSiblings(_ a: String, _ b: String, answerA: String?, answerB: String?) -> Bool {
        difference(a, b, answerA: answerA, answerB: answerB) != nil
    }

    /// Why two comparison texts are siblings (for `curate dedup --explain`): the numbers only each side has, or
    /// the two answers; nil when they are not siblings.
    public static func difference(_ a: String, _ b: String, answerA: String?, answerB: String?) -> String? {
        let (onlyA, onlyB) = unmatched(numbers(in: a), numbers(in: b))
        if !onlyA.isEmpty && !onlyB.isEmpty {
            let byValue = { (x: [String]) in x.sorted { Double($0) ?? 0 < Double($1) ?? 0 }.joined(separator: " ") }
            return "numbers differ: \(byValue(onlyA)) against \(byValue(onlyB))"
        }
        if let answerA, let answerB, answersDiffer(answerA, answerB) { return "answers differ: \(answerA) against \(answerB)" }
        return nil
    }

    /// The numbers of each multiset that the other lacks.
    static func unmatched(_ x: [String], _ y: [String]) -> (onlyX: [String], onlyY: [String]) {
        var onlyY = y
        var onlyX: [String] = []
        for n in x {
            if let k = onlyY.firstIndex(of: n) { onlyY.remove(at: k) } else { onlyX.append(n) }
        }
        return (onlyX, onlyY)
    }

    /// The numbers written in a text (digit runs with a decimal part, `.5` included), as canonical values
    /// (no leading zeros, no trailing fractional zeros: `080` is `80`, `8.0` is `8`, `.500` is `0.5`), sorted.
    static func numbers(in text: String) -> [String] {
        var out: [String] = []
        var run = ""
        var previous: Character = " "
        for c in text {
            if c.isASCII && c.isNumber {
                if run.isEmpty && previous == "." { run = "0." }
                run.append(c)
            } else if c == ".", !run.isEmpty, !run.contains(".") {
                run.append(c)
            } else if !run.isEmpty {
                out.append(canonical(run))
                run = ""
            }
            previous = c
        }
        if !run.isEmpty { out.append(canonical(run)) }
        return out.sorted()
    }

    /// `080` → `80`, `8.0` → `8`, `0.500` → `0.5`, `12.` → `12`.
    private static func canonical(_ number: String) -> String {
        var whole = Substring(number)
        var fraction: Substring = ""
        if let dot = number.firstIndex(of: ".") {
            whole = number[..<dot]
            fraction = number[number.index(after: dot)...]
        }
        while fraction.last == "0" { fraction = fraction.dropLast() }
        while whole.count > 1, whole.first == "0" { whole = whole.dropFirst() }
        if whole.isEmpty { whole = "0" }
        return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    }

    /// Different only when the grader proves it: an undecided pair is not evidence of two problems.
    private static func answersDiffer(_ a: String, _ b: String) -> Bool {
        if case .different = Grader().grade(gold: a, answer: b) { return true }
        return false
    }
}
