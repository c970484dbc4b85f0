import CurateCore
import CurateStore
import Foundation

/// What to ingest and how.
public struct IngestOptions: Sendable {
    /// The source name; default: the file's name without extension (for AoPS pages, their folder's name).
    public var source: String?
    /// The mapping, for the `mapping` format.
    public var mapping: SourceMapping?
    /// The index CSV of an answer key that has only problem ids.
    public var keyIndex: String?
    /// Rows per store transaction: a crash loses at most the two batches in flight (one being written, one being
    /// read), and a rerun finishes the job.
    public var batchSize: Int

    /// Creates options.
    public init(source: String? = nil, mapping: SourceMapping? = nil, keyIndex: String? = nil, batchSize: Int = 2000) {
        self.source = source
        self.mapping = mapping
        self.keyIndex = keyIndex
        self.batchSize = batchSize
    }
}

/// What ingesting one file did.
public struct FileReport: Sendable {
    /// The file.
    public var path: String
    /// The source its rows went to.
    public var source: String
    /// Stored, unchanged and rejected rows.
    public var counts: IngestCounts
    /// For answer keys: key lines stored and problems answered.
    public var answerKeys: AnswerKeyCounts?
    /// The first rejects, to show the user (all of them are in the store).
    public var sampleRejects: [RejectedRow]
}

/// Receives progress while files are read (the CLI draws it on a terminal).
public protocol IngestProgress: AnyObject {
    /// Called every few hundred rows with the rows read so far from `file`.
    func update(file: String, rows: Int)
}

/// Reads source files with the reader of their format and stores their rows in batches.
///
/// Example: `let reports = try Ingester(store: store).ingest(format: .jsonl, paths: ["a.jsonl"])`.
public final class Ingester {
    private let store: Store
    private weak var progress: (any IngestProgress)?

    /// An ingester writing to `store`, reporting to `progress` if given.
    public init(store: Store, progress: (any IngestProgress)? = nil) {
        self.store = store
        self.progress = progress
    }

    /// Ingests every path in order and returns one report per file.
    /// - Throws: ``CurateError`` for the first unreadable file or file unusable as a whole (no header, not JSON at
    ///   all), after the other files are ingested; rows stored stay stored.
    public func ingest(format: IngestFormat, paths: [String], options: IngestOptions = IngestOptions()) throws -> [FileReport] {
        let (reports, failures) = try ingestEach(format: format, paths: paths, options: options)
        if let first = failures.first { throw first }
        return reports
    }

    /// `ingest(format:paths:options:)` that goes on past a file it cannot use (missing, a folder, no CSV header):
    /// every other file is ingested, and each failure is returned with its path.
    public func ingestEach(
        format: IngestFormat, paths: [String], options: IngestOptions = IngestOptions()
    ) throws -> (
        reports: [FileReport], failures: [CurateError]
    ) {
        var reports: [FileReport] = []
        var failures: [CurateError] = []
        for path in paths {
            do {
                reports.append(try ingest(format: format, file: try LoadedSourceFile(path: path), options: options))
            } catch let error as CurateError {
                failures.append(error.file == nil ? CurateError(error.code, error.message, file: path) : error)
            }
        }
        if format != .answerKey { _ = try store.applyAnswerKeys() }
        return (reports, failures)
    }

    /// `ingest(format:paths:options:)` for files the caller has already read (each file is read and hashed once).
    public func ingest(format: IngestFormat, files: [LoadedSourceFile], options: IngestOptions = IngestOptions()) throws -> [FileReport] {
        var reports: [FileReport] = []
        for file in files {
            reports.append(try ingest(format: format, file: file, options: options))
        }
        if format != .answerKey { _ = try store.applyAnswerKeys() }
        return reports
    }

    private func ingest(format: IngestFormat, file: LoadedSourceFile, options: IngestOptions) throws -> FileReport {
        let path = file.path, bytes = file.bytes
        let source = options.source ?? Ingester.defaultSource(for: path, format: format)
        var batch = BatchWriter(store: store, size: options.batchSize)
        var report = FileReport(path: path, source: source, counts: IngestCounts(), answerKeys: nil, sampleRejects: [])
        var seen = 0
        let emit: (RowMapper.Outcome) throws -> Void = { outcome in
            if case .reject(let r) = outcome, report.sampleRejects.count < 20 { report.sampleRejects.append(r) }
            try batch.add(outcome)
            seen += 1
            if seen % 500 == 0 { self.progress?.update(file: path, rows: seen) }
        }
        switch format {
        case .aimeCSV:
            try CSVSourceReader(mapping: .aimeCSV, adjust: AIMEPreset.adjust).read(file: path, bytes: bytes, source: source, emit: emit)
        case .json, .jsonl:
            try JSONSourceReader(mapping: .commonJSON, lines: format == .jsonl).read(file: path, bytes: bytes, source: source, emit: emit)
        case .aopsHTML:
            try AoPSPageReader().read(file: path, bytes: bytes, source: source, emit: emit)
        case .mapping:
            guard let mapping = options.mapping else { throw CurateError(.badInput, "the mapping format needs --mapping FILE") }
            switch mapping.format ?? Ingester.formatByExtension(path) {
            case .csv: try CSVSourceReader(mapping: mapping).read(file: path, bytes: bytes, source: source, emit: emit)
            case .json: try JSONSourceReader(mapping: mapping, lines: false).read(file: path, bytes: bytes, source: source, emit: emit)
            case .jsonl: try JSONSourceReader(mapping: mapping, lines: true).read(file: path, bytes: bytes, source: source, emit: emit)
            }
        case .answerKey:
            let keys = try AnswerKeyReader(indexPath: options.keyIndex).read(file: path, bytes: bytes, source: source) { r in
                try emit(.reject(r))
            }
            report.answerKeys = try store.insert(answerKeys: keys)
        }
        report.counts = try batch.flush()
        try store.recordIngestedFile(path: path, sha256: file.sha256, source: source, format: format.rawValue, counts: report.counts)
        progress?.update(file: path, rows: seen)
        return report
    }

    /// The default source name of a file: its name without extension; AoPS pages take their folder's name.
    public static func defaultSource(for path: String, format: IngestFormat) -> String {
        let url = URL(fileURLWithPath: path)
        if format == .aopsHTML { return "aops-" + url.deletingLastPathComponent().lastPathComponent }
        return url.deletingPathExtension().lastPathComponent
    }

    static func formatByExtension(_ path: String) -> SourceMapping.Format {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonl
        default: return .json
        }
    }
}

/// Collects outcomes and stores them a batch at a time, one transaction per batch, on a writer thread: while
/// one batch is being written the reader goes on parsing the next, and batches commit in input order.
struct BatchWriter {
    let store: Store
    let size: Int
    private var problems: [Problem] = []
    private var rejects: [RejectedRow] = []
    private let writes = DispatchGroup()
    private let queue = DispatchQueue(label: "mathcurate.ingest.writer")
    private let outcome = WriteOutcome()

    init(store: Store, size: Int) {
        self.store = store
        self.size = max(1, size)
    }

    mutating func add(_ outcome: RowMapper.Outcome) throws {
        switch outcome {
        case .problem(let p): problems.append(p)
        case .reject(let r): rejects.append(r)
        }
        if problems.count + rejects.count >= size { try submit() }
    }

    /// Waits for the batch in flight, then hands the pending rows to the writer thread.
    private mutating func submit() throws {
        writes.wait()
        try outcome.check()
        guard !problems.isEmpty || !rejects.isEmpty else { return }
        let batch = (problems, rejects)
        problems.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        let store = self.store, outcome = self.outcome
        queue.async(group: writes) {
            do { outcome.add(try store.insert(problems: batch.0, rejects: batch.1)) } catch { outcome.fail(error) }
        }
    }

    /// Stores what is pending and waits for it; returns the counts of everything stored so far.
    mutating func flush() throws -> IngestCounts {
        try submit()
        writes.wait()
        try outcome.check()
        return outcome.total
    }
}

/// The counts of the batches written so far, or the first error, shared with the writer thread.
final class WriteOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = IngestCounts()
    private var error: (any Error)?

    func add(_ batch: IngestCounts) { lock.withLock { counts += batch } }
    func fail(_ failure: any Error) { lock.withLock { if error == nil { error = failure } } }
    func check() throws { if let error = lock.withLock({ error }) { throw error } }
    var total: IngestCounts { lock.withLock { counts } }
}
