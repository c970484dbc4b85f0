import Foundation
import Testing
@testable import CurateExport

@Suite struct CodecTests {
    /// Inputs around Snappy's edges: empty, shorter than the 15-byte margin, block boundaries,
    /// long and far matches, incompressible noise. pyarrow's Snappy must decompress each exactly.
    @Test func snappyBlocksDecompressWithPyarrow() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var state: UInt64 = 7
        func noise(_ n: Int) -> [UInt8] {
            (0..<n).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        }
        let chunk = noise(1_000)
        var cases: [[UInt8]] = [
            [], [1], Array("hello world, 15".utf8), Array("hello world, 16!".utf8),
            Array(repeating: 0, count: 65_536), Array(repeating: 9, count: 65_537),
            noise(200_000), Array(repeating: chunk, count: 70).flatMap { $0 },
        ]
        // A match 65,000 bytes back (near the 2-byte offset limit) and matches of every length 4...80.
        cases.append(chunk + noise(64_000) + chunk)
        cases.append((4...80).flatMap { len in Array(chunk[0..<len]) + noise(3) + Array(chunk[0..<len]) })
        for (i, input) in cases.enumerated() {
            try Data(input).write(to: dir.appendingPathComponent("case\(i).raw"))
            try Data(SnappyCompressor.compress(input)).write(to: dir.appendingPathComponent("case\(i).snappy"))
        }
        let out = try TestSupport.run([TestSupport.python, TestSupport.fixtures.appendingPathComponent("snappy_check.py").path, dir.path])
        #expect(out == "ok \(cases.count)\n")
        // Repetitive input must actually shrink.
        #expect(SnappyCompressor.compress(Array(repeating: 0, count: 65_536)).count < 4_000)
        #expect(SnappyCompressor.compress([]) == [0])
    }

    @Test func gzipOutputIsDeterministicGzip() throws {
        let input = Array(String(repeating: "verl parquet ", count: 1_000).utf8)
        let a = try GzipCompressor(level: 6).compress(input)
        let b = try GzipCompressor(level: 6).compress(input)
        #expect(a == b)
        #expect(Array(a.prefix(2)) == [0x1F, 0x8B])  // gzip magic
        #expect(Array(a[4..<8]) == [0, 0, 0, 0])  // mtime 0
        #expect(a.count < input.count / 10)
    }

    /// Random rows (random unicode, nulls, prompt sizes) under random row-group and page sizes.
    @Test(arguments: [1, 2, 3])
    func randomRowsRoundTrip(seed: UInt64) throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet: [Unicode.Scalar] = ["a", "Z", " ", "\n", "\"", "\\", "\u{0}", "\u{1F}", "é", "∑", "数", "🧮", "\u{7F}", "$"]
        func text() -> String {
            String(String.UnicodeScalarView((0..<next(30)).map { _ in alphabet[next(alphabet.count)] }))
        }
        func maybe(_ s: String) -> String? { next(4) == 0 ? nil : s }
        let rows = (0..<(50 + next(400))).map { i in
            VerlRow(
                dataSource: text(), prompt: (0..<next(4)).map { _ in .init(role: text(), content: text()) },
                ability: text(), rewardModel: .init(groundTruth: text(), style: text()),
                extraInfo: .init(
                    index: Int64(next(1_000_000)) - 500_000, split: text(), source: text(), sourceKey: text(),
                    question: maybe(text()), url: maybe(text()),
                    year: next(3) == 0 ? nil : Int64(next(3_000)), answerType: maybe(text())))
        }
        let codec = ParquetCodec.allCases[next(3)]
        let url = dir.appendingPathComponent("random.parquet")
        try writeVerlParquet(
            rows: rows, to: url,
            options: .init(
                rowGroupRows: 1 + next(200), codec: codec,
                pageSize: 1 + next(3_000)))
        #expect(try TestSupport.pyarrow("rows", url) == TestSupport.expectedLines(rows))
    }
}
