import COpenBLAS
import Foundation

/// The OpenBLAS kernel set the encoder's matrix products run on, chosen at run time from the CPU's features.
///
/// OpenBLAS (a DYNAMIC_ARCH build, as Debian ships it) picks its kernels from the CPU model it knows; a CPU newer
/// than the library (Debian's 0.3.21 on an Emerald Rapids Xeon) falls back to Prescott, SSE3 kernels at a fifth of
/// the speed. MathCurate reads the features with cpuid instead and, when OpenBLAS's choice is narrower than the CPU,
/// asks OpenBLAS to load the kernel set of the CPU's level (SkylakeX or Cooperlake for AVX-512, Haswell for
/// AVX2+FMA) through its own `OPENBLAS_CORETYPE` path. A user's `OPENBLAS_CORETYPE` is always respected;
/// `MATHCURATE_CPU_LEVEL` (see ``FeatureCap/environment``) lowers the choice to the level it names.
public struct BLASCoreChoice: Sendable, CustomStringConvertible {
    /// The kernel set OpenBLAS chose by itself, e.g. `Prescott`.
    public let openBLASChoice: String
    /// The kernel set in use, e.g. `Cooperlake`.
    public let inUse: String
    /// Why `inUse` is what it is.
    public let reason: Reason

    /// Why a kernel set is in use.
    public enum Reason: Sendable {
        /// OpenBLAS's own choice already reaches the CPU's vector level.
        case openBLASMatchesCPU
        /// MathCurate replaced a narrower choice by the CPU's level.
        case raisedToCPU(VectorLevel)
        /// The environment sets `OPENBLAS_CORETYPE`.
        case environment
        /// `MATHCURATE_CPU_LEVEL` caps the kernels at this level, and OpenBLAS's own choice was another level.
        case cappedByEnvironment(VectorLevel)
        /// This OpenBLAS cannot switch kernels (not a DYNAMIC_ARCH build).
        case fixedBuild
    }

    /// e.g. `Cooperlake (chosen from cpuid: AVX-512; OpenBLAS alone picked Prescott)`.
    public var description: String {
        switch reason {
        case .openBLASMatchesCPU: "\(inUse) (OpenBLAS's choice for this CPU)"
        case .raisedToCPU(let level): "\(inUse) (chosen from cpuid: \(level); OpenBLAS alone picked \(openBLASChoice))"
        case .environment: "\(inUse) (OPENBLAS_CORETYPE)"
        case .cappedByEnvironment(let level):
            "\(inUse) (MATHCURATE_CPU_LEVEL caps the kernels at \(level); OpenBLAS alone picked \(openBLASChoice))"
        case .fixedBuild: "\(inUse) (fixed by this OpenBLAS build)"
        }
    }
}

extension Kernels {
    /// The kernel set choice, made once per process before the first matrix product.
    static let blasCore: BLASCoreChoice = chooseBLASCore(for: .current)

    /// The vector level of an OpenBLAS kernel set by its name (`openblas_get_corename`).
    static func vectorLevel(ofOpenBLASCore name: String) -> VectorLevel {
        switch name.lowercased() {
        case "skylakex", "cooperlake", "sapphirerapids": .avx512
        case "haswell", "zen", "excavator": .avx2
        default: .baseline
        }
    }

    /// The OpenBLAS kernel set for a CPU's features (Prescott, SSE3, below AVX2).
    static func openBLASCore(for cpu: CPUFeatures) -> String {
        switch cpu.vectorLevel {
        case .avx512: cpu.contains(.avx512bf16) ? "Cooperlake" : "SkylakeX"
        case .avx2: "Haswell"
        case .baseline: "Prescott"
        }
    }

    private static func currentCoreName() -> String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    private static func chooseBLASCore(for cpu: CPUFeatures) -> BLASCoreChoice {
        let picked = currentCoreName()
        if getenv("OPENBLAS_CORETYPE") != nil {
            return BLASCoreChoice(openBLASChoice: picked, inUse: picked, reason: .environment)
        }
        let pickedLevel = vectorLevel(ofOpenBLASCore: picked)
        let capped = FeatureCap.environment != nil
        // Without a cap, only a choice narrower than the CPU is replaced; with one, any choice of another level.
        let replace = capped ? cpu.vectorLevel != pickedLevel : cpu.vectorLevel > pickedLevel
        guard replace else {
            return BLASCoreChoice(openBLASChoice: picked, inUse: picked, reason: .openBLASMatchesCPU)
        }
        let wanted = openBLASCore(for: cpu)
        // DYNAMIC_ARCH builds export these two; gotoblas_dynamic_init reads OPENBLAS_CORETYPE like at load time.
        let rtldDefault = UnsafeMutableRawPointer(bitPattern: 0)
        guard let quit = dlsym(rtldDefault, "gotoblas_dynamic_quit"), let initialize = dlsym(rtldDefault, "gotoblas_dynamic_init") else {
            return BLASCoreChoice(openBLASChoice: picked, inUse: picked, reason: .fixedBuild)
        }
        typealias Entry = @convention(c) () -> Void
        setenv("OPENBLAS_CORETYPE", wanted, 1)
        unsafeBitCast(quit, to: Entry.self)()
        unsafeBitCast(initialize, to: Entry.self)()
        unsetenv("OPENBLAS_CORETYPE")
        let reason: BLASCoreChoice.Reason = capped ? .cappedByEnvironment(cpu.vectorLevel) : .raisedToCPU(cpu.vectorLevel)
        return BLASCoreChoice(openBLASChoice: picked, inUse: currentCoreName(), reason: reason)
    }
}
