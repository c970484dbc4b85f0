import CEmbedKernels
import Foundation

/// The vector instruction sets of the CPU this process runs on, read with cpuid (and xgetbv, so a set the operating
/// system does not save registers for counts as absent). The encoder picks its kernels from these at run time; the
/// package is built for the x86-64 baseline.
public struct CPUFeatures: OptionSet, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let avx2 = CPUFeatures(rawValue: UInt32(MC_CPU_AVX2))
    public static let fma = CPUFeatures(rawValue: UInt32(MC_CPU_FMA))
    public static let avx512f = CPUFeatures(rawValue: UInt32(MC_CPU_AVX512F))
    public static let avx512bw = CPUFeatures(rawValue: UInt32(MC_CPU_AVX512BW))
    public static let avx512vl = CPUFeatures(rawValue: UInt32(MC_CPU_AVX512VL))
    public static let avx512dq = CPUFeatures(rawValue: UInt32(MC_CPU_AVX512DQ))
    public static let avx512vnni = CPUFeatures(rawValue: UInt32(MC_CPU_AVX512VNNI))
    public static let avx512bf16 = CPUFeatures(rawValue: UInt32(MC_CPU_AVX512BF16))
    public static let avxVNNI = CPUFeatures(rawValue: UInt32(MC_CPU_AVXVNNI))
    /// AMX tiles with int8 products, when Linux granted this process the tile state.
    public static let amxInt8 = CPUFeatures(rawValue: UInt32(MC_CPU_AMXINT8))

    /// What this CPU and operating system support, as cpuid and xgetbv report it.
    public static let detected = CPUFeatures(rawValue: mc_cpu_features())

    /// What the kernels may use (read once per process): ``detected``, without what `MATHCURATE_CPU_LEVEL` leaves out
    /// when it is set (see ``FeatureCap/environment``).
    public static let current = detected.capped(at: FeatureCap.environment)

    /// These features without those `cap` leaves out; a nil cap leaves them as they are. A cap never adds a feature.
    public func capped(at cap: FeatureCap?) -> CPUFeatures {
        guard let allowed = cap?.allowed else { return self }
        return intersection(allowed)
    }

    /// The wide-vector level these features reach.
    public var vectorLevel: VectorLevel {
        if isSuperset(of: [.avx512f, .avx512bw, .avx512vl, .avx512dq]) { return .avx512 }
        if isSuperset(of: [.avx2, .fma]) { return .avx2 }
        return .baseline
    }

    /// Feature names as /proc/cpuinfo spells them, e.g. `avx2 fma avx512f avx512bw avx512vl avx512dq avx512_vnni`.
    public var description: String {
        let names: [(CPUFeatures, String)] = [
            (.avx2, "avx2"), (.fma, "fma"), (.avx512f, "avx512f"), (.avx512bw, "avx512bw"), (.avx512vl, "avx512vl"),
            (.avx512dq, "avx512dq"), (.avx512vnni, "avx512_vnni"), (.avx512bf16, "avx512_bf16"), (.avxVNNI, "avx_vnni"),
            (.amxInt8, "amx_int8"),
        ]
        let present = names.filter { contains($0.0) }.map(\.1)
        return present.isEmpty ? "baseline x86-64" : present.joined(separator: " ")
    }
}

/// How wide a kernel's vectors are, in the order a CPU gains them.
public enum VectorLevel: Int, Comparable, Sendable, CustomStringConvertible {
    /// SSE2, which every x86-64 CPU has.
    case baseline
    /// AVX2 with FMA.
    case avx2
    /// AVX-512 F, BW, VL and DQ (OpenBLAS's SkylakeX kernels).
    case avx512

    public static func < (a: VectorLevel, b: VectorLevel) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .baseline: "baseline"
        case .avx2: "AVX2+FMA"
        case .avx512: "AVX-512"
        }
    }
}

/// What `MATHCURATE_CPU_LEVEL` lets the kernels use, to measure or test on one CPU what a CPU with fewer instruction
/// sets would run. A cap only removes features: `avx512` on an AVX2 CPU changes nothing.
public enum FeatureCap: Sendable, Equatable, CustomStringConvertible {
    /// Everything the CPU has.
    case amx
    /// Everything but AMX: an AVX-512 CPU without tiles (AMD Zen 4 and 5, Intel before Sapphire Rapids).
    case avx512
    /// AVX2, FMA and AVX-VNNI: an Intel CPU without AVX-512 (Alder Lake and later cores, Sierra Forest).
    case avxVNNI
    /// AVX2 and FMA alone: an AVX2-only CPU such as AMD Zen 2 or Zen 3.
    case avx2
    /// The x86-64 baseline (SSE2).
    case baseline

    /// The cap `MATHCURATE_CPU_LEVEL` names (`amx`, `avx512`, `avx-vnni`, `avx2` or `baseline`, in any case), read once
    /// per process. Unset: nil. Any other value is ignored with a warning on standard error that names it.
    public static let environment: FeatureCap? = {
        guard let value = ProcessInfo.processInfo.environment["MATHCURATE_CPU_LEVEL"], !value.isEmpty else { return nil }
        if let cap = FeatureCap(name: value) { return cap }
        let message = "warning: MATHCURATE_CPU_LEVEL=\(value) is not amx, avx512, avx-vnni, avx2 or baseline; ignored\n"
        FileHandle.standardError.write(Data(message.utf8))
        return nil
    }()

    /// The cap a name spells (`amx`, `avx512`, `avx-vnni`, `avx2`, `baseline`, in any case), or nil.
    public init?(name: String) {
        switch name.lowercased() {
        case "amx": self = .amx
        case "avx512": self = .avx512
        case "avx-vnni": self = .avxVNNI
        case "avx2": self = .avx2
        case "baseline": self = .baseline
        default: return nil
        }
    }

    /// The features this cap keeps, or nil for all of them.
    var allowed: CPUFeatures? {
        switch self {
        case .amx: nil
        case .avx512: CPUFeatures(rawValue: .max).subtracting(.amxInt8)
        case .avxVNNI: [.avx2, .fma, .avxVNNI]
        case .avx2: [.avx2, .fma]
        case .baseline: []
        }
    }

    public var description: String {
        switch self {
        case .amx: "AMX"
        case .avx512: "AVX-512 without AMX"
        case .avxVNNI: "AVX2+FMA+AVX-VNNI"
        case .avx2: "AVX2+FMA"
        case .baseline: "baseline"
        }
    }
}
