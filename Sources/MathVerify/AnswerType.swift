import MathAlgebra
import MathSyntax

/// The kind of a final answer, for gradability reports.
public enum AnswerType: String, Hashable, Sendable, CaseIterable {
    /// `42`, `-7`, `1011_2`
    case integer
    /// `\frac{3}{4}`, `7\frac{1}{2}`
    case rational
    /// `0.25`, `3.2e5`, `0.\overline{3}`
    case decimal
    /// A constant with radicals, π, e, i, logs or trig values: `2\sqrt{3}`, `\frac{\pi}{2}`
    case closedForm = "closed form"
    /// An expression in variables: `x^2+1`
    case expression
    /// `[0, 1)`, `(-\infty, 3) \cup (4, \infty)`, `x \in [a, b]`
    case interval
    /// `\{1, 2\}` or a list of solutions `1, 2`
    case set
    /// `(1, 2, 3)`
    case tuple
    /// `\begin{pmatrix}…\end{pmatrix}`
    case matrix
    /// `y = 2x + 3`
    case equation
    /// `x \le 5`, `-2 < x < 7`
    case inequality
    /// `(C)`, `\textbf{(C) }12`
    case multipleChoice = "multiple choice"
    /// A short text answer: `\text{Evelyn}`
    case text
}

/// Whether an answer can be graded automatically, and as what.
public enum Gradability: Hashable, Sendable, CustomStringConvertible {
    /// Gradable, with its type.
    case gradable(AnswerType)
    /// Not gradable, with the reason.
    case notGradable(String)

    /// `gradable: type` or `not gradable: reason`.
    public var description: String {
        switch self {
        case .gradable(let t): return "gradable: \(t.rawValue)"
        case .notGradable(let r): return "not gradable: \(r)"
        }
    }
}

/// Classifies answers by type and automatic gradability.
///
/// Example: `AnswerClassifier.classify("\\frac{3}{4}")` is `.gradable(.rational)`.
public enum AnswerClassifier {
    /// Classifies a gold answer (a worked solution is reduced to its boxed answer first).
    /// - Parameter answer: LaTeX or plain text.
    /// - Returns: the type, or the reason it is not gradable (empty, syntax error, long prose, open sequences).
    public static func classify(_ answer: String) -> Gradability {
        let text = AnswerExtractor.prepareShortAnswer(answer)
        if text.trimmedSpaces.isEmpty { return .notGradable("empty answer") }
        if ChoiceGrading.isChoiceLetter(text) { return .gradable(.multipleChoice) }
        let parsed = Parser.parse(text)
        guard let e = parsed.expr else { return .notGradable("nothing to parse") }
        // A gold cut off before its last brace (4 Omni-MATH answers, `\frac{11}{2^{20}`) is read as closed, as the
        // grader reads a gold's tree; any other syntax error makes it not gradable.
        if !parsed.isSuccessButForUnclosedGroups {
            let msg = parsed.diagnostics.first { $0.severity == .error }?.message ?? "syntax error"
            return .notGradable("syntax error: \(msg)")
        }
        return classify(expr: e, depth: 0)
    }

    static func classify(expr e: Expr, depth: Int) -> Gradability {
        if depth > 16 { return .notGradable("too deeply nested") }
        if containsEllipsis(e, depth: 0) { return .notGradable("open-ended sequence (\\ldots)") }
        switch e.view {
        case .text(let t):
            let words = t.split(separator: " ").count
            return words <= 4 ? .gradable(.text) : .notGradable("free-form text (\(words) words)")
        case .number(let n):
            if n.isInteger || n.base != 10 { return .gradable(.integer) }
            return .gradable(.decimal)
        case .negate(let x), .postfix(_, let x):
            return classify(expr: x, depth: depth + 1)
        case .relation(let xs, let ops):
            if ops == [.member] { return .gradable(.interval) }
            if ops.allSatisfy({ $0 == .eq }) {
                if let v = Normalize.valueOfAssignment(xs, ops), !v.hasFreeSymbols { return classify(expr: v, depth: depth + 1) }
                return .gradable(.equation)
            }
            if ops.contains(.other) { return .notGradable("relation \(ops.map(\.rawValue))") }
            return .gradable(.inequality)
        case .tuple(let xs, let o, let c):
            if xs.count == 2, o != "(" || c != ")" || xs.contains(where: { IntervalForm.isInfinity($0) != nil }) {
                return .gradable(.interval)
            }
            return .gradable(.tuple)
        case .union: return .gradable(.interval)
        case .set, .list, .plusMinus: return .gradable(.set)
        case .matrix: return .gradable(.matrix)
        case .ratio: return .gradable(.tuple)
        case .ellipsis: return .notGradable("open-ended sequence (\\ldots)")
        default:
            if e.hasFreeSymbols { return .gradable(.expression) }
            var budget = Budget()
            if let p = try? CanonicalForm.polynomial(e, budget: &budget), let v = p.constantValue {
                return .gradable(v.isInteger ? .integer : .rational)
            }
            return .gradable(.closedForm)
        }
    }

    static func containsEllipsis(_ e: Expr, depth: Int) -> Bool {
        if depth > 32 { return false }
        if case .ellipsis = e.view { return true }
        return e.anyChild { containsEllipsis($0, depth: depth + 1) }
    }
}
