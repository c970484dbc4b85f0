import ArgumentParser
import CurateCore
import CurateEmbed
import CurateExport
import CuratePipeline
import Foundation

/// `curate embed`: sentence embeddings from the native MiniLM port, as JSON.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed", abstract: "Sentence embeddings (all-MiniLM-L6-v2, native) as JSON or Parquet.",
        discussion: """
              curate embed --text 'Find all real x such that x^2 = 4.'      prints one JSON array of 384 floats
              curate embed --jsonl < texts.jsonl                              {"text": …} lines → {"text": …, "embedding": […]}
              curate embed --parquet vectors.parquet                         the store's rows: id, problem, embedding
              curate embed --parquet problems.parquet --texts-only           id and problem only, for a cluster to embed
            Bad JSON lines give {"line": N, "error": …} in place.

            --parquet writes the rows `curate dedup` compares (those no other step dropped), with the vectors from \
            the store's cache (embedding the missing ones and caching them). With --texts-only nothing is embedded: \
            a cluster embeds the `problem` column (mathcurate.ray.embed(ds, text="problem")), writes Parquet, and \
            `curate dedup --embeddings` reads it back.
            """)

    @OptionGroup var model: ModelOptions

    @Option(help: "The text to embed.")
    var text: String?

    @Flag(help: "Read {\"text\": …} JSON lines from standard input.")
    var jsonl = false

    @Option(help: ArgumentHelp("Write the store's rows (id, problem, embedding) to this Parquet file.", valueName: "file"))
    var parquet: String?

    @Flag(help: "With --parquet: write id and problem only, embedding nothing.")
    var textsOnly = false

    @Option(parsing: .upToNextOption, help: "With --parquet: only these sources (default: all).")
    var sources: [String] = []

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard [text != nil, jsonl, parquet != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --text, --jsonl and --parquet")
        }
        guard parquet != nil || (!textsOnly && sources.isEmpty) else {
            throw ValidationError("--texts-only and --sources go with --parquet")
        }
    }

    func run() async throws {
        if let parquet { return try writeParquet(to: URL(fileURLWithPath: parquet)) }
        let encoder = try model.encoder()
        if let text {
            print(Self.vectorJSON(try encoder.embed([text])[0]))
            return
        }
        var lines: [(Int, String)] = []
        var number = 0
        while let line = readLine(strippingNewline: true) {
            number += 1
            if !line.trimmedWhitespace.isEmpty { lines.append((number, line)) }
            if lines.count == 256 { try flush(&lines, encoder: encoder) }
        }
        try flush(&lines, encoder: encoder)
    }

    private func flush(_ lines: inout [(Int, String)], encoder: SentenceEncoder) throws {
        guard !lines.isEmpty else { return }
        var outputs = [String](repeating: "", count: lines.count)
        var texts: [(Int, String)] = []
        var members: [Int: [(String, JSONValue)]] = [:]
        for (k, (number, line)) in lines.enumerated() {
            guard let value = try? JSONValue.parse(Array(line.utf8)), case .object(let fields) = value,
                case .string(let text)? = value["text"]
            else {
                outputs[k] = JSONValue.object([
                    ("line", .number(String(number))),
                    ("error", .string("a line must be a JSON object with a \"text\" string")),
                ]).serialized()
                continue
            }
            texts.append((k, text))
            members[k] = fields.filter { $0.0 != "embedding" }
        }
        let vectors = try encoder.embed(texts.map(\.1))
        for ((k, _), vector) in zip(texts, vectors) {
            outputs[k] = JSONValue.object((members[k] ?? []) + [("embedding", .array(vector.map { .number(Self.number($0)) }))]).serialized()
        }
        FileHandle.standardOutput.write(Data((outputs.joined(separator: "\n") + "\n").utf8))
        lines.removeAll(keepingCapacity: true)
    }

    /// `--parquet`: the rows dedup compares, with their cached (or newly embedded) vectors.
    private func writeParquet(to url: URL) throws {
        let store = try store.openExisting()
        try store.requireSources(sources, flag: "--sources")
        var stage = DedupStage()
        stage.sources = sources.isEmpty ? nil : sources
        let rows = try stage.comparedRows(in: store)
        var table = EmbeddingParquet(ids: rows.map { $0.id }, dimension: 0, vectors: [], problems: rows.map { $0.problem })
        if !textsOnly {
            let progress = RateProgress("embedding")
            let cache = EmbeddingCache(store: store, encoder: try model.encoder(), model: model.cacheName)
            let (matrix, _) = try cache.matrix(for: rows, progress: progress.update)
            table.dimension = matrix.dimension
            table.vectors = matrix.values
            table.metadata = [("mathcurate.model", model.cacheName)]
        }
        try table.write(to: url)
        print("embed: \(rows.count) rows written to \(url.path)" + (textsOnly ? " (texts only)" : ", \(table.dimension) floats each"))
    }

    static func number(_ x: Float) -> String { "\(x)" }

    static func vectorJSON(_ vector: [Float]) -> String { "[" + vector.map(number).joined(separator: ",") + "]" }
}
