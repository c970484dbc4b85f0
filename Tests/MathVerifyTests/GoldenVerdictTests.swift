import Foundation
import MathSyntax
import Testing
@testable import MathVerify

/// Every verdict, with its strategy or reason, and every parse of the grading fixtures, against a committed golden
/// file (`fixtures/grading/verdicts.golden.tsv`): any change to the engine that moves a verdict, a reason or a parse
/// tree fails here, with the lines that changed. After a change that is meant to move them, regenerate the file with
///
///     MATHCURATE_UPDATE_GOLDEN=1 swift test --filter GoldenVerdictTests
///
/// and read its diff before committing it.
@Suite struct GoldenVerdictTests {
    static let goldenPath = "grading/verdicts.golden.tsv"

    @Test func verdictsAndParsesMatchTheGoldenFile() throws {
        let lines = try Self.currentLines()
        #expect(lines.count > 1_900)  // 328 dev pairs, 81 + 128 table rows, 700 answers twice (a missing fixture throws above)
        let current = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["MATHCURATE_UPDATE_GOLDEN"] == "1" {
            try current.write(to: fixtureURL(Self.goldenPath), atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: fixtureURL(Self.goldenPath), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
        let changed = zip(golden, lines).enumerated().filter { $0.element.0 != $0.element.1 }
        let summary = changed.prefix(20).map { "line \($0.offset + 1):\n  was: \($0.element.0)\n  now: \($0.element.1)" }
        #expect(golden.count == lines.count, "the golden file has \(golden.count) lines, the fixtures give \(lines.count)")
        let changedLines = changed.count  // a count, so the failure prints the summary below and not every line
        #expect(
            changedLines == 0,
            """
            \(changedLines) verdict or parse line(s) changed; if the change is meant, regenerate with \
            MATHCURATE_UPDATE_GOLDEN=1 swift test --filter GoldenVerdictTests and review the diff:
            \(summary.joined(separator: "\n"))
            """)
    }

    /// The lines of the golden file, from the fixtures: the dev pairs, the equivalence table, the units table, then
    /// each fixture answer's parse, and the answer against the next one, against itself reformatted and against a
    /// seeded pseudo-random one.
    static func currentLines() throws -> [String] {
        let grader = Grader()
        var lines: [String] = []
        for (k, row) in try jsonLines("grading/dev.jsonl").enumerated() {
            let gold = try #require(row["gold"] as? String), answer = try #require(row["answer"] as? String)
            let verdict =
                row["kind"] as? String == "response"
                ? grader.grade(gold: gold, response: answer) : grader.grade(gold: gold, answer: answer)
            lines.append("dev \(k)\t\(row["id"] as? String ?? "")\t\(verdict)")
        }
        for (k, c) in equivalenceTable().enumerated() {
            lines.append("table \(k)\t\(grader.grade(gold: c.gold, answer: c.answer))")
        }
        for (k, c) in unitTable().enumerated() {
            lines.append("units \(k)\t\(grader.grade(gold: c.gold, answer: c.answer))")
        }
        var answers: [String] = []
        for file in ["answers/math500_answers.json", "answers/omni_math_sample.json"] {
            let data = try Data(contentsOf: fixtureURL(file))
            answers += try #require(try JSONSerialization.jsonObject(with: data) as? [String])
        }
        var state: UInt64 = 7
        for (k, answer) in answers.enumerated() {
            let parsed = Parser.parse(answer)
            lines.append("parse \(k)\t\(parsed.expr.map(\.description) ?? "nil")\t\(AnswerClassifier.classify(answer))\t\(parsed.diagnostics)")
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let next = answers[(k + 1) % answers.count], random = answers[Int(state >> 33) % answers.count]
            let reformatted = answer.replacingOccurrences(of: "\\frac", with: "\\dfrac") + " "
            lines.append(
                "answer \(k)\t\(grader.grade(gold: answer, answer: next))\t\(grader.grade(gold: answer, answer: reformatted))\t\(grader.grade(gold: answer, answer: random))"
            )
        }
        return lines.map { $0.replacingOccurrences(of: "\n", with: "\\n") }
    }

    private static func jsonLines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: fixtureURL(path), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}
