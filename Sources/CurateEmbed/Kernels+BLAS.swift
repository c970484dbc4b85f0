import COpenBLAS

/// Numeric kernels of the encoder: matrix products (OpenBLAS `cblas_sgemm`), LayerNorm, GELU and softmax.
/// All matrices are row-major `Float`; pointers are only valid for the duration of a call.
enum Kernels {
    /// Loads the kernel set for this CPU (``blasCore``, once per process) and makes OpenBLAS run each call on the
    /// calling thread; CurateEmbed parallelises across batches instead. Every entry point that multiplies matrices
    /// calls this first.
    static func useSingleThreadedBLAS() {
        _ = blasCore
        openblas_set_num_threads(1)
    }

    /// The OpenBLAS build and the kernel set in use, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY; kernels
    /// Cooperlake (chosen from cpuid: AVX-512; OpenBLAS alone picked Prescott)`.
    static var blasDescription: String {
        let core = blasCore
        guard let config = openblas_get_config() else { return "OpenBLAS (unknown); kernels \(core)" }
        // The configuration string ends with the kernel name and MAX_THREADS; keep the build part only.
        let build = String(cString: config).split(separator: " ").filter {
            !$0.hasPrefix("MAX_THREADS") && $0.lowercased() != core.inUse.lowercased() && $0.lowercased() != core.openBLASChoice.lowercased()
        }
        return build.joined(separator: " ") + "; kernels \(core)"
    }

    /// `out[rows, outDim] = x[rows, inDim] · weightᵀ (+ bias)` with `weight` stored `[outDim, inDim]` (PyTorch
    /// Linear). Without `bias` the product is written as is, for a caller that adds the bias in its next pass
    /// (GELU, residual LayerNorm) instead of a pass of its own.
    /// - Complexity: O(rows · inDim · outDim), one SGEMM.
    static func linear(
        _ x: UnsafePointer<Float>, rows: Int, inDim: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, outDim: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        if let bias {
            for r in 0..<rows { (out + r * outDim).update(from: bias, count: outDim) }
        }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outDim), Int32(inDim),
            1, x, Int32(inDim), weight, Int32(inDim), bias == nil ? 0 : 1, out, Int32(outDim))
    }

    /// `c[m, n] = alpha · a[m, k] · b[n, k]ᵀ` with leading dimensions `lda`, `ldb`, `ldc` (A·Bᵀ, beta = 0).
    /// - Complexity: O(m · n · k).
    static func gemmABt(
        m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }

    /// `c[m, n] = alpha · a[m, k] · b[k, n]` with leading dimensions `lda`, `ldb`, `ldc` (A·B, beta = 0).
    /// - Complexity: O(m · n · k).
    static func gemmAB(
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }
}

extension Array where Element == Float {
    /// Calls `body` with the address of the first element (a pointer to a zero when the array is empty).
    @inline(__always)
    func withBase<R>(_ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return try body(base) }
            return try withUnsafePointer(to: Float.zero) { try body($0) }
        }
    }
}
