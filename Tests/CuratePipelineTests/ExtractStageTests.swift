import CurateCore
import CurateLLM
import CuratePipeline
import CurateStore
import CurateTestSupport
import Foundation
import LLMTestServer
import Testing

func candidate(_ id: Int64, problem: String, solution: String? = nil, choices: [String] = [], answer: String? = nil) -> ExtractionCandidate {
    ExtractionCandidate(id: id, source: "s", problem: problem, solution: solution, choices: choices, answer: answer)
}

@Suite("Deterministic answers: boxed solutions, missing solutions, chosen choices")
struct DeterministicAnswersTests {
    @Test func theLastBoxOfTheSolutionIsTheAnswer() {
        let decision = DeterministicAnswers.decide(candidate(1, problem: "Find x.", solution: "First $\\boxed{3}$ is wrong; so $x = \\boxed{\\frac{1}{2}}$."))
        #expect(decision == .decided(ExtractionRecord(problemID: 1, status: .answered, origin: .solutionBoxed, answer: "\\frac{1}{2}")))
    }

    @Test func aSolutionWithoutABoxNeedsTheModel() {
        #expect(DeterministicAnswers.decide(candidate(1, problem: "Find x.", solution: "So x is 5.")) == .needsAnswer)
    }

    @Test func noSolutionMeansNoAnswer() {
        guard case .decided(let record) = DeterministicAnswers.decide(candidate(1, problem: "Find x.", solution: "  ")) else {
            Issue.record("not decided")
            return
        }
        #expect(record.status == .noAnswer)
        #expect(record.origin == .nowhere)
    }

    @Test func aChoiceValueBecomesTheFreeFormAnswer() {
        let row = candidate(4, problem: "What is $1 + \\frac12$?", choices: ["$1$", "$2$", "$\\frac{3}{2}$", "$3$", "$4$"], answer: "C")
        #expect(
            DeterministicAnswers.decide(row)
                == .decided(
                    ExtractionRecord(
                        problemID: 4, status: .answered, origin: .choiceValue, answer: "\\frac{3}{2}", problem: "What is $1 + \\frac12$?", reason: "choice C")))
    }

    @Test func statementsThatNeedTheirChoicesGoToTheModel() {
        let choices = ["$1$", "$2$", "$3$", "$4$", "$5$"]
        #expect(DeterministicAnswers.decide(candidate(1, problem: "Which of the following is prime?", choices: choices, answer: "B")) == .needsRewrite)
        #expect(DeterministicAnswers.decide(candidate(1, problem: "What is 2?", choices: [], answer: "B")) == .needsRewrite)
        #expect(DeterministicAnswers.decide(candidate(1, problem: "Which day?", choices: ["Monday", "Tuesday"], answer: "B")) == .needsRewrite)
    }
}

@Suite("Model replies: kinds, samples, review")
struct ModelReplyReaderTests {
    func reply(_ texts: [String]) -> CompletionReply {
        CompletionReply(candidates: texts.map { CompletionCandidate(text: $0, finishReason: "STOP") }, tokensIn: 1, tokensOut: 1)
    }

    @Test func oneAnswerDecides() {
        let record = ModelReplyReader.decide(
            rowID: 3, reply: reply([#"```json\#n{"answer": "\\frac{1}{2}", "kind": "final-answer"}\#n```"#]),
            expecting: .init(), requestHash: "h", attempts: 1)
        #expect(record.status == .answered)
        #expect(record.answer == "\\frac{1}{2}")
        #expect(record.samples == nil)
    }

    @Test func equivalentSamplesAgreeAndDifferentOnesGoToReview() {
        let agree = ModelReplyReader.decide(
            rowID: 3,
            reply: reply([
                #"{"answer": "0.5", "kind": "final-answer"}"#,
                #"{"answer": "\\frac12", "kind": "final-answer"}"#,
                #"{"answer": "1/2", "kind": "final-answer"}"#,
            ]),
            expecting: .init(samples: 3), requestHash: "h", attempts: 1)
        #expect(agree.status == .answered)
        #expect(agree.samples == ["0.5", "\\frac12", "1/2"])
        let disagree = ModelReplyReader.decide(
            rowID: 3,
            reply: reply([
                #"{"answer": "2", "kind": "final-answer"}"#,
                #"{"answer": "3", "kind": "final-answer"}"#,
            ]),
            expecting: .init(samples: 2), requestHash: "h", attempts: 1)
        #expect(disagree.status == .review)
        #expect(disagree.reason == "samples disagree: 2 | 3")
    }

    @Test func missingSamplesGoToReview() {
        let record = ModelReplyReader.decide(
            rowID: 1, reply: reply([#"{"answer": "5", "kind": "final-answer"}"#, "garbage"]),
            expecting: .init(samples: 3), requestHash: "h", attempts: 1)
        #expect(record.status == .review)
        #expect(record.reason == "only 1 of 3 samples came back readable")
    }

    @Test func aRewriteMustAgreeWithTheCorrectChoice() {
        let text = #"{"problem": "What is 9?", "answer": "9.0", "kind": "final-answer"}"#
        let agree = ModelReplyReader.decide(
            rowID: 1, reply: reply([text]), expecting: .init(rewrite: true, choiceValue: "9"),
            requestHash: "h", attempts: 1)
        #expect(agree.status == .answered && agree.answer == "9" && agree.problem == "What is 9?")
        let differ = ModelReplyReader.decide(
            rowID: 1, reply: reply([text]), expecting: .init(rewrite: true, choiceValue: "10"),
            requestHash: "h", attempts: 1)
        #expect(differ.status == .review)
    }

    @Test func proofsAndJunk() {
        #expect(
            ModelReplyReader.decide(rowID: 1, reply: reply([#"{"answer": null, "kind": "proof"}"#]), expecting: .init(), requestHash: "h", attempts: 1).status
                == .proof)
        #expect(ModelReplyReader.decide(rowID: 1, reply: reply(["The answer is 5."]), expecting: .init(), requestHash: "h", attempts: 1).status == .failed)
        #expect(
            ModelReplyReader.decide(
                rowID: 1, reply: reply([#"{"answer": "5", "kind": "final-answer"}"#]), expecting: .init(rewrite: true), requestHash: "h", attempts: 1
            ).status == .failed)
    }
}

@Suite("curate extract end to end against the Gemini-shaped server")
struct ExtractStageTests {
    /// A store with: a boxed solution, a solution the model must read, a proof, a row with nothing, a multiple-choice
    /// row answered by its choice, one the model must rewrite, and an answered row extraction leaves alone.
    func seededStore() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        let rows = [
            Problem(source: "s", sourceKey: "1", sourceFile: "s", problem: "[row-1] Find x.", solution: "Thus $x=\\boxed{7}$."),
            Problem(source: "s", sourceKey: "2", sourceFile: "s", problem: "[row-2] Find y.", solution: "Adding, y equals 41."),
            Problem(source: "s", sourceKey: "3", sourceFile: "s", problem: "[row-3] Prove that 2 is prime.", solution: "It has no divisor."),
            Problem(source: "s", sourceKey: "4", sourceFile: "s", problem: "[row-4] Find z."),
            Problem(
                source: "s", sourceKey: "5", sourceFile: "s", problem: "[row-5] What is $2+3$?", choices: ["$4$", "$5$", "$6$", "$7$", "$8$"],
                answer: "B", answerOrigin: .solutionBoxed),
            Problem(
                source: "s", sourceKey: "6", sourceFile: "s", problem: "[row-6] Which of the following is 9?", solution: "Nine is 9.",
                choices: ["$7$", "$8$", "$9$", "$10$", "$11$"], answer: "C", answerOrigin: .solutionBoxed),
            Problem(source: "s", sourceKey: "7", sourceFile: "s", problem: "[row-7] Find w.", answer: "12", answerOrigin: .sourceField),
        ]
        _ = try temp.store.insert(problems: rows, rejects: [])
        return temp
    }

    func settings(_ server: TestHTTPServer, key: String = "test-key-abcdef", samples: Int = 1) -> ModelSettings {
        ModelSettings(
            api: .gemini, baseURL: server.baseURL, model: "mock", apiKey: key, samples: samples,
            runner: CompletionRunnerSettings(concurrency: 4, retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.05), timeout: 5))
    }

    @Test func deterministicFirstThenTheModel() async throws {
        let temp = try seededStore()
        let server = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour()))
        let report = try await ExtractStage.run(store: temp.store, model: settings(server), retryFailed: false, sources: nil)
        #expect(report.candidates == 6)
        #expect(report.deterministic == ["answered/solution-boxed": 1, "no-answer/none": 1, "answered/choice-value": 1])
        #expect(report.needAnswer == 2)
        #expect(report.needRewrite == 1)
        #expect(report.calls.calls == 3)
        #expect(report.model["answered"] == 2)
        #expect(report.model["proof"] == 1)
        #expect(try temp.store.extraction(problemID: 2)?.answer == "41")
        #expect(try temp.store.extraction(problemID: 3)?.status == .proof)
        // The answer reaches the problem row; proofs are kept out of training.
        let exportable = try temp.store.exportableProblems()
        #expect(exportable.map(\.id) == [1, 2, 5, 6, 7])
        #expect(exportable.first { $0.id == 2 }?.answer == "41")
        #expect(exportable.first { $0.id == 5 }?.answer == "5")
        #expect(exportable.first { $0.id == 6 }?.answer == "9")
        #expect(exportable.first { $0.id == 6 }?.problem == "[row-6] What is 9?")
        // A rerun has nothing left to decide and makes no call.
        let again = try await ExtractStage.run(store: temp.store, model: settings(server), retryFailed: false, sources: nil)
        #expect(again.candidates == 0)
        #expect(again.calls.calls == 0)
        #expect(server.requests.count == 3)
    }

    @Test func theOpenAICompatibleEndpointWorksTheSameWay() async throws {
        let temp = try seededStore()
        let server = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour()))
        var openai = settings(server)
        openai.api = .openai
        openai.baseURL = server.baseURL + "/v1beta/openai"
        let report = try await ExtractStage.run(store: temp.store, model: openai, retryFailed: false, sources: nil)
        #expect(report.model == ["answered": 2, "proof": 1])
        #expect(server.requests.allSatisfy { $0.path == "/v1beta/openai/chat/completions" && $0.headers["authorization"] == "Bearer test-key-abcdef" })
        #expect(try temp.store.extraction(problemID: 2)?.answer == "41")
        #expect(report.calls.tokensIn > 0)
    }

    @Test func failedRowsAreRetriedFromTheCacheOrTheServer() async throws {
        let temp = try seededStore()
        let blocked = GeminiMock.geminiBody(texts: ["..."], finishReason: "SAFETY")
        let server = try TestHTTPServer { _ in .respond(status: 200, headers: [], body: blocked, delay: 0) }
        let report = try await ExtractStage.run(store: temp.store, model: settings(server), retryFailed: false, sources: nil)
        #expect(report.model == ["failed": 3])
        #expect(report.calls.failures == ["finish-SAFETY": 3])
        #expect(try temp.store.extraction(problemID: 2)?.reason == "finish-SAFETY")
        // The multiple-choice row that failed keeps its letter out of training.
        #expect(try !temp.store.exportableProblems().map(\.id).contains(6))
        let fixed = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour()))
        let none = try await ExtractStage.run(store: temp.store, model: settings(fixed), retryFailed: false, sources: nil)
        #expect(none.calls.calls == 0)
        let retried = try await ExtractStage.run(store: temp.store, model: settings(fixed), retryFailed: true, sources: nil)
        #expect(retried.calls.calls == 3)
        #expect(try temp.store.extraction(problemID: 2)?.status == .answered)
    }

    @Test func aCachedReplyThatCouldNotBeReadIsAskedAgainOnRetry() async throws {
        let temp = try seededStore()
        let prose = GeminiMock.geminiBody(texts: ["The answer is 41."])
        let server = try TestHTTPServer { _ in .respond(status: 200, headers: [], body: prose, delay: 0) }
        let first = try await ExtractStage.run(store: temp.store, model: settings(server), retryFailed: false, sources: nil)
        #expect(first.model == ["failed": 3])
        #expect(first.calls.failures == ["reply-not-json": 3])
        let fixed = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour()))
        let retried = try await ExtractStage.run(store: temp.store, model: settings(fixed), retryFailed: true, sources: nil)
        #expect(retried.calls.calls == 3)
        #expect(retried.calls.cacheHits == 0)
        #expect(try temp.store.extraction(problemID: 2)?.answer == "41")
    }

    @Test func disagreeingSamplesAreMarkedForReview() async throws {
        let temp = try TemporaryStore()
        _ = try temp.store.insert(
            problems: [
                Problem(source: "s", sourceKey: "1", sourceFile: "s", problem: "Find n. [disagree]", solution: "So n is 10."),
                Problem(source: "s", sourceKey: "2", sourceFile: "s", problem: "Find m.", solution: "So m is 10."),
            ], rejects: [])
        let server = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour()))
        let report = try await ExtractStage.run(store: temp.store, model: settings(server, samples: 3), retryFailed: false, sources: nil)
        #expect(report.model == ["review": 1, "answered": 1])
        let review = try temp.store.extraction(problemID: 1)
        #expect(review?.samples == ["10", "11", "12"])
        #expect(review?.reason == "samples disagree: 10 | 11 | 12")
        #expect(try temp.store.exportableProblems().map(\.id) == [2])
    }

    @Test func theKeyNeverReachesTheStoreOrTheLog() async throws {
        let temp = try seededStore()
        let key = "AIzaSy-NEVER-STORE-THIS-0123456789"
        let server = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour(errorRate: 0.3, retryDelay: "0.05s")))
        let lines = Locked([String]())
        _ = try await ExtractStage.run(
            store: temp.store, model: settings(server, key: key), retryFailed: false, sources: nil,
            log: { line in lines.update { $0.append(line) } })
        #expect(server.requests.allSatisfy { $0.headers["x-goog-api-key"] == key })
        #expect(!lines.value.isEmpty)
        #expect(!lines.value.joined(separator: "\n").contains(key))
        for suffix in ["", "-wal", "-shm"] {
            let path = temp.store.path + suffix
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            #expect(bytes.range(of: Data(key.utf8)) == nil, "the key is in \(path)")
        }
    }
}
