import ArgumentParser
import CurateExport
import CuratePipeline
import Foundation

extension ExportStage.Format: ExpressibleByArgument {}

/// `curate export`: writes verl training shards and a manifest from the store.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write verl training shards (Parquet or JSONL) and a manifest.",
        discussion: """
            Every problem with an answer that no step dropped is written, in store order, with verl's schema: \
            data_source (the real source name), prompt [{role: user, content: problem + instruction}], ability, \
            reward_model {style: rule, ground_truth}, extra_info {split, index, question, source, source_key, url, \
            year, answer_type}. Shards are named SPLIT-00000-of-0000N.parquet; manifest.json lists each shard's \
            rows, bytes and sha256. The same store exports to the same bytes every time. Evaluation sources (those \
            the last overlap check compared against) are left out unless --sources names them.

            Example: curate export --out shards/ --split train --shard-rows 50000
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Output folder (created if missing).")
    var out: String

    @Option(help: "parquet or jsonl.")
    var format: ExportStage.Format = .parquet

    @Option(help: "Rows per shard.")
    var shardRows: Int = 50_000

    @Option(help: "Split name written into file names and rows (train, test, …).")
    var split: String = "train"

    @Option(help: "Parquet codec: snappy, gzip or uncompressed.")
    var codec: String = "snappy"

    @Option(help: "Instruction appended to each problem after a space (default: DeepScaleR's; '' for none).")
    var instruction: String = VerlRow.deepScaleRInstruction

    @Option(parsing: .upToNextOption, help: "Only these sources (default: all but the evaluation sources).")
    var sources: [String] = []

    func validate() throws {
        var stage = ExportStage()
        stage.shardRows = shardRows
        stage.split = split
        if let problem = stage.settingProblem() { throw ValidationError(problem.description) }
        guard ParquetCodec.allCases.contains(where: { $0.name == codec }) else {
            throw ValidationError("--codec must be snappy, gzip or uncompressed")
        }
    }

    func run() async throws {
        var stage = ExportStage()
        stage.split = split
        stage.shardRows = shardRows
        stage.format = format
        stage.codec = ParquetCodec.allCases.first { $0.name == codec } ?? .snappy
        stage.instruction = instruction
        let store = try store.openExisting()
        try store.requireSources(sources, flag: "--sources")
        if sources.isEmpty {
            let evaluation = try store.evaluationSources()
            if !evaluation.isEmpty {
                stage.sources = try store.sourceNames().filter { !evaluation.contains($0) }
                print("export: leaving out the evaluation sources \(evaluation.joined(separator: ", ")) (name them in --sources to export them)")
            }
        } else {
            stage.sources = sources
        }
        let started = Date()
        let manifest = try stage.run(store: store, to: URL(fileURLWithPath: out))
        for s in manifest.shards { print("\(s.file)  \(s.rows) rows  \(s.bytes) bytes  sha256 \(s.sha256)") }
        print(
            "exported \(manifest.totalRows) rows in \(manifest.shards.count) shard(s) to \(out) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s"
        )
    }
}
