import CurateCore
import Foundation
import Testing
@testable import CurateEmbed

/// The partitioned (k-means, multi-probe) near-duplicate search against the exact all-pairs search.
@Suite struct PartitionedSearchTests {
    /// Random unit vectors with planted near-copies (noise small enough that many pairs exceed 0.9).
    static func corpus(n: Int, dim: Int, seed: UInt64) throws -> EmbeddingMatrix {
        var rng = SplitMix64(seed: seed)
        var flat = (0..<(n * dim)).map { _ in Float.random(in: -1...1, using: &rng) }
        for _ in 0..<(n / 4) {
            let src = Int.random(in: 0..<n, using: &rng), dst = Int.random(in: 0..<n, using: &rng)
            let noise = Float.random(in: 0.05...0.35, using: &rng)
            for j in 0..<dim { flat[dst * dim + j] = flat[src * dim + j] + noise * Float.random(in: -1...1, using: &rng) }
        }
        return try EmbeddingMatrix(flat: flat, dimension: dim, normalize: true)
    }

    func key(_ p: NearDuplicateSearch.Pair) -> [Int] { [p.i, p.j] }

    @Test func findsTheExactPairsWithHighRecallAndNoFalseOnes() throws {
        let m = try Self.corpus(n: 6_000, dim: 64, seed: 3)
        let exact = NearDuplicateSearch(threshold: 0.9).allPairs(m)
        let search = PartitionedNearDuplicateSearch(threshold: 0.9, partitionSize: 500, probes: 2)
        let found = search.allPairs(m)
        let exactKeys = Set(exact.map(key))
        #expect(exact.count > 500)
        #expect(found.allSatisfy { exactKeys.contains(key($0)) && $0.i < $0.j })
        #expect(Set(found.map(key)).count == found.count)
        let recall = Double(found.count) / Double(exact.count)
        #expect(recall >= 0.98, "recall \(recall): \(found.count) of \(exact.count)")
        #expect(search.allPairs(m).map(key) == found.map(key), "the same run twice gives the same pairs")
    }

    @Test func onePartitionIsTheExactSearch() throws {
        let m = try Self.corpus(n: 800, dim: 32, seed: 5)
        let exact = NearDuplicateSearch(threshold: 0.8).allPairs(m)
        let found = PartitionedNearDuplicateSearch(threshold: 0.8, partitionSize: 10_000).allPairs(m)
        #expect(found.map(key) == exact.map(key))
    }

    @Test func everyRowHasOnePartitionAndProbesAreNearestFirst() throws {
        let m = try Self.corpus(n: 2_000, dim: 32, seed: 9)
        let parts = PartitionedNearDuplicateSearch(threshold: 0.9, partitionSize: 200, probes: 3).partitions(m)
        #expect(parts.flatMap(\.members).sorted() == Array(0..<2_000))
        #expect(parts.allSatisfy { Set($0.members).isSubset(of: Set($0.queries)) })
        #expect(parts.reduce(0) { $0 + $1.queries.count } == 3 * 2_000)
        #expect(SphericalKMeans.topIndices([0.1, 0.9, 0.5, 0.9, -1], offset: 0, count: 5, take: 3) == [1, 3, 2])
    }
}
