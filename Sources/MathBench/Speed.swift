import Foundation
import MathSyntax
import MathVerify

/// Throughput of parsing and grading, and a seeded fuzz run reporting the slowest input.
enum Speed {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func run(dataRoot: String) {
        var answers: [String] = []
        for f in ["deepscaler/test/math.json", "deepscaler/train/math.json", "deepscaler/train/aime.json", "omni-math/omni_math_rule_test.jsonl"] {
            answers += DataLoading.answerFile(dataRoot + "/" + f)
        }
        // Parse throughput.
        var checksum = 0
        let t0 = now()
        var rounds = 0
        while now() - t0 < 2_000_000_000 {
            for a in answers { checksum &+= Parser.parse(a).expr?.size ?? 0 }
            rounds += 1
        }
        let dt = Double(now() - t0) / 1e9
        print(String(format: "parse: %.0f answers/s (%d answers x %d rounds)", Double(answers.count * rounds) / dt, answers.count, rounds))
        // Grade throughput on three workloads: reformatted equal answers, wrong answers (neighbours), AIME-style integers.
        let grader = Grader()
        let reformatted = answers.map { $0.replacingOccurrences(of: "\\frac", with: "\\dfrac") + " " }
        let workloads: [(String, [(String, String)])] = [
            ("equal, reformatted (gold vs gold with \\dfrac and a space)", Array(zip(answers, reformatted))),
            ("different (gold vs next gold)", answers.indices.map { (answers[$0], answers[($0 + 1) % answers.count]) }),
            (
                "integers (AIME answers vs themselves and neighbours)",
                answers.indices.compactMap { k in
                    Int(answers[k]) != nil && Int(answers[(k + 1) % answers.count]) != nil
                        ? (answers[k], k % 2 == 0 ? answers[k] + " " : answers[(k + 1) % answers.count]) : nil
                }
            ),
        ]
        for (name, pairs) in workloads {
            var equivalent = 0
            var slowest: (UInt64, String, String) = (0, "", "")
            let t1 = now()
            for (a, b) in pairs {
                let s = now()
                if grader.grade(gold: a, answer: b).isEquivalent { equivalent += 1 }
                let d = now() - s
                if d > slowest.0 { slowest = (d, a, b) }
            }
            let secs = Double(now() - t1) / 1e9
            print(
                String(
                    format: "grade %@: %.0f pairs/s (%d pairs, %d equivalent), slowest %.2f ms (%@ | %@)", name,
                    Double(pairs.count) / secs, pairs.count, equivalent, Double(slowest.0) / 1e6,
                    String(slowest.1.prefix(40)), String(slowest.2.prefix(40))))
        }
        // Grade throughput on the typical reward case: the model answer equals the gold or differs, integers and short forms.
        print("checksum \(checksum)")
    }

    /// Self-consistency: every answer equals itself; mismatched neighbours that grade equivalent are listed for review.
    static func selfCheck(dataRoot: String, file: String) {
        let answers = DataLoading.answerFile(dataRoot + "/" + file)
        let grader = Grader()
        var notSelf: [String] = []
        var neighbourEq: [String] = []
        for (k, a) in answers.enumerated() {
            if !grader.grade(gold: a, answer: a + " ").isEquivalent { notSelf.append(a) }
            let b = answers[(k + 1) % answers.count]
            if a != b, grader.grade(gold: a, answer: b).isEquivalent { neighbourEq.append("\(a)  ~  \(b)") }
        }
        print("\(file): self-equivalence failures \(notSelf.count)/\(answers.count); neighbour pairs judged equivalent \(neighbourEq.count)")
        for x in notSelf.prefix(10) { print("   not self-equal: \(x.debugDescription.prefix(120))") }
        for x in neighbourEq.prefix(30) { print("   neighbour eq: \(x.prefix(160))") }
    }
}
