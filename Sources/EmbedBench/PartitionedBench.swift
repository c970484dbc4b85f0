import CurateCore
import CurateEmbed
import Foundation

// EmbedBench partitioned VECTORS.f32 THRESHOLD [PARTITION_SIZE PROBES]
//                                                         exact vs partitioned pairs on real embeddings (from `dump`)
// EmbedBench partitioned-synthetic N EXACT_N THRESHOLD [PROBES ...]
//                                                         the same on N clustered synthetic vectors; exact only on
//                                                         the first EXACT_N (recall, for each probe count), the
//                                                         partitioned search with the first probe count on all N (time)
extension EmbedBench {
    static func partitioned(vectors path: String, threshold: Float, partitionSize: Int, probes: Int) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let flat = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        let matrix = try EmbeddingMatrix(flat: flat, dimension: 384)
        compare(
            matrix, threshold: threshold, searches: [PartitionedNearDuplicateSearch(threshold: threshold, partitionSize: partitionSize, probes: probes)],
            label: "real embeddings (\(URL(fileURLWithPath: path).lastPathComponent)), partitions of ~\(partitionSize), \(probes) probes")
    }

    static func partitionedSynthetic(n: Int, exactN: Int, threshold: Float, probes: [Int]) throws {
        let matrix = clustered(n: n, dim: 384, topics: Swift.max(1, n / 500))
        let sample = try EmbeddingMatrix(flat: Array(matrix.values[0..<(Swift.min(exactN, n) * 384)]), dimension: 384)
        let searches = probes.map { PartitionedNearDuplicateSearch(threshold: threshold, probes: $0) }
        compare(sample, threshold: threshold, searches: searches, label: "synthetic clustered, first \(sample.count) rows")
        let search = searches[0]
        let t0 = Date()
        let pairs = search.allPairs(matrix)
        let wall = Date().timeIntervalSince(t0)
        let exactFlops = Double(n) * Double(n) * 384
        print(
            String(
                format:
                    "partitioned (%d probes), %d rows: %.1f s, %d pairs, peak RSS %.0f MiB; all pairs would be %.1e flops (%.0f s at the exact search's rate above)",
                search.probes, n, wall, pairs.count, peakRSSMiB(), exactFlops, exactFlops / lastExactRate))
    }

    nonisolated(unsafe) static var lastExactRate = 50e9

    /// Exact and partitioned pairs of `matrix` (one line per search): times and recall.
    static func compare(_ matrix: EmbeddingMatrix, threshold: Float, searches: [PartitionedNearDuplicateSearch], label: String) {
        let t0 = Date()
        let exact = NearDuplicateSearch(threshold: threshold).allPairs(matrix)
        let exactWall = Date().timeIntervalSince(t0)
        lastExactRate = Double(matrix.count) * Double(matrix.count) * 384 / exactWall
        let exactKeys = Set(exact.map { Int64($0.i) << 32 | Int64($0.j) })
        var exactSets = UnionFind(count: matrix.count)
        for p in exact { exactSets.union(p.i, p.j) }
        let exactDropped = clusterDrops(&exactSets, matrix.count)
        for search in searches {
            let t1 = Date()
            let found = search.allPairs(matrix)
            let partWall = Date().timeIntervalSince(t1)
            let hits = found.filter { exactKeys.contains(Int64($0.i) << 32 | Int64($0.j)) }.count
            var foundSets = UnionFind(count: matrix.count)
            for p in found { foundSets.union(p.i, p.j) }
            let foundDropped = clusterDrops(&foundSets, matrix.count)
            print(
                String(
                    format:
                        "%@, %d probes: %d rows, cos > %.2f: exact %d pairs in %.2f s; partitioned %d pairs in %.2f s; pair recall %.4f, false pairs %d; rows dropped %d vs %d",
                    label, search.probes, matrix.count, threshold, exact.count, exactWall, found.count, partWall,
                    exact.isEmpty ? 1 : Double(hits) / Double(exact.count), found.count - hits, exactDropped, foundDropped))
        }
    }

    static func clusterDrops(_ sets: inout UnionFind, _ n: Int) -> Int {
        var roots = Set<Int>()
        var inCluster = 0
        var size = [Int: Int]()
        for i in 0..<n { size[sets.find(i), default: 0] += 1 }
        for (root, count) in size where count > 1 { roots.insert(root); inCluster += count }
        return inCluster - roots.count
    }

    /// Unit vectors around `topics` random centres (like problems about the same subject), with a quarter of the
    /// rows replaced by noisy copies of others (near-duplicates at cosines from about 0.8 to 0.99).
    static func clustered(n: Int, dim: Int, topics: Int) -> EmbeddingMatrix {
        var rng = SplitMix64(seed: 7)
        let centres = (0..<(topics * dim)).map { _ in rng.nextGaussian() }
        var data = [Float](repeating: 0, count: n * dim)
        for i in 0..<n {
            let t = Int(rng.next() % UInt64(topics))
            for j in 0..<dim { data[i * dim + j] = centres[t * dim + j] + 1.2 * rng.nextGaussian() }
        }
        for _ in 0..<(n / 4) {
            let src = Int(rng.next() % UInt64(n)), dst = Int(rng.next() % UInt64(n))
            let noise = Float(Double(rng.next() % 1000) / 1000 * 0.5)
            for j in 0..<dim { data[dst * dim + j] = data[src * dim + j] + noise * rng.nextGaussian() }
        }
        var m = (try? EmbeddingMatrix(flat: data, dimension: dim)) ?? EmbeddingMatrix.empty
        m.normalizeRows()
        return m
    }
}

extension EmbeddingMatrix {
    static var empty: EmbeddingMatrix { (try? EmbeddingMatrix(flat: [], dimension: 384)) ?? { fatalError("unreachable") }() }
}
