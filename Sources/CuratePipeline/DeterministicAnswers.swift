import CurateCore
import CurateStore
import MathVerify

/// The answers extraction can decide without a model, in this order:
/// 1. a row without an answer whose official solution has a `\boxed{}` answer takes the last one (boxes that the
///    solution writes side by side join into a list, as `curate grade` does);
/// 2. a row with neither an answer nor a solution cannot be extracted: `no-answer`, origin `none`;
/// 3. a multiple-choice row with a letter becomes free form with the chosen choice's value as its answer, when the
///    choice is a gradable math value and the statement does not refer to its choices ("which of the following").
/// Everything else needs the model: a solution without a box, or a statement to rewrite without its choices.
/// (Answer keys are joined before this pass by `Store.applyAnswerKeys`.)
public enum DeterministicAnswers {
    /// What the pass makes of one row.
    public enum Decision: Sendable, Equatable {
        /// Decided here.
        case decided(ExtractionRecord)
        /// The model must extract the answer from the solution.
        case needsAnswer
        /// The model must rewrite the multiple-choice statement as free form.
        case needsRewrite
    }

    /// The decision for one candidate.
    public static func decide(_ row: ExtractionCandidate) -> Decision {
        // Candidates with an answer are multiple-choice rows holding a letter.
        if let letter = row.answer { return decideChoice(row, letter: letter) }
        guard let solution = row.solution, !solution.trimmedWhitespace.isEmpty else {
            return .decided(
                ExtractionRecord(
                    problemID: row.id, status: .noAnswer, origin: .nowhere,
                    reason: "the source gives neither an answer nor a solution"))
        }
        if let boxed = AnswerExtractor.extract(from: solution, options: ExtractionOptions(strict: true)), !boxed.trimmedWhitespace.isEmpty {
            return .decided(ExtractionRecord(problemID: row.id, status: .answered, origin: .solutionBoxed, answer: boxed.trimmedWhitespace))
        }
        return .needsAnswer
    }

    /// The value of the choice a multiple-choice row's letter names (dollar signs removed), when known.
    public static func choiceValue(_ row: ExtractionCandidate) -> String? {
        guard let letter = row.answer, letter.count == 1, let scalar = letter.unicodeScalars.first else { return nil }
        let index = Int(scalar.value) - 65
        guard index >= 0, index < row.choices.count else { return nil }
        let value = stripDollars(row.choices[index])
        return value.isEmpty ? nil : value
    }

    private static func decideChoice(_ row: ExtractionCandidate, letter: String) -> Decision {
        guard let value = choiceValue(row), !refersToChoices(row.problem), isMathValue(value) else { return .needsRewrite }
        return .decided(
            ExtractionRecord(
                problemID: row.id, status: .answered, origin: .choiceValue, answer: value,
                problem: row.problem, reason: "choice \(letter)"))
    }

    /// True when the statement cannot stand without its choices.
    static func refersToChoices(_ problem: String) -> Bool {
        let text = problem.lowercased()
        return [
            "the following", "of these", "which statement", "which one", "which is", "which are", "could be", "must be",
            "answer choice", "(a)", "none of",
        ].contains { text.contains($0) }
    }

    /// True when the choice is a value the engine grades as math (not prose).
    static func isMathValue(_ value: String) -> Bool {
        guard case .gradable(let type) = AnswerClassifier.classify(value) else { return false }
        return type != .text && type != .multipleChoice
    }

    /// `$\frac12$` → `\frac12`: a choice written as one inline math span.
    static func stripDollars(_ s: String) -> String {
        var t = s.trimmedWhitespace
        if t.hasPrefix("$"), t.hasSuffix("$"), t.count >= 2 {
            t = String(t.dropFirst().dropLast())
            if t.hasPrefix("$"), t.hasSuffix("$"), t.count >= 2 { t = String(t.dropFirst().dropLast()) }
            if t.contains("$") { return s.trimmedWhitespace }
        }
        return t.trimmedWhitespace
    }
}
