import CurateLLM

/// Where and how `curate extract` calls a model.
public struct ModelSettings: Sendable {
    /// Wire protocol.
    public var api: LLMAPI
    /// Server base URL.
    public var baseURL: String
    /// Model name.
    public var model: String
    /// The API key (from the environment; never stored or logged).
    public var apiKey: String
    /// Candidates per request; above 1, disagreeing answers are marked for review.
    public var samples: Int
    /// Sampling temperature.
    public var temperature: Double
    /// Output token limit per candidate.
    public var maxOutputTokens: Int
    /// Concurrency, pacing, retries, timeouts, cache bypass.
    public var runner: CompletionRunnerSettings

    /// Creates settings.
    public init(
        api: LLMAPI, baseURL: String, model: String, apiKey: String, samples: Int = 1, temperature: Double = 0,
        maxOutputTokens: Int = 1024, runner: CompletionRunnerSettings = CompletionRunnerSettings()
    ) {
        self.api = api
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.samples = samples
        self.temperature = temperature
        self.maxOutputTokens = maxOutputTokens
        self.runner = runner
    }
}
