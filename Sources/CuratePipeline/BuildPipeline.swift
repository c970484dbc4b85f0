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
    /// The key of the `[extract]` API (the caller reads it from the variable `config.extract.apiKeyEnv` names);
    /// nil or empty: the model pass does not run.
    let apiKey: String?

    /// Creates a pipeline for `config`.
    public init(
        config: BuildConfig, defaultModel: URL, apiKey: String? = nil, progress: ((Int, Int) -> Void)? = nil,
        log: @escaping (String) -> Void
    ) {
        self.config = config
        self.defaultModel = defaultModel
        self.apiKey = apiKey
        self.progress = progress
        self.log = log
    }

    /// Runs every step; returns what each did.
    public func run() async throws -> [BuildStepRecord] {
        let store = try Store(path: config.store)
        let buildID = Store.timestamp(milliseconds: true)  // a rebuild with nothing to do can finish within the second
        var steps: [BuildStepRecord] = []
        func step(_ name: PipelineStep, _ body: () async throws -> StepOutcome) async rethrows {
            let started = Date()
            let outcome = try await body()
            let record = BuildStepRecord(
                step: name, status: outcome.status, rowsIn: outcome.rowsIn, kept: outcome.kept,
                dropped: outcome.dropped, note: outcome.note, seconds: Date().timeIntervalSince(started))
            steps.append(record)
            log(BuildPipeline.describe(record))
        }
        func skipped(_ name: PipelineStep, _ note: String) {
            steps.append(BuildStepRecord(step: name, status: .skipped, rowsIn: 0, kept: 0, dropped: [:], note: note, seconds: 0))
        }
        try await step(.ingest) { try ingest(store) }
        try await step(.extract) { try await extract(store) }
        try await step(.gradable) {
            let classified = try GradableStage.run(store: store)
            let counts = try store.answerCheckCounts()
            let gradable = counts.filter(\.gradable).reduce(0) { $0 + $1.count }
            var dropped: [String: Int] = [:]
            for c in counts where !c.gradable { dropped["not gradable: \(c.label)", default: 0] += c.count }
            return StepOutcome(
                rowsIn: counts.reduce(0) { $0 + $1.count }, kept: gradable, dropped: dropped,
                note: "\(classified) answers classified in this build")
        }
        var encoder: SentenceEncoder?
        func loadEncoder() throws -> SentenceEncoder {
            if let encoder { return encoder }
            let loaded = try SentenceEncoder(modelDirectory: config.model.map { URL(fileURLWithPath: $0) } ?? defaultModel)
            encoder = loaded
            return loaded
        }
        let modelName = (config.model.map { URL(fileURLWithPath: $0) } ?? defaultModel).lastPathComponent
        func embeddingCache() throws -> EmbeddingCache {
            var cache = EmbeddingCache(store: store, encoder: try loadEncoder(), model: modelName)
            cache.screening = config.screen
            return cache
        }
        if let dedup = config.dedup {
            try await step(.dedup) {
                let report = try dedup.run(
                    store: store, cache: try embeddingCache(),
                    progress: progress)
                let dropped = [
                    DropReason.exactDuplicate.rawValue: report.droppedExact,
                    DropReason.nearDuplicate.rawValue: report.dropped - report.droppedExact,
                ]
                return StepOutcome(
                    rowsIn: report.rows, kept: report.rows - report.dropped, dropped: dropped.filter { $0.value > 0 },
                    note:
                        "\(report.embedded) texts embedded exactly, \(report.screened) screened by the fast pass, \(report.exactDuplicates) exact duplicates, \(report.clusters) clusters, "
                        + "\(report.templateSiblings) template siblings kept")
            }
        } else {
            skipped(.dedup, "no [dedup] table in the config")
        }
        if let overlap = config.overlap {
            try await step(.overlap) {
                let report = try overlap.run(
                    store: store, cache: try embeddingCache(),
                    progress: progress)
                var dropped: [String: Int] = [:]
                for f in report.findings { dropped[f.kind.rawValue, default: 0] += 1 }
                return StepOutcome(
                    rowsIn: report.trainRows, kept: report.trainRows - report.findings.count, dropped: dropped,
                    note: "against \(report.evalRows) evaluation rows")
            }
        } else {
            skipped(.overlap, "no [overlap] table in the config")
        }
        if let export = config.export {
            try await step(.export) {
                var manifest = try export.stage.run(store: store, to: URL(fileURLWithPath: export.out))
                manifest.build = ExportManifest.BuildInfo(
                    config: config.path, configSHA256: config.sha256,
                    steps: steps.map {
                        ExportManifest.BuildInfo.Step(step: $0.step.rawValue, status: $0.status.rawValue, rowsIn: $0.rowsIn, kept: $0.kept, dropped: $0.dropped)
                    })
                try manifest.write(to: URL(fileURLWithPath: export.out).appendingPathComponent("manifest.json"))
                return StepOutcome(
                    rowsIn: manifest.totalRows, kept: manifest.totalRows, dropped: [:],
                    note: "\(manifest.shards.count) shard(s) in \(export.out)")
            }
        }
        try store.record(build: buildID, steps: steps)
        return steps
    }

    /// Ingests each file whose content hash differs from the one recorded at its last ingest.
    private func ingest(_ store: Store) throws -> StepOutcome {
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
            let reports = try ingester.ingest(
                format: source.format, files: changed,
                options: IngestOptions(source: source.name, mapping: mapping, keyIndex: source.keyIndex))
            for r in reports { counts += r.counts }
        }
        return StepOutcome(
            rowsIn: counts.stored + counts.unchanged + counts.rejected, kept: counts.stored + counts.unchanged,
            dropped: counts.rejected > 0 ? ["rejected": counts.rejected] : [:],
            note: "\(read) file(s) read, \(skipped) unchanged file(s) skipped, \(counts.stored) new rows")
    }

    /// One line: `step  status  in N  kept N  dropped {reason: n}  (seconds)  note`.
    public static func describe(_ r: BuildStepRecord) -> String {
        let dropped = r.dropped.isEmpty ? "-" : r.dropped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let name = r.step.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        return
            "\(name) \(r.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) in \(r.rowsIn)  kept \(r.kept)  dropped \(dropped)  (\(String(format: "%.2f", r.seconds)) s)  \(r.note)"
    }
}

/// What a build step's body reports; the pipeline adds the step and its wall time to make the `BuildStepRecord`.
struct StepOutcome {
    /// How the step ended.
    var status = StepStatus.done
    /// Rows it looked at.
    var rowsIn: Int
    /// Rows it kept.
    var kept: Int
    /// Rows it dropped, by a label of the reason.
    var dropped: [String: Int]
    /// A sentence on what happened.
    var note: String
}
