import Foundation

/// Near-duplicate pairs of a large set of unit vectors without comparing all pairs: the vectors are clustered by
/// spherical k-means into partitions of about `partitionSize` rows; each vector is compared with the members of
/// its `probes` nearest partitions (multi-probe), exactly (SGEMM tiles of `NearDuplicateSearch`).
///
/// Every pair reported has its exact cosine above the threshold (no false pairs); a true pair is missed only when
/// neither vector's probes reach the other's partition. `bench/dedup-scale.sh` measures that recall on real
/// embeddings. The partitions are independent, so an engine can run them as separate tasks
/// (`partitions(_:)` gives the work; `pairs(in:of:)` does one).
///
/// Example: `let pairs = PartitionedNearDuplicateSearch(threshold: 0.9).allPairs(vectors)`.
/// - Complexity: O(n · probes · partitionSize · d) flops for the search plus O(n · k · d) for the clustering, against
///   O(n² · d / 2) for all pairs.
public struct PartitionedNearDuplicateSearch: Sendable {
    /// Pairs with cosine strictly greater than this are reported.
    public var threshold: Float
    /// Target rows per partition (k = rows / partitionSize, at least 1).
    public var partitionSize: Int
    /// Partitions each vector is compared with (its own and the next nearest).
    public var probes: Int
    /// Worker threads of the exact search inside each partition.
    public var threadCount: Int?
    /// The seed of the clustering.
    public var seed: UInt64

    /// Creates a search.
    public init(threshold: Float, partitionSize: Int = 2_000, probes: Int = 4, threadCount: Int? = nil, seed: UInt64 = 42) {
        self.threshold = threshold
        self.partitionSize = Swift.max(1, partitionSize)
        self.probes = Swift.max(1, probes)
        self.threadCount = threadCount
        self.seed = seed
    }

    /// One partition's work: its members (rows whose nearest centroid it is) and the rows that probe it.
    public struct Partition: Sendable {
        /// Rows whose nearest centroid is this partition's.
        public var members: [Int]
        /// Rows that compare against the members: every row with this partition among its probes.
        public var queries: [Int]
    }

    /// The partitions of `vectors` (members and probing rows of each).
    public func partitions(_ vectors: EmbeddingMatrix) -> [Partition] {
        let k = Swift.max(1, vectors.count / partitionSize)
        let centroids = SphericalKMeans(k: k, seed: seed).fit(vectors)
        let probe = SphericalKMeans.nearest(vectors, centroids, probes: probes)
        var parts = [Partition](repeating: Partition(members: [], queries: []), count: centroids.count)
        for (i, list) in probe.enumerated() {
            guard let first = list.first else { continue }
            parts[Int(first)].members.append(i)
            for c in list { parts[Int(c)].queries.append(i) }
        }
        return parts.filter { !$0.members.isEmpty }
    }

    /// The pairs (i < j, global row indices) found in one partition.
    public func pairs(in partition: Partition, of vectors: EmbeddingMatrix) -> [NearDuplicateSearch.Pair] {
        let members = SphericalKMeans.gather(vectors, partition.members)
        let queries = SphericalKMeans.gather(vectors, partition.queries)
        let search = NearDuplicateSearch(threshold: threshold, threadCount: threadCount)
        return search.queryPairs(queries: queries, corpus: members).compactMap { p in
            let a = partition.queries[p.i], b = partition.members[p.j]
            guard a != b else { return nil }
            return NearDuplicateSearch.Pair(i: Swift.min(a, b), j: Swift.max(a, b), cosine: p.cosine)
        }
    }

    /// All pairs i < j found, each once, sorted by (i, j).
    public func allPairs(_ vectors: EmbeddingMatrix) -> [NearDuplicateSearch.Pair] {
        var seen = Set<Int64>()
        var found: [NearDuplicateSearch.Pair] = []
        for partition in partitions(vectors) {
            for p in pairs(in: partition, of: vectors) where seen.insert(Int64(p.i) << 32 | Int64(p.j)).inserted {
                found.append(p)
            }
        }
        return found.sorted { ($0.i, $0.j) < ($1.i, $1.j) }
    }
}
