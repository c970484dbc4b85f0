import CEmbedKernels

/// Where GELU and softmax run: Swift's SIMD16 lanes (four 128-bit SSE operations on the baseline build) or the C
/// kernels of CEmbedKernels on 256-bit or 512-bit vectors, chosen from cpuid.
enum ActivationKernel: Sendable {
    case simd16
    case avx2
    case avx512

    /// The kernel for this process's CPU features (``CPUFeatures/current``).
    static let current = choice(for: .current)

    /// AVX-512 where the CPU has AVX-512 F, AVX2 where it has AVX2 and FMA, SIMD16 otherwise.
    static func choice(for cpu: CPUFeatures) -> ActivationKernel {
        if cpu.contains(.avx512f) { return .avx512 }
        if cpu.isSuperset(of: [.avx2, .fma]) { return .avx2 }
        return .simd16
    }
}

/// Element-wise and row-wise kernels on SIMD16 lanes (vectorised exp, erf-GELU, softmax, LayerNorm).
extension Kernels {
    typealias V = SIMD16<Float>

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    // The generic SIMD helpers `pointwiseMax`, `clamped`, `max()` and `sum()` compile to lane-by-lane loops through
    // memory; these spell the same operations as compare + select and half-folding, which stay in vector registers.

    /// Lane-wise maximum.
    @inline(__always) static func maximum(_ a: V, _ b: V) -> V { a.replacing(with: b, where: a .< b) }

    /// Lane-wise minimum.
    @inline(__always) static func minimum(_ a: V, _ b: V) -> V { a.replacing(with: b, where: b .< a) }

    /// Sum of the 16 lanes, by folding halves.
    @inline(__always) static func horizontalSum(_ v: V) -> Float {
        let a = v.lowHalf + v.highHalf
        let b = a.lowHalf + a.highHalf
        let c = b.lowHalf + b.highHalf
        return c[0] + c[1]
    }

    /// Largest of the 16 lanes, by folding halves.
    @inline(__always) static func horizontalMax(_ v: V) -> Float {
        let a = v.lowHalf.replacing(with: v.highHalf, where: v.lowHalf .< v.highHalf)
        let b = a.lowHalf.replacing(with: a.highHalf, where: a.lowHalf .< a.highHalf)
        let c = b.lowHalf.replacing(with: b.highHalf, where: b.lowHalf .< b.highHalf)
        return Swift.max(c[0], c[1])
    }

    /// e^x per lane: Cody–Waite range reduction x = n·ln2 + r, Cephes `expf` polynomial on r, 2ⁿ from exponent bits.
    /// Inputs are clamped to [-80, 88.3] and lanes below -80 return exactly 0, so no subnormal value is ever
    /// produced (subnormal arithmetic is ~100× slower on x86); relative error about 1 ulp.
    @inline(__always) static func exp(_ input: V) -> V {
        let low = V(repeating: -80)
        let x = minimum(maximum(input, low), V(repeating: 88.3))
        let magic = V(repeating: 12_582_912)  // 1.5·2²³: adding it rounds to an integer
        let shifted = x * V(repeating: 1.442_695_04) + magic
        let n = shifted - magic
        var r = x - n * V(repeating: 0.693_359_375)
        r = r - n * V(repeating: -2.121_944_4e-4)
        var p = V(repeating: 1.987_569_15e-4)
        p = p * r + V(repeating: 1.398_199_95e-3)
        p = p * r + V(repeating: 8.333_451_9e-3)
        p = p * r + V(repeating: 4.166_579_59e-2)
        p = p * r + V(repeating: 1.666_666_55e-1)
        p = p * r + V(repeating: 5.000_000_12e-1)
        p = p * (r * r) + r + V(repeating: 1)
        let nBits = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- unsafeBitCast(magic, to: SIMD16<Int32>.self)
        let scale = unsafeBitCast((nBits &+ 127) &<< 23, to: V.self)
        return (p * scale).replacing(with: 0, where: input .< low)
    }

    /// GELU with the exact erf form, 0.5·x·(1 + erf(x/√2)); erf by Abramowitz–Stegun 7.1.26 (|error| ≤ 1.5e-7).
    @inline(__always) static func gelu(_ x: V) -> V {
        let z = x * V(repeating: 0.707_106_77)
        let zero = V(repeating: 0)
        let a = z.replacing(with: -z, where: z .< zero)
        let t = V(repeating: 1) / (V(repeating: 1) + V(repeating: 0.327_591_1) * a)
        var poly = V(repeating: 1.061_405_429)
        poly = poly * t + V(repeating: -1.453_152_027)
        poly = poly * t + V(repeating: 1.421_413_741)
        poly = poly * t + V(repeating: -0.284_496_736)
        poly = poly * t + V(repeating: 0.254_829_592)
        poly = poly * t
        let erfAbs = V(repeating: 1) - poly * exp(-(a * a))
        let erf = erfAbs.replacing(with: -erfAbs, where: z .< zero)
        return V(repeating: 0.5) * x * (V(repeating: 1) + erf)
    }

    /// In place, `p[r] = GELU(p[r] + bias)` for each of `rows` rows of width `dim`: the bias of the Linear layer
    /// before it, added in the same pass.
    /// - Complexity: O(rows · dim).
    static func geluInPlace(
        _ p: UnsafeMutablePointer<Float>, rows: Int, dim: Int, bias: UnsafePointer<Float>,
        kernel: ActivationKernel = .current
    ) {
        if kernel == .avx512, dim % 16 == 0 {
            mc_gelu_bias_avx512(p, Int32(rows), Int32(dim), bias)
            return
        }
        if kernel == .avx2, dim % 8 == 0 {
            mc_gelu_bias_avx2(p, Int32(rows), Int32(dim), bias)
            return
        }
        for r in 0..<rows {
            let row = p + r * dim
            var j = 0
            while j + 16 <= dim {
                store(gelu(load(row + j) + load(bias + j)), row + j)
                j += 16
            }
            if j < dim {
                var v = V(repeating: 0)
                for k in 0..<(dim - j) { v[k] = row[j + k] + bias[j + k] }
                let g = gelu(v)
                for k in 0..<(dim - j) { row[j + k] = g[k] }
            }
        }
    }

    /// In-place softmax of one row of `count` values stored with `paddedCount` slots (a multiple of 16 ≥ count);
    /// the pad slots are overwritten and end up ≈ 0, so callers read only the first `count`.
    /// - Complexity: O(paddedCount).
    static func softmaxRow(_ p: UnsafeMutablePointer<Float>, count: Int, paddedCount: Int, kernel: ActivationKernel = .current) {
        switch kernel {
        case .avx512:
            mc_softmax_row_avx512(p, Int32(count), Int32(paddedCount))
            return
        case .avx2:
            mc_softmax_row_avx2(p, Int32(count), Int32(paddedCount))
            return
        case .simd16:
            break
        }
        for k in count..<paddedCount { p[k] = -Float.infinity }
        var m = V(repeating: -Float.infinity)
        var i = 0
        while i < paddedCount {
            m = maximum(m, load(p + i))
            i += 16
        }
        let maxValue = V(repeating: horizontalMax(m))
        var sums = V(repeating: 0)
        i = 0
        while i < paddedCount {
            let e = exp(load(p + i) - maxValue)
            store(e, p + i)
            sums += e
            i += 16
        }
        let inv = V(repeating: 1 / horizontalSum(sums))
        i = 0
        while i < paddedCount {
            store(load(p + i) * inv, p + i)
            i += 16
        }
    }

    /// `x[r] = LayerNorm(x[r] + delta[r] + deltaBias) · weight + bias` for each of `rows` rows of width `dim` (a
    /// multiple of 16); `deltaBias` is the bias of the Linear layer that produced `delta`, added in the same pass.
    /// Mean and variance are two-pass, accumulated in Float lanes.
    /// - Complexity: O(rows · dim).
    static func addLayerNorm(
        _ x: UnsafeMutablePointer<Float>, adding delta: UnsafePointer<Float>?,
        deltaBias: UnsafePointer<Float>? = nil, rows: Int, dim: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float
    ) {
        let n = Float(dim)
        for r in 0..<rows {
            let row = x + r * dim
            var sum = V(repeating: 0)
            var j = 0
            while j < dim {
                var v = load(row + j)
                if let delta { v += load(delta + r * dim + j) }
                if let deltaBias { v += load(deltaBias + j) }
                store(v, row + j)
                sum += v
                j += 16
            }
            let mean = V(repeating: horizontalSum(sum) / n)
            var sq = V(repeating: 0)
            j = 0
            while j < dim {
                let d = load(row + j) - mean
                sq += d * d
                j += 16
            }
            let variance = horizontalSum(sq) / n
            let inv = V(repeating: 1 / (variance + epsilon).squareRoot())
            j = 0
            while j < dim {
                let v = (load(row + j) - mean) * inv * load(weight + j) + load(bias + j)
                store(v, row + j)
                j += 16
            }
        }
    }
}
