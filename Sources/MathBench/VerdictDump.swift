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
        for f in [
            "deepscaler/test/math.json", "deepscaler/train/math.json", "deepscaler/train/aime.json",
            "omni-math/omni_math_rule_test.jsonl", "deepscaler/test/olympiad_bench.json",
        ] {
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
        for (k, p) in TrainingWorkload.answerPairs(dataRoot: dataRoot).enumerated() {
            print(
                "pair \(k)\t\(grader.grade(gold: p.gold, answer: p.next))\t\(grader.grade(gold: p.gold, answer: p.reformatted))\t\(grader.grade(gold: p.gold, answer: p.random))"
            )
        }
        // Whole responses: AIME worked solutions against their own gold and the next problem's gold.
        for (k, s) in TrainingWorkload.solutionPairs(dataRoot: dataRoot).enumerated() {
            print("solution \(k)\t\(grader.grade(gold: s.gold, response: s.solution))\t\(grader.grade(gold: s.nextGold, response: s.solution))")
        }
    }
}
