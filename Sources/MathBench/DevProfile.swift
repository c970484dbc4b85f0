import Foundation
import MathVerify

/// `MathBench dev-profile FILE [ROUNDS] [TOP]`: the cost of each labelled pair of a dev file (mean over ROUNDS
/// gradings), sorted by cost, with each pair's share of the whole; shows where `dev-speed` spends its time.
/// `MathBench dev-profile FILE ROUNDS TOP INDEX` grades only pair INDEX, ROUNDS times (for `perf record`).
enum DevProfile {
    static func run(path: String, rounds: Int, top: Int, only: Int? = nil) {
        var pairs = DevSpeed.load(path: path)
        if let k = only, pairs.indices.contains(k) { pairs = [pairs[k]] }
        let grader = Grader()
        var costs: [(ns: Double, index: Int)] = []
        var total = 0.0
        for (k, pair) in pairs.enumerated() {
            let t = Speed.now()
            for _ in 0..<rounds {
                _ =
                    pair.response
                    ? grader.grade(gold: pair.gold, response: pair.answer)
                    : grader.grade(gold: pair.gold, answer: pair.answer)
            }
            let ns = Double(Speed.now() - t) / Double(max(rounds, 1))
            costs.append((ns, k))
            total += ns
        }
        print(String(format: "%d pairs, %.1f µs per pass = %.0f pairs/s", pairs.count, total / 1e3, Double(pairs.count) / (total / 1e9)))
        for (ns, k) in costs.sorted(by: { $0.ns > $1.ns }).prefix(top) {
            let p = pairs[k]
            print(
                String(
                    format: "%8.1f µs %5.1f%%  #%d %@ | %@", ns / 1e3, 100 * ns / total, k,
                    String(p.gold.prefix(50)).debugDescription,
                    String((p.response ? "[response] " + p.answer.suffix(40) : p.answer.prefix(50))).debugDescription))
        }
    }
}
