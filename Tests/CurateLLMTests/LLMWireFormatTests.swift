import CurateCore
import CurateLLM
import CurateTestSupport
import Foundation
import Testing

@Suite("Gemini and OpenAI-compatible request and response shapes")
struct LLMWireFormatTests {
    let gemini = LLMWireFormat(api: .gemini, baseURL: "https://example.test/")

    func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("gemini/\(name)"))))
    }

    func request(_ schema: JSONValue? = nil) -> CompletionRequest {
        CompletionRequest(model: "gemini-2.5-flash", system: "sys", user: "Problem: 1+1", candidates: 2, responseSchema: schema, promptVersion: "p@1")
    }

    @Test func buildsAGenerateContentRequest() throws {
        let schema = JSONValue.object([("type", .string("OBJECT"))])
        let http = gemini.httpRequest(request(schema), apiKey: "k-123", timeout: 30, connectTimeout: 5)
        #expect(http.url == "https://example.test/v1beta/models/gemini-2.5-flash:generateContent")
        #expect(http.headers.contains { $0 == ("x-goog-api-key", "k-123") })
        let body = try JSONValue.parse(http.body)
        #expect(body["systemInstruction"]?["parts"] == .array([.object([("text", .string("sys"))])]))
        #expect(body["generationConfig"]?["candidateCount"] == .number("2"))
        #expect(body["generationConfig"]?["responseMimeType"] == .string("application/json"))
        #expect(body["generationConfig"]?["responseSchema"] == schema)
        guard case .array(let safety)? = body["safetySettings"] else {
            Issue.record("no safetySettings")
            return
        }
        #expect(safety.count == 4 && safety.allSatisfy { $0["threshold"] == .string("BLOCK_NONE") })
        #expect(!String(decoding: http.body, as: UTF8.self).contains("k-123"))
    }

    @Test func buildsAChatCompletionsRequest() throws {
        let openai = LLMWireFormat(api: .openai, baseURL: "https://example.test/v1beta/openai")
        let http = openai.httpRequest(request(.object([])), apiKey: "k-123", timeout: 30, connectTimeout: 5)
        #expect(http.url == "https://example.test/v1beta/openai/chat/completions")
        #expect(http.headers.contains { $0 == ("Authorization", "Bearer k-123") })
        let body = try JSONValue.parse(http.body)
        #expect(body["n"] == .number("2"))
        #expect(body["response_format"]?["type"] == .string("json_object"))
    }

    @Test func cacheKeysFollowTheRequestAndTheServerNotTheKey() {
        let a = request().cacheKey(gemini)
        #expect(a == request().cacheKey(gemini))
        #expect(a != request().cacheKey(LLMWireFormat(api: .openai, baseURL: "https://example.test")))
        #expect(a != request().cacheKey(LLMWireFormat(api: .gemini, baseURL: "http://127.0.0.1:9")))
        var changed = request()
        changed.promptVersion = "p@2"
        #expect(a != changed.cacheKey(gemini))
    }

    @Test func readsTheSample200() throws {
        guard case let .reply(reply, _) = gemini.classify(HTTPResponse(status: 200, body: try fixture("response_200.json"))) else {
            Issue.record("not a reply")
            return
        }
        #expect(reply.candidates == [CompletionCandidate(text: #"{"answer": "204"}"#, finishReason: "STOP")])
        #expect(reply.tokensIn == 12)
        #expect(reply.tokensOut == 35)
    }

    @Test func a429WaitsWhatRetryInfoSays() throws {
        guard case let .transient(reason, wait) = gemini.classify(HTTPResponse(status: 429, body: try fixture("error_429_resource_exhausted.json"))) else {
            Issue.record("not transient")
            return
        }
        #expect(reason == "http-429")
        #expect(wait == 26)
        guard case let .transient(_, none) = gemini.classify(HTTPResponse(status: 429, body: try fixture("error_429_minimal.json"))) else {
            Issue.record("not transient")
            return
        }
        #expect(none == nil)
        guard case let .transient(_, header) = gemini.classify(HTTPResponse(status: 429, headers: ["retry-after": "3"], body: [])) else {
            Issue.record("not transient")
            return
        }
        #expect(header == 3)
    }

    @Test func serverErrorsAreTransientAndClientErrorsFatal() throws {
        guard case .transient(let reason, _) = gemini.classify(HTTPResponse(status: 503, body: try fixture("error_503.json"))) else {
            Issue.record("503 not transient")
            return
        }
        #expect(reason == "http-503")
        guard case let .fatal(status, message) = gemini.classify(HTTPResponse(status: 400, body: try fixture("error_400_api_key_invalid.json"))) else {
            Issue.record("400 not fatal")
            return
        }
        #expect(status == 400)
        #expect(message.contains("API key not valid"))
        let openai = LLMWireFormat(api: .openai, baseURL: "https://x")
        #expect(openai.errorMessage(try fixture("openai_compat_error_429.json")) == "RESOURCE_EXHAUSTED: Resource has been exhausted (e.g. check quota).")
    }

    @Test func unusableRepliesAreRejectedWithTheirReason() {
        func reason(_ body: String) -> String? {
            if case .rejected(let r) = gemini.parseReply(Array(body.utf8)) { return r }
            return nil
        }
        #expect(reason("<html>busy</html>") == "body-not-json")
        #expect(reason(#"{"candidates": []}"#) == "no-candidates")
        #expect(reason(#"{"promptFeedback": {"blockReason": "SAFETY"}}"#) == "prompt-blocked-SAFETY")
        #expect(reason(#"{"candidates": [{"content": {"parts": [{"text": "x"}]}, "finishReason": "RECITATION"}]}"#) == "finish-RECITATION")
        #expect(reason(#"{"candidates": [{"content": {"parts": [{"text": "x"}]}, "finishReason": "MAX_TOKENS"}]}"#) == "finish-MAX_TOKENS")
    }

    @Test func thoughtPartsAreSkipped() {
        let body =
            #"{"candidates": [{"content": {"parts": [{"text": "thinking", "thought": true}, {"text": "{\"answer\": \"7\"}"}]}, "finishReason": "STOP"}]}"#
        guard case let .reply(reply, _) = gemini.parseReply(Array(body.utf8)) else {
            Issue.record("not a reply")
            return
        }
        #expect(reply.candidates.first?.text == #"{"answer": "7"}"#)
    }
}
