/// Which wire protocol a server speaks.
public enum LLMAPI: String, Sendable, CaseIterable {
    /// Gemini `POST {base}/v1beta/models/{model}:generateContent`, key in `x-goog-api-key`.
    case gemini
    /// OpenAI-compatible `POST {base}/chat/completions`, key as a bearer token.
    case openai
}
