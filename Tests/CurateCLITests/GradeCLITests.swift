import ArgumentParser
@testable import CurateCLI
import CurateCore
import CuratePipeline
import CurateStore
import CurateTestSupport
import Foundation
import MathVerify
import Testing

@Suite struct GradeCLITests {
    /// The exit code `curate ARGS…` ends with: 0 on success, else the thrown code (2 for usage errors).
    func exitCode(_ arguments: [String]) async -> Int32 {
        do {
            try await runCurate(arguments)
            return 0
        } catch {
            return CurateCommand.exitStatus(for: error)
        }
    }

    @Test func exitCodesFollowTheVerdict() async {
        #expect(await exitCode(["grade", "--gold", "\\frac12", "--answer", "0.5"]) == 0)
        #expect(await exitCode(["grade", "--gold", "\\frac13", "--answer", "0.333"]) == 1)
        #expect(await exitCode(["grade", "--gold=-5", "--answer=-5"]) == 0)
        #expect(await exitCode(["grade", "--gold", "-2", "--answer", "-2"]) == 0)  // negative answers as separate words
        #expect(await exitCode(["grade", "--gold", "-2", "--answer", "2"]) == 1)
        #expect(await exitCode(["grade", "--gold", "-\\frac{1}{2}", "--answer", "-0.5"]) == 0)
        #expect(await exitCode(["grade", "--gold", "2"]) == 2)
        #expect(await exitCode(["grade", "--gold", "2", "--answer", "2", "--response", "-"]) == 2)
        #expect(await exitCode(["grade", "--jsonl", "--gold", "2"]) == 2)
    }

    @Test func parseTakesAnswersThatStartWithADash() async throws {
        let command = try #require(try CurateCommand.parseAsRoot(["parse", "-2"]) as? ParseCommand)
        #expect(command.words == ["-2"])
        #expect(try (CurateCommand.parseAsRoot(["parse", "1", "+", "2"]) as? ParseCommand)?.words == ["1", "+", "2"])
        #expect(await exitCode(["parse", "-2"]) == 0)
        #expect(await exitCode(["parse", "-x^2", "+", "1"]) == 0)
        #expect(await exitCode(["parse"]) == 2)  // no answer is a usage error
    }

    @Test func roundedDecimalsAreAcceptedOnlyWhenAsked() async {
        #expect(await exitCode(["grade", "--gold", "\\frac13", "--answer", "0.33"]) == 1)
        #expect(await exitCode(["grade", "--gold", "\\frac13", "--answer", "0.33", "--rounded-decimals"]) == 0)
        #expect(await exitCode(["grade", "--gold", "\\frac13", "--answer", "0.34", "--rounded-decimals"]) == 1)
    }

    @Test func aNegativeToleranceIsOutOfRangeNotAMissingValue() throws {
        for arguments in [["grade", "--gold", "2", "--answer", "2", "--tolerance", "-1"], ["serve", "--tolerance", "-0.5"]] {
            do {
                _ = try CurateCommand.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(CurateCommand.message(for: error).contains("--tolerance must be in [0, 1)"), "\(arguments)")
            }
        }
        #expect(try (CurateCommand.parseAsRoot(["grade", "--gold", "2", "--answer", "2", "--tolerance", "0.01"]) as? GradeCommand) != nil)
    }

    @Test func aLineMayCarryItsOwnOptions() throws {
        let input = [
            #"{"id": 1, "gold": "\\frac{1}{3}", "answer": "0.33"}"#,
            #"{"id": 2, "gold": "\\frac{1}{3}", "answer": "0.33", "options": {"rounded_decimals": true}}"#,
            #"{"id": 3, "gold": "\\pi", "answer": "3.1", "options": {"tolerance": 0.02}}"#,
            #"{"id": 4, "gold": "1", "answer": "1", "options": {"rounded": true}}"#,
            #"{"id": 5, "gold": "1", "answer": "1", "options": {"tolerance": 2}}"#,
            #"{"id": 6, "gold": "1", "answer": "1", "options": [true]}"#,
            #"{"id": 7, "gold": "5", "response": "\\boxed{5}", "options": {"policy": "deepscaler"}}"#,
            #"{"id": 8, "gold": "5", "response": "so 5", "options": {"strict": true}}"#,
            #"{"id": 9, "gold": "5", "response": "so 5", "options": {"policy": "sympy"}}"#,
        ].joined(separator: "\n")
        let out = try streamed(input)
        #expect(out.count == 9)
        #expect(out[0]["equivalent"] == .bool(false))
        #expect(out[1]["equivalent"] == .bool(true) && out[1]["reason"] == .string("tolerance"))
        #expect(out[1]["options"] != nil)
        #expect(out[2]["equivalent"] == .bool(true))
        #expect(out[3]["error"] == .string("unknown option \"rounded\" (known: policy, strict, rounded_decimals, tolerance)"))
        #expect(out[4]["error"] == .string("option \"tolerance\" must be a number in [0, 1)"))
        #expect(out[5]["error"] == .string("\"options\" must be an object") && out[5]["id"] == .number("6"))
        // A response's extraction too: deepscaler needs </think> before the box; strict needs a box.
        #expect(out[6]["equivalent"] == .bool(false) && out[7]["equivalent"] == .bool(false))
        #expect(out[8]["error"] == .string("option \"policy\" must be \"standard\" or \"deepscaler\""))
    }

    @Test func responsesAreExtractedFromAFile() async throws {
        let t = try TemporaryStore()
        let path = t.directory.appendingPathComponent("response.txt").path
        try Data("<think>maybe 3</think> The answer is $\\boxed{\\dfrac{6}{4}}$.".utf8).write(to: URL(fileURLWithPath: path))
        #expect(await exitCode(["grade", "--gold", "3/2", "--response", path]) == 0)
        #expect(await exitCode(["grade", "--gold", "3", "--response", path]) == 1)
        #expect(await exitCode(["grade", "--gold", "3/2", "--response", "/nonexistent/response.txt"]) == 2)
    }

    /// Runs `curate grade --jsonl`'s stream on `input` through real file descriptors and returns its output lines.
    func streamed(_ input: String, threads: Int = 1) throws -> [JSONValue] {
        let t = try TemporaryStore()
        let inPath = t.directory.appendingPathComponent("in.jsonl").path
        let outPath = t.directory.appendingPathComponent("out.jsonl").path
        try Data(input.utf8).write(to: URL(fileURLWithPath: inPath))
        let inFD = open(inPath, O_RDONLY)
        let outFD = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(inFD); close(outFD) }
        GradeStream(grader: Grader(), threads: threads).run(input: inFD, output: outFD)
        let text = try String(contentsOfFile: outPath, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONValue.parse(Array($0.utf8)) }
    }

    @Test func jsonLinesKeepFieldsAndAnswerBadLinesInPlace() throws {
        let input = [
            #"{"id": 7, "gold": ["5", "7"], "answer": "7"}"#,
            #"{"gold": 2, "response": "no box here, maybe 3"}"#,
            "{oops",
            "   ",
            #"{"id": "x", "gold": "1"}"#,
        ].joined(separator: "\n")  // no newline after the last line: it is answered all the same
        let out = try streamed(input)
        #expect(out.count == 4)
        #expect(out[0]["id"] == .number("7"))
        #expect(out[0]["equivalent"] == .bool(true) && out[0]["verdict"] == .string("equivalent") && out[0]["extracted"] == .string("7"))
        #expect(out[1]["equivalent"] == .bool(false) && out[1]["verdict"] == .string("different"))
        #expect(out[2]["line"] == .number("3") && out[2]["error"] != nil)
        #expect(out[3]["line"] == .number("5") && out[3]["id"] == .string("x"))
        #expect(out[3]["error"] == .string("an item needs \"answer\" or \"response\""))
    }

    @Test func jsonLinesGiveTheSameAnswersOnAnyThreadCount() throws {
        let lines = (0..<600).map { i in #"{"id": \#(i), "gold": "\\frac{\#(i)}{2}", "answer": "\#(Double(i) / 2)"}"# }
        let input = lines.joined(separator: "\n") + "\n"
        let one = try streamed(input, threads: 1)
        let two = try streamed(input, threads: 2)
        #expect(one.count == 600)
        #expect(one == two)
        #expect(one.allSatisfy { $0["equivalent"] == .bool(true) })
    }

    @Test func deepScaleRPolicyNeedsABoxAfterThinking() {
        let grader = Grader(options: Grader.Options(extraction: ExtractionOptions(policy: .deepScaleR)))
        #expect(grader.grade(gold: "4", response: "<think>\\boxed{4}</think> so it is 4").isEquivalent == false)
        #expect(grader.grade(gold: "4", response: "<think>hmm</think> so it is $\\boxed{4}$").isEquivalent)
    }

    @Test func gradableClassifiesStoredAnswersOnce() async throws {
        let t = try TemporaryStore()
        try await runCurate(["ingest", "json", Fixtures.path("sources/deepscaler_math_sample.json"), "--db", t.store.path])
        try await runCurate(["gradable", "--db", t.store.path])
        let counts = try t.store.answerCheckCounts()
        #expect(counts.reduce(0) { $0 + $1.count } == 6)
        #expect(try t.store.answersToCheck(engine: GradableStage.engineVersion).isEmpty)
    }
}
