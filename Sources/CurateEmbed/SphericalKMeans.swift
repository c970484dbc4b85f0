import COpenBLAS
import CurateCore
import Foundation

/// Spherical k-means (Dhillon and Modha, 2001) on unit vectors: a centroid is the normalised mean of its members,
/// a vector belongs to the centroid with the largest dot product. Used to partition vectors for the near-duplicate
/// search of large corpora (as NeMo Curator's semantic dedup clusters before it compares).
///
/// Seeded (SplitMix64), so the same vectors give the same centroids on every run.
/// Example: `let centroids = SphericalKMeans(k: 500).fit(vectors)`.
public struct SphericalKMeans: Sendable {
    /// Number of centroids.
    public var k: Int
    /// Lloyd iterations on the sample.
    public var iterations: Int
    /// Vectors per centroid in the fitting sample (the sample is at most `k · samplePerCentroid` rows).
    public var samplePerCentroid: Int
    /// The seed of the sample and of the first centroids.
    public var seed: UInt64

    /// Creates a clustering.
    public init(k: Int, iterations: Int = 10, samplePerCentroid: Int = 64, seed: UInt64 = 42) {
        self.k = Swift.max(1, k)
        self.iterations = Swift.max(1, iterations)
        self.samplePerCentroid = Swift.max(1, samplePerCentroid)
        self.seed = seed
    }

    /// Centroids fitted on a seeded sample of `vectors` (unit length; at most `k`, fewer for fewer vectors).
    /// - Complexity: O(iterations · sample · k · d) flops by SGEMM.
    public func fit(_ vectors: EmbeddingMatrix) -> EmbeddingMatrix {
        let n = vectors.count, d = vectors.dimension
        let k = Swift.min(self.k, n)
        guard k > 0 else { return vectors }
        var rng = SplitMix64(seed: seed)
        var order = Array(0..<n)
        let sampleSize = Swift.min(n, k * samplePerCentroid)
        for i in 0..<sampleSize { order.swapAt(i, Int.random(in: i..<n, using: &rng)) }
        let sample = SphericalKMeans.gather(vectors, Array(order[0..<sampleSize]))
        // First centroids: k distinct sample rows (already in random order).
        var centroids = SphericalKMeans.gather(sample, Array(0..<k))
        for _ in 0..<iterations {
            let assignment = SphericalKMeans.nearest(sample, centroids, probes: 1).map { Int($0[0]) }
            var sums = [Float](repeating: 0, count: k * d)
            var sizes = [Int](repeating: 0, count: k)
            sample.values.withUnsafeBufferPointer { s in
                for (i, c) in assignment.enumerated() {
                    sizes[c] += 1
                    for t in 0..<d { sums[c * d + t] += s[i * d + t] }
                }
            }
            // An empty cluster keeps its centroid (a sample row), so k never shrinks.
            for c in 0..<k where sizes[c] == 0 { for t in 0..<d { sums[c * d + t] = centroids.values[c * d + t] } }
            centroids = (try? EmbeddingMatrix(flat: sums, dimension: d, normalize: true)) ?? centroids
        }
        return centroids
    }

    /// For every vector, the indices of its `probes` nearest centroids (largest dot product first).
    /// - Complexity: O(n · k · d) flops by SGEMM in blocks of 1,024 rows, on every core.
    public static func nearest(_ vectors: EmbeddingMatrix, _ centroids: EmbeddingMatrix, probes: Int) -> [[Int32]] {
        let n = vectors.count, k = centroids.count, d = vectors.dimension
        let p = Swift.max(1, Swift.min(probes, k))
        guard n > 0, k > 0 else { return Array(repeating: [], count: n) }
        let block = 1024
        let blocks = (n + block - 1) / block
        let result = Locked([[Int32]](repeating: [], count: n))
        Kernels.useSingleThreadedBLAS()
        DispatchQueue.concurrentPerform(iterations: Swift.min(blocks, ProcessInfo.processInfo.activeProcessorCount)) { worker in
            var scores = [Float](repeating: 0, count: block * k)
            var b = worker
            let workers = Swift.min(blocks, ProcessInfo.processInfo.activeProcessorCount)
            while b < blocks {
                let r0 = b * block, rows = Swift.min(block, n - r0)
                vectors.values.withUnsafeBufferPointer { v in
                    centroids.values.withUnsafeBufferPointer { c in
                        scores.withUnsafeMutableBufferPointer { s in
                            cblas_sgemm(
                                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(k), Int32(d),
                                1, v.baseAddress! + r0 * d, Int32(d), c.baseAddress!, Int32(d), 0, s.baseAddress!, Int32(k))
                        }
                    }
                }
                var local: [[Int32]] = []
                local.reserveCapacity(rows)
                for r in 0..<rows { local.append(topIndices(scores, offset: r * k, count: k, take: p)) }
                result.update { all in for r in 0..<rows { all[r0 + r] = local[r] } }
                b += workers
            }
        }
        return result.update { $0 }
    }

    /// The indices of the `take` largest of `scores[offset..<offset+count]`, largest first (ties: lower index).
    static func topIndices(_ scores: [Float], offset: Int, count: Int, take: Int) -> [Int32] {
        var best: [(Float, Int32)] = []
        best.reserveCapacity(take + 1)
        for j in 0..<count {
            let s = scores[offset + j]
            if best.count == take, let last = best.last, s <= last.0 { continue }
            let at = best.firstIndex { s > $0.0 } ?? best.count
            best.insert((s, Int32(j)), at: at)
            if best.count > take { best.removeLast() }
        }
        return best.map(\.1)
    }

    /// The rows `indices` of `matrix`, in that order.
    static func gather(_ matrix: EmbeddingMatrix, _ indices: [Int]) -> EmbeddingMatrix {
        let d = matrix.dimension
        var flat = [Float]()
        flat.reserveCapacity(indices.count * d)
        matrix.values.withUnsafeBufferPointer { v in
            for i in indices { flat.append(contentsOf: v[(i * d)..<((i + 1) * d)]) }
        }
        return (try? EmbeddingMatrix(flat: flat, dimension: d)) ?? matrix
    }
}
