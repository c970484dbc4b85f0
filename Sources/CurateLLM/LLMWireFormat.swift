import CurateCore
import Foundation

/// What one HTTP attempt at a model call came to.
public enum AttemptResult: Sendable {
    /// A usable reply (at least one candidate that finished normally), with the raw body for the cache.
    case reply(CompletionReply, body: String)
    /// Worth retrying: 429, 5xx, a timeout or a dropped connection. `retryAfter` is the server's wait, in seconds.
    case transient(reason: String, retryAfter: Double?)
    /// The call was answered but gives no usable reply (not JSON, no candidates, blocked, cut off): recorded on the
    /// row, not retried in this run.
    case rejected(reason: String)
    /// The request itself is wrong (400, 403, 404, …): the run stops with the server's message.
    case fatal(status: Int, message: String)
}

/// Builds HTTP requests for a protocol and reads its responses: the Gemini and OpenAI-compatible shapes.
///
/// Example: `let format = LLMWireFormat(api: .gemini, baseURL: "https://generativelanguage.googleapis.com")`, then
/// `format.httpRequest(request, apiKey: key, timeout: 120, connectTimeout: 10)` and `format.classify(response)`.
public struct LLMWireFormat: Sendable {
    /// The protocol.
    public let api: LLMAPI
    /// Base URL without a trailing slash, e.g. `https://generativelanguage.googleapis.com`.
    public let baseURL: String

    /// Creates a format for `api` at `baseURL`.
    public init(api: LLMAPI, baseURL: String) {
        self.api = api
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    /// The endpoint for `model`.
    public func endpoint(model: String) -> String {
        switch api {
        case .gemini: return "\(baseURL)/v1beta/models/\(model):generateContent"
        case .openai: return "\(baseURL)/chat/completions"
        }
    }

    /// The HTTP request for `request`, authenticated with `apiKey`.
    public func httpRequest(_ request: CompletionRequest, apiKey: String, timeout: Double, connectTimeout: Double) -> HTTPRequest {
        var headers = [("Content-Type", "application/json")]
        switch api {
        case .gemini: headers.append(("x-goog-api-key", apiKey))
        case .openai: headers.append(("Authorization", "Bearer \(apiKey)"))
        }
        return HTTPRequest(
            method: "POST", url: endpoint(model: request.model), headers: headers,
            body: Array(body(request).serialized().utf8), connectTimeout: connectTimeout, timeout: timeout)
    }

    /// The JSON body for `request`.
    public func body(_ request: CompletionRequest) -> JSONValue {
        switch api {
        case .gemini:
            var config: [(String, JSONValue)] = [
                ("temperature", .number(String(request.temperature))), ("candidateCount", .number(String(request.candidates))),
                ("maxOutputTokens", .number(String(request.maxOutputTokens))),
            ]
            if let schema = request.responseSchema {
                config.append(("responseMimeType", .string("application/json")))
                config.append(("responseSchema", schema))
            }
            return .object([
                ("systemInstruction", .object([("parts", .array([.object([("text", .string(request.system))])]))])),
                ("contents", .array([.object([("role", .string("user")), ("parts", .array([.object([("text", .string(request.user))])]))])])),
                ("generationConfig", .object(config)),
                // As DeepScaleR's caller did: competition math trips no filter on purpose, and a block loses the row.
                (
                    "safetySettings",
                    .array(
                        [
                            "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_SEXUALLY_EXPLICIT",
                            "HARM_CATEGORY_DANGEROUS_CONTENT",
                        ].map {
                            JSONValue.object([("category", .string($0)), ("threshold", .string("BLOCK_NONE"))])
                        })
                ),
            ])
        case .openai:
            var fields: [(String, JSONValue)] = [
                ("model", .string(request.model)),
                (
                    "messages",
                    .array([
                        .object([("role", .string("system")), ("content", .string(request.system))]),
                        .object([("role", .string("user")), ("content", .string(request.user))]),
                    ])
                ),
                ("temperature", .number(String(request.temperature))), ("n", .number(String(request.candidates))),
                ("max_tokens", .number(String(request.maxOutputTokens))),
            ]
            if request.responseSchema != nil { fields.append(("response_format", .object([("type", .string("json_object"))]))) }
            return .object(fields)
        }
    }

    /// Classifies an HTTP response.
    public func classify(_ response: HTTPResponse) -> AttemptResult {
        switch response.status {
        case 200: return parseReply(response.body)
        case 429:
            let wait = retryDelay(response.body) ?? response.headers["retry-after"].flatMap { Double($0) }
            return .transient(reason: "http-429", retryAfter: wait)
        case 500, 502, 503, 504:
            return .transient(reason: "http-\(response.status)", retryAfter: response.headers["retry-after"].flatMap { Double($0) })
        default:
            let body = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return .fatal(
                status: response.status, message: errorMessage(response.body) ?? (body.isEmpty ? "the server sent no error message" : String(body.prefix(300))))
        }
    }

    /// Parses a body that a cache returned or a 200 carried.
    public func parseReply(_ body: [UInt8]) -> AttemptResult {
        guard let json = try? JSONValue.parse(body) else { return .rejected(reason: "body-not-json") }
        let all: [CompletionCandidate]
        let tokensIn: Int
        let tokensOut: Int
        switch api {
        case .gemini:
            guard case .array(let items)? = json["candidates"], !items.isEmpty else {
                if case .string(let blocked)? = json["promptFeedback"]?["blockReason"] { return .rejected(reason: "prompt-blocked-\(blocked)") }
                return .rejected(reason: "no-candidates")
            }
            all = items.map { item in
                var text = ""
                if case .array(let parts)? = item["content"]?["parts"] {
                    for part in parts {
                        if case .bool(true)? = part["thought"] { continue }
                        if case .string(let s)? = part["text"] { text += s }
                    }
                }
                let reason = LLMWireFormat.string(item["finishReason"]) ?? "FINISH_REASON_UNSPECIFIED"
                return CompletionCandidate(text: text, finishReason: reason)
            }
            tokensIn = LLMWireFormat.int(json["usageMetadata"]?["promptTokenCount"])
            tokensOut = LLMWireFormat.int(json["usageMetadata"]?["candidatesTokenCount"])
        case .openai:
            guard case .array(let items)? = json["choices"], !items.isEmpty else { return .rejected(reason: "no-candidates") }
            all = items.map { item in
                let reason = LLMWireFormat.string(item["finish_reason"]) ?? "stop"
                let mapped = ["stop": "STOP", "length": "MAX_TOKENS", "content_filter": "SAFETY"][reason] ?? reason.uppercased()
                return CompletionCandidate(text: LLMWireFormat.string(item["message"]?["content"]) ?? "", finishReason: mapped)
            }
            tokensIn = LLMWireFormat.int(json["usage"]?["prompt_tokens"])
            tokensOut = LLMWireFormat.int(json["usage"]?["completion_tokens"])
        }
        let finished = all.filter { $0.finishReason == "STOP" || $0.finishReason == "FINISH_REASON_UNSPECIFIED" }
        guard !finished.isEmpty else { return .rejected(reason: "finish-\(all[0].finishReason)") }
        return .reply(
            CompletionReply(candidates: finished, tokensIn: tokensIn, tokensOut: tokensOut),
            body: String(decoding: body, as: UTF8.self))
    }

    /// The `message` of a Google or OpenAI error body (an object, or an array of them).
    public func errorMessage(_ body: [UInt8]) -> String? {
        guard var json = try? JSONValue.parse(body) else { return nil }
        if case .array(let items) = json, let first = items.first { json = first }
        guard let message = LLMWireFormat.string(json["error"]?["message"]) else { return nil }
        if let status = LLMWireFormat.string(json["error"]?["status"]) { return "\(status): \(message)" }
        return message
    }

    /// Seconds from a `google.rpc.RetryInfo` detail (`"26s"`, `"0.5s"`).
    func retryDelay(_ body: [UInt8]) -> Double? {
        guard var json = try? JSONValue.parse(body) else { return nil }
        if case .array(let items) = json, let first = items.first { json = first }
        guard case .array(let details)? = json["error"]?["details"] else { return nil }
        for detail in details {
            guard let type = LLMWireFormat.string(detail["@type"]), type.hasSuffix("google.rpc.RetryInfo"),
                var delay = LLMWireFormat.string(detail["retryDelay"])
            else { continue }
            if delay.hasSuffix("s") { delay.removeLast() }
            return Double(delay)
        }
        return nil
    }

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let s)? = value { return s }
        return nil
    }

    static func int(_ value: JSONValue?) -> Int {
        if case .number(let s)? = value { return Int(s) ?? Int(Double(s) ?? 0) }
        return 0
    }
}
