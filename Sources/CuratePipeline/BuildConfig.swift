import CurateCore
import CurateExport
import CurateIngest
import CurateLLM
import Foundation

/// What `curate build` does, read from `curate.toml`. Relative paths are taken from the config file's folder.
///
/// ```toml
/// store = "curate.sqlite"
/// model = "models/all-MiniLM-L6-v2"      # optional; default $CURATE_MODEL_DIR or ./models/all-MiniLM-L6-v2
/// screen = true                          # dedup and overlap screen with the int8 fast pass where the CPU has one
///
/// [[source]]
/// name = "aime"
/// format = "aime-csv"                    # any `curate ingest` format
/// paths = ["data/AIME_Dataset_1983_2024.csv"]
/// # mapping = "x.mapping.json"           # for format = "mapping"
/// # key_index = "amc10_index.csv"        # for format = "answer-key"
///
/// [extract]                              # omit: only deterministic answers (boxed solutions, keys, choices)
/// base_url = "https://generativelanguage.googleapis.com"
/// model = "gemini-2.5-flash"
/// api = "gemini"                         # or "openai"
/// api_key_env = "GEMINI_API_KEY"         # the key itself never goes in this file
/// concurrency = 8
/// # rpm = 60
///
/// [dedup]                                # omit the table to skip the step
/// threshold = 0.9
/// priority = ["aime"]
/// merge_templates = false
/// # partition_above = 100000           # rows above which the partitioned (k-means) search is used
///
/// [overlap]
/// eval = ["math500"]                     # sources (declared above) that are evaluation sets
/// threshold = 0.9
///
/// [export]
/// out = "shards"
/// format = "parquet"                     # or "jsonl"
/// shard_rows = 50000
/// split = "train"
/// ```
public struct BuildConfig: Sendable {
    /// One `[[source]]` entry.
    public struct Source: Sendable {
        /// The source name rows are stored under.
        public var name: String
        /// The ingest format.
        public var format: IngestFormat
        /// Files to read.
        public var paths: [String]
        /// Mapping file, for the mapping format.
        public var mapping: String?
        /// Index CSV, for answer keys of problem ids.
        public var keyIndex: String?
    }

    /// The config file's path, as given.
    public var path = ""
    /// SHA-256 of the config file.
    public var sha256 = ""
    /// The store's path.
    public var store: String
    /// The model folder, if the config names one.
    public var model: String?
    /// Whether dedup and overlap may screen with the encoder's fast pass (`screen`, default true); the decisions are
    /// the same either way (``ScreenedSearch``), off embeds every compared text exactly.
    public var screen = true
    /// Sources in ingest order.
    public var sources: [Source]
    /// `[extract]`: the model for rows without an answer; nil runs only the deterministic pass.
    public var extract: ExtractConfig?
    /// Dedup settings; nil skips the step.
    public var dedup: DedupStage?
    /// Overlap settings; nil skips the step.
    public var overlap: OverlapStage?
    /// Export settings and folder; nil skips the step.
    public var export: (stage: ExportStage, out: String)?

    /// Reads and checks a config file.
    /// - Throws: ``CurateError`` naming the file (and line, for syntax) and what is wrong.
    public static func load(path: String) throws -> BuildConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CurateError(.io, "cannot read the build config", file: path)
        }
        let toml = try TOMLSubset.parse(String(decoding: data, as: UTF8.self), file: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : base.appendingPathComponent(p).standardizedFileURL.path }
        func fail(_ message: String) -> CurateError { CurateError(.badInput, message, file: path) }
        func string(_ v: JSONValue?, _ what: String) throws -> String? {
            guard let v else { return nil }
            guard case .string(let s) = v else { throw fail("\(what) must be a string") }
            return s
        }
        func strings(_ v: JSONValue?, _ what: String) throws -> [String]? {
            guard let v else { return nil }
            guard case .array(let items) = v else { throw fail("\(what) must be an array of strings") }
            return try items.map { try string($0, what) ?? "" }
        }
        func number(_ v: JSONValue?, _ what: String) throws -> Double? {
            guard let v else { return nil }
            guard case .number(let n) = v, let d = Double(n) else { throw fail("\(what) must be a number") }
            return d
        }
        // A count (rows, requests): a whole number that fits an Int; its range is the stage's settingProblem().
        func count(_ v: JSONValue?, _ what: String) throws -> Int? {
            guard let d = try number(v, what) else { return nil }
            guard d == d.rounded(), abs(d) < 1e15 else { throw fail("\(what) must be a whole number, got \(d)") }
            return Int(d)
        }
        // A misspelt key or table must be an error: it would otherwise leave its setting at the default, silently.
        func requireKnownKeys(_ keys: [String], _ known: [String], in table: String) throws {
            if let unknown = keys.sorted().first(where: { !known.contains($0) }) {
                throw fail("\(table.isEmpty ? "" : table + ".")\(unknown): unknown key (known: \(known.joined(separator: ", ")))")
            }
        }
        func requireKnownKeys(_ v: JSONValue?, _ known: [String], in table: String) throws {
            guard case .object(let members)? = v else { return }
            try requireKnownKeys(members.map(\.0), known, in: table)
        }
        try requireKnownKeys(Array(toml.keys), ["store", "model", "screen", "source", "extract", "dedup", "overlap", "export"], in: "")
        try requireKnownKeys(toml["extract"], ["model", "base_url", "api", "api_key_env", "concurrency", "rpm", "api_key"], in: "extract")
        try requireKnownKeys(toml["dedup"], ["threshold", "priority", "merge_templates", "partition_above"], in: "dedup")
        try requireKnownKeys(toml["overlap"], ["eval", "threshold"], in: "overlap")
        try requireKnownKeys(toml["export"], ["out", "format", "shard_rows", "split", "instruction", "codec"], in: "export")
        var config = BuildConfig(
            path: path, sha256: SHA256.hex(of: data),
            store: resolve(try string(toml["store"], "store") ?? "curate.sqlite"),
            model: try string(toml["model"], "model").map(resolve), sources: [])
        if let value = toml["screen"] {
            guard case .bool(let screen) = value else { throw fail("screen must be true or false") }
            config.screen = screen
        }
        guard case .array(let entries)? = toml["source"], !entries.isEmpty else { throw fail("declare at least one [[source]]") }
        for entry in entries {
            try requireKnownKeys(entry, ["name", "format", "paths", "mapping", "key_index"], in: "source")
            guard let name = try string(entry["name"], "source.name"), !name.isEmpty else { throw fail("every [[source]] needs a name") }
            if config.sources.contains(where: { $0.name == name }) { throw fail("two [[source]] tables are named \(name)") }
            guard let formatName = try string(entry["format"], "source.format"), let format = IngestFormat(rawValue: formatName) else {
                throw fail("source \(name): format must be one of \(IngestFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let paths = try strings(entry["paths"], "source.paths") ?? []
            guard !paths.isEmpty else { throw fail("source \(name): paths must name at least one file") }
            config.sources.append(
                Source(
                    name: name, format: format, paths: paths.map(resolve),
                    mapping: try string(entry["mapping"], "source.mapping").map(resolve),
                    keyIndex: try string(entry["key_index"], "source.key_index").map(resolve)))
        }
        if let table = toml["extract"] {
            guard let model = try string(table["model"], "extract.model") else { throw fail("[extract] needs model = \"NAME\"") }
            var extract = ExtractConfig(model: model)
            if let base = try string(table["base_url"], "extract.base_url") { extract.baseURL = base }
            if let name = try string(table["api"], "extract.api") {
                guard let api = LLMAPI(rawValue: name) else { throw fail("extract.api must be gemini or openai") }
                extract.api = api
            }
            if let env = try string(table["api_key_env"], "extract.api_key_env") { extract.apiKeyEnv = env }
            if let n = try count(table["concurrency"], "extract.concurrency") { extract.concurrency = n }
            if let n = try count(table["rpm"], "extract.rpm") { extract.requestsPerMinute = n }
            if table["api_key"] != nil { throw fail("extract.api_key: the key never goes in a file; name its environment variable with api_key_env") }
            if let problem = extract.settingProblem() { throw fail(problem.inTable("extract")) }
            config.extract = extract
        }
        if let table = toml["dedup"] {
            var stage = DedupStage()
            stage.threshold = Float(try number(table["threshold"], "dedup.threshold") ?? 0.9)
            stage.sourcePriority = try strings(table["priority"], "dedup.priority") ?? []
            if let merge = table["merge_templates"] {
                guard case .bool(let on) = merge else { throw fail("dedup.merge_templates must be true or false") }
                stage.mergeTemplates = on
            }
            if let n = try count(table["partition_above"], "dedup.partition_above") { stage.partitionAbove = n }
            if let problem = stage.settingProblem() { throw fail(problem.inTable("dedup")) }
            config.dedup = stage
        }
        if let table = toml["overlap"] {
            let eval = try strings(table["eval"], "overlap.eval") ?? []
            let declared = Set(config.sources.map(\.name))
            for name in eval where !declared.contains(name) { throw fail("overlap.eval names \(name), which is not a [[source]]") }
            var stage = OverlapStage(evalSources: eval)
            stage.threshold = Float(try number(table["threshold"], "overlap.threshold") ?? 0.9)
            if let problem = stage.settingProblem() { throw fail(problem.inTable("overlap")) }
            config.overlap = stage
        }
        // Evaluation sets are compared by the overlap step, never deduplicated against training rows.
        if config.dedup != nil, let eval = config.overlap?.evalSources, !eval.isEmpty {
            config.dedup?.sources = config.sources.map(\.name).filter { !eval.contains($0) }
        }
        if let table = toml["export"] {
            guard let out = try string(table["out"], "export.out") else { throw fail("[export] needs out = \"FOLDER\"") }
            var stage = ExportStage()
            if let f = try string(table["format"], "export.format") {
                guard let format = ExportStage.Format(rawValue: f) else { throw fail("export.format must be parquet or jsonl") }
                stage.format = format
            }
            if let rows = try count(table["shard_rows"], "export.shard_rows") { stage.shardRows = rows }
            if let split = try string(table["split"], "export.split") { stage.split = split }
            if let instruction = try string(table["instruction"], "export.instruction") { stage.instruction = instruction }
            if let name = try string(table["codec"], "export.codec") {
                guard let codec = ParquetCodec.allCases.first(where: { $0.name == name }) else {
                    throw fail("export.codec must be snappy, gzip or uncompressed")
                }
                stage.codec = codec
            }
            let eval = Set(config.overlap?.evalSources ?? [])
            stage.sources = config.sources.map(\.name).filter { !eval.contains($0) }
            if let problem = stage.settingProblem() { throw fail(problem.inTable("export")) }
            config.export = (stage, resolve(out))
        }
        return config
    }
}

/// The `[extract]` table: which model answers the rows the deterministic pass cannot.
public struct ExtractConfig: Sendable {
    /// Wire protocol.
    public var api: LLMAPI = .gemini
    /// Server base URL; nil: the API's default (`LLMAPI.defaultBaseURL`).
    public var baseURL: String?
    /// The server the requests go to: `baseURL`, else the API's default.
    public var resolvedBaseURL: String { baseURL ?? api.defaultBaseURL }
    /// Model name.
    public var model: String
    /// The environment variable holding the key.
    public var apiKeyEnv = "GEMINI_API_KEY"
    /// Requests in flight.
    public var concurrency = 8
    /// Request starts per minute, when limited.
    public var requestsPerMinute: Int?

    /// Creates a config for `model`.
    public init(model: String) { self.model = model }
}
