import Foundation
import MathSyntax
import MathVerify

/// `MathBench verdict-dump`: one line per graded pair with its full verdict (strategy or reason), over the dev set
/// and neighbour / reformatted / random pairs of the answer files. Two builds that print the same dump grade the same;
/// used to check that a speed change moves no verdict. `parse-dump` prints every parse tree and its diagnostics.
enum VerdictDump {
    static func parseDump(dataRoot: String) {
        var inputs: [String] = []
        for pair in DevSpeed.load(path: dataRoot + "/grading/dev.jsonl") where !pair.response { inputs += [pair.gold, pair.answer] }
        for f in ["deepscaler/test/math.json", "deepscaler/train/math.json", "deepscaler/train/aime.json",
                  "omni-math/omni_math_rule_test.jsonl", "deepscaler/test/olympiad_bench.json"] {
            inputs += DataLoading.answerFile(dataRoot + "/" + f)
        }
        for (k, s) in inputs.enumerated() {
            let r = Parser.parse(s)
            print("\(k)\t\(r.expr.map(\.description) ?? "nil")\t\(r.expr?.size ?? 0)\t\(r.diagnostics)")
        }
    }

    static func run(dataRoot: String) {
        let grader = Grader()
        for (k, pair) in DevSpeed.load(path: dataRoot + "/grading/dev.jsonl").enumerated() {
            let v = pair.response ? grader.grade(gold: pair.gold, response: pair.answer) : grader.grade(gold: pair.gold, answer: pair.answer)
            print("dev \(k)\t\(v)")
        }
        var answers: [String] = []
        for f in ["deepscaler/test/math.json", "deepscaler/train/math.json", "deepscaler/train/aime.json",
                  "omni-math/omni_math_rule_test.jsonl", "deepscaler/test/olympiad_bench.json"] {
            answers += DataLoading.answerFile(dataRoot + "/" + f)
        }
        var state: UInt64 = 7
        for (k, a) in answers.enumerated() {
            let next = answers[(k + 1) % answers.count]
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let random = answers[Int(state >> 33) % answers.count]
            let reformatted = a.replacingOccurrences(of: "\\frac", with: "\\dfrac") + " "
            print("pair \(k)\t\(grader.grade(gold: a, answer: next))\t\(grader.grade(gold: a, answer: reformatted))\t\(grader.grade(gold: a, answer: random))")
        }
        // Whole responses: AIME worked solutions against their own gold and the next problem's gold.
        guard let data = FileManager.default.contents(atPath: dataRoot + "/deepscaler/train/aime.json"),
              let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return }
        for (k, row) in rows.enumerated() {
            guard let gold = row["answer"] as? String, let solution = row["solution"] as? String,
                  let nextGold = rows[(k + 1) % rows.count]["answer"] as? String else { continue }
            print("solution \(k)\t\(grader.grade(gold: gold, response: solution))\t\(grader.grade(gold: nextGold, response: solution))")
        }
    }
}
