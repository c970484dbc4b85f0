import Foundation
import Testing
@testable import CurateEmbed

/// The kernels are chosen from the CPU at run time: these tests pin the choice to what the CPU can execute (a
/// wrong choice would be an illegal instruction on an AVX2-only host) and each kernel to the fp32 reference.
@Suite struct KernelDispatchTests {
    /// The int8 kernels this CPU (under the cap, if any) can run.
    static let runnablePasses = FastPass.supported(by: .current)

    /// The flags /proc/cpuinfo lists for the first processor (empty where there is no /proc).
    static let cpuinfoFlags: Set<String> = {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return [] }
        return Set(line.split(separator: ":").last?.split(separator: " ").map(String.init) ?? [])
    }()

    @Test(.enabled(if: !cpuinfoFlags.isEmpty, "no /proc/cpuinfo"))
    func cpuidAgreesWithTheKernel() {
        // Linux lists a feature only when the CPU has it and the kernel saves its registers, as mc_cpu_features.
        let names = ["avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni", "avx512_bf16"]
        let ours = Set(CPUFeatures.detected.description.split(separator: " ").map(String.init))
        for name in names {
            #expect(ours.contains(name) == Self.cpuinfoFlags.contains(name), "\(name): cpuid and /proc/cpuinfo disagree")
        }
        // A kernel that predates the flag does not list avx_vnni even where the CPU has it.
        if Self.cpuinfoFlags.contains("avx_vnni") { #expect(ours.contains("avx_vnni"), "avx_vnni: listed by Linux, missed by cpuid") }
        // AMX counts only once Linux granted the tile state, which it does where it lists the flags.
        let tiles = Self.cpuinfoFlags.isSuperset(of: ["amx_tile", "amx_int8"]) && Self.cpuinfoFlags.contains("avx512f")
        #expect(ours.contains("amx_int8") == tiles, "amx_int8: cpuid and the tile grant say \(ours.contains("amx_int8")), Linux \(tiles)")
    }

    @Test func theChoiceFollowsTheFeatures() {
        let avx2: CPUFeatures = [.avx2, .fma]
        let avx512: CPUFeatures = [.avx2, .fma, .avx512f, .avx512bw, .avx512vl, .avx512dq]
        #expect(Kernels.openBLASCore(for: []) == "Prescott")
        #expect(Kernels.openBLASCore(for: avx2) == "Haswell")
        #expect(Kernels.openBLASCore(for: avx512) == "SkylakeX")
        #expect(Kernels.openBLASCore(for: avx512.union(.avx512bf16)) == "Cooperlake")
        // AVX-512 F without BW/VL/DQ is not enough for OpenBLAS's AVX-512 kernels.
        #expect(Kernels.openBLASCore(for: avx2.union(.avx512f)) == "Haswell")
        #expect(FastPass.available(on: avx2) == .unavailable)
        #expect(FastPass.available(on: avx512) == .unavailable)
        #expect(FastPass.available(on: avx512.union(.avx512vnni)) == .int8VNNI)
        // AVX-VNNI alone (an AVX2 CPU with 256-bit VNNI) runs the 256-bit int8 kernel; it needs AVX2 and FMA too.
        #expect(FastPass.available(on: avx2.union(.avxVNNI)) == .int8AVXVNNI)
        #expect(FastPass.available(on: CPUFeatures.avxVNNI) == .unavailable)
        #expect(FastPass.supported(by: avx512.union([.avx512vnni, .avxVNNI])) == [.int8VNNI, .int8AVXVNNI])
        // AMX tiles with AVX-512 VNNI around them (quantization, epilogue); tiles alone are not enough.
        #expect(FastPass.supported(by: avx512.union([.avx512vnni, .avxVNNI, .amxInt8])) == [.int8AMX, .int8VNNI, .int8AVXVNNI])
        #expect(FastPass.available(on: avx512.union(.amxInt8)) == .unavailable)
        #expect(FastPass.available(on: avx2.union([.avxVNNI, .amxInt8])) == .int8AVXVNNI)
        for pass in [FastPass.int8AMX, .int8AVXVNNI] {
            #expect(pass.screeningMargin == FastPass.int8VNNI.screeningMargin)
            #expect(pass.cacheTag == FastPass.int8VNNI.cacheTag)
        }
        #expect(FastPass.unavailable.screeningMargin == nil)
        #expect(Kernels.vectorLevel(ofOpenBLASCore: "Prescott") == .baseline)
        #expect(Kernels.vectorLevel(ofOpenBLASCore: "Haswell") == .avx2)
        #expect(Kernels.vectorLevel(ofOpenBLASCore: "COOPERLAKE") == .avx512)
    }

    @Test func aCapOnlyRemovesFeatures() {
        let all: CPUFeatures = [
            .avx2, .fma, .avx512f, .avx512bw, .avx512vl, .avx512dq, .avx512vnni, .avx512bf16, .avxVNNI, .amxInt8,
        ]
        #expect(all.capped(at: nil) == all)
        #expect(all.capped(at: .amx) == all)
        #expect(all.capped(at: .avx512) == all.subtracting(.amxInt8))
        #expect(FastPass.available(on: all) == .int8AMX)
        #expect(FastPass.available(on: all.capped(at: .avx512)) == .int8VNNI)
        #expect(all.capped(at: .avxVNNI) == [.avx2, .fma, .avxVNNI])
        #expect(all.capped(at: .avxVNNI).vectorLevel == .avx2)
        #expect(FastPass.available(on: all.capped(at: .avxVNNI)) == .int8AVXVNNI)
        #expect(all.capped(at: .avx2) == [.avx2, .fma])
        #expect(all.capped(at: .avx2).vectorLevel == .avx2)
        #expect(FastPass.available(on: all.capped(at: .avx2)) == .unavailable)
        #expect(all.capped(at: .baseline) == [])
        // A cap above what the CPU has adds nothing.
        #expect(CPUFeatures([.avx2, .fma]).capped(at: .avx512) == [.avx2, .fma])
        #expect(CPUFeatures([.avx2, .fma]).capped(at: .avxVNNI) == [.avx2, .fma])
        #expect(CPUFeatures.current.isSubset(of: CPUFeatures.detected))
        #expect(FeatureCap(name: "AVX2") == .avx2 && FeatureCap(name: "avx512") == .avx512 && FeatureCap(name: "AMX") == .amx)
        #expect(FeatureCap(name: "AVX-VNNI") == .avxVNNI)
        #expect(FeatureCap(name: "baseline") == .baseline && FeatureCap(name: "sse") == nil)
    }

    @Test func theKernelSetInUseRunsOnThisCPU() {
        Kernels.useSingleThreadedBLAS()
        let choice = Kernels.blasCore
        let cpu = CPUFeatures.current.vectorLevel
        switch choice.reason {
        case .environment, .fixedBuild:
            break
        case .cappedByEnvironment(let level):
            #expect(level == cpu && Kernels.vectorLevel(ofOpenBLASCore: choice.inUse) == cpu, "\(choice)")
        case .openBLASMatchesCPU, .raisedToCPU:
            // Never wider than the CPU, and never narrower than it either (the Prescott fallback is replaced).
            #expect(Kernels.vectorLevel(ofOpenBLASCore: choice.inUse) <= cpu, "\(choice)")
            if cpu >= .avx2 { #expect(Kernels.vectorLevel(ofOpenBLASCore: choice.inUse) >= cpu, "\(choice)") }
        }
        #expect(Kernels.blasDescription.contains(choice.inUse))
    }

    /// The int8 product against the fp32 one on random data shaped like the encoder's, with an outlier channel as
    /// LayerNorm outputs have, a bias, and a row count that leaves a partial tile: close without smoothing, closer
    /// with it, and never exact (which would mean the fp32 path ran).
    @Test(
        .enabled(if: !runnablePasses.isEmpty, "no AMX, AVX-512 VNNI or AVX-VNNI on this CPU"),
        arguments: runnablePasses, [(384, 1152), (384, 1536), (1536, 384)])
    func int8ProductMatchesFP32(pass: FastPass, shape: (inDim: Int, outDim: Int)) {
        let (inDim, outDim) = shape
        var rng = SystemRandomNumberGenerator()
        let rows = 37
        var x = (0..<(rows * inDim)).map { _ in Float.random(in: -1...1, using: &rng) }
        for r in 0..<rows { x[r * inDim + 5] *= 12 }
        let w = (0..<(outDim * inDim)).map { _ in Float.random(in: -0.1...0.1, using: &rng) }
        let bias = (0..<outDim).map { Float($0) / 1000 }
        var exact = [Float](repeating: 0, count: rows * outDim)
        Kernels.useSingleThreadedBLAS()
        Kernels.linear(x, rows: rows, inDim: inDim, weight: w, bias: bias, outDim: outDim, into: &exact)
        let norm = exact.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: Kernels.int8ScratchBytes(inDim: inDim), alignment: 64)
        defer { scratch.deallocate() }
        func relativeError(peaks: [Float]?) -> Float {
            let q = Int8Linear(weight: w, outDim: outDim, inDim: inDim, inputPeaks: peaks)
            var fast = [Float](repeating: 0, count: rows * outDim)
            bias.withBase { b in
                fast.withUnsafeMutableBufferPointer { q.apply(x, rows: rows, bias: b, into: $0.baseAddress!, scratch: scratch, pass: pass) }
            }
            return zip(exact, fast).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() / norm
        }
        let plain = relativeError(peaks: nil)
        let smoothed = relativeError(peaks: (0..<inDim).map { $0 == 5 ? 12 : 1 })
        #expect(plain < 0.05, "relative error \(plain) without smoothing")
        #expect(smoothed < 0.02 && smoothed < plain, "relative error \(smoothed) smoothed, \(plain) without")
        #expect(smoothed > 0, "the int8 product should not be exact: is the fp32 path running?")
    }

    /// The AVX-512 and AVX2 GELU and softmax against the SIMD16 ones (which run on every CPU), on values spanning the
    /// range the encoder sees, including the exp cut-off below -80.
    @Test(.enabled(if: CPUFeatures.current.contains(.avx512f), "no AVX-512 F on this CPU"))
    func avx512ActivationsMatchSIMD16() { Self.expectActivationsMatchSIMD16(.avx512) }

    @Test(.enabled(if: CPUFeatures.current.isSuperset(of: [.avx2, .fma]), "no AVX2 and FMA on this CPU"))
    func avx2ActivationsMatchSIMD16() { Self.expectActivationsMatchSIMD16(.avx2) }

    static func expectActivationsMatchSIMD16(_ kernel: ActivationKernel) {
        let dim = 64
        let values = (0..<(3 * dim)).map { Float($0 - 96) / 9 }
        let bias = (0..<dim).map { Float($0 % 5) / 10 - 0.2 }
        var narrow = values, wide = values
        Kernels.geluInPlace(&narrow, rows: 3, dim: dim, bias: bias, kernel: .simd16)
        Kernels.geluInPlace(&wide, rows: 3, dim: dim, bias: bias, kernel: kernel)
        for (a, b) in zip(narrow, wide) { #expect(abs(a - b) <= 1e-6 * Swift.max(1, abs(a)), "\(kernel) GELU \(a) vs \(b)") }
        // A partial last vector (of 8 and of 16 lanes), none, and pad slots beyond the last partial vector.
        for (count, padded) in [(37, 48), (16, 16), (5, 32), (12, 16)] {
            var scoresNarrow = (0..<padded).map { Float($0 % 13) * 3 - 100 }, scoresWide = scoresNarrow
            Kernels.softmaxRow(&scoresNarrow, count: count, paddedCount: padded, kernel: .simd16)
            Kernels.softmaxRow(&scoresWide, count: count, paddedCount: padded, kernel: kernel)
            for k in 0..<count { #expect(abs(scoresNarrow[k] - scoresWide[k]) <= 1e-6, "\(kernel) softmax[\(k)] of \(count)") }
            #expect(abs(scoresWide[0..<count].reduce(0, +) - 1) < 1e-5)
            #expect(scoresWide[count...].allSatisfy { abs($0) < 1e-30 }, "\(kernel) pad slots of \(count) in \(padded)")
        }
    }

    /// GELU and softmax: the widest kernel the features allow, never one they do not.
    @Test func theActivationKernelFollowsTheFeatures() {
        let avx2: CPUFeatures = [.avx2, .fma]
        #expect(ActivationKernel.choice(for: []) == .simd16)
        #expect(ActivationKernel.choice(for: .avx2) == .simd16)  // AVX2 without FMA
        #expect(ActivationKernel.choice(for: avx2) == .avx2)
        #expect(ActivationKernel.choice(for: avx2.union(.avx512f)) == .avx512)
        // The kernel in use needs nothing this CPU (or the cap) leaves out.
        switch ActivationKernel.current {
        case .avx512: #expect(CPUFeatures.current.contains(.avx512f))
        case .avx2: #expect(CPUFeatures.current.isSuperset(of: [.avx2, .fma]))
        case .simd16: break
        }
    }

    /// The int8 product's fused GELU gives, bit for bit, the product followed by the separate GELU pass of the same
    /// width (AVX-512 for the AMX and AVX-512 VNNI kernels, AVX2 for the AVX-VNNI one).
    @Test(.enabled(if: !runnablePasses.isEmpty, "no AMX, AVX-512 VNNI or AVX-VNNI on this CPU"), arguments: runnablePasses)
    func fusedGELUEqualsTheSeparatePass(pass: FastPass) {
        let rows = 13, inDim = 384, outDim = 256
        let (x, w) = Self.randomProduct(rows: rows, inDim: inDim, outDim: outDim)
        let bias = (0..<outDim).map { Float($0 % 7) / 10 - 0.3 }
        let q = Int8Linear(weight: w, outDim: outDim, inDim: inDim)
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: Kernels.int8ScratchBytes(inDim: inDim), alignment: 64)
        defer { scratch.deallocate() }
        var separate = [Float](repeating: 0, count: rows * outDim), fused = separate
        separate.withUnsafeMutableBufferPointer { q.apply(x, rows: rows, bias: nil, into: $0.baseAddress!, scratch: scratch, pass: pass) }
        Kernels.geluInPlace(&separate, rows: rows, dim: outDim, bias: bias, kernel: pass == .int8AVXVNNI ? .avx2 : .avx512)
        bias.withBase { b in
            fused.withUnsafeMutableBufferPointer {
                q.apply(x, rows: rows, bias: b, epilogue: .gelu, into: $0.baseAddress!, scratch: scratch, pass: pass)
            }
        }
        let differing = zip(fused, separate).filter { $0.0 != $0.1 }.count
        #expect(differing == 0, "\(differing) of \(fused.count) outputs differ")
        #expect(fused.contains { $0 < 0 } && fused.contains { $0 > 1 }, "GELU's range was not exercised")
    }

    /// Every int8 kernel this CPU runs gives the first one's outputs bit for bit (same bytes, same int32 sums, same
    /// epilogue), with and without smoothing and GELU, on a row count that leaves partial tiles in each (59 rows:
    /// 32 and 27 for AMX, 7 × 8 and 3 for AVX-512 VNNI, 9 × 6 and 5 for AVX-VNNI) and an odd number of 16-channel
    /// panels (25): so they share the cache tag of the screening vectors.
    @Test(.enabled(if: runnablePasses.count >= 2, "this CPU has fewer than two of AMX, AVX-512 VNNI and AVX-VNNI"))
    func theInt8KernelsAgreeBitForBit() {
        let rows = 59, inDim = 1536, outDim = 400
        let (x, w) = Self.randomProduct(rows: rows, inDim: inDim, outDim: outDim)
        let bias = (0..<outDim).map { Float($0 % 11) / 10 - 0.5 }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: Kernels.int8ScratchBytes(inDim: inDim), alignment: 64)
        defer { scratch.deallocate() }
        for peaks in [nil, (0..<inDim).map { $0 % 97 == 0 ? Float(9) : 1 }] {
            let q = Int8Linear(weight: w, outDim: outDim, inDim: inDim, inputPeaks: peaks)
            for epilogue in [Int8Linear.Epilogue.plain, .gelu] {
                func product(_ pass: FastPass) -> [Float] {
                    var out = [Float](repeating: 0, count: rows * outDim)
                    bias.withBase { b in
                        out.withUnsafeMutableBufferPointer {
                            q.apply(x, rows: rows, bias: b, epilogue: epilogue, into: $0.baseAddress!, scratch: scratch, pass: pass)
                        }
                    }
                    return out
                }
                let first = product(Self.runnablePasses[0])
                #expect(first.contains { $0 != 0 })
                for pass in Self.runnablePasses.dropFirst() {
                    let differing = zip(first, product(pass)).filter { $0.0 != $0.1 }.count
                    #expect(
                        differing == 0,
                        "\(pass): \(differing) of \(first.count) outputs differ from \(Self.runnablePasses[0]) (\(epilogue), smoothing \(peaks != nil))")
                }
            }
        }
    }

    /// The kernels quantize and multiply one tile of rows at a time into a scratch of one tile: a row's outputs must
    /// not depend on the rows around it, on partial tiles either (43 rows: 5 tiles of 8 and 3 rows; 7 of 6 and 1; 32 and
    /// 11 for AMX, whose second tile of rows is then empty).
    @Test(.enabled(if: !runnablePasses.isEmpty, "no AMX, AVX-512 VNNI or AVX-VNNI on this CPU"), arguments: runnablePasses)
    func aRowsProductIsTheSameAloneOrInATile(pass: FastPass) {
        let rows = 43, inDim = 384, outDim = 1152
        let (x, w) = Self.randomProduct(rows: rows, inDim: inDim, outDim: outDim)
        let q = Int8Linear(weight: w, outDim: outDim, inDim: inDim, inputPeaks: (0..<inDim).map { $0 == 5 ? 10 : 1 })
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: Kernels.int8ScratchBytes(inDim: inDim), alignment: 64)
        defer { scratch.deallocate() }
        var together = [Float](repeating: 0, count: rows * outDim), alone = together
        together.withUnsafeMutableBufferPointer {
            q.apply(x, rows: rows, bias: nil, epilogue: .gelu, into: $0.baseAddress!, scratch: scratch, pass: pass)
        }
        x.withUnsafeBufferPointer { xs in
            alone.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    q.apply(
                        xs.baseAddress! + r * inDim, rows: 1, bias: nil, epilogue: .gelu, into: out.baseAddress! + r * outDim,
                        scratch: scratch, pass: pass)
                }
            }
        }
        let differing = zip(together, alone).filter { $0.0 != $0.1 }.count
        #expect(differing == 0, "\(differing) of \(together.count) outputs differ with \(pass)")
        #expect(together.contains { $0 != 0 })
    }

    /// The packed weights start on a cache line, whatever the allocator does with arrays: the kernels read them in
    /// 64-byte vectors, which cost two lines each when misaligned.
    @Test func packedWeightsStartOnACacheLine() {
        for (inDim, outDim) in [(384, 1152), (1536, 384), (16, 16)] {
            let q = Int8Linear(weight: [Float](repeating: 0.25, count: outDim * inDim), outDim: outDim, inDim: inDim)
            #expect(Int(bitPattern: q.packed.bytes) % 64 == 0, "\(outDim)×\(inDim) panels at \(q.packed.bytes)")
        }
    }

    /// Activations in -2...2 with an outlier channel (as LayerNorm outputs have) and weights in -0.2...0.2.
    static func randomProduct(rows: Int, inDim: Int, outDim: Int) -> (x: [Float], w: [Float]) {
        var rng = SystemRandomNumberGenerator()
        var x = (0..<(rows * inDim)).map { _ in Float.random(in: -2...2, using: &rng) }
        for r in 0..<rows { x[r * inDim + 5] *= 10 }
        return (x, (0..<(outDim * inDim)).map { _ in Float.random(in: -0.2...0.2, using: &rng) })
    }
}
