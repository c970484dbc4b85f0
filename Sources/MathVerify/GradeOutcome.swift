/// What a candidate is graded as: a final answer, or a whole model response to extract one from.
public enum Candidate: Sendable, Equatable {
    /// A final answer, compared as written.
    case answer(String)
    /// A whole model response; its final answer is extracted first (see `ExtractionOptions`).
    case response(String)
}

/// The kind of a verdict, as every door of the grader reports it (`"equivalent"`, `"different"`, `"undecided"`).
public enum VerdictKind: String, Sendable, CaseIterable {
    /// The answer is equivalent to a gold answer.
    case equivalent
    /// The answer is not equivalent.
    case different
    /// The grader could not decide (counts as not equivalent for rewards).
    case undecided
}

/// One graded pair in the fields that `curate grade --jsonl`, `curate serve` and the C library all report.
///
/// Example: `Grader().outcome(golds: ["42"], candidate: .response("so \\boxed{42}")).extracted == "42"`.
public struct GradeOutcome: Sendable, Equatable {
    /// The verdict against the best-matching gold answer.
    public var verdict: Verdict
    /// The final answer that was compared: the answer itself, or what extraction found (nil: none found).
    public var extracted: String?

    /// Creates an outcome.
    public init(verdict: Verdict, extracted: String?) {
        self.verdict = verdict
        self.extracted = extracted
    }

    /// True only for an equivalent verdict: the reward's "right".
    public var isEquivalent: Bool { verdict.isEquivalent }

    /// The verdict's kind.
    public var kind: VerdictKind {
        switch verdict {
        case .equivalent: return .equivalent
        case .different: return .different
        case .undecided: return .undecided
        }
    }

    /// The strategy that proved an equivalence, or why the pair differs or is undecided.
    public var reason: String {
        switch verdict {
        case .equivalent(let strategy): return strategy.rawValue
        case .different(let reason), .undecided(let reason): return reason
        }
    }

    /// True when no final answer could be found in a response: the reward's "no answer" (format error).
    public var foundNoAnswer: Bool { extracted == nil }
}

extension Grader {
    /// Grades a candidate against one or more gold answers (equivalent to any of them counts).
    ///
    /// Several golds: the first equivalent verdict wins; else the first undecided one; else the first verdict.
    /// - Parameters:
    ///   - golds: the gold answers; at least one (an empty list gives `undecided("no gold answer")`).
    ///   - candidate: the answer or response to grade.
    /// - Returns: the verdict and the answer that was compared.
    /// - Complexity: one extraction (for a response) and one comparison per gold, each bounded by `Budget`.
    public func outcome(golds: [String], candidate: Candidate) -> GradeOutcome {
        guard !golds.isEmpty else { return GradeOutcome(verdict: .undecided("no gold answer"), extracted: nil) }
        switch candidate {
        case .answer(let answer):
            return GradeOutcome(verdict: Grader.best(golds.map { grade(gold: $0, answer: answer) }), extracted: answer)
        case .response(let response):
            let extracted = AnswerExtractor.extract(from: response, options: options.extraction)
            let verdicts = golds.map { grade(gold: $0, response: response, extracted: { extracted }) }
            return GradeOutcome(verdict: Grader.best(verdicts), extracted: extracted)
        }
    }

    /// One gold answer: `outcome(golds: [gold], candidate:)`.
    public func outcome(gold: String, candidate: Candidate) -> GradeOutcome {
        outcome(golds: [gold], candidate: candidate)
    }

    /// Equivalent to any gold wins; else undecided if any; else the first verdict. `verdicts` is not empty.
    static func best(_ verdicts: [Verdict]) -> Verdict {
        if verdicts.count == 1 { return verdicts[0] }
        if let yes = verdicts.first(where: \.isEquivalent) { return yes }
        if let maybe = verdicts.first(where: { if case .undecided = $0 { return true } else { return false } }) { return maybe }
        return verdicts[0]
    }
}
