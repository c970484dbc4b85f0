import ArgumentParser
import CurateCore
import CurateIngest
import CurateStore
import Foundation

extension IngestFormat: ExpressibleByArgument {}

/// `curate ingest FORMAT PATH...`: reads source files into the store.
public struct IngestCommand: AsyncParsableCommand {
    /// Creates the command (argument-parser needs it).
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read competition sources into the store.",
        discussion: """
            Formats:
            \(IngestFormat.allCases.map { "  \($0.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

            Bad rows are kept in the store's rejects table with file, line and reason (see `curate rejects`); \
            every good row is still stored. Re-ingesting a file adds nothing; a row whose content changed in \
            the source is rejected as conflicts-with-stored and the stored row is kept.

            Examples:
              curate ingest aime-csv AIME_Dataset_1983_2024.csv --source aime
              curate ingest aops-html pages/*.html --source aops-amc8
              curate ingest answer-key amc10_answers.csv --key-index amc10_index.csv
              curate ingest mapping my_contest.csv --mapping my_contest.mapping.json
            """)

    @Argument(help: "The source format: \(IngestFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: IngestFormat

    @Argument(help: "Files to read.")
    var paths: [String]

    @OptionGroup var store: StoreOptions

    @Option(help: "Source name for the rows (default: the file name without extension).")
    var source: String?

    @Option(help: "Mapping file (JSON) for the mapping format.")
    var mapping: String?

    @Option(name: .customLong("key-index"), help: "Index CSV for an answer key of problem ids.")
    var keyIndex: String?

    @Option(help: "Rows per transaction.")
    var batchSize: Int = 2000

    public func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one file to ingest") }
        if format == .mapping, mapping == nil { throw ValidationError("the mapping format needs --mapping FILE") }
        if format != .mapping, mapping != nil { throw ValidationError("--mapping goes with the mapping format") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no such file: \(path)")
        }
    }

    /// Rows without an id are keyed by file name and line, so two files of one name (Qwen's `data/SET/test.jsonl`)
    /// going into one source would share keys, and the second file's rows would be rejected as conflicts.
    private func warnAboutSharedFileNames() {
        var seen: [String: String] = [:]
        for path in paths {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let key = (source ?? Ingester.defaultSource(for: path, format: format)) + "/" + name
            if let first = seen[key] {
                printError(
                    "warning: \(first) and \(path) go into one source under one file name: their rows without an id get the same keys (\(name):LINE) and the second file's are rejected as conflicts; ingest them with --source names apart"
                )
            } else {
                seen[key] = path
            }
        }
    }

    public func run() async throws {
        let loaded: SourceMapping?
        do {
            loaded = try mapping.map(SourceMapping.load)
        } catch let error as CurateError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let options = IngestOptions(source: source, mapping: loaded, keyIndex: keyIndex, batchSize: batchSize)
        warnAboutSharedFileNames()
        let progress = TerminalProgress()
        let ingester = Ingester(store: try store.open(), progress: progress)
        let started = Date()
        var total = IngestCounts()
        var failures: [CurateError] = []
        do {
            // One call for every file: answer keys are joined once, after the last file. A file that cannot be used
            // stops only itself.
            let (reports, failed) = try ingester.ingestEach(format: format, paths: paths, options: options)
            failures = failed
            progress.finish()
            for report in reports {
                total += report.counts
                for reject in report.sampleRejects { printError("rejected: \(reject.message)") }
                if report.counts.rejected > report.sampleRejects.count {
                    let more = report.counts.rejected - report.sampleRejects.count
                    printError(
                        report.sampleRejects.isEmpty
                            ? "\(more) rejects in \(report.path) (curate rejects lists them)"
                            : "… and \(more) more rejects in \(report.path) (curate rejects)")
                }
                if let keys = report.answerKeys {
                    print("\(report.path): \(keys.storedKeys) key lines stored, \(keys.unchangedKeys) unchanged, \(keys.problemsAnswered) problems answered")
                }
            }
        } catch let error as CurateError {
            progress.finish()
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let seconds = Date().timeIntervalSince(started)
        // Answer keys are summed up per file above in key lines; a problems line would only say "0 stored".
        let unit = format == .answerKey ? "answer-key file(s)" : "file(s)"
        var summary = "ingested \(paths.count - failures.count) \(unit) in \(String(format: "%.2f", seconds)) s"
        if format != .answerKey || total.rejected > 0 {
            summary += ": \(total.stored) stored, \(total.unchanged) unchanged, \(total.rejected) rejected"
        }
        print(summary)
        guard failures.isEmpty else {
            for failure in failures { printError("error: \(failure)") }
            printError("\(failures.count) of \(paths.count) file(s) could not be ingested (above); the others were")
            throw ExitCode(2)
        }
    }
}
