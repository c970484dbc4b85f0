/// One candidate reply: its text and why generation stopped.
public struct CompletionCandidate: Sendable, Equatable {
    /// The text (parts concatenated; thought parts skipped).
    public var text: String
    /// `STOP`, `MAX_TOKENS`, `SAFETY`, `RECITATION`, … (OpenAI reasons mapped to these names).
    public var finishReason: String

    /// Creates a candidate.
    public init(text: String, finishReason: String) {
        self.text = text
        self.finishReason = finishReason
    }
}

/// A parsed successful reply: its candidates and token usage.
public struct CompletionReply: Sendable {
    /// Candidates in the server's order.
    public var candidates: [CompletionCandidate]
    /// Prompt tokens, as the server counted them.
    public var tokensIn: Int
    /// Output tokens, as the server counted them.
    public var tokensOut: Int

    /// Creates a reply.
    public init(candidates: [CompletionCandidate], tokensIn: Int, tokensOut: Int) {
        self.candidates = candidates
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
    }
}
