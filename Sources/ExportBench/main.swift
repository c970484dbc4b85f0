import CurateExport
import Foundation

/// Deterministic xorshift generator so every run exports the same rows.
struct XorShift {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// A 3,000-word pseudo-vocabulary plus LaTeX fragments, drawn with a Zipf-like skew, so the text
/// compresses roughly like real English math problems (about 3-4x with gzip), not like a tiny word list.
func makeVocabulary(_ rng: inout XorShift) -> [String] {
    let letters = Array("etaoinshrdlucmfwypvbgkqjxz")
    var words = [
        "the", "of", "and", "a", "to", "is", "in", "that", "let", "find", "what", "how", "many", "number",
        "$x$", "$n$", "$ABC$", "\\frac{1}{2}", "$x^2+y^2=25$", "\\sqrt{3}", "$\\triangle ABC$", "ω", "∑", "π",
    ]
    while words.count < 3_000 {
        let length = 2 + rng.below(9)
        // Skew toward frequent letters, as in English.
        words.append(String((0..<length).map { _ in letters[min(rng.below(26), rng.below(26))] }))
    }
    return words
}

/// ~500-character problems, a 1-message prompt with verl's instruction suffix, provenance filled.
func syntheticRows(_ count: Int) -> [VerlRow] {
    var rng = XorShift(state: 0x9E37_79B9_7F4A_7C15)
    let words = makeVocabulary(&rng)
    var rows: [VerlRow] = []
    rows.reserveCapacity(count)
    for i in 0..<count {
        var problem = ""
        let target = 440 + rng.below(120)
        while problem.utf8.count < target {
            // Zipf-like: the minimum of three draws favours low (frequent) indices.
            let w = min(rng.below(words.count), rng.below(words.count), rng.below(words.count))
            problem += rng.below(12) == 0 ? "$\(rng.below(10_000))$" : words[w]
            problem += rng.below(15) == 0 ? ". " : " "
        }
        let content = problem + "Let's think step by step and output the final answer within \\boxed{}."
        let year: Int64? = i % 5 == 0 ? nil : Int64(1980 + rng.below(45))
        rows.append(
            VerlRow(
                dataSource: "mathcurate", prompt: [.init(role: "user", content: content)], ability: "math",
                rewardModel: .init(groundTruth: String(rng.below(1000))),
                extraInfo: .init(
                    index: Int64(i), split: "train", source: "aops-wiki", sourceKey: "aime-\(i)",
                    question: problem, url: i % 3 == 0 ? nil : "https://example.org/p/\(i)",
                    year: year, answerType: i % 7 == 0 ? nil : "integer")))
    }
    return rows
}

func measure(_ label: String, rows: Int, repeats: Int, _ body: () throws -> Int) rethrows {
    var best = Double.infinity
    var bytes = 0
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        bytes = try body()
        let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        best = min(best, dt)
    }
    let label = label.padding(toLength: 28, withPad: " ", startingAt: 0)
    print("\(label) \(String(format: "%7.3f", best)) s  \(String(format: "%9.0f", Double(rows) / best)) rows/s  \(bytes) bytes")
}

@main
struct ExportBench {
    static func main() throws {
        let args = CommandLine.arguments
        let count = args.count > 1 ? Int(args[1]) ?? 40_000 : 40_000
        let repeats = args.count > 2 ? Int(args[2]) ?? 3 : 3
        let only = args.count > 3 && !args[3].hasPrefix("--") ? args[3] : ""
        if args.contains("--help") {
            print("usage: ExportBench [ROWS=40000] [REPEATS=3] [ONLY-PREFIX] [--keep DIR]")
            return
        }
        func selected(_ name: String) -> Bool { only.isEmpty || name.hasPrefix(only) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = syntheticRows(count)
        let rawBytes = rows.reduce(0) { $0 + $1.prompt[0].content.utf8.count + ($1.extraInfo.question?.utf8.count ?? 0) }
        print("rows: \(count), best of \(repeats), text bytes (content + question): \(rawBytes)")
        func size(_ url: URL) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int) ?? -1
        }
        for (name, options) in [
            ("parquet uncompressed", ParquetWriterOptions(rowGroupRows: 20_000, codec: .uncompressed)),
            ("parquet snappy", ParquetWriterOptions(rowGroupRows: 20_000, codec: .snappy)),
            ("parquet snappy 1 thread", ParquetWriterOptions(rowGroupRows: 20_000, codec: .snappy, threads: 1)),
            ("parquet gzip level 1", ParquetWriterOptions(rowGroupRows: 20_000, codec: .gzip, gzipLevel: 1)),
            ("parquet gzip level 6", ParquetWriterOptions(rowGroupRows: 20_000, codec: .gzip, gzipLevel: 6)),
            ("parquet gzip 6, 1 thread", ParquetWriterOptions(rowGroupRows: 20_000, codec: .gzip, threads: 1)),
        ] {
            guard selected(name) else { continue }
            let url = dir.appendingPathComponent("bench.parquet")
            try measure(name, rows: count, repeats: repeats) {
                try writeVerlParquet(rows: rows, to: url, options: options)
                return size(url)
            }
        }
        let jsonl = dir.appendingPathComponent("bench.jsonl")
        if selected("jsonl") {
            try measure("jsonl", rows: count, repeats: repeats) {
                try writeVerlJSONL(rows: rows, to: jsonl)
                return size(jsonl)
            }
        }
        let parquetFile = dir.appendingPathComponent("sha.parquet")
        try writeVerlParquet(rows: rows, to: parquetFile, options: ParquetWriterOptions(codec: .uncompressed))
        if selected("sha256") {
            try measure("sha256 of uncompressed file", rows: count, repeats: repeats) {
                _ = try sha256Hex(ofFileAt: parquetFile)
                return size(parquetFile)
            }
        }
        let shardDir = dir.appendingPathComponent("shards")
        if selected("shards") {
            try measure("shards+manifest (snappy)", rows: count, repeats: repeats) {
                let manifest = try exportVerlShards(
                    rows: rows, to: shardDir, split: "train", shardRows: 15_000,
                    options: ParquetWriterOptions(rowGroupRows: 20_000, codec: .snappy))
                return manifest.shards.reduce(0) { $0 + $1.bytes }
            }
        }
        if let k = args.firstIndex(of: "--keep"), k + 1 < args.count {
            let out = URL(fileURLWithPath: args[k + 1])
            try? FileManager.default.removeItem(at: out)
            try FileManager.default.copyItem(at: shardDir, to: out)
            print("kept shards in \(out.path)")
        }
    }
}
