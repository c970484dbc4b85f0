/// A hand-written A·Bᵀ kernel (the shape of every Linear layer and of the cosine tiles): 4×4 register tiles of
/// SIMD16 fused multiply-adds over k, with B walked in 64-row blocks that stay in L2.
///
/// Compiled in only when the package is built with `CURATE_EMBED_TARGET_CPU` set (which also defines
/// `CURATE_SIMD_GEMM`): without a target CPU that has FMA, `addingProduct` becomes a software call per lane
/// (pitfall P13) and OpenBLAS is much faster.
extension Kernels {
    #if CURATE_SIMD_GEMM
    static let simdGEMMAvailable = true
    #else
    static let simdGEMMAvailable = false
    #endif

    /// `c[m, n] (+)= a[m, k] · b[n, k]ᵀ`; `k` must be a multiple of 16. With `accumulate` the product is added to `c`.
    /// - Complexity: O(m · n · k); B is read once per 4 rows of A from a 64-row L2-resident block.
    static func simdGemmABt(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                            accumulate: Bool) {
        precondition(k % 16 == 0, "simdGemmABt needs k % 16 == 0")
        let blockRows = 64
        var j0 = 0
        while j0 < n {
            let j1 = Swift.min(j0 + blockRows, n)
            var i = 0
            while i + 4 <= m {
                var j = j0
                while j + 4 <= j1 {
                    tile4x4(a + i * lda, lda, b + j * ldb, ldb, k, c + i * ldc + j, ldc, accumulate)
                    j += 4
                }
                while j < j1 {
                    for r in 0..<4 { dot1(a + (i + r) * lda, b + j * ldb, k, c + (i + r) * ldc + j, accumulate) }
                    j += 1
                }
                i += 4
            }
            while i < m {
                for j in j0..<j1 { dot1(a + i * lda, b + j * ldb, k, c + i * ldc + j, accumulate) }
                i += 1
            }
            j0 = j1
        }
    }

    @inline(__always)
    private static func dot1(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ k: Int,
                             _ c: UnsafeMutablePointer<Float>, _ accumulate: Bool) {
        var acc = V(repeating: 0)
        var p = 0
        while p < k {
            acc = acc.addingProduct(load(a + p), load(b + p))
            p += 16
        }
        let s = horizontalSum(acc)
        c.pointee = accumulate ? c.pointee + s : s
    }

    @inline(__always)
    private static func tile4x4(_ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                                _ k: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ accumulate: Bool) {
        let zero = V(repeating: 0)
        var c00 = zero, c01 = zero, c02 = zero, c03 = zero
        var c10 = zero, c11 = zero, c12 = zero, c13 = zero
        var c20 = zero, c21 = zero, c22 = zero, c23 = zero
        var c30 = zero, c31 = zero, c32 = zero, c33 = zero
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
        let b0 = b, b1 = b + ldb, b2 = b + 2 * ldb, b3 = b + 3 * ldb
        var p = 0
        while p < k {
            let y0 = load(b0 + p), y1 = load(b1 + p), y2 = load(b2 + p), y3 = load(b3 + p)
            let x0 = load(a0 + p)
            c00 = c00.addingProduct(x0, y0); c01 = c01.addingProduct(x0, y1)
            c02 = c02.addingProduct(x0, y2); c03 = c03.addingProduct(x0, y3)
            let x1 = load(a1 + p)
            c10 = c10.addingProduct(x1, y0); c11 = c11.addingProduct(x1, y1)
            c12 = c12.addingProduct(x1, y2); c13 = c13.addingProduct(x1, y3)
            let x2 = load(a2 + p)
            c20 = c20.addingProduct(x2, y0); c21 = c21.addingProduct(x2, y1)
            c22 = c22.addingProduct(x2, y2); c23 = c23.addingProduct(x2, y3)
            let x3 = load(a3 + p)
            c30 = c30.addingProduct(x3, y0); c31 = c31.addingProduct(x3, y1)
            c32 = c32.addingProduct(x3, y2); c33 = c33.addingProduct(x3, y3)
            p += 16
        }
        storeRow(c, c00, c01, c02, c03, accumulate)
        storeRow(c + ldc, c10, c11, c12, c13, accumulate)
        storeRow(c + 2 * ldc, c20, c21, c22, c23, accumulate)
        storeRow(c + 3 * ldc, c30, c31, c32, c33, accumulate)
    }

    @inline(__always)
    private static func storeRow(_ out: UnsafeMutablePointer<Float>, _ v0: V, _ v1: V, _ v2: V, _ v3: V,
                                 _ accumulate: Bool) {
        let s0 = horizontalSum(v0), s1 = horizontalSum(v1), s2 = horizontalSum(v2), s3 = horizontalSum(v3)
        if accumulate {
            out[0] += s0; out[1] += s1; out[2] += s2; out[3] += s3
        } else {
            out[0] = s0; out[1] = s1; out[2] = s2; out[3] = s3
        }
    }
}
