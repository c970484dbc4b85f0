import CMathCurate
import CurateEmbed

// The partitioned search's pieces behind the C ABI (include/mathcurate_embed.h): k-means, nearest centroids, exact
// pairs of two sets. Arguments are checked; results are written to the caller's buffers or a block freed by
// mathcurate_pairs_free.

/// `mathcurate_kmeans`: spherical k-means centroids.
@_cdecl("mathcurate_kmeans")
public func mathcurate_kmeans(
    _ vectors: UnsafePointer<Float>?, _ count: Int64, _ dimension: Int32, _ k: Int32, _ seed: UInt64,
    _ out: UnsafeMutablePointer<Float>?, _ written: UnsafeMutablePointer<Int64>?
) -> Int32 {
    guard let matrix = SearchABI.matrix(vectors, count, dimension), k > 0, let out, let written else {
        return Int32(MATHCURATE_INVALID_ARGUMENT)
    }
    let centroids = SphericalKMeans(k: Int(k), seed: seed).fit(matrix)
    centroids.values.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: $0.count) }
    written.pointee = Int64(centroids.count)
    return Int32(MATHCURATE_OK)
}

/// `mathcurate_nearest_centroids`: each vector's nearest centroids.
@_cdecl("mathcurate_nearest_centroids")
public func mathcurate_nearest_centroids(
    _ vectors: UnsafePointer<Float>?, _ count: Int64, _ centroids: UnsafePointer<Float>?, _ k: Int64,
    _ dimension: Int32, _ probes: Int32, _ out: UnsafeMutablePointer<Int32>?
) -> Int32 {
    guard let matrix = SearchABI.matrix(vectors, count, dimension), k > 0,
        let centres = SearchABI.matrix(centroids, k, dimension), probes > 0, let out
    else {
        return Int32(MATHCURATE_INVALID_ARGUMENT)
    }
    let p = Int(probes)
    for (row, list) in SphericalKMeans.nearest(matrix, centres, probes: p).enumerated() {
        for t in 0..<p { out[row * p + t] = t < list.count ? list[t] : -1 }
    }
    return Int32(MATHCURATE_OK)
}

/// `mathcurate_pairs`: exact pairs above the threshold between two sets.
@_cdecl("mathcurate_pairs")
public func mathcurate_pairs(
    _ queries: UnsafePointer<Float>?, _ queryCount: Int64, _ members: UnsafePointer<Float>?, _ memberCount: Int64,
    _ dimension: Int32, _ threshold: Float, _ threads: Int32, _ out: UnsafeMutablePointer<UnsafeMutablePointer<mathcurate_pairs_result>?>?
) -> Int32 {
    guard let out else { return Int32(MATHCURATE_INVALID_ARGUMENT) }
    out.pointee = nil
    guard let q = SearchABI.matrix(queries, queryCount, dimension), let m = SearchABI.matrix(members, memberCount, dimension),
        threshold.isFinite
    else { return Int32(MATHCURATE_INVALID_ARGUMENT) }
    let pairs = NearDuplicateSearch(threshold: threshold, threadCount: threads > 0 ? Int(threads) : nil).queryPairs(queries: q, corpus: m)
    out.pointee = SearchABI.block(pairs)
    return Int32(MATHCURATE_OK)
}

/// `mathcurate_pairs_free`: releases a pairs block.
@_cdecl("mathcurate_pairs_free")
public func mathcurate_pairs_free(_ pairs: UnsafeMutablePointer<mathcurate_pairs_result>?) {
    if let pairs { UnsafeMutableRawPointer(pairs).deallocate() }
}

/// Conversions of the search ABI.
enum SearchABI {
    /// The `count × dimension` floats at `values` as a matrix (copied), or nil for bad arguments.
    static func matrix(_ values: UnsafePointer<Float>?, _ count: Int64, _ dimension: Int32) -> EmbeddingMatrix? {
        guard count >= 0, dimension > 0 else { return nil }
        if count == 0 { return try? EmbeddingMatrix(flat: [], dimension: Int(dimension)) }
        guard let values else { return nil }
        return try? EmbeddingMatrix(flat: Array(UnsafeBufferPointer(start: values, count: Int(count) * Int(dimension))), dimension: Int(dimension))
    }

    /// One allocation holding the header and the three arrays.
    static func block(_ pairs: [NearDuplicateSearch.Pair]) -> UnsafeMutablePointer<mathcurate_pairs_result> {
        let n = pairs.count
        let header = MemoryLayout<mathcurate_pairs_result>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: header + n * 20, alignment: 16)
        let i = (raw + header).bindMemory(to: Int64.self, capacity: n)
        let j = (raw + header + n * 8).bindMemory(to: Int64.self, capacity: n)
        let c = (raw + header + n * 16).bindMemory(to: Float.self, capacity: n)
        for (k, p) in pairs.enumerated() {
            i[k] = Int64(p.i)
            j[k] = Int64(p.j)
            c[k] = p.cosine
        }
        let block = raw.bindMemory(to: mathcurate_pairs_result.self, capacity: 1)
        block.initialize(to: mathcurate_pairs_result(count: Int64(n), i: UnsafePointer(i), j: UnsafePointer(j), cosine: UnsafePointer(c)))
        return block
    }
}
