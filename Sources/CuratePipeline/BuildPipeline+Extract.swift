import CurateCore
import CurateLLM
import CurateStore
import Foundation

extension BuildPipeline {
    /// The build's extract step: the deterministic pass, then the `[extract]` model when the config has one and
    /// its key was given. Without either, rows left for the model stay pending and the note says why.
    func extract(_ store: Store) async throws -> StepOutcome {
        let key = apiKey ?? ""
        let report: ExtractReport
        var note: String
        var status = StepStatus.done
        if let extract = config.extract, !key.isEmpty {
            let settings = ModelSettings(
                api: extract.api, baseURL: extract.resolvedBaseURL, model: extract.model, apiKey: key,
                runner: CompletionRunnerSettings(concurrency: extract.concurrency, requestsPerMinute: extract.requestsPerMinute))
            report = try await ExtractStage.run(store: store, model: settings, retryFailed: false, sources: nil)
            note = "model \(extract.model): \(report.calls.summary)"
        } else {
            report = try ExtractStage.deterministicPass(store: store, retryFailed: false, sources: nil).report
            let pending = report.needAnswer + report.needRewrite
            note = pending == 1 ? "1 row needs the model" : "\(pending) rows need the model"
            if pending > 0 {
                status = .partial
                note += config.extract.map { "; $\($0.apiKeyEnv) is empty" } ?? "; add an [extract] table (model, base_url) to curate.toml"
            }
        }
        let deterministic = report.deterministic.filter { $0.key.hasPrefix("answered/") }.values.reduce(0, +)
        let modelAnswers = report.model["answered"] ?? 0
        var dropped: [String: Int] = [:]
        for (key, count) in report.deterministic where !key.hasPrefix("answered/") {
            dropped[key == "no-answer/none" ? "no answer and no solution" : key, default: 0] += count
        }
        for (key, count) in report.model where key != "answered" { dropped["model: \(key)", default: 0] += count }
        return StepOutcome(
            status: status, rowsIn: report.candidates, kept: deterministic + modelAnswers, dropped: dropped,
            note: "\(deterministic) answered without a model, \(report.answerKeys) from answer keys; " + note)
    }
}
