import CurateCore
import CurateEmbed
import CurateExport
import CurateIngest
import CurateStore
import Foundation

/// `curate build`: every stage over the store, in order, each redoing only what changed.
///
/// Steps: ingest (files whose content hash is unchanged are skipped), extract (deterministic answers, then the
/// `[extract]` model when configured and its key is in the environment), gradable (new or changed answers only), dedup and overlap (embeddings cached by text hash), export.
/// Each step reports rows in, kept and dropped by reason, and the build is recorded in the store.
public struct BuildPipeline {
    let config: BuildConfig
    /// Where to find the embedding model when the config does not say.
    let defaultModel: URL
    /// Called with each step's line as it finishes.
    let log: (String) -> Void
    /// Called while texts are embedded: (texts done, texts to do).
    let progress: ((Int, Int) -> Void)?

    /// Creates a pipeline for `config`.
    public init(config: BuildConfig, defaultModel: URL, progress: ((Int, Int) -> Void)? = nil, log: @escaping (String) -> Void) {
        self.config = config
        self.defaultModel = defaultModel
        self.progress = progress
        self.log = log
    }

    /// Runs every step; returns what each did.
    public func run() async throws -> [BuildStepRecord] {
        let store = try Store(path: config.store)
        let buildID = Store.timestamp(milliseconds: true)  // a rebuild with nothing to do can finish within the second
        var steps: [BuildStepRecord] = []
        func step(_ name: String, _ body: () async throws -> BuildStepRecord) async rethrows {
            let started = Date()
            var record = try await body()
            record.step = name
            record.seconds = Date().timeIntervalSince(started)
            steps.append(record)
            log(BuildPipeline.describe(record))
        }
        try await step("ingest") { try ingest(store) }
        try await step("extract") { try await extract(store) }
        try await step("gradable") {
            let classified = try GradableStage.run(store: store)
            let counts = try store.answerCheckCounts()
            let gradable = counts.filter(\.gradable).reduce(0) { $0 + $1.count }
            var dropped: [String: Int] = [:]
            for c in counts where !c.gradable { dropped["not gradable: \(c.label)", default: 0] += c.count }
            return BuildStepRecord(step: "", status: "done", rowsIn: counts.reduce(0) { $0 + $1.count }, kept: gradable,
                                   dropped: dropped, note: "\(classified) answers classified in this build", seconds: 0)
        }
        var encoder: SentenceEncoder?
        func loadEncoder() throws -> SentenceEncoder {
            if let encoder { return encoder }
            let loaded = try SentenceEncoder(modelDirectory: config.model.map { URL(fileURLWithPath: $0) } ?? defaultModel)
            encoder = loaded
            return loaded
        }
        let modelName = (config.model.map { URL(fileURLWithPath: $0) } ?? defaultModel).lastPathComponent
        if let dedup = config.dedup {
            try await step("dedup") {
                let report = try dedup.run(store: store, cache: EmbeddingCache(store: store, encoder: try loadEncoder(), model: modelName),
                                           progress: progress)
                return BuildStepRecord(step: "", status: "done", rowsIn: report.rows, kept: report.rows - report.dropped,
                                       dropped: ["exact-duplicate": report.droppedExact, "near-duplicate": report.dropped - report.droppedExact]
                                           .filter { $0.value > 0 },
                                       note: "\(report.embedded) texts embedded, \(report.exactDuplicates) exact duplicates, \(report.clusters) clusters, "
                                           + "\(report.templateSiblings) template siblings kept", seconds: 0)
            }
        } else {
            steps.append(BuildStepRecord(step: "dedup", status: "skipped", rowsIn: 0, kept: 0, dropped: [:], note: "no [dedup] table in the config", seconds: 0))
        }
        if let overlap = config.overlap {
            try await step("overlap") {
                let report = try overlap.run(store: store, cache: EmbeddingCache(store: store, encoder: try loadEncoder(), model: modelName),
                                             progress: progress)
                var dropped: [String: Int] = [:]
                for f in report.findings { dropped[f.kind, default: 0] += 1 }
                return BuildStepRecord(step: "", status: "done", rowsIn: report.trainRows, kept: report.trainRows - report.findings.count,
                                       dropped: dropped, note: "against \(report.evalRows) evaluation rows", seconds: 0)
            }
        } else {
            steps.append(BuildStepRecord(step: "overlap", status: "skipped", rowsIn: 0, kept: 0, dropped: [:], note: "no [overlap] table in the config", seconds: 0))
        }
        if let export = config.export {
            try await step("export") {
                var manifest = try export.stage.run(store: store, to: URL(fileURLWithPath: export.out))
                manifest.build = ExportManifest.BuildInfo(config: config.path, configSHA256: config.sha256, steps: steps.map {
                    ExportManifest.BuildInfo.Step(step: $0.step, status: $0.status, rowsIn: $0.rowsIn, kept: $0.kept, dropped: $0.dropped)
                })
                try manifest.write(to: URL(fileURLWithPath: export.out).appendingPathComponent("manifest.json"))
                return BuildStepRecord(step: "", status: "done", rowsIn: manifest.totalRows, kept: manifest.totalRows, dropped: [:],
                                       note: "\(manifest.shards.count) shard(s) in \(export.out)", seconds: 0)
            }
        }
        try store.record(build: buildID, steps: steps)
        return steps
    }

    /// Ingests each file whose content hash differs from the one recorded at its last ingest.
    private func ingest(_ store: Store) throws -> BuildStepRecord {
        let ingester = Ingester(store: store)
        var counts = IngestCounts()
        var skipped = 0
        var read = 0
        for source in config.sources {
            let mapping = try source.mapping.map(SourceMapping.load)
            // Each file is read and hashed once: the bytes that show it changed are the bytes ingested.
            var changed: [LoadedSourceFile] = []
            for path in source.paths {
                let file = try LoadedSourceFile(path: path)
                if try store.ingestedFileHash(path: path, source: source.name) == file.sha256 { skipped += 1 } else { changed.append(file) }
            }
            guard !changed.isEmpty else { continue }
            read += changed.count
            let reports = try ingester.ingest(format: source.format, files: changed,
                                              options: IngestOptions(source: source.name, mapping: mapping, keyIndex: source.keyIndex))
            for r in reports { counts += r.counts }
        }
        return BuildStepRecord(step: "", status: "done", rowsIn: counts.stored + counts.unchanged + counts.rejected,
                               kept: counts.stored + counts.unchanged, dropped: counts.rejected > 0 ? ["rejected": counts.rejected] : [:],
                               note: "\(read) file(s) read, \(skipped) unchanged file(s) skipped, \(counts.stored) new rows", seconds: 0)
    }

    /// One line: `step  status  in N  kept N  dropped {reason: n}  (seconds)  note`.
    public static func describe(_ r: BuildStepRecord) -> String {
        let dropped = r.dropped.isEmpty ? "-" : r.dropped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let name = r.step.padding(toLength: 9, withPad: " ", startingAt: 0)
        return "\(name) \(r.status.padding(toLength: 8, withPad: " ", startingAt: 0)) in \(r.rowsIn)  kept \(r.kept)  dropped \(dropped)  (\(String(format: "%.2f", r.seconds)) s)  \(r.note)"
    }
}
