import CurateCore

/// One model call as the extraction stage asks for it, independent of the wire protocol.
///
/// Its cache key is a SHA-256 of the canonical request: endpoint URL, protocol, model, prompts, generation settings
/// and the prompt file's version. The API key is never part of it.
///
/// Example: `CompletionRequest(model: "gemini-2.5-flash", system: prompt.system, user: text, promptVersion: prompt.version)`.
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
    public init(
        model: String, system: String, user: String, temperature: Double = 0, candidates: Int = 1,
        maxOutputTokens: Int = 512, responseSchema: JSONValue? = nil, promptVersion: String
    ) {
        self.model = model
        self.system = system
        self.user = user
        self.temperature = temperature
        self.candidates = candidates
        self.maxOutputTokens = maxOutputTokens
        self.responseSchema = responseSchema
        self.promptVersion = promptVersion
    }

    /// SHA-256 (hex) of the canonical form of this request sent in `format` (its endpoint URL included, so a reply
    /// of one server is never reused for another).
    public func cacheKey(_ format: LLMWireFormat) -> String {
        let canonical = JSONValue.object([
            ("endpoint", .string(format.endpoint(model: model))), ("api", .string(format.api.rawValue)), ("model", .string(model)),
            ("promptVersion", .string(promptVersion)),
            ("system", .string(system)), ("user", .string(user)), ("temperature", .number(String(temperature))),
            ("candidates", .number(String(candidates))), ("maxOutputTokens", .number(String(maxOutputTokens))),
            ("responseSchema", responseSchema ?? .null),
        ]).serialized(sortedKeys: true)
        return SHA256.hex(of: Array(canonical.utf8))
    }
}
