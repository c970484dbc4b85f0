import CMathCurate
import CurateCore
import MathCurateEmbedC
import Testing

/// The partitioned search's C functions: k-means, nearest centroids and exact pairs, checked by brute force.
@Suite struct SearchABITests {
    /// `n` unit vectors of width `d`, with every fifth a near-copy of the one before.
    static func vectors(_ n: Int, _ d: Int) -> [Float] {
        var rng = SplitMix64(seed: 1)
        var v = (0..<(n * d)).map { _ in Float.random(in: -1...1, using: &rng) }
        for r in stride(from: 5, to: n, by: 5) { for t in 0..<d { v[r * d + t] = v[(r - 1) * d + t] + 0.05 * Float.random(in: -1...1, using: &rng) } }
        for r in 0..<n {
            let norm = (0..<d).reduce(Float(0)) { $0 + v[r * d + $1] * v[r * d + $1] }.squareRoot()
            for t in 0..<d { v[r * d + t] /= norm }
        }
        return v
    }

    @Test func kmeansNearestAndPairsAgreeWithBruteForce() throws {
        let n = 400, d = 16
        let v = Self.vectors(n, d)
        var centroids = [Float](repeating: 0, count: 8 * d)
        var written: Int64 = 0
        #expect(MathCurateEmbedC.mathcurate_kmeans(v, Int64(n), Int32(d), 8, 7, &centroids, &written) == MATHCURATE_OK)
        #expect(written == 8)
        var probes = [Int32](repeating: -2, count: n * 2)
        #expect(MathCurateEmbedC.mathcurate_nearest_centroids(v, Int64(n), centroids, written, Int32(d), 2, &probes) == MATHCURATE_OK)
        for r in 0..<n {
            let dots = (0..<8).map { c in (0..<d).reduce(Float(0)) { $0 + v[r * d + $1] * centroids[c * d + $1] } }
            #expect(Int(probes[r * 2]) == dots.indices.max { dots[$0] < dots[$1] }, "row \(r)")
            #expect(probes[r * 2 + 1] >= 0 && probes[r * 2 + 1] != probes[r * 2])
        }
        var out: UnsafeMutablePointer<mathcurate_pairs_result>?
        #expect(MathCurateEmbedC.mathcurate_pairs(v, Int64(n), v, Int64(n), Int32(d), 0.9, 2, &out) == MATHCURATE_OK)
        let block = try #require(out)
        defer { MathCurateEmbedC.mathcurate_pairs_free(block) }
        var expected: [[Int]] = []
        for i in 0..<n { for j in 0..<n where (0..<d).reduce(Float(0), { $0 + v[i * d + $1] * v[j * d + $1] }) > 0.9 { expected.append([i, j]) } }
        let got = (0..<Int(block.pointee.count)).map { [Int(block.pointee.i[$0]), Int(block.pointee.j[$0])] }
        #expect(got == expected)
        #expect(got.count >= n + 2 * (n / 5 - 1))  // every row with itself, and the planted copies both ways
    }

    @Test func badArgumentsGetAStatus() {
        var written: Int64 = 0
        var out: UnsafeMutablePointer<mathcurate_pairs_result>?
        #expect(MathCurateEmbedC.mathcurate_kmeans(nil, 3, 4, 2, 1, nil, &written) == MATHCURATE_INVALID_ARGUMENT)
        #expect(MathCurateEmbedC.mathcurate_pairs(nil, 2, nil, 2, 4, 0.9, 1, &out) == MATHCURATE_INVALID_ARGUMENT && out == nil)
        #expect(MathCurateEmbedC.mathcurate_nearest_centroids(nil, 0, nil, 0, 4, 1, nil) == MATHCURATE_INVALID_ARGUMENT)
        MathCurateEmbedC.mathcurate_pairs_free(nil)
    }
}
