import ArgumentParser
import CurateCore
import CurateLLM
import CuratePipeline
import CurateStore
import Foundation

extension LLMAPI: ExpressibleByArgument {}

/// `curate extract`: final answers for rows without one, deterministic first, then a Gemini-compatible model.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Find final answers: official solutions and answer keys first, then a model.",
        discussion: """
            Deterministic pass (no network): answer keys are joined; a row without an answer takes the last \\boxed{} \
            of its official solution; a multiple-choice row becomes free form with the chosen choice's value when the \
            statement does not refer to its choices. Rows with neither answer nor solution are marked no-answer.

            Model pass: the rest go to the model with the prompts in prompts/ (extract-answer, rewrite-choice), which \
            reply {"answer", "kind"}; proof problems are marked and kept out of training. Every usable reply is \
            cached in the store by a hash of the request (server, model, prompts, settings; never the key), so a rerun or a \
            run after a crash makes no call that was answered. 429 waits as the server's RetryInfo says; 5xx, \
            timeouts and dropped connections retry with backoff (a 429 asking for a second or more pauses every \
            request); 400/403/404 stop the run with the server's message; a reply that is blocked, cut off or not JSON is recorded as a failed row (--retry-failed).

            The API key is read from the environment only ($GEMINI_API_KEY, or the variable --api-key-env names), \
            and never written to the store, the log or any message.
            """)

    @OptionGroup var store: StoreOptions

    @Option(
        help: ArgumentHelp(
            "Server base URL: for gemini the root before /v1beta, for openai the part before /chat/completions.",
            discussion: "Default: https://generativelanguage.googleapis.com (gemini) or https://generativelanguage.googleapis.com/v1beta/openai (openai)."))
    var baseURL: String?

    @Option(help: "Model name, e.g. gemini-2.5-flash (needed unless --deterministic-only).")
    var model: String?

    @Option(help: "Wire protocol: gemini or openai.")
    var api: LLMAPI = .gemini

    @Option(help: "Environment variable that holds the API key.")
    var apiKeyEnv = "GEMINI_API_KEY"

    @Option(help: "Requests in flight at once.")
    var concurrency = 8

    @Option(help: "At most this many request starts per minute.")
    var rpm: Int?

    @Option(help: "Samples per problem; with more than one, answers that disagree are marked for review.")
    var samples = 1

    @Option(help: "Sampling temperature (default 0 with one sample, 0.7 with several).")
    var temperature: Double?

    @Option(help: "Output token limit per sample.")
    var maxOutputTokens = 1024

    @Option(help: "Seconds allowed per request.")
    var timeout: Double = 120

    @Option(help: "Seconds allowed to connect.")
    var connectTimeout: Double = 10

    @Option(help: "Attempts per request before a transient failure is recorded.")
    var maxAttempts = 8

    @Option(help: "Longest wait in seconds between two attempts; a server that asks for longer stops the run.")
    var maxDelay: Double = 60

    @Flag(help: "Try rows whose extraction failed before again.")
    var retryFailed = false

    @Flag(help: "Ignore cached replies (new replies replace them).")
    var refresh = false

    @Flag(help: "Run only the deterministic pass and report how many rows need the model.")
    var deterministicOnly = false

    @Flag(help: "Report, per source, how many official solutions carry a boxed answer and whether it matches the source's answer; changes nothing.")
    var audit = false

    @Option(parsing: .upToNextOption, help: "Only these sources (default: all).")
    var sources: [String] = []

    @Flag(help: "Print every HTTP attempt (method, URL, status, time; never headers) on standard error.")
    var verbose = false

    @Option(help: "Append the same lines as --verbose to this file.")
    var log: String?

    /// The settings `curate.toml`'s `[extract]` table also has, checked and resolved in one place.
    private var extractConfig: ExtractConfig {
        var config = ExtractConfig(model: model ?? "")
        config.api = api
        config.baseURL = baseURL
        config.concurrency = concurrency
        config.requestsPerMinute = rpm
        return config
    }

    func validate() throws {
        if let problem = extractConfig.settingProblem() { throw ValidationError(problem.description) }
        guard samples >= 1, samples <= 8 else { throw ValidationError("--samples must be between 1 and 8") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        guard timeout >= 0.01, timeout <= 3600 else { throw ValidationError("--timeout must be between 0.01 and 3600 seconds") }
        guard connectTimeout >= 0.01, connectTimeout <= 600 else { throw ValidationError("--connect-timeout must be between 0.01 and 600 seconds") }
        guard maxDelay >= 0, maxDelay <= 86_400 else { throw ValidationError("--max-delay must be between 0 and 86400 seconds") }
        if !deterministicOnly, !audit, model == nil { throw ValidationError("--model is required (or use --deterministic-only)") }
    }

    func run() async throws {
        let store = try store.openExisting()
        let started = Date()
        let sourceFilter = sources.isEmpty ? nil : sources
        if audit {
            print(ExtractCommand.describe(try SolutionAudit.run(store: store, sources: sourceFilter)))
            return
        }
        let key = ProcessInfo.processInfo.environment[apiKeyEnv] ?? ""
        let report: ExtractReport
        if deterministicOnly || key.isEmpty {
            report = try ExtractStage.deterministicPass(store: store, retryFailed: retryFailed, sources: sourceFilter).report
            print(ExtractCommand.describe(report, seconds: Date().timeIntervalSince(started)))
            let pending = report.needAnswer + report.needRewrite
            if !deterministicOnly, pending > 0 {
                throw ValidationError(
                    "\(pending) rows need the model but $\(apiKeyEnv) is empty: export the key in that variable "
                        + "(it is read from the environment only) or name another with --api-key-env")
            }
            return
        }
        let sink = try LogSink(verbose: verbose, path: log)
        var runner = CompletionRunnerSettings(
            concurrency: concurrency, requestsPerMinute: rpm, timeout: timeout,
            connectTimeout: connectTimeout, refresh: refresh)
        runner.retry.maxAttempts = maxAttempts
        runner.retry.maxDelay = maxDelay
        let baseURL = extractConfig.resolvedBaseURL
        let settings = ModelSettings(
            api: api, baseURL: baseURL, model: model ?? "", apiKey: key, samples: samples,
            temperature: temperature ?? (samples > 1 ? 0.7 : 0), maxOutputTokens: maxOutputTokens, runner: runner)
        sink.write(
            "extract: \(settings.api.rawValue) \(LLMWireFormat(api: settings.api, baseURL: baseURL).endpoint(model: settings.model)), "
                + "key from $\(apiKeyEnv), concurrency \(concurrency)")
        let progress = RateProgress("model calls")
        do {
            report = try await ExtractStage.run(
                store: store, model: settings, retryFailed: retryFailed, sources: sourceFilter,
                log: sink.isActive ? sink.write : nil, progress: progress.update)
        } catch let error as LLMError {
            throw CurateError(.remote, "extraction stopped: \(error). Rows decided before this are stored; rerun to continue.")
        }
        print(ExtractCommand.describe(report, seconds: Date().timeIntervalSince(started)))
    }

    /// The audit as a table, with a total line.
    static func describe(_ audit: [SolutionAudit.Row]) -> String {
        func line(_ name: String, _ cells: [String]) -> String {
            name.padding(toLength: 40, withPad: " ", startingAt: 0) + cells.map { String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }.joined()
        }
        var total = SolutionAudit.Row(source: "total")
        var lines = [line("source", ["solutions", "boxed", "agree", "differ", "need model"])]
        for row in audit {
            total.solutions += row.solutions
            total.boxed += row.boxed
            total.agree += row.agree
            total.differ += row.differ
        }
        for row in audit + [total] {
            lines.append(line(row.source, [row.solutions, row.boxed, row.agree, row.differ, row.needModel].map(String.init)))
        }
        return lines.joined(separator: "\n")
    }

    /// The run's summary lines.
    static func describe(_ report: ExtractReport, seconds: Double) -> String {
        func list(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines = ["extract: \(report.candidates) rows to decide, \(report.answerKeys) answers joined from answer keys"]
        lines.append("  deterministic: \(list(report.deterministic))")
        lines.append(
            "  need the model: \(report.needAnswer + report.needRewrite) (\(report.needAnswer) answers to extract, "
                + "\(report.needRewrite) multiple-choice statements to rewrite)")
        if !report.model.isEmpty || report.calls != LLMRunCounts() {
            lines.append("  model decided: \(list(report.model))")
            lines.append("  \(report.calls.summary)")
        }
        lines.append(String(format: "  %.1f s", seconds))
        return lines.joined(separator: "\n")
    }
}
