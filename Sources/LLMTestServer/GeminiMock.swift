import CurateCore
import Foundation

/// A Gemini-shaped (and OpenAI-compatible) responder for ``TestHTTPServer``: a deterministic toy model with
/// configurable latency and transient failures, used by the extraction tests and `bench/extract.sh`.
///
/// The toy model reads the user text of a request: a problem that asks to prove or show something is a proof;
/// otherwise the answer is the last integer of the text after "Solution:", and no integer means no answer. With
/// `candidateCount`/`n` above 1 every candidate agrees, unless the text contains `[disagree]`.
public enum GeminiMock {
    /// Latency and failure settings.
    public struct Behaviour: Sendable {
        /// Seconds before every reply.
        public var latency: Double
        /// Fraction of requests (0…1) answered with a transient error: 429 with RetryInfo and 503, alternately.
        public var errorRate: Double
        /// The `RetryInfo.retryDelay` of a 429, e.g. "0.2s".
        public var retryDelay: String
        /// Seed of the error draw (the same seed fails the same request numbers).
        public var seed: UInt64

        /// Creates a behaviour.
        public init(latency: Double = 0, errorRate: Double = 0, retryDelay: String = "0.2s", seed: UInt64 = 1) {
            self.latency = latency
            self.errorRate = errorRate
            self.retryDelay = retryDelay
            self.seed = seed
        }
    }

    /// A handler that answers like the toy model, with the behaviour's latency and transient errors.
    public static func handler(_ behaviour: Behaviour) -> @Sendable (ReceivedRequest) -> ScriptedReply {
        return { request in
            if behaviour.errorRate > 0, draw(seed: behaviour.seed, index: request.index) < behaviour.errorRate {
                let body =
                    request.index % 2 == 0
                    ? errorBody(
                        code: 429, status: "RESOURCE_EXHAUSTED", message: "Resource has been exhausted (e.g. check quota).",
                        retryDelay: behaviour.retryDelay)
                    : errorBody(code: 503, status: "UNAVAILABLE", message: "The model is overloaded. Please try again later.")
                return .respond(status: request.index % 2 == 0 ? 429 : 503, headers: [], body: body, delay: behaviour.latency)
            }
            return modelReply(to: request, delay: behaviour.latency)
        }
    }

    /// The toy model's reply to a generateContent or chat/completions request (400 for a body it cannot read).
    public static func modelReply(to request: ReceivedRequest, delay: Double = 0) -> ScriptedReply {
        guard let json = try? JSONValue.parse(request.body) else {
            return .respond(
                status: 400, headers: [], body: errorBody(code: 400, status: "INVALID_ARGUMENT", message: "Invalid JSON payload received."),
                delay: delay)
        }
        let openAI = request.path.hasSuffix("/chat/completions")
        let text = openAI ? openAIUserText(json) : geminiUserText(json)
        let count = openAI ? intValue(json["n"]) ?? 1 : intValue(json["generationConfig"]?["candidateCount"]) ?? 1
        let texts = (0..<max(1, count)).map { answerJSON(for: text, candidate: $0) }
        let body = openAI ? openAIBody(texts: texts, promptTokens: text.utf8.count / 4) : geminiBody(texts: texts, promptTokens: text.utf8.count / 4)
        return .respond(status: 200, headers: [], body: body, delay: delay)
    }

    /// The JSON text the toy model answers for a user text.
    static func answerJSON(for text: String, candidate: Int) -> String {
        if let rewrite = rewriteJSON(for: text) { return rewrite }
        let parts = text.components(separatedBy: "Solution:")
        let problem = parts[0].lowercased()
        if problem.contains("prove") || problem.contains("show that") {
            return #"{"answer": null, "kind": "proof"}"#
        }
        let solution = parts.count > 1 ? parts[parts.count - 1] : text
        let numbers = solution.split { !$0.isNumber }.filter { !$0.isEmpty }
        guard var answer = numbers.last.flatMap({ Int($0) }) else { return #"{"answer": null, "kind": "no-answer"}"# }
        if text.contains("[disagree]") { answer += candidate }
        // A benchmark's row tag travels back in the reply, so its cache entries can be traced to rows.
        if let row = rowMarker(in: text) { return #"{"answer": "\#(answer)", "kind": "final-answer", "row": "\#(row)"}"# }
        return #"{"answer": "\#(answer)", "kind": "final-answer"}"#
    }

    /// A multiple-choice rewrite (the user text has "Correct choice: X"): the chosen choice's value, and the
    /// statement with "Which of the following" turned into "What".
    static func rewriteJSON(for text: String) -> String? {
        guard let marker = text.range(of: "Correct choice: ") else { return nil }
        let letter = text[marker.upperBound...].prefix(1)
        let lines = text.components(separatedBy: "\n")
        guard let choice = lines.first(where: { $0.hasPrefix("(\(letter)) ") }) else { return #"{"problem": null, "answer": null, "kind": "no-answer"}"# }
        let value = choice.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "$ "))
        let problem = (lines.firstIndex(of: "Problem:").map { lines[$0 + 1] } ?? "").replacingOccurrences(of: "Which of the following", with: "What")
        return JSONValue.object([("problem", .string(problem)), ("answer", .string(value)), ("kind", .string("final-answer"))]).serialized()
    }

    /// A generateContent response body with one candidate per text, each ending with `finishReason`.
    public static func geminiBody(texts: [String], finishReason: String = "STOP", promptTokens: Int = 12) -> [UInt8] {
        let candidates = texts.enumerated().map { index, text in
            JSONValue.object([
                ("content", .object([("parts", .array([.object([("text", .string(text))])])), ("role", .string("model"))])),
                ("finishReason", .string(finishReason)), ("index", .number(String(index))),
            ])
        }
        let out = texts.reduce(0) { $0 + $1.utf8.count / 4 }
        return Array(
            JSONValue.object([
                ("candidates", .array(candidates)),
                (
                    "usageMetadata",
                    .object([
                        ("promptTokenCount", .number(String(promptTokens))), ("candidatesTokenCount", .number(String(out))),
                        ("totalTokenCount", .number(String(promptTokens + out))),
                    ])
                ),
                ("modelVersion", .string("mock-1")),
            ]).serialized().utf8)
    }

    /// A chat.completion response body with one choice per text.
    public static func openAIBody(texts: [String], finishReason: String = "stop", promptTokens: Int = 12) -> [UInt8] {
        let choices = texts.enumerated().map { index, text in
            JSONValue.object([
                ("index", .number(String(index))),
                ("message", .object([("role", .string("assistant")), ("content", .string(text))])),
                ("finish_reason", .string(finishReason)),
            ])
        }
        let out = texts.reduce(0) { $0 + $1.utf8.count / 4 }
        return Array(
            JSONValue.object([
                ("object", .string("chat.completion")), ("choices", .array(choices)),
                (
                    "usage",
                    .object([
                        ("prompt_tokens", .number(String(promptTokens))), ("completion_tokens", .number(String(out))),
                        ("total_tokens", .number(String(promptTokens + out))),
                    ])
                ),
            ]).serialized().utf8)
    }

    /// A Google API error body; with `retryDelay`, a `google.rpc.RetryInfo` detail.
    public static func errorBody(code: Int, status: String, message: String, retryDelay: String? = nil) -> [UInt8] {
        var details: [JSONValue] = []
        if let retryDelay {
            details.append(.object([("@type", .string("type.googleapis.com/google.rpc.RetryInfo")), ("retryDelay", .string(retryDelay))]))
        }
        var error: [(String, JSONValue)] = [("code", .number(String(code))), ("message", .string(message)), ("status", .string(status))]
        if !details.isEmpty { error.append(("details", .array(details))) }
        return Array(JSONValue.object([("error", .object(error))]).serialized().utf8)
    }

    private static func geminiUserText(_ json: JSONValue) -> String {
        guard case .array(let contents)? = json["contents"] else { return "" }
        return contents.compactMap { content -> String? in
            guard case .array(let parts)? = content["parts"] else { return nil }
            return parts.compactMap { part -> String? in if case .string(let s)? = part["text"] { return s } else { return nil } }.joined()
        }.joined(separator: "\n")
    }

    private static func openAIUserText(_ json: JSONValue) -> String {
        guard case .array(let messages)? = json["messages"] else { return "" }
        return messages.compactMap { message -> String? in
            guard case .string("user")? = message["role"], case .string(let s)? = message["content"] else { return nil }
            return s
        }.joined(separator: "\n")
    }

    private static func intValue(_ value: JSONValue?) -> Int? {
        if case .number(let s)? = value { return Int(s) }
        return nil
    }

    /// The first `[row-N]` tag in a request body (benchmarks tag their synthetic problems to follow them).
    public static func rowMarker(in text: String) -> String? {
        guard let start = text.range(of: "[row-") else { return nil }
        guard let end = text[start.upperBound...].firstIndex(of: "]") else { return nil }
        return String(text[start.lowerBound...end])
    }

    /// A uniform number in [0, 1) from (seed, index): the `index`-th SplitMix64 output of `seed`, computed directly.
    static func draw(seed: UInt64, index: Int) -> Double {
        Double(SplitMix64.mix(seed &+ UInt64(index) &* SplitMix64.increment) >> 11) / Double(1 << 53)
    }
}
