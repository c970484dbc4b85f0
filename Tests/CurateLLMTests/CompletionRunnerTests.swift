import CurateCore
import CurateLLM
import CurateStore
import CurateTestSupport
import Foundation
import LLMTestServer
import Testing

/// A server whose replies follow a script per request number; after the script, the toy model answers.
func scriptedServer(_ script: [ScriptedReply]) throws -> TestHTTPServer {
    try TestHTTPServer { request in
        request.index < script.count ? script[request.index] : GeminiMock.modelReply(to: request)
    }
}

func answerJobs(_ count: Int) -> [CompletionJob] {
    (0..<count).map { i in
        CompletionJob(
            id: Int64(i + 1),
            request: CompletionRequest(
                model: "mock", system: "extract", user: "Problem: [row-\(i)] add\nSolution: the sum is \(100 + i)", promptVersion: "test@1"))
    }
}

/// Runs `jobs` against `server`; returns the counts and each job's outcome by id.
func runJobs(
    _ jobs: [CompletionJob], server: TestHTTPServer, store: Store, settings: CompletionRunnerSettings = CompletionRunnerSettings(),
    key: String = "test-key-0123456789"
) async throws -> (LLMRunCounts, [Int64: CompletionOutcome]) {
    let runner = CompletionRunner(
        client: try HTTPClient(), format: LLMWireFormat(api: .gemini, baseURL: server.baseURL), apiKey: key,
        store: store, settings: settings)
    let outcomes = Locked([Int64: CompletionOutcome]())
    let counts = try await runner.run(jobs) { job, outcome in outcomes.update { $0[job.id] = outcome } }
    return (counts, outcomes.value)
}

func quickRetries(_ attempts: Int = 4) -> CompletionRunnerSettings {
    CompletionRunnerSettings(concurrency: 4, retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.05, maxDelay: 2), timeout: 5)
}

@Suite("Completion runner: retries, failures and the request cache over real HTTP")
struct CompletionRunnerTests {
    @Test func a429WaitsForRetryInfoThenSucceeds() async throws {
        let temp = try TemporaryStore()
        let server = try scriptedServer([
            .respond(
                status: 429, headers: [],
                body: GeminiMock.errorBody(
                    code: 429, status: "RESOURCE_EXHAUSTED",
                    message: "quota", retryDelay: "0.4s"), delay: 0)
        ])
        let started = Date()
        let (counts, outcomes) = try await runJobs(answerJobs(1), server: server, store: temp.store, settings: quickRetries())
        #expect(Date().timeIntervalSince(started) >= 0.4)
        #expect(counts.retries == ["http-429": 1])
        #expect(counts.calls == 2)
        guard case let .reply(reply, _, attempts, cached)? = outcomes[1] else {
            Issue.record("no reply")
            return
        }
        #expect(reply.candidates.first?.text == #"{"answer": "100", "kind": "final-answer", "row": "[row-0]"}"#)
        #expect(attempts == 2)
        #expect(!cached)
    }

    @Test func serverErrorsSlowRepliesAndDroppedConnectionsAreRetried() async throws {
        let temp = try TemporaryStore()
        let server = try scriptedServer([
            .respond(status: 503, headers: [], body: GeminiMock.errorBody(code: 503, status: "UNAVAILABLE", message: "overloaded"), delay: 0),
            .respond(status: 200, headers: [], body: [], delay: 3),
            .drop(delay: 0),
        ])
        var settings = quickRetries(6)
        settings.concurrency = 1
        settings.timeout = 0.5
        let (counts, outcomes) = try await runJobs(answerJobs(1), server: server, store: temp.store, settings: settings)
        #expect(counts.retries["http-503"] == 1)
        #expect(counts.retries["timeout"] == 1)
        #expect(counts.retries["connection-lost"] == 1)
        #expect(counts.calls == 4)
        guard case .reply? = outcomes[1] else {
            Issue.record("no reply after the retries")
            return
        }
    }

    @Test func retriesEndInARecordedFailure() async throws {
        let temp = try TemporaryStore()
        let server = try TestHTTPServer { _ in
            .respond(status: 503, headers: [], body: GeminiMock.errorBody(code: 503, status: "UNAVAILABLE", message: "overloaded"), delay: 0)
        }
        let (counts, outcomes) = try await runJobs(answerJobs(2), server: server, store: temp.store, settings: quickRetries(3))
        #expect(counts.calls == 6)
        #expect(counts.failures == ["http-503": 2])
        guard case let .failed(reason, _, attempts)? = outcomes[2] else {
            Issue.record("no failure")
            return
        }
        #expect(reason == "http-503 after 3 attempts")
        #expect(attempts == 3)
    }

    @Test func aMalformedBodyFailsItsRowAndTheRunGoesOn() async throws {
        let temp = try TemporaryStore()
        let server = try scriptedServer([.respond(status: 200, headers: [], body: Array("{not json".utf8), delay: 0)])
        var settings = quickRetries()
        settings.concurrency = 1
        let (counts, outcomes) = try await runJobs(answerJobs(3), server: server, store: temp.store, settings: settings)
        #expect(counts.failures == ["body-not-json": 1])
        guard case .failed(let reason, _, _)? = outcomes[1] else {
            Issue.record("row 1 should have failed")
            return
        }
        #expect(reason == "body-not-json")
        for id: Int64 in [2, 3] {
            guard case .reply? = outcomes[id] else {
                Issue.record("row \(id) has no reply")
                return
            }
        }
    }

    @Test func aForbiddenRequestStopsTheRunWithTheServerMessageAndNoKey() async throws {
        let temp = try TemporaryStore()
        let key = "AIzaSECRET-0123456789"
        let server = try TestHTTPServer { request in
            // A careless server that echoes the key it was sent.
            .respond(
                status: 403, headers: [],
                body: GeminiMock.errorBody(
                    code: 403, status: "PERMISSION_DENIED",
                    message: "key \(request.headers["x-goog-api-key"] ?? "") may not use this model"), delay: 0)
        }
        do {
            _ = try await runJobs(answerJobs(1), server: server, store: temp.store, settings: quickRetries(), key: key)
            Issue.record("a 403 did not stop the run")
        } catch let error as LLMError {
            #expect(error.status == 403)
            #expect(error.message.contains("PERMISSION_DENIED: key [redacted] may not use this model"))
            #expect(!error.description.contains(key))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aFatalErrorOnOneRowStopsTheWholeRunPromptly() async throws {
        let temp = try TemporaryStore()
        let server = try TestHTTPServer { request in
            // Row 3 fails after the rows sent with it (0.05 s) have been answered, so some replies are cached first
            // (failing at once raced them: the stop could come before any reply was stored).
            request.text.contains("[row-3]")
                ? .respond(status: 400, headers: [], body: GeminiMock.errorBody(code: 400, status: "INVALID_ARGUMENT", message: "prompt too long"), delay: 0.5)
                : GeminiMock.modelReply(to: request, delay: 0.05)
        }
        do {
            _ = try await runJobs(answerJobs(20), server: server, store: temp.store, settings: quickRetries())
            Issue.record("a 400 did not stop the run")
        } catch let error as LLMError {
            #expect(error.status == 400)
            #expect(error.message.contains("INVALID_ARGUMENT: prompt too long"))
        }
        // Rows answered before the stop are in the cache.
        #expect(try temp.store.cachedReplyCount() >= 1)
    }

    @Test func aServerThatAsksForTooLongAWaitStopsTheRun() async throws {
        let temp = try TemporaryStore()
        let server = try TestHTTPServer { _ in
            .respond(
                status: 429, headers: [],
                body: GeminiMock.errorBody(
                    code: 429, status: "RESOURCE_EXHAUSTED", message: "daily quota",
                    retryDelay: "3600s"), delay: 0)
        }
        do {
            _ = try await runJobs(answerJobs(3), server: server, store: temp.store, settings: quickRetries())
            Issue.record("a 3600 s wait did not stop the run")
        } catch let error as LLMError {
            #expect(error.message.contains("asks to wait 3600 s"))
        }
    }

    @Test func anUnreachableServerStopsTheRunAfterTheAttempts() async throws {
        let temp = try TemporaryStore()
        let closed = try ClosedPort()
        defer { withExtendedLifetime(closed) {} }  // the port stays held, and refused, until the test ends
        let url = closed.baseURL
        let runner = CompletionRunner(
            client: try HTTPClient(), format: LLMWireFormat(api: .gemini, baseURL: url), apiKey: "k",
            store: temp.store, settings: quickRetries(3))
        do {
            _ = try await runner.run(answerJobs(2)) { _, _ in }
            Issue.record("a closed port did not stop the run")
        } catch let error as LLMError {
            #expect(error.message.contains("after 3 attempts in a row"))
        }
    }

    @Test func aSecondRunIsAnsweredFromTheCache() async throws {
        let temp = try TemporaryStore()
        let server = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour()))
        let (first, _) = try await runJobs(answerJobs(10), server: server, store: temp.store)
        #expect(first.calls == 10)
        #expect(first.cacheHits == 0)
        let (second, outcomes) = try await runJobs(answerJobs(10), server: server, store: temp.store)
        #expect(second.calls == 0)
        #expect(second.cacheHits == 10)
        #expect(server.requests.count == 10)
        guard case .reply(_, _, _, let cached)? = outcomes[5] else {
            Issue.record("no cached reply")
            return
        }
        #expect(cached)
        var refresh = CompletionRunnerSettings()
        refresh.refresh = true
        let (third, _) = try await runJobs(answerJobs(10), server: server, store: temp.store, settings: refresh)
        #expect(third.calls == 10)
    }

    @Test func requestsPerMinuteSpacesTheStarts() async throws {
        let temp = try TemporaryStore()
        let server = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour()))
        var settings = CompletionRunnerSettings(concurrency: 4)
        settings.requestsPerMinute = 600  // one start every 0.1 s
        let started = Date()
        _ = try await runJobs(answerJobs(5), server: server, store: temp.store, settings: settings)
        #expect(Date().timeIntervalSince(started) >= 0.4)
    }
}
