import Foundation
import MathVerify

/// Grades the labelled dev pairs and prints accuracy, false positives and a confusion table per category.
enum GradeDev {
    static func run(path: String, verbose: Bool) {
        let rows = DataLoading.jsonl(path)
        let strict = Grader()
        let tolerant = Grader(options: .init(acceptRoundedDecimals: true))
        var perCategory: [String: (tp: Int, fn: Int, fp: Int, tn: Int)] = [:]
        var correct = 0, fp = 0, total = 0, correctTolMode = 0
        var misses: [String] = []
        for row in rows {
            guard let gold = row["gold"] as? String, let answer = row["answer"] as? String,
                let expected = row["equivalent"] as? Bool
            else { continue }
            let category = row["category"] as? String ?? "?"
            let kind = row["kind"] as? String ?? "answer"
            let tolDependent = row["tolerance_dependent"] as? Bool ?? false
            let grader = tolDependent ? tolerant : strict
            let verdict = kind == "response" ? grader.grade(gold: gold, response: answer) : grader.grade(gold: gold, answer: answer)
            let got = verdict.isEquivalent
            total += 1
            var c = perCategory[category] ?? (0, 0, 0, 0)
            switch (expected, got) {
            case (true, true): c.tp += 1
            case (true, false): c.fn += 1
            case (false, true): c.fp += 1; fp += 1
            case (false, false): c.tn += 1
            }
            perCategory[category] = c
            if expected == got {
                correct += 1
            } else {
                let id = row["id"] as? String ?? "?"
                let shownAnswer = kind == "response" ? "…" + String(answer.suffix(90)) : answer
                misses.append(
                    "\(id) [\(category)\(tolDependent ? ", tolerance" : "")] expected \(expected) got \(verdict)\n     gold: \(gold.debugDescription.prefix(120))\n     answer: \(shownAnswer.debugDescription.prefix(140))"
                )
            }
            let strictGot =
                tolDependent ? (kind == "response" ? strict.grade(gold: gold, response: answer) : strict.grade(gold: gold, answer: answer)).isEquivalent : got
            if expected == strictGot { correctTolMode += 1 }
        }
        print("category                    TP   FN   FP   TN")
        for (k, c) in perCategory.sorted(by: { $0.key < $1.key }) {
            print(k.padding(toLength: 26, withPad: " ", startingAt: 0), String(format: "%4d %4d %4d %4d", c.tp, c.fn, c.fp, c.tn))
        }
        print(String(format: "accuracy %d/%d = %.2f %%, false positives %d", correct, total, Double(correct) * 100 / Double(max(total, 1)), fp))
        print(
            String(
                format: "with default options for every pair (no rounded decimals): %d/%d = %.2f %%", correctTolMode, total,
                Double(correctTolMode) * 100 / Double(max(total, 1))))
        print("misses:")
        for m in misses { print("  " + m) }
        _ = verbose
    }
}
