import Foundation
import Testing
@testable import CurateExport

/// The embedding files other engines write (fixtures/embedding-parquet, made by pyarrow) and ours, read back.
@Suite struct EmbeddingParquetTests {
    static let folder = TestSupport.packageRoot.appendingPathComponent("fixtures/embedding-parquet")

    /// Row `i` of the fixtures (see make_fixtures.py): id 1000 + 3i, vector ((7i + j) mod 13) / 13 - 0.5.
    static func expectedRow(_ i: Int) -> (id: Int64, vector: [Float]) {
        (Int64(1000 + 3 * i), (0..<8).map { j in Float(Double((i * 7 + j) % 13) / 13 - 0.5) })
    }

    @Test(arguments: ["ray-default.parquet", "plain-v2.parquet", "gzip-double.parquet", "parts"])
    func readsWhatPyarrowWrites(name: String) throws {
        let table = try EmbeddingParquet.read(from: Self.folder.appendingPathComponent(name))
        #expect(table.ids.count == 40)
        #expect(table.dimension == 8)
        for i in 0..<40 {
            let (id, vector) = Self.expectedRow(i)
            #expect(table.ids[i] == id)
            #expect(Array(table.vector(at: i)) == vector, "row \(i)")
        }
        #expect(table.problems?[39] == "Problem 39: find x.")
    }

    @Test func unsupportedCodecSaysWhatToWriteInstead() throws {
        let error = #expect(throws: ExportError.self) {
            try EmbeddingParquet.read(from: Self.folder.appendingPathComponent("zstd.parquet"))
        }
        #expect(error?.code == .unsupported)
        #expect(error?.description.contains("ZSTD") == true)
        #expect(error?.description.contains("snappy") == true)
    }

    @Test(arguments: [
        ("null-vector.parquet", "row 1 has a null or empty vector"),
        ("short-vector.parquet", "row 2 has a vector of 5 floats where row 0 has 8"),
    ])
    func badVectorsNameTheRow(name: String, message: String) throws {
        let error = #expect(throws: ExportError.self) {
            try EmbeddingParquet.read(from: Self.folder.appendingPathComponent(name))
        }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.contains(name) == true)
    }

    @Test func notParquetAndTruncatedFilesAreMalformed() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("text.parquet")
        try Data("id,embedding\n1,2\n".utf8).write(to: text)
        #expect(throws: ExportError.self) { try EmbeddingParquet.read(from: text) }
        // Every truncation of a real file fails cleanly (a malformed or unsupported error, never a crash).
        let whole = try Data(contentsOf: Self.folder.appendingPathComponent("ray-default.parquet"))
        let cut = dir.appendingPathComponent("cut.parquet")
        for keep in stride(from: 0, to: whole.count, by: 97) {
            try (whole.prefix(keep) + Data("PAR1".utf8)).write(to: cut)
            #expect(throws: ExportError.self) { try EmbeddingParquet.read(from: cut) }
        }
        // Flipped bytes inside the pages and footer: an error or a table, never a crash.
        for at in stride(from: 4, to: whole.count - 8, by: 13) {
            var damaged = whole
            damaged[at] ^= 0x5A
            try damaged.write(to: cut)
            _ = try? EmbeddingParquet.read(from: cut)
        }
    }

    @Test func duplicateIdsAreRefused() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("dup.parquet")
        try EmbeddingParquet(ids: [5, 5], dimension: 1, vectors: [1, 1]).write(to: url)
        let error = #expect(throws: ExportError.self) { try EmbeddingParquet.read(from: url) }
        #expect(error?.description.contains("id 5 appears more than once") == true)
    }

    /// Ours, read by us and by pyarrow: many row groups and pages, every codec, 384-float vectors.
    @Test(arguments: ParquetCodec.allCases)
    func roundTripsThroughOursAndPyarrow(codec: ParquetCodec) throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("vectors.parquet")
        let rows = 2_500, dimension = 384
        var state: UInt64 = 7
        let vectors: [Float] = (0..<(rows * dimension)).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
        }
        let ids = (0..<rows).map { Int64($0 * 2 + 1) }
        let table = EmbeddingParquet(
            ids: ids, dimension: dimension, vectors: vectors,
            problems: ids.map { "text \($0) ∑" }, metadata: [("mathcurate.model", "m")])
        try table.write(to: url, options: .init(rowGroupRows: 1_000, codec: codec, pageSize: 65_536))
        let back = try EmbeddingParquet.read(from: url)
        #expect(back.ids == ids)
        #expect(back.vectors == vectors)
        #expect(back.problems == table.problems)
        #expect(back.metadata.first { $0.key == "mathcurate.model" }?.value == "m")
        let check = try TestSupport.run([
            TestSupport.python, "-c",
            """
            import sys, pyarrow.parquet as pq, pyarrow.compute as pc
            t = pq.read_table(sys.argv[1])
            print(t.schema.field("embedding").type, t.num_rows, t.column("id")[7], sep="|", end="|")
            print(pc.sum(pc.list_flatten(t.column("embedding"))).as_py())
            """, url.path,
        ]).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|")
        #expect(check.prefix(3) == ["list<element: float not null>", "2500", "15"])
        let sum = vectors.reduce(0.0) { $0 + Double($1) }
        #expect(abs((Double(check.last ?? "") ?? .nan) - sum) < 1e-3)
    }
}
