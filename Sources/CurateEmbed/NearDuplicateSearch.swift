import CurateCore
import COpenBLAS
import Foundation

/// Finds pairs of unit vectors whose cosine similarity exceeds a threshold, without ever holding an N×N matrix:
/// the similarity matrix is computed tile by tile (`rowBlock` × `columnBlock`, one SGEMM each), scanned, and reused.
///
/// Example:
/// ```swift
/// let vectors = try EmbeddingMatrix(rows: encoder.embed(problems))
/// let pairs = NearDuplicateSearch(threshold: 0.95).allPairs(vectors)      // [(i, j, cosine)], i < j
/// var sets = UnionFind(count: vectors.count)
/// for p in pairs { sets.union(p.i, p.j) }
/// ```
public struct NearDuplicateSearch: Sendable {
    /// A pair of rows and their cosine similarity (dot product of unit vectors).
    public struct Pair: Hashable, Sendable, CustomStringConvertible {
        /// Row in the first matrix (the lower index for `allPairs`, the query for `queryPairs`).
        public let i: Int
        /// Row in the second matrix (the higher index for `allPairs`, the corpus row for `queryPairs`).
        public let j: Int
        /// Their dot product.
        public let cosine: Float

        /// Creates a pair.
        public init(i: Int, j: Int, cosine: Float) {
            self.i = i
            self.j = j
            self.cosine = cosine
        }

        /// `(i, j, cosine)`.
        public var description: String { "(\(i), \(j), \(cosine))" }
    }

    /// Pairs with cosine strictly greater than this are reported.
    public var threshold: Float
    /// Worker threads (row blocks are shared out dynamically).
    public var threadCount: Int
    /// Rows per tile.
    public var rowBlock: Int
    /// Columns per tile; a tile holds `rowBlock · columnBlock` floats per worker (2 MiB by default).
    public var columnBlock: Int

    /// Creates a search.
    /// - Parameters:
    ///   - threshold: report cosine > threshold.
    ///   - threadCount: workers (default: active processors).
    ///   - rowBlock: tile rows (default 256).
    ///   - columnBlock: tile columns (default 2048).
    public init(threshold: Float, threadCount: Int? = nil, rowBlock: Int = 256, columnBlock: Int = 2048) {
        self.threshold = threshold
        self.threadCount = Swift.max(1, threadCount ?? ProcessInfo.processInfo.activeProcessorCount)
        self.rowBlock = Swift.max(1, rowBlock)
        self.columnBlock = Swift.max(1, columnBlock)
    }

    /// All pairs i < j of `vectors` with cosine > `threshold`, sorted by (i, j).
    /// - Complexity: Blocked GEMM over the upper triangle, O(N² · d / 2) flops, O(threads · rowBlock · columnBlock)
    ///   extra memory plus the output.
    public func allPairs(_ vectors: EmbeddingMatrix) -> [Pair] {
        scan(vectors, vectors, triangular: true)
    }

    /// All (query, corpus) pairs with cosine > `threshold`, e.g. training rows vs evaluation rows, sorted by (i, j).
    /// - Parameters:
    ///   - queries: the rows to check (indices `i`).
    ///   - corpus: the rows to check against (indices `j`); same dimension.
    /// - Complexity: O(Q · N · d) flops by blocked GEMM.
    public func queryPairs(queries: EmbeddingMatrix, corpus: EmbeddingMatrix) -> [Pair] {
        guard queries.dimension == corpus.dimension else { return [] }
        return scan(queries, corpus, triangular: false)
    }

    /// For each query, the most similar corpus row and its cosine (nil when the corpus is empty).
    /// - Complexity: O(Q · N · d) flops by blocked GEMM.
    public func nearest(queries: EmbeddingMatrix, corpus: EmbeddingMatrix) -> [(index: Int, cosine: Float)?] {
        guard queries.dimension == corpus.dimension, corpus.count > 0 else {
            return Array(repeating: nil, count: queries.count)
        }
        let best = Locked([(index: Int, cosine: Float)?](repeating: nil, count: queries.count))
        forEachTile(queries, corpus, triangular: false) { r0, rows, c0, cols, tile in
            var local: [(Int, Int, Float)] = []
            for r in 0..<rows {
                var bestJ = -1, bestC = -Float.infinity
                for c in 0..<cols where tile[r * cols + c] > bestC { bestC = tile[r * cols + c]; bestJ = c0 + c }
                local.append((r0 + r, bestJ, bestC))
            }
            best.update { all in
                for (i, j, c) in local where all[i] == nil || c > (all[i]?.cosine ?? -.infinity) { all[i] = (j, c) }
            }
        }
        return best.update { $0 }
    }

    private func scan(_ a: EmbeddingMatrix, _ b: EmbeddingMatrix, triangular: Bool) -> [Pair] {
        let found = Locked([Int: [Pair]]())
        let t = threshold
        forEachTile(a, b, triangular: triangular) { r0, rows, c0, cols, tile in
            var local: [Pair] = []
            let tv = SIMD16<Float>(repeating: t)
            for r in 0..<rows {
                let i = r0 + r
                let row = tile + r * cols
                var c = triangular ? Swift.max(0, i + 1 - c0) : 0
                // Scalar prefix up to a multiple of 16, then 16 lanes at a time with an any-lane test.
                while c < cols && c % 16 != 0 {
                    if row[c] > t { local.append(Pair(i: i, j: c0 + c, cosine: row[c])) }
                    c += 1
                }
                while c + 16 <= cols {
                    let v = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD16<Float>.self)
                    if any(v .> tv) {
                        for k in 0..<16 where v[k] > t { local.append(Pair(i: i, j: c0 + c + k, cosine: v[k])) }
                    }
                    c += 16
                }
                while c < cols {
                    if row[c] > t { local.append(Pair(i: i, j: c0 + c, cosine: row[c])) }
                    c += 1
                }
            }
            if !local.isEmpty { found.update { $0[r0, default: []].append(contentsOf: local) } }
        }
        return found.update { blocks in
            blocks.keys.sorted().flatMap { key in
                (blocks[key] ?? []).sorted { ($0.i, $0.j) < ($1.i, $1.j) }
            }
        }
    }

    /// Computes every tile `a[r0..<r0+rows] · b[c0..<c0+cols]ᵀ` (upper-triangle tiles only when `triangular`) and
    /// hands it to `body`; workers take row blocks from a shared counter, each with its own tile buffer.
    private func forEachTile(
        _ a: EmbeddingMatrix, _ b: EmbeddingMatrix, triangular: Bool,
        _ body: @escaping @Sendable (Int, Int, Int, Int, UnsafePointer<Float>) -> Void
    ) {
        let n = a.count, m = b.count, d = a.dimension
        guard n > 0, m > 0 else { return }
        let rowBlock = self.rowBlock, columnBlock = self.columnBlock
        let blocks = (n + rowBlock - 1) / rowBlock
        let next = Locked(0)
        Kernels.useSingleThreadedBLAS()
        DispatchQueue.concurrentPerform(iterations: Swift.min(threadCount, blocks)) { _ in
            var tileStorage = [Float](repeating: 0, count: rowBlock * columnBlock)
            tileStorage.withUnsafeMutableBufferPointer { tileBuffer in
                a.values.withUnsafeBufferPointer { av in
                    b.values.withUnsafeBufferPointer { bv in
                        guard let ap = av.baseAddress, let bp = bv.baseAddress, let tile = tileBuffer.baseAddress else {
                            return
                        }
                        while true {
                            let blk = next.update { v -> Int in
                                defer { v += 1 }; return v
                            }
                            guard blk < blocks else { break }
                            let r0 = blk * rowBlock, rows = Swift.min(rowBlock, n - r0)
                            var c0 = triangular ? r0 : 0
                            while c0 < m {
                                let cols = Swift.min(columnBlock, m - c0)
                                cblas_sgemm(
                                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(cols), Int32(d),
                                    1, ap + r0 * d, Int32(d), bp + c0 * d, Int32(d), 0, tile, Int32(cols))
                                body(r0, rows, c0, cols, tile)
                                c0 += cols
                            }
                        }
                    }
                }
            }
        }
    }
}
