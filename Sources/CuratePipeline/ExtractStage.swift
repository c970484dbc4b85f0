import CurateCore
import CurateLLM
import CurateStore
import Foundation

/// `curate extract`: deterministic answers first (answer keys, the official solution's last `\boxed{}`, the value
/// of a chosen choice), then the model for the rows still without one, through ``CompletionRunner``.
///
/// Every decision is stored as it is made, so a killed run loses at most the calls in flight, and a rerun skips
/// decided rows and finds answered calls in the cache.
public enum ExtractStage {
    /// The deterministic pass alone: stores its decisions and returns them with the rows left for the model.
    public static func deterministicPass(
        store: Store, retryFailed: Bool, sources: [String]?
    ) throws
        -> (report: ExtractReport, needAnswer: [ExtractionCandidate], needRewrite: [ExtractionCandidate])
    {
        var report = ExtractReport()
        report.answerKeys = try store.applyAnswerKeys()
        let rows = try store.extractionCandidates(retryFailed: retryFailed, sources: sources)
        report.candidates = rows.count
        var decided: [ExtractionRecord] = []
        var needAnswer: [ExtractionCandidate] = []
        var needRewrite: [ExtractionCandidate] = []
        for (row, decision) in zip(rows, rows.parallelMap(DeterministicAnswers.decide)) {
            switch decision {
            case .decided(let record):
                decided.append(record)
                report.deterministic["\(record.status.rawValue)/\(record.origin.rawValue)", default: 0] += 1
            case .needsAnswer: needAnswer.append(row)
            case .needsRewrite: needRewrite.append(row)
            }
        }
        try store.recordExtractions(decided)
        report.needAnswer = needAnswer.count
        report.needRewrite = needRewrite.count
        return (report, needAnswer, needRewrite)
    }

    /// The whole stage: the deterministic pass, then the model for what is left.
    ///
    /// Example: `try await ExtractStage.run(store: store, model: ModelSettings(api: .gemini, baseURL: url, model: "gemini-2.5-flash",
    /// apiKey: key), retryFailed: false, sources: nil)`.
    /// - Parameters:
    ///   - store: the store whose rows are decided.
    ///   - model: the model, its server and the run's limits.
    ///   - retryFailed: decide rows whose earlier extraction failed again, past the cache.
    ///   - sources: only rows of these sources (all when nil).
    ///   - log: receives one line per HTTP attempt.
    ///   - progress: (calls ended, calls to make).
    /// - Throws: ``LLMError`` when the server refuses the requests or cannot be reached (decisions made before
    ///   stay stored), or a store error.
    public static func run(
        store: Store, model settings: ModelSettings, retryFailed: Bool, sources: [String]?,
        log: (@Sendable (String) -> Void)? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> ExtractReport {
        var (report, needAnswer, needRewrite) = try deterministicPass(store: store, retryFailed: retryFailed, sources: sources)
        let extractPrompt = try ExtractionPrompt.named("extract-answer"), rewritePrompt = try ExtractionPrompt.named("rewrite-choice")
        var expectations: [Int64: ModelReplyReader.Expectation] = [:]
        for row in needAnswer { expectations[row.id] = ModelReplyReader.Expectation(samples: settings.samples) }
        for row in needRewrite {
            expectations[row.id] = ModelReplyReader.Expectation(
                samples: settings.samples, rewrite: true,
                choiceValue: DeterministicAnswers.choiceValue(row))
        }
        let jobs =
            needAnswer.map { job(for: $0, prompt: extractPrompt, settings: settings) }
            + needRewrite.map { job(for: $0, prompt: rewritePrompt, settings: settings) }
        guard !jobs.isEmpty else { return report }
        let expected = expectations
        let runner = CompletionRunner(
            client: try HTTPClient(maxConnections: max(4, settings.runner.concurrency * 2)),
            format: LLMWireFormat(api: settings.api, baseURL: settings.baseURL), apiKey: settings.apiKey,
            store: store, settings: settings.runner, log: log)
        let decisions = Locked([String: Int]())
        let unreadable = Locked([String: Int]())
        report.calls = try await runner.run(jobs, progress: progress) { job, outcome in
            let record: ExtractionRecord
            switch outcome {
            case let .reply(reply, hash, attempts, _):
                let decision = ModelReplyReader.decision(
                    rowID: job.id, reply: reply,
                    expecting: expected[job.id] ?? ModelReplyReader.Expectation(),
                    requestHash: hash, attempts: attempts)
                record = decision.record
                // A reply the reader could not use is a failure of the run too, by its code.
                if let what = decision.unreadable { unreadable.update { $0[what.rawValue, default: 0] += 1 } }
            case let .failed(reason, hash, attempts):
                record = ExtractionRecord(problemID: job.id, status: .failed, origin: .model, reason: reason, requestHash: hash, attempts: attempts)
            }
            try store.recordExtractions([record])
            decisions.update { $0[record.status.rawValue, default: 0] += 1 }
        }
        report.model = decisions.value
        for (code, count) in unreadable.value { report.calls.failures[code, default: 0] += count }
        return report
    }

    /// The model call for one row.
    static func job(for row: ExtractionCandidate, prompt: ExtractionPrompt, settings: ModelSettings) -> CompletionJob {
        let letters = ["A", "B", "C", "D", "E", "F", "G", "H"]
        let choices = row.choices.enumerated().map { "(\($0 < letters.count ? letters[$0] : String($0 + 1))) \($1)" }.joined(separator: "\n")
        let user = prompt.user([
            "problem": row.problem, "solution": row.solution ?? "(none)", "choices": choices.isEmpty ? "(given only as images)" : choices,
            "letter": row.answer ?? "?",
        ])
        // A row whose earlier reply could not be used is asked again, not answered from the cache.
        return CompletionJob(
            id: row.id,
            request: CompletionRequest(
                model: settings.model, system: prompt.system, user: user, temperature: settings.temperature, candidates: settings.samples,
                maxOutputTokens: settings.maxOutputTokens, responseSchema: prompt.responseSchema, promptVersion: prompt.version),
            bypassCache: row.previousStatus == .failed)
    }
}
