import CurateCore
import Foundation
import Testing
@testable import CurateExport

@Suite struct ShardManifestTests {
    @Test func sha256KnownVectors() {
        #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Streaming in odd pieces gives the same digest as one shot.
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var hasher = SHA256()
        var i = 0
        while i < data.count { let j = min(data.count, i + 1 + i % 97); hasher.update(data[i..<j]); i = j }
        #expect(hasher.finalize().map { String(format: "%02x", $0) }.joined() == SHA256.hex(of: data))
    }

    @Test func mathRowFollowsDeepScaleRLayout() {
        let row = VerlRow.math(
            problem: "What is $1+1$?", answer: "2", index: 7, split: "test", source: "aops-wiki",
            sourceKey: "p1", dataSource: "mathcurate", year: 2001)
        #expect(
            row.jsonLine
                == #"{"data_source":"mathcurate","prompt":[{"content":"What is $1+1$? Let's think step by step and output the final answer within \\boxed{}.","role":"user"}],"ability":"math","reward_model":{"ground_truth":"2","style":"rule"},"extra_info":{"answer_type":null,"index":7,"question":"What is $1+1$?","source":"aops-wiki","source_key":"p1","split":"test","url":null,"year":2001}}"#
        )
    }

    @Test func shardSplitsAndNames() {
        #expect(shard([1, 2, 3, 4, 5], shardRows: 2) == [[1, 2], [3, 4], [5]])
        #expect(shard([Int](), shardRows: 2).isEmpty)
        #expect(shard([1, 2], shardRows: 0) == [[1, 2]])
        #expect(shardFileName(split: "train", index: 0, count: 3) == "train-00000-of-00003.parquet")
        #expect(shardFileName(split: "test", index: 12, count: 100_000, extension: "jsonl") == "test-00012-of-100000.jsonl")
    }

    @Test func exportWritesShardsManifestAndMatchingHashes() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = TestSupport.manyRows(1_050)
        let manifest = try exportVerlShards(
            rows: rows, to: dir, split: "train", shardRows: 500,
            options: .init(rowGroupRows: 200, codec: .gzip), jsonl: true)
        #expect(
            manifest.shards.map(\.file) == [
                "train-00000-of-00003.parquet", "train-00001-of-00003.parquet",
                "train-00002-of-00003.parquet",
            ])
        #expect(manifest.shards.map(\.rows) == [500, 500, 50])
        #expect(manifest.totalRows == 1_050)
        // sha256 of our implementation equals coreutils sha256sum.
        let files = manifest.shards.map { dir.appendingPathComponent($0.file).path }
        let sums = try TestSupport.run(["sha256sum"] + files)
        let expected = zip(manifest.shards, files).map { "\($0.sha256)  \($1)\n" }.joined()
        #expect(sums == expected)
        // Shards read back in order give all rows.
        var lines = ""
        for file in manifest.shards { lines += try TestSupport.pyarrow("rows", dir.appendingPathComponent(file.file)) }
        #expect(lines == TestSupport.expectedLines(rows))
        // JSONL shards hold the same lines.
        let jsonl = try (0..<3).map {
            try String(contentsOf: dir.appendingPathComponent(shardFileName(split: "train", index: $0, count: 3, extension: "jsonl")), encoding: .utf8)
        }.joined()
        #expect(jsonl == TestSupport.expectedLines(rows))
        // manifest.json on disk decodes to the returned manifest and is byte-stable.
        let data = try Data(contentsOf: dir.appendingPathComponent("manifest.json"))
        #expect(try JSONDecoder().decode(ExportManifest.self, from: data) == manifest)
        let again = try exportVerlShards(
            rows: rows, to: dir, split: "train", shardRows: 500,
            options: .init(rowGroupRows: 200, codec: .gzip))
        #expect(again == manifest)
        #expect(try Data(contentsOf: dir.appendingPathComponent("manifest.json")) == data)
    }

    @Test func manifestValidatesAgainstJSONSchema() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try exportVerlShards(rows: TestSupport.edgeRows(), to: dir, split: "test", shardRows: 2, jsonl: true)
        let schemas = TestSupport.packageRoot.appendingPathComponent("schemas/export")
        let check = TestSupport.fixtures.appendingPathComponent("check_json_schema.py")
        let output = try TestSupport.run([
            TestSupport.python, check.path,
            schemas.appendingPathComponent("manifest.schema.json").path,
            dir.appendingPathComponent("manifest.json").path,
            schemas.appendingPathComponent("verl-row.schema.json").path,
            dir.appendingPathComponent("test-00000-of-00002.jsonl").path,
        ])
        #expect(output.contains("ok"))
    }
}
