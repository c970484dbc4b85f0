import CurateEmbed
import Foundation
import MathVerify

/// What `curate --version` prints: the version, the embedding kernels chosen for this CPU at run time (the OpenBLAS
/// kernel set of the exact path, the fast pass dedup screens with), and the CPU (model and the vector-instruction
/// flags that speed figures depend on).
enum VersionText {
    /// `curate 0.6.0`: what argument-parser knows (a constant, as its configuration is built at every start).
    static let short = "curate \(MathCurateVersion.string)"

    /// `curate --version` as `CurateCommand.runMain` prints it.
    static var text: String {
        """
        \(short)
        embedding kernels: \(SentenceEncoder.kernelDescription)
        embedding fast pass: \(FastPass.current) (\(features))
        \(cpu)
        """
    }

    /// `cpuid: avx2 fma …`, and what `MATHCURATE_CPU_LEVEL` leaves of it when set.
    static var features: String {
        guard let cap = FeatureCap.environment else { return "cpuid: \(CPUFeatures.detected)" }
        return "cpuid: \(CPUFeatures.detected); MATHCURATE_CPU_LEVEL caps the kernels at \(cap): \(CPUFeatures.current)"
    }

    /// `cpu: MODEL, N cores; flags: avx2 fma …` from /proc/cpuinfo, as bench/serve/cpu.sh prints it.
    static var cpu: String {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            return "cpu: unknown (no /proc/cpuinfo), \(ProcessInfo.processInfo.activeProcessorCount) cores"
        }
        func field(_ name: String) -> String? {
            info.split(separator: "\n").first { $0.hasPrefix(name) }
                .flatMap { $0.split(separator: ":", maxSplits: 1).last }
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let shown = [
            "fma", "sse4_2", "avx", "avx2", "avx512f", "avx512bw", "avx512vl", "avx512_bf16", "avx512_vnni", "avx_vnni",
            "amx_bf16", "amx_tile", "amx_int8",
        ]
        let present = Set((field("flags") ?? "").split(separator: " ").map(String.init))
        let flags = shown.filter(present.contains).joined(separator: " ")
        return "cpu: \(field("model name") ?? "unknown"), \(ProcessInfo.processInfo.activeProcessorCount) cores; flags: \(flags)"
    }
}
