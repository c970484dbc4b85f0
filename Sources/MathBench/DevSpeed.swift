import Foundation
import MathVerify

/// `MathBench dev-speed FILE [SECONDS]`: grades the labelled pairs of a dev file over and over on one thread,
/// the way `bench/grade.sh` compares us with math-verify, and reports pairs/s and the slowest pair.
enum DevSpeed {
    /// The labelled pairs of a dev file (gold, answer or response, whether it is a whole response).
    static func load(path: String) -> [(gold: String, answer: String, response: Bool)] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            print("cannot read \(path)")
            return []
        }
        var pairs: [(gold: String, answer: String, response: Bool)] = []
        for line in text.split(separator: "\n") {
            guard let row = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let gold = row["gold"] as? String, let answer = row["answer"] as? String
            else { continue }
            pairs.append((gold, answer, (row["kind"] as? String) == "response"))
        }
        return pairs
    }

    static func run(path: String, seconds: Double) {
        let pairs = load(path: path)
        guard !pairs.isEmpty else { return }
        let grader = Grader()
        var slowest: (UInt64, Int) = (0, 0)
        var graded = 0
        var equivalent = 0
        let start = Speed.now()
        while Double(Speed.now() - start) / 1e9 < seconds {
            for (k, pair) in pairs.enumerated() {
                let t = Speed.now()
                let verdict =
                    pair.response
                    ? grader.grade(gold: pair.gold, response: pair.answer)
                    : grader.grade(gold: pair.gold, answer: pair.answer)
                let dt = Speed.now() - t
                if dt > slowest.0 { slowest = (dt, k) }
                if verdict.isEquivalent { equivalent += 1 }
                graded += 1
            }
        }
        let elapsed = Double(Speed.now() - start) / 1e9
        print(
            String(
                format: "mathcurate: %d pairs in %.2f s = %.0f pairs/s (one thread); slowest pair %.3f ms (#%d)",
                graded, elapsed, Double(graded) / elapsed, Double(slowest.0) / 1e6, slowest.1))
        _ = equivalent
    }

    /// `MathBench dev-passes FILE N`: grades the pairs in file order N times with no clock reads, for cachegrind's
    /// cache and branch simulation of the order `dev-speed` uses (N = 0 measures loading alone).
    static func passes(path: String, count: Int) {
        let pairs = load(path: path)
        let grader = Grader()
        var equivalent = 0
        for _ in 0..<count {
            for pair in pairs {
                let verdict =
                    pair.response
                    ? grader.grade(gold: pair.gold, response: pair.answer)
                    : grader.grade(gold: pair.gold, answer: pair.answer)
                if verdict.isEquivalent { equivalent += 1 }
            }
        }
        print("\(pairs.count) pairs x \(count) passes, \(equivalent) equivalent")
    }
}
