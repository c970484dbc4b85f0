import CurateCore
import CurateEmbed
import Foundation

/// `EmbedBench margin MODEL_DIR TEXTS.jsonl THREADS`: how far the fast pass moves pair cosines, measured on real
/// texts (one JSON string per line, e.g. every problem of a built store). Embeds each distinct comparison text
/// exactly and with the fast pass, then over every pair with either cosine above 0.5 prints the largest drop from
/// exact to fast (overall and for pairs whose exact cosine is above 0.8), and for candidate margins how many rows a
/// screen at 0.9 − margin would embed exactly and whether it keeps every pair above 0.9.
enum MarginBench {
    static func run(model: String, texts path: String, threads: Int) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        var seen = Set<String>(), texts: [String] = []
        for line in lines {
            guard let text = try JSONSerialization.jsonObject(with: Data(line.utf8), options: .fragmentsAllowed) as? String else { continue }
            let comparison = ProblemText.comparison(text)
            if seen.insert(ProblemText.hash(comparison)).inserted { texts.append(comparison) }
        }
        let encoder = try SentenceEncoder(modelDirectory: URL(fileURLWithPath: model), threadCount: threads)
        guard encoder.fastPass != .unavailable else {
            print("margin: no fast pass on this CPU (\(CPUFeatures.current)); nothing to measure")
            return
        }
        let ids = encoder.tokenizeAll(texts)
        let tokens = ids.reduce(0) { $0 + $1.count }
        var t = Date()
        let exact = try EmbeddingMatrix(rows: encoder.embed(tokenIDs: ids), dimension: encoder.config.hiddenSize)
        let exactSeconds = Date().timeIntervalSince(t)
        t = Date()
        let fast = try EmbeddingMatrix(rows: encoder.embed(tokenIDs: ids, precision: .fast), dimension: encoder.config.hiddenSize)
        let fastSeconds = Date().timeIntervalSince(t)
        print(
            String(
                format: "margin: %d distinct texts, %d tokens; exact %.1f s (%.0f tokens/s), fast pass %.1f s (%.0f tokens/s)",
                texts.count, tokens, exactSeconds, Double(tokens) / exactSeconds, fastSeconds, Double(tokens) / fastSeconds))
        var vectorCosines: [Float] = []
        for i in 0..<exact.count { vectorCosines.append(dot(exact, i, fast, i)) }
        print("margin: cosine of each text's fast vector to its exact one: min \(vectorCosines.min() ?? 0)")
        // Every pair above 0.5 on either side, with both cosines.
        var pairs: [Int: (exact: Float, fast: Float)] = [:]
        let n = exact.count
        for p in NearDuplicateSearch(threshold: 0.5, threadCount: threads).allPairs(exact) { pairs[p.i * n + p.j] = (p.cosine, dot(fast, p.i, fast, p.j)) }
        for p in NearDuplicateSearch(threshold: 0.5, threadCount: threads).allPairs(fast) where pairs[p.i * n + p.j] == nil {
            pairs[p.i * n + p.j] = (dot(exact, p.i, exact, p.j), p.cosine)
        }
        let drops = pairs.values.map { $0.exact - $0.fast }
        let near = pairs.values.filter { $0.exact > 0.8 }.map { $0.exact - $0.fast }
        print(
            String(
                format: "margin: %d pairs above 0.5; largest drop exact→fast %.4f (all), %.4f (exact cos > 0.8, %d pairs); largest rise %.4f",
                pairs.count, drops.max() ?? 0, near.max() ?? 0, near.count, -(drops.min() ?? 0)))
        let above = pairs.filter { $0.value.exact > 0.9 }
        let exactRows = Set(above.keys.flatMap { [$0 / n, $0 % n] })
        print("margin: \(above.count) pairs above 0.9 exactly, over \(exactRows.count) rows")
        for margin: Float in [0.02, 0.04, 0.06, 0.08, 0.1] {
            let candidates = pairs.filter { $0.value.fast > 0.9 - margin }
            let rows = Set(candidates.keys.flatMap { [$0 / n, $0 % n] })
            let missed = above.keys.filter { candidates[$0] == nil }.count
            print(
                String(
                    format: "margin %.2f: %d candidate pairs, %d rows to embed exactly (%.1f %%), pairs above 0.9 missed: %d",
                    margin, candidates.count, rows.count, 100 * Double(rows.count) / Double(n), missed))
        }
    }

    private static func dot(_ a: EmbeddingMatrix, _ i: Int, _ b: EmbeddingMatrix, _ j: Int) -> Float {
        let d = a.dimension
        var sum: Float = 0
        for k in 0..<d { sum += a.values[i * d + k] * b.values[j * d + k] }
        return sum
    }
}
