import CurateCore
import CurateEmbed
import Foundation

// EmbedBench: measurements for CurateEmbed (release build).
//   EmbedBench check   MODEL_DIR REFERENCE.jsonl           token ids + cosine vs the sentence-transformers reference
//   EmbedBench embed   MODEL_DIR TEXTS.json N BATCH THREADS [exact|fast]
//                                                          tokens/s over the first N problems of a JSON array
//   EmbedBench dump    MODEL_DIR TEXTS.json N OUT.f32 [exact|fast]
//                                                          the first N problems' vectors as raw little-endian float32
//   EmbedBench margin  MODEL_DIR TEXTS.jsonl THREADS       how far the fast pass moves pair cosines (MarginBench)
//   EmbedBench allpairs N DIM THRESHOLD THREADS             blocked all-pairs search on random unit vectors

@main
struct EmbedBench {
    static func main() throws {
        let args = CommandLine.arguments
        guard args.count >= 2 else {
            print("usage: EmbedBench check|embed|allpairs ...")
            exit(2)
        }
        switch args[1] {
        case "check": try check(model: args[2], reference: args[3])
        case "embed":
            try bench(
                model: args[2], texts: args[3], n: Int(args[4]) ?? 2000, batch: Int(args[5]) ?? 32,
                threads: Int(args[6]) ?? 2, precision: args.count > 7 && args[7] == "fast" ? .fast : .exact)
        case "margin":
            try MarginBench.run(model: args[2], texts: args[3], threads: args.count > 4 ? Int(args[4]) ?? 2 : 2)
        case "dump":
            try dump(
                model: args[2], texts: args[3], n: Int(args[4]) ?? 2000, output: args[5],
                precision: args.count > 6 && args[6] == "fast" ? .fast : .exact)
        case "allpairs":
            try allPairs(
                n: Int(args[2]) ?? 40_000, dim: Int(args[3]) ?? 384, threshold: Float(args[4]) ?? 0.9,
                threads: Int(args[5]) ?? 2)
        case "partitioned":
            try partitioned(
                vectors: args[2], threshold: Float(args[3]) ?? 0.9,
                partitionSize: args.count > 4 ? Int(args[4]) ?? 2_000 : 2_000, probes: args.count > 5 ? Int(args[5]) ?? 3 : 3)
        case "partitioned-synthetic":
            try partitionedSynthetic(
                n: Int(args[2]) ?? 1_000_000, exactN: Int(args[3]) ?? 100_000, threshold: Float(args[4]) ?? 0.9,
                probes: args.count > 5 ? args[5...].compactMap { Int($0) } : [3])
        default:
            print("unknown mode \(args[1])")
            exit(2)
        }
    }

    static func peakRSSMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? -1
            return kb / 1024
        }
        return -1
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    static func check(model: String, reference: String) throws {
        let encoder = try SentenceEncoder(modelDirectory: URL(fileURLWithPath: model), batchSize: 8)
        print("kernels: \(SentenceEncoder.kernelDescription); fast pass: \(encoder.fastPass); cpuid: \(CPUFeatures.current)")
        let text = try String(contentsOfFile: reference, encoding: .utf8)
        var texts: [String] = [], ids: [[Int32]] = [], refs: [[Float]] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            guard let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let t = row["text"] as? String, let tid = row["token_ids"] as? [NSNumber],
                let emb = row["embedding"] as? [NSNumber]
            else { continue }
            texts.append(t); ids.append(tid.map { Int32($0.intValue) }); refs.append(emb.map { $0.floatValue })
        }
        var idMismatch = 0
        for (i, t) in texts.enumerated() where encoder.tokenizer.encode(t) != ids[i] {
            idMismatch += 1
            print("token mismatch #\(i): got \(encoder.tokenizer.decodeTokens(encoder.tokenizer.encode(t)).prefix(40))")
            print("                 want \(encoder.tokenizer.decodeTokens(ids[i]).prefix(40))")
        }
        print("token ids equal: \(texts.count - idMismatch)/\(texts.count)")
        let vectors = try encoder.embed(texts)
        if encoder.fastPass != .unavailable {
            let fast = try encoder.embed(texts, precision: .fast)
            let cosines = zip(fast, refs).map { zip($0.0, $0.1).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
            print("fast pass (\(encoder.fastPass)): min cosine vs reference \(cosines.min() ?? 0)")
        }
        var minCos: Float = 2, maxAbs: Float = 0, worst = -1
        for (i, v) in vectors.enumerated() {
            let c = zip(v, refs[i]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            let d = zip(v, refs[i]).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
            maxAbs = max(maxAbs, d)
            if c < minCos { minCos = c; worst = i }
        }
        print("min cosine vs reference: \(minCos) (text #\(worst)); max |diff| \(maxAbs)")
    }

    static func bench(model: String, texts path: String, n: Int, batch: Int, threads: Int, precision: EmbeddingPrecision) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let rows = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        let texts = rows.prefix(n).compactMap { $0["problem"] as? String }
        let encoder = try SentenceEncoder(
            modelDirectory: URL(fileURLWithPath: model), batchSize: batch,
            threadCount: threads)
        if precision == .fast, encoder.fastPass == .unavailable {
            print("swift (fast pass): not available: \(encoder.fastPass) (cpuid: \(CPUFeatures.current))")
            return
        }
        _ = try encoder.embed(Array(texts.prefix(64)), precision: precision)  // warm-up
        let t0 = Date(), c0 = cpuSeconds()
        let ids = encoder.tokenizeAll(texts)
        let t1 = Date()
        let vectors = try encoder.embed(tokenIDs: ids, precision: precision)
        let t2 = Date(), c2 = cpuSeconds()
        let tokens = ids.reduce(0) { $0 + $1.count }
        let wall = t2.timeIntervalSince(t0)
        print(
            String(
                format:
                    "swift (\(precision == .fast ? "fast pass" : "exact")): texts %d tokens %d batch %d threads %d: tokenize %.3fs, total %.2fs, %.0f tokens/s, %.1f texts/s, cpu_util %.2f, peak RSS %.0f MiB",
                texts.count, tokens, batch, threads, t1.timeIntervalSince(t0), wall, Double(tokens) / wall,
                Double(texts.count) / wall, (c2 - c0) / wall, peakRSSMiB()))
        _ = vectors.count
    }

    /// Writes the vectors of the first `n` texts as raw little-endian floats, exact or from the fast pass (to compare
    /// two builds' outputs byte for byte).
    static func dump(model: String, texts path: String, n: Int, output: String, precision: EmbeddingPrecision) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let rows = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        let texts = rows.prefix(n).compactMap { $0["problem"] as? String }
        let encoder = try SentenceEncoder(modelDirectory: URL(fileURLWithPath: model))
        let vectors = try encoder.embed(texts, precision: precision)
        try vectors.flatMap { $0 }.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: output))
        print("wrote \(vectors.count)×\(vectors.first?.count ?? 0) \(precision) vectors to \(output)")
    }

    static func allPairs(n: Int, dim: Int, threshold: Float, threads: Int) throws {
        var rng = SplitMix64(seed: 42)
        var data = [Float](repeating: 0, count: n * dim)
        for i in 0..<n {
            var norm: Float = 0
            for j in 0..<dim { let v = rng.nextGaussian(); data[i * dim + j] = v; norm += v * v }
            let inv = 1 / norm.squareRoot()
            for j in 0..<dim { data[i * dim + j] *= inv }
        }
        // A few planted near-duplicates so the output is not empty.
        for k in 0..<100 {
            let src = k * 7, dst = n - 1 - k * 3
            for j in 0..<dim { data[dst * dim + j] = data[src * dim + j] + 0.01 * rng.nextGaussian() }
        }
        let matrix = try EmbeddingMatrix(flat: data, dimension: dim, normalize: true)
        let search = NearDuplicateSearch(threshold: threshold, threadCount: threads)
        let t0 = Date(), c0 = cpuSeconds()
        let pairs = search.allPairs(matrix)
        let wall = Date().timeIntervalSince(t0), c1 = cpuSeconds()
        let flops = Double(n) * Double(n) * Double(dim)  // upper triangle: n²/2 pairs × 2 flops
        print(
            String(
                format: "swift allpairs: n %d dim %d threshold %.2f threads %d: %.2fs (%.0f GFLOP/s), pairs %d, cpu_util %.2f, peak RSS %.0f MiB",
                n, dim, threshold, threads, wall, flops / wall / 1e9, pairs.count, (c1 - c0) / wall, peakRSSMiB()))
    }
}

/// Gaussian samples for the benchmark data (Box–Muller over CurateCore's deterministic generator).
extension SplitMix64 {
    mutating func nextGaussian() -> Float {
        let u1 = max(Double(next() >> 11) / Double(1 << 53), 1e-300), u2 = Double(next() >> 11) / Double(1 << 53)
        return Float((-2 * log(u1)).squareRoot() * cos(2 * .pi * u2))
    }
}
