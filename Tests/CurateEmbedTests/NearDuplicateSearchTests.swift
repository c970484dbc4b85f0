import CurateCore
import Foundation
import Testing
@testable import CurateEmbed

@Suite struct NearDuplicateSearchTests {
    /// `n` random unit vectors with some planted near-copies, so that pairs exist at every threshold.
    static func vectors(n: Int, dim: Int, seed: UInt64) throws -> EmbeddingMatrix {
        var rng = SplitMix64(seed: seed)
        var flat = (0..<(n * dim)).map { _ in Float.random(in: -1...1, using: &rng) }
        for k in 0..<(n / 10) {
            let src = Int.random(in: 0..<n, using: &rng), dst = Int.random(in: 0..<n, using: &rng)
            let noise = Float.random(in: 0.01...0.6, using: &rng)
            for j in 0..<dim { flat[dst * dim + j] = flat[src * dim + j] + noise * Float.random(in: -1...1, using: &rng) }
            _ = k
        }
        return try EmbeddingMatrix(flat: flat, dimension: dim, normalize: true)
    }

    static func bruteForce(
        _ a: EmbeddingMatrix, _ b: EmbeddingMatrix, threshold: Float, triangular: Bool
    )
        -> [NearDuplicateSearch.Pair]
    {
        var out: [NearDuplicateSearch.Pair] = []
        for i in 0..<a.count {
            for j in (triangular ? i + 1 : 0)..<b.count {
                var dot: Float = 0
                for k in 0..<a.dimension { dot += a.values[i * a.dimension + k] * b.values[j * b.dimension + k] }
                if dot > threshold { out.append(.init(i: i, j: j, cosine: dot)) }
            }
        }
        return out
    }

    static func samePairs(_ x: [NearDuplicateSearch.Pair], _ y: [NearDuplicateSearch.Pair], margin: Float) -> Bool {
        // Pairs within rounding distance of the threshold may legitimately differ; compare the rest exactly.
        let keyX = Set(x.map { [$0.i, $0.j] }), keyY = Set(y.map { [$0.i, $0.j] })
        let onlyX = x.filter { !keyY.contains([$0.i, $0.j]) && $0.cosine > margin }
        let onlyY = y.filter { !keyX.contains([$0.i, $0.j]) && $0.cosine > margin }
        return onlyX.isEmpty && onlyY.isEmpty
    }

    @Test(arguments: [(Float(0.5), 1), (Float(0.8), 2), (Float(0.95), 2)])
    func allPairsMatchesBruteForce(threshold: Float, threads: Int) throws {
        let m = try Self.vectors(n: 700, dim: 48, seed: 7)
        // Odd block sizes so that partial tiles and diagonal tiles are exercised.
        let search = NearDuplicateSearch(threshold: threshold, threadCount: threads, rowBlock: 64, columnBlock: 100)
        let got = search.allPairs(m)
        let want = Self.bruteForce(m, m, threshold: threshold, triangular: true)
        #expect(!want.isEmpty)
        #expect(got.allSatisfy { $0.i < $0.j && $0.cosine > threshold })
        #expect(zip(got, got.dropFirst()).allSatisfy { ($0.i, $0.j) < ($1.i, $1.j) })
        #expect(abs(got.count - want.count) <= 2)
        #expect(Self.samePairs(got, want, margin: threshold + 1e-5))
    }

    @Test func queryPairsAndNearestMatchBruteForce() throws {
        let corpus = try Self.vectors(n: 500, dim: 32, seed: 11)
        var queryRows = (0..<40).map { corpus.row($0 * 12) }  // exact copies of corpus rows
        let others = try Self.vectors(n: 60, dim: 32, seed: 99)
        queryRows += (0..<60).map { others.row($0) }
        let queries = try EmbeddingMatrix(rows: queryRows)
        let search = NearDuplicateSearch(threshold: 0.7, threadCount: 2, rowBlock: 17, columnBlock: 33)
        let got = search.queryPairs(queries: queries, corpus: corpus)
        let want = Self.bruteForce(queries, corpus, threshold: 0.7, triangular: false)
        #expect(Self.samePairs(got, want, margin: 0.70001))
        let nearest = search.nearest(queries: queries, corpus: corpus)
        for q in 0..<40 {
            #expect(nearest[q]?.index == q * 12 || (nearest[q]?.cosine ?? 0) > 0.99999)
            #expect(abs((nearest[q]?.cosine ?? 0) - 1) < 1e-5)
        }
    }

    @Test func emptyInputs() throws {
        let empty = try EmbeddingMatrix(flat: [], dimension: 8)
        #expect(NearDuplicateSearch(threshold: 0.9).allPairs(empty).isEmpty)
        let one = try EmbeddingMatrix(flat: [1, 0, 0, 0, 0, 0, 0, 0], dimension: 8)
        #expect(NearDuplicateSearch(threshold: 0.9).allPairs(one).isEmpty)
        #expect(NearDuplicateSearch(threshold: 0.9).nearest(queries: one, corpus: empty).allSatisfy { $0 == nil })
    }

    @Test func matrixValidation() {
        #expect(throws: EmbedError.self) { _ = try EmbeddingMatrix(flat: [1, 2, 3], dimension: 2) }
        #expect(throws: EmbedError.self) { _ = try EmbeddingMatrix(rows: [[1, 2], [3]]) }
    }
}
