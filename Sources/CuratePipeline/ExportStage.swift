import CurateCore
import CurateExport
import CurateStore
import Foundation

/// Writes the kept, answered problems of the store as verl training shards (Parquet or JSONL) with a manifest.
///
/// Rows go out in store order, so the same store always gives the same bytes. `data_source` is the row's real
/// source; provenance (source, source key, URL, year, answer type) rides in `extra_info`.
public struct ExportStage: Sendable {
    /// Output format.
    public enum Format: String, Sendable, CaseIterable {
        /// Parquet with verl's schema.
        case parquet
        /// One JSON object per line, same fields.
        case jsonl
    }

    /// The split written into names and rows.
    public var split = "train"
    /// Rows per shard.
    public var shardRows = 50_000
    /// Parquet or JSONL.
    public var format = Format.parquet
    /// Parquet codec.
    public var codec = ParquetCodec.snappy
    /// Text appended to each problem after one space (DeepScaleR's by default; empty for none).
    public var instruction = VerlRow.deepScaleRInstruction
    /// Only these sources (nil: all).
    public var sources: [String]?

    /// Creates a stage with DeepScaleR's defaults.
    public init() {}

    /// Exports into `directory` and returns the manifest written there.
    public func run(store: Store, to directory: URL) throws -> ExportManifest {
        let problems = try store.exportableProblems(sources: sources)
        let rows = problems.enumerated().map { index, p in
            VerlRow.math(
                problem: p.problem, answer: p.answer, index: Int64(index), split: split, source: p.source,
                sourceKey: p.sourceKey, dataSource: p.source, instruction: instruction, url: p.url,
                year: p.year.map(Int64.init), answerType: p.answerType)
        }
        return try exportVerlShards(
            rows: rows, to: directory, split: split, shardRows: shardRows,
            options: ParquetWriterOptions(codec: codec), parquet: format == .parquet,
            jsonl: format == .jsonl)
    }
}
