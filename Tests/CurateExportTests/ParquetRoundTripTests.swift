import Foundation
import Testing
@testable import CurateExport

@Suite struct ParquetRoundTripTests {
    @Test(arguments: ParquetCodec.allCases)
    func edgeCaseRowsRoundTrip(codec: ParquetCodec) throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("edge.parquet")
        let rows = TestSupport.edgeRows()
        try writeVerlParquet(rows: rows, to: url, options: .init(rowGroupRows: 3, codec: codec))
        #expect(try TestSupport.pyarrow("rows", url) == TestSupport.expectedLines(rows))
        TestSupport.keepForInspection(url, as: "edge-\(codec.name).parquet")
        let meta = try TestSupport.pyarrowJSON("meta", url)
        #expect(meta["row_group_rows"] as? [Int] == [3, 1])
        #expect(meta["codecs"] as? [String] == [codec.name.uppercased()])
    }

    @Test(arguments: ParquetCodec.allCases)
    func manyRowsAcrossRowGroupsAndPages(codec: ParquetCodec) throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("many.parquet")
        let rows = TestSupport.manyRows(2_500)
        // Small pages force many pages per column chunk, cut at row boundaries.
        try writeVerlParquet(rows: rows, to: url, options: .init(rowGroupRows: 1_000, codec: codec, pageSize: 4_096))
        #expect(try TestSupport.pyarrow("rows", url) == TestSupport.expectedLines(rows))
        TestSupport.keepForInspection(url, as: "many-\(codec.name).parquet")
        let meta = try TestSupport.pyarrowJSON("meta", url)
        #expect(meta["num_rows"] as? Int == 2_500)
        #expect(meta["row_group_rows"] as? [Int] == [1_000, 1_000, 500])
    }

    /// Values far larger than Snappy's 64 KiB blocks and a deflate window, compressible and not.
    @Test(arguments: ParquetCodec.allCases)
    func largeAndIncompressibleValuesRoundTrip(codec: ParquetCodec) throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("large.parquet")
        var state: UInt64 = 42
        func noise(_ n: Int) -> String {
            String(
                String.UnicodeScalarView(
                    (0..<n).map { _ in
                        state = state &* 6364136223846793005 &+ 1442695040888963407
                        return Unicode.Scalar(UInt8(33 + (state >> 33) % 94))
                    }))
        }
        var rows = TestSupport.manyRows(20)
        rows[3].prompt[0].content = noise(300_000)
        rows[5].prompt[0].content = String(repeating: "abcabcabd", count: 40_000) + noise(70_000)
        rows[7].extraInfo.question = String(repeating: "∑ω", count: 100_000)
        try writeVerlParquet(rows: rows, to: url, options: .init(rowGroupRows: 8, codec: codec, pageSize: 100_000))
        #expect(try TestSupport.pyarrow("rows", url) == TestSupport.expectedLines(rows))
    }

    @Test func columnStatisticsAsPyarrowReadsThem() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("stats.parquet")
        var rows = TestSupport.edgeRows()
        rows[0].extraInfo.question = String(repeating: "q", count: ParquetColumnStatistics.maxValueBytes + 1)
        try writeVerlParquet(rows: rows, to: url)
        let stats = try TestSupport.pyarrowJSON("meta", url)["stats0"] as? [String: [String: Any]] ?? [:]
        func int(_ column: String, _ key: String) -> Int64? { (stats[column]?[key] as? NSNumber)?.int64Value }
        #expect(int("extra_info.year", "min") == Int64.min)
        #expect(int("extra_info.year", "max") == 2020)
        #expect(stats["extra_info.year"]?["null_count"] as? Int == 1)
        #expect(int("extra_info.index", "min") == -1)
        #expect(int("extra_info.index", "max") == Int64.max)
        #expect(stats["data_source"]?["min"] as? String == "")
        #expect(stats["data_source"]?["max"] as? String == "ünïcødé ✓")
        #expect(stats["extra_info.url"]?["null_count"] as? Int == 3)
        // A value over the limit turns min/max off for that chunk.
        #expect(stats["extra_info.question"]?["has_min_max"] as? Bool == false)
        // Empty prompt: one null entry in each prompt leaf.
        #expect(stats["prompt.list.element.role"]?["null_count"] as? Int == 1)
    }

    @Test func emptyRowListGivesReadableEmptyFile() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("empty.parquet")
        try writeVerlParquet(rows: [], to: url)
        #expect(try TestSupport.pyarrow("rows", url) == "")
        #expect(try TestSupport.pyarrowJSON("meta", url)["num_rows"] as? Int == 0)
    }

    @Test func sameRowsGiveIdenticalBytes() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = TestSupport.manyRows(300) + TestSupport.edgeRows()
        for codec in ParquetCodec.allCases {
            let a = dir.appendingPathComponent("a.parquet")
            let b = dir.appendingPathComponent("b.parquet")
            try writeVerlParquet(rows: rows, to: a, options: .init(rowGroupRows: 100, codec: codec))
            // Thread count and page scheduling must not change the bytes.
            try writeVerlParquet(rows: rows, to: b, options: .init(rowGroupRows: 100, codec: codec, pageSize: 2_000, threads: 1))
            let c = dir.appendingPathComponent("c.parquet")
            try writeVerlParquet(rows: rows, to: c, options: .init(rowGroupRows: 100, codec: codec, pageSize: 2_000, threads: 3))
            #expect(try Data(contentsOf: b) == Data(contentsOf: c))
            try writeVerlParquet(rows: rows, to: b, options: .init(rowGroupRows: 100, codec: codec))
            let bytesA = try Data(contentsOf: a)
            #expect(bytesA == (try Data(contentsOf: b)))
            #expect(bytesA.prefix(4) == Data("PAR1".utf8) && bytesA.suffix(4) == Data("PAR1".utf8))
        }
        // And a different row changes the bytes (the comparison can fail).
        var changed = rows
        changed[0].rewardModel.groundTruth += "!"
        let c = dir.appendingPathComponent("c.parquet")
        let d = dir.appendingPathComponent("d.parquet")
        try writeVerlParquet(rows: rows, to: c)
        try writeVerlParquet(rows: changed, to: d)
        #expect(try Data(contentsOf: c) != Data(contentsOf: d))
    }

    @Test func streamingWriterEqualsOneShotWrite() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = TestSupport.manyRows(1_234)
        let options = ParquetWriterOptions(rowGroupRows: 500, codec: .snappy)
        let a = dir.appendingPathComponent("a.parquet")
        let b = dir.appendingPathComponent("b.parquet")
        try writeVerlParquet(rows: rows, to: a, options: options)
        let writer = try VerlParquetWriter(url: b, options: options)
        for row in rows { try writer.append(row) }
        try writer.close()
        #expect(writer.rowCount == 1_234)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(throws: ExportError.self) { try writer.append(rows[0]) }
    }

    @Test func abandonedWriterLeavesNoFile() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("abandoned.parquet")
        do {
            let writer = try VerlParquetWriter(url: url, options: .init(rowGroupRows: 2))
            try writer.append(contentsOf: TestSupport.edgeRows())
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["abandoned.parquet.partial"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        try writeVerlParquet(rows: TestSupport.edgeRows(), to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["abandoned.parquet"])
    }

    @Test func errorsSayWhatAndWhere() throws {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/x.parquet")
        do {
            try writeVerlParquet(rows: TestSupport.edgeRows(), to: url)
            Issue.record("expected an error")
        } catch let error as ExportError {
            #expect(error.code == .io)
            #expect(error.file == url.path + ".partial")
            #expect(error.description.contains(url.path))
        }
        #expect(throws: ExportError.self) {
            try writeVerlParquet(
                rows: [], to: FileManager.default.temporaryDirectory.appendingPathComponent("bad-level.parquet"),
                options: .init(codec: .gzip, gzipLevel: 42))
        }
    }

    @Test func invalidRowGroupSizeThrows() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).parquet")
        #expect(throws: ExportError.self) {
            try writeVerlParquet(rows: TestSupport.edgeRows(), to: url, options: .init(rowGroupRows: 0))
        }
    }
}
