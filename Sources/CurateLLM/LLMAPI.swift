/// Which wire protocol a server speaks.
public enum LLMAPI: String, Sendable, CaseIterable {
    /// Gemini `POST {base}/v1beta/models/{model}:generateContent`, key in `x-goog-api-key`.
    case gemini
    /// OpenAI-compatible `POST {base}/chat/completions`, key as a bearer token.
    case openai

    /// The server used when none is given: Google's Gemini API, natively or through its OpenAI-compatible endpoint.
    public var defaultBaseURL: String {
        switch self {
        case .gemini: return "https://generativelanguage.googleapis.com"
        case .openai: return "https://generativelanguage.googleapis.com/v1beta/openai"
        }
    }
}
