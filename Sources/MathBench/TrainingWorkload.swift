import Foundation
import MathVerify

/// Pairs graded away from the dev set: every answer of the DeepScaleR and Omni-MATH answer files against the next
/// answer, against itself reformatted (`\dfrac`, a trailing space) and against a seeded random answer, and the AIME
/// worked solutions against their own gold and the next problem's. `verdict-dump` prints their verdicts after the
/// dev set's; `pgo-train` grades them to record the profile of the profile-guided build (`bench/pgo-profile.sh`),
/// so the dev set that `bench/grade.sh` times is not what the build was tuned on.
enum TrainingWorkload {
    /// One answer with its three partners.
    struct AnswerPairs {
        let gold: String, next: String, reformatted: String, random: String
    }

    /// One worked solution with its gold and the next problem's gold.
    struct SolutionPair {
        let gold: String, nextGold: String, solution: String
    }

    static let answerFiles = [
        "deepscaler/test/math.json", "deepscaler/train/math.json", "deepscaler/train/aime.json",
        "omni-math/omni_math_rule_test.jsonl", "deepscaler/test/olympiad_bench.json",
    ]

    static func answerPairs(dataRoot: String) -> [AnswerPairs] {
        let answers = answerFiles.flatMap { DataLoading.answerFile(dataRoot + "/" + $0) }
        var state: UInt64 = 7
        return answers.enumerated().map { k, a in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return AnswerPairs(
                gold: a, next: answers[(k + 1) % answers.count],
                reformatted: a.replacingOccurrences(of: "\\frac", with: "\\dfrac") + " ",
                random: answers[Int(state >> 33) % answers.count])
        }
    }

    static func solutionPairs(dataRoot: String) -> [SolutionPair] {
        guard let data = FileManager.default.contents(atPath: dataRoot + "/deepscaler/train/aime.json"),
            let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return rows.enumerated().compactMap { k, row in
            guard let gold = row["answer"] as? String, let solution = row["solution"] as? String,
                let nextGold = rows[(k + 1) % rows.count]["answer"] as? String
            else { return nil }
            return SolutionPair(gold: gold, nextGold: nextGold, solution: solution)
        }
    }

    /// `MathBench pgo-train [ROUNDS]`: grades the workload ROUNDS times (default 3).
    static func train(dataRoot: String, rounds: Int) {
        let answers = answerPairs(dataRoot: dataRoot), solutions = solutionPairs(dataRoot: dataRoot)
        let grader = Grader()
        var equivalent = 0
        for _ in 0..<rounds {
            for p in answers {
                for other in [p.next, p.reformatted, p.random] where grader.grade(gold: p.gold, answer: other).isEquivalent {
                    equivalent += 1
                }
            }
            for s in solutions {
                if grader.grade(gold: s.gold, response: s.solution).isEquivalent { equivalent += 1 }
                if grader.grade(gold: s.nextGold, response: s.solution).isEquivalent { equivalent += 1 }
            }
        }
        print("\(answers.count * 3 + solutions.count * 2) pairs x \(rounds) rounds, \(equivalent) equivalent")
    }
}
