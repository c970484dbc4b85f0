import CurateCore
import CurateStore
import CurateTestSupport
import Foundation
import Testing

@Suite struct ExportCLITests {
    @Test func twoExportsOfOneStoreAreTheSameBytesAndMatchTheManifest() async throws {
        let t = try TemporaryStore()
        try await runCurate(["ingest", "json", Fixtures.path("sources/deepscaler_math_sample.json"), "--db", t.store.path, "--source", "math"])
        try await runCurate(["gradable", "--db", t.store.path])
        let first = t.directory.appendingPathComponent("a"), second = t.directory.appendingPathComponent("b")
        try await runCurate(["export", "--db", t.store.path, "--out", first.path, "--shard-rows", "4"])
        try await runCurate(["export", "--db", t.store.path, "--out", second.path, "--shard-rows", "4"])
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(names == ["manifest.json", "train-00000-of-00002.parquet", "train-00001-of-00002.parquet"])
        for name in names {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two exports")
        }
        let manifest = try JSONValue.parse(Array(try Data(contentsOf: first.appendingPathComponent("manifest.json"))))
        guard case .array(let shards)? = manifest["shards"] else { Issue.record("manifest has no shards"); return }
        var total = 0
        for shard in shards {
            guard case .string(let file)? = shard["file"], case .string(let sha)? = shard["sha256"],
                case .number(let rows)? = shard["rows"]
            else { Issue.record("bad shard entry"); continue }
            #expect(SHA256.hex(of: try Data(contentsOf: first.appendingPathComponent(file))) == sha)
            total += Int(rows) ?? 0
        }
        #expect(total == 6)  // 8 rows, 2 without answers
    }

    /// An export into a folder holding an earlier one replaces that split's shards: with another shard count the
    /// old names would stay beside the new ones, and a reader globbing `train-*` would read the rows twice.
    @Test func anExportReplacesTheEarlierShardsOfItsSplit() async throws {
        let t = try TemporaryStore()
        try await runCurate(["ingest", "json", Fixtures.path("sources/deepscaler_math_sample.json"), "--db", t.store.path, "--source", "math"])
        let out = t.directory.appendingPathComponent("shards")
        try await runCurate(["export", "--db", t.store.path, "--out", out.path, "--shard-rows", "1"])
        try await runCurate(["export", "--db", t.store.path, "--out", out.path, "--split", "test", "--format", "jsonl"])
        try Data("notes".utf8).write(to: out.appendingPathComponent("README.txt"))
        try await runCurate(["export", "--db", t.store.path, "--out", out.path, "--shard-rows", "4"])
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(
            names == [
                "README.txt", "manifest.json", "test-00000-of-00001.jsonl", "train-00000-of-00002.parquet",
                "train-00001-of-00002.parquet",
            ])
    }

    @Test func jsonlExportWritesOneObjectPerRow() async throws {
        let t = try TemporaryStore()
        try await runCurate(["ingest", "jsonl", Fixtures.path("sources/omni_math_sample.jsonl"), "--db", t.store.path, "--source", "omni"])
        let out = t.directory.appendingPathComponent("j")
        try await runCurate(["export", "--db", t.store.path, "--out", out.path, "--format", "jsonl", "--instruction", ""])
        let text = try String(contentsOf: out.appendingPathComponent("train-00000-of-00001.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)
        let row = try JSONValue.parse(Array(lines[0].utf8))
        #expect(row["data_source"] == .string("omni"))
        #expect(row["reward_model"]?["style"] == .string("rule"))
        #expect(row["extra_info"]?["source_key"] != nil)
    }
}

@Suite struct ReportCLITests {
    @Test func theReportIsOneSelfContainedPage() async throws {
        let t = try TemporaryStore()
        try await runCurate(["ingest", "aime-csv", Fixtures.path("sources/aime_sample.csv"), "--db", t.store.path, "--source", "aime"])
        try await runCurate([
            "ingest", "aops-html", Fixtures.path("sources/aops/1999_AMC_8_Problems_Problem_10.html"),
            Fixtures.path("sources/aops/2000_AMC_8_Problems_Problem_19.html"), "--db", t.store.path,
        ])
        try await runCurate(["extract", "--db", t.store.path, "--deterministic-only"])
        try await runCurate(["gradable", "--db", t.store.path])
        let out = t.directory.appendingPathComponent("report.html")
        try await runCurate(["report", "--db", t.store.path, "--out", out.path])
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg") && html.contains("Rows by source") && html.contains(">aime<"))
        #expect(html.contains("multiple-answers"))  // the rejected 080-or-081 row
        #expect(html.contains("Answer extraction") && html.contains("answered / choice-value"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("<script"))  // nothing to fetch
    }
}
