/// The low-precision pass dedup and overlap screen candidates with, when this CPU has one.
///
/// The int8 kernels read the same packed weights, quantize the activations the same way and sum the products
/// exactly in int32: on the same inputs their outputs are equal bit for bit, and they share one safety margin and
/// one cache tag. The fp32 parts around them (attention, LayerNorm) round differently with each CPU's kernels, and
/// quantization can turn such a difference into one step of an int8 value, so two CPUs' fast vectors differ a
/// little; the margin was measured with each kernel (``screeningMargin``).
public enum FastPass: Sendable, Equatable, CustomStringConvertible {
    /// The ``int8VNNI`` products on AMX tiles (`tdpbusd`, 16 × 16 × 64 products an instruction), with that pass's
    /// quantization and epilogue on AVX-512: Intel Xeon from Sapphire Rapids on.
    case int8AMX
    /// int8 weights and activations, int32 sums with AVX-512 VNNI; everything but the Linear products in fp32.
    case int8VNNI
    /// The same int8 products on 256-bit vectors with AVX-VNNI, for CPUs without AVX-512.
    case int8AVXVNNI
    /// No fast path on this CPU: every vector is computed exactly.
    case unavailable

    /// The fast pass of this process's CPU features (``CPUFeatures/current``), chosen once.
    public static let current = available(on: .current)

    /// The fast pass this CPU supports: the widest of ``supported(by:)``, or ``unavailable``.
    public static func available(on cpu: CPUFeatures) -> FastPass {
        supported(by: cpu).first ?? .unavailable
    }

    /// Every int8 kernel this CPU can run, widest first.
    public static func supported(by cpu: CPUFeatures) -> [FastPass] {
        var passes: [FastPass] = []
        if cpu.isSuperset(of: [.amxInt8, .avx512f, .avx512bw, .avx512vnni]) { passes.append(.int8AMX) }
        if cpu.isSuperset(of: [.avx512f, .avx512bw, .avx512vnni]) { passes.append(.int8VNNI) }
        if cpu.isSuperset(of: [.avx2, .fma, .avxVNNI]) { passes.append(.int8AVXVNNI) }
        return passes
    }

    /// The cosine margin a screen with this pass keeps below a threshold, or nil when there is no pass: every pair
    /// whose exact cosine is above t has a fast cosine above t − margin. Measured over all of ../shared/data by
    /// `bash bench/embed-margin.sh` (BENCHMARKS.md, "Embeddings"): the largest drop of a pair's cosine from exact to
    /// fast was 0.0183 among pairs whose exact cosine is above 0.8 and 0.0371 among all pairs above 0.5 with the
    /// AVX-512 kernels, 0.0193 and 0.0369 with the AVX-VNNI ones; 0.1 is over 5 and 2.7 times those.
    public var screeningMargin: Float? {
        switch self {
        case .int8AMX, .int8VNNI, .int8AVXVNNI: 0.1
        case .unavailable: nil
        }
    }

    /// The tag screening vectors of this pass are cached under; a new quantization scheme gets a new tag.
    public var cacheTag: String {
        switch self {
        case .int8AMX, .int8VNNI, .int8AVXVNNI: "int8-v1"
        case .unavailable: "none"
        }
    }

    public var description: String {
        switch self {
        case .int8AMX: "int8 Linear products on AMX tiles"
        case .int8VNNI: "int8 Linear products on AVX-512 VNNI"
        case .int8AVXVNNI: "int8 Linear products on AVX-VNNI (256-bit)"
        case .unavailable: "none on this CPU (needs AMX, AVX-512 VNNI or AVX-VNNI); dedup embeds every text exactly"
        }
    }
}

/// Which vectors an encoder computes.
public enum EmbeddingPrecision: Sendable, Equatable {
    /// fp32 throughout: the vectors sentence-transformers computes (cosine ≥ 0.99999); the only ones ever stored as
    /// a model's embeddings.
    case exact
    /// The ``FastPass`` of this CPU: approximate vectors for screening candidate pairs only.
    case fast
}
