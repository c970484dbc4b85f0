import CurateCore

/// Which wire protocol a server speaks.
public enum LLMAPI: String, Sendable, CaseIterable {
    /// Gemini `POST {base}/v1beta/models/{model}:generateContent`, key in `x-goog-api-key`.
    case gemini
    /// OpenAI-compatible `POST {base}/chat/completions`, key as a bearer token.
    case openai
}

/// One model call as the extraction stage asks for it, independent of the wire protocol.
///
/// Its ``cacheKey`` is a SHA-256 of the canonical request: protocol, model, prompts, generation settings and the
/// prompt file's version. The API key is never part of it.
public struct CompletionRequest: Sendable {
    /// The model name, e.g. `gemini-2.5-flash`.
    public var model: String
    /// The system instruction.
    public var system: String
    /// The user message.
    public var user: String
    /// Sampling temperature.
    public var temperature: Double
    /// Number of candidates (Gemini `candidateCount`, OpenAI `n`).
    public var candidates: Int
    /// Output token limit.
    public var maxOutputTokens: Int
    /// The JSON shape the reply must have (Gemini `responseSchema`, OpenAPI subset); nil for free text.
    public var responseSchema: JSONValue?
    /// Hash of the prompt file the prompts came from: a new prompt version is a new request.
    public var promptVersion: String

    /// Creates a request.
    public init(model: String, system: String, user: String, temperature: Double = 0, candidates: Int = 1,
                maxOutputTokens: Int = 512, responseSchema: JSONValue? = nil, promptVersion: String) {
        self.model = model
        self.system = system
        self.user = user
        self.temperature = temperature
        self.candidates = candidates
        self.maxOutputTokens = maxOutputTokens
        self.responseSchema = responseSchema
        self.promptVersion = promptVersion
    }

    /// SHA-256 (hex) of the canonical form of this request for `api`.
    public func cacheKey(api: LLMAPI) -> String {
        let canonical = JSONValue.object([
            ("api", .string(api.rawValue)), ("model", .string(model)), ("promptVersion", .string(promptVersion)),
            ("system", .string(system)), ("user", .string(user)), ("temperature", .number(String(temperature))),
            ("candidates", .number(String(candidates))), ("maxOutputTokens", .number(String(maxOutputTokens))),
            ("responseSchema", responseSchema ?? .null),
        ]).serialized(sortedKeys: true)
        return SHA256.hex(of: Array(canonical.utf8))
    }
}

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
