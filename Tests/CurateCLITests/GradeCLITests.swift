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
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            return CurateCommand.exitCode(for: error) == .validationFailure ? 2 : CurateCommand.exitCode(for: error).rawValue
        }
    }

    @Test func exitCodesFollowTheVerdict() async {
        #expect(await exitCode(["grade", "--gold", "\\frac12", "--answer", "0.5"]) == 0)
        #expect(await exitCode(["grade", "--gold", "\\frac13", "--answer", "0.333"]) == 1)
        #expect(await exitCode(["grade", "--gold=-5", "--answer=-5"]) == 0)
        #expect(await exitCode(["grade", "--gold", "2"]) == 2)
        #expect(await exitCode(["grade", "--gold", "2", "--answer", "2", "--response", "-"]) == 2)
        #expect(await exitCode(["grade", "--jsonl", "--gold", "2"]) == 2)
    }

    @Test func responsesAreExtractedFromAFile() async throws {
        let t = try TemporaryStore()
        let path = t.directory.appendingPathComponent("response.txt").path
        try Data("<think>maybe 3</think> The answer is $\\boxed{\\dfrac{6}{4}}$.".utf8).write(to: URL(fileURLWithPath: path))
        #expect(await exitCode(["grade", "--gold", "3/2", "--response", path]) == 0)
        #expect(await exitCode(["grade", "--gold", "3", "--response", path]) == 1)
        #expect(await exitCode(["grade", "--gold", "3/2", "--response", "/nonexistent/response.txt"]) == 2)
    }

    @Test func jsonLinesKeepFieldsAndAnswerBadLinesInPlace() throws {
        let stream = GradeStream(grader: Grader(), threads: 1)
        let ok = try JSONValue.parse(Array(stream.answer(line: #"{"id": 7, "gold": ["5", "7"], "answer": "7"}"#, number: 1).utf8))
        #expect(ok["id"] == .number("7"))
        #expect(ok["equivalent"] == .bool(true) && ok["verdict"] == .string("equivalent") && ok["extracted"] == .string("7"))
        let no = try JSONValue.parse(Array(stream.answer(line: #"{"gold": 2, "response": "no box here, maybe 3"}"#, number: 2).utf8))
        #expect(no["equivalent"] == .bool(false) && no["verdict"] == .string("different"))
        let bad = try JSONValue.parse(Array(stream.answer(line: "{oops", number: 3).utf8))
        #expect(bad["line"] == .number("3") && bad["error"] != nil)
        let missing = try JSONValue.parse(Array(stream.answer(line: #"{"gold": "1"}"#, number: 4).utf8))
        #expect(missing["error"] == .string("a line needs \"answer\" or \"response\""))
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
