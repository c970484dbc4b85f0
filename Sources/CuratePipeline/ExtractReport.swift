import CurateLLM

/// What an extraction run did.
public struct ExtractReport: Sendable {
    /// Rows the run looked at.
    public var candidates = 0
    /// Answers joined from answer keys in this run.
    public var answerKeys = 0
    /// Rows decided without a model, by `status/origin` (e.g. `answered/solution-boxed`).
    public var deterministic: [String: Int] = [:]
    /// Rows that need the model: answers to extract from a solution.
    public var needAnswer = 0
    /// Rows that need the model: multiple-choice statements to rewrite.
    public var needRewrite = 0
    /// Rows the model decided, by status.
    public var model: [String: Int] = [:]
    /// Calls, cache hits, retries, failures, tokens.
    public var calls = LLMRunCounts()

    /// Creates an empty report.
    public init() {}
}
