import CEmbedKernels

/// A Linear layer's weights quantized for the int8 fast pass: one int8 per weight in `vpdpbusd` panels (which the AMX,
/// AVX-512 and 256-bit AVX-VNNI kernels all read), a scale per output channel and each channel's sum (for the
/// activations' zero point).
struct Int8Linear: Sendable {
    let outDim: Int
    let inDim: Int
    let packed: Int8Panels
    let scales: [Float]
    let sums: [Int32]
    /// Per input channel, the factor activations are multiplied by before quantization (nil: none).
    let smooth: [Float]?

    /// Quantizes `weight[outDim][inDim]` (PyTorch Linear layout).
    ///
    /// - Parameter inputPeaks: the expected largest |activation| of each input channel, when known. The channel is
    ///   then divided by √(peak / largest |weight| of the channel) and the weights multiplied by it, which evens out
    ///   the channels (a few LayerNorm channels are ten times larger than the rest and would otherwise take most
    ///   of each row's 8 bits).
    init(weight: [Float], outDim: Int, inDim: Int, inputPeaks: [Float]? = nil) {
        precondition(outDim % 16 == 0 && inDim % 16 == 0 && weight.count == outDim * inDim)
        self.outDim = outDim
        self.inDim = inDim
        var weight = weight
        if let inputPeaks {
            var factors = [Float](repeating: 1, count: inDim)
            for j in 0..<inDim {
                var peak: Float = 0
                for c in 0..<outDim { peak = Swift.max(peak, abs(weight[c * inDim + j])) }
                if peak > 0, inputPeaks[j] > 0 { factors[j] = (inputPeaks[j] / peak).squareRoot() }
            }
            for c in 0..<outDim { for j in 0..<inDim { weight[c * inDim + j] *= factors[j] } }
            smooth = factors.map { 1 / $0 }
        } else {
            smooth = nil
        }
        let packed = Int8Panels(count: mc_int8_packed_size(Int32(outDim), Int32(inDim)))
        var scales = [Float](repeating: 0, count: outDim)
        var sums = [Int32](repeating: 0, count: outDim)
        weight.withUnsafeBufferPointer { w in
            mc_int8_pack_weights(w.baseAddress, Int32(outDim), Int32(inDim), packed.bytes, &scales, &sums)
        }
        self.packed = packed
        self.scales = scales
        self.sums = sums
    }

    /// What is applied to each output after the bias.
    enum Epilogue {
        /// The product (plus bias) as it is.
        case plain
        /// GELU (erf form), bit for bit the separate AVX-512 or AVX2 pass: the feed-forward's first product writes its
        /// activations once instead of writing, reading and writing them again.
        case gelu

        var kernelValue: mc_int8_epilogue { self == .gelu ? MC_INT8_GELU : MC_INT8_PLAIN }
    }

    /// The C signature the int8 kernels share (`mc_int8_linear_amx`, `mc_int8_linear_avx512vnni`,
    /// `mc_int8_linear_avxvnni`).
    private typealias Kernel =
        @convention(c) (
            UnsafePointer<Float>?, Int32, Int32, UnsafePointer<Float>?, UnsafePointer<Int8>?, UnsafePointer<Float>?,
            UnsafePointer<Int32>?, UnsafePointer<Float>?, mc_int8_epilogue, Int32, UnsafeMutablePointer<Float>?,
            UnsafeMutableRawPointer?
        ) -> Void

    /// `out[rows, outDim] = epilogue(x[rows, inDim] · weightᵀ (+ bias))` with the int8 kernel of `pass` (which this
    /// CPU must support: see ``FastPass/supported(by:)``); `scratch` holds `Kernels.int8ScratchBytes(inDim:)` bytes,
    /// 64-byte aligned.
    func apply(
        _ x: UnsafePointer<Float>, rows: Int, bias: UnsafePointer<Float>?, epilogue: Epilogue = .plain,
        into out: UnsafeMutablePointer<Float>, scratch: UnsafeMutableRawPointer, pass: FastPass
    ) {
        let kernel: Kernel
        switch pass {
        // The tiles take 64 inputs at a time; the AVX-512 kernel gives the same outputs for any other width.
        case .int8AMX: kernel = inDim % 64 == 0 ? mc_int8_linear_amx : mc_int8_linear_avx512vnni
        case .int8VNNI: kernel = mc_int8_linear_avx512vnni
        case .int8AVXVNNI: kernel = mc_int8_linear_avxvnni
        case .unavailable: preconditionFailure("an int8 product needs a fast pass")
        }
        kernel(x, Int32(rows), Int32(inDim), smooth, packed.bytes, scales, sums, bias, epilogue.kernelValue, Int32(outDim), out, scratch)
    }
}

/// Packed int8 weights at a 64-byte aligned address. The kernels read them in 64-byte vectors (two 32-byte ones on
/// AVX-VNNI), and an `[Int8]`'s elements start 16 bytes past a line, so every such read would touch two cache lines:
/// aligned, the products ran up to 10 % faster. Written once by `mc_int8_pack_weights`, then only read.
final class Int8Panels: @unchecked Sendable {
    /// The first byte, 64-byte aligned.
    let bytes: UnsafeMutablePointer<Int8>

    /// Zeroed storage for `count` bytes.
    init(count: Int) {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count, 1), alignment: 64)
        raw.initializeMemory(as: Int8.self, repeating: 0, count: Swift.max(count, 1))
        bytes = raw.assumingMemoryBound(to: Int8.self)
    }

    deinit { UnsafeMutableRawPointer(bytes).deallocate() }
}

extension Kernels {
    /// Scratch bytes of an int8 product of rows of `inDim` inputs (one block of quantized rows, whatever their number).
    static func int8ScratchBytes(inDim: Int) -> Int { mc_int8_scratch_size(Int32(inDim)) }
}
