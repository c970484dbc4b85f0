import CurateCore
@testable import CurateIngest
import CurateStore
import CurateTestSupport
import Foundation
import GRDB
import Testing

/// Stored rows of a source, by key, for assertions.
func rows(_ store: Store, source: String) throws -> [String: Row] {
    try store.pool.read { db in
        var out: [String: Row] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM problems WHERE source = ?", arguments: [source]) {
            out[row["source_key"]] = row
        }
        return out
    }
}

@Suite struct ReaderTests {
    @Test func aimeCSVKeepsMultiLineQuestionsAndRejectsAlternativeAnswers() throws {
        let t = try TemporaryStore()
        let report = try Ingester(store: t.store).ingest(
            format: .aimeCSV, paths: [Fixtures.path("sources/aime_sample.csv")],
            options: IngestOptions(source: "aime"))[0]
        #expect(report.counts.stored == 11)
        #expect(report.counts.rejected == 1)
        #expect(report.sampleRejects.first?.reason == .multipleAnswers)
        #expect(report.sampleRejects.first?.location.hasPrefix("line 15") == true)
        let stored = try rows(t.store, source: "aime")
        let first = try #require(stored["aime_sample.csv#1983-1"])
        #expect(first["answer"] as String == "60")
        #expect(first["year"] as Int == 1983 && first["number"] as Int == 1 && first["contest"] as String == "AIME")
        #expect((first["problem"] as String).hasPrefix("Let $x$ , $y$ and $z$ all exceed $1$"))
        // A question quoted over several lines keeps its line breaks.
        #expect(stored.values.contains { ($0["problem"] as String).contains("\n") })
    }

    @Test func jsonShapesMapAnswersOfEveryType() throws {
        let t = try TemporaryStore()
        let ingester = Ingester(store: t.store)
        let math = try ingester.ingest(
            format: .json, paths: [Fixtures.path("sources/deepscaler_math_sample.json")],
            options: IngestOptions(source: "math"))[0]
        #expect(math.counts == IngestCounts(stored: 8))
        let mathStats = try #require(try t.store.stats().sources.first { $0.source == "math" })
        #expect(mathStats.withoutAnswer == 2)  // one null, one empty string

        _ = try ingester.ingest(format: .json, paths: [Fixtures.path("sources/deepscaler_amc_sample.json")], options: IngestOptions(source: "amc"))
        let amc = try rows(t.store, source: "amc")
        #expect(amc["deepscaler_amc_sample.json[0]"]?["answer"] as String? == "142")  // the JSON float 142.0
        #expect(amc["deepscaler_amc_sample.json[0]"]?["url"] as String? != nil)

        _ = try ingester.ingest(format: .jsonl, paths: [Fixtures.path("sources/olympiadbench_sample.jsonl")], options: IngestOptions(source: "ob"))
        let ob = try rows(t.store, source: "ob")
        #expect(ob.count == 3)
        #expect(ob["olympiadbench_sample.jsonl#1606"]?["answer"] as String? == "2")  // a one-element list
        let extra = try #require(ob["olympiadbench_sample.jsonl#1606"]?["extra"] as String?)
        #expect(extra.contains("\"subfield\""))

        let omni = try ingester.ingest(format: .jsonl, paths: [Fixtures.path("sources/omni_math_sample.jsonl")], options: IngestOptions(source: "omni"))[0]
        #expect(omni.counts.stored == 4)
        _ = try ingester.ingest(format: .jsonl, paths: [Fixtures.path("sources/liveaopsbench_sample.jsonl")], options: IngestOptions(source: "live"))
        #expect(try rows(t.store, source: "live").values.allSatisfy { ($0["answer"] as String?) != nil })
    }

    @Test func aopsPagesGiveStatementChoicesSolutionsAndLetter() throws {
        let t = try TemporaryStore()
        let pages = ["1999_AMC_8_Problems_Problem_1.html", "1999_AMC_8_Problems_Problem_10.html", "2000_AMC_8_Problems_Problem_19.html"]
        let reports = try Ingester(store: t.store).ingest(format: .aopsHTML, paths: pages.map { Fixtures.path("sources/aops/\($0)") })
        #expect(reports.allSatisfy { $0.counts.stored == 1 && $0.source == "aops-aops" })
        let stored = try rows(t.store, source: "aops-aops")
        let p10 = try #require(stored["https://artofproblemsolving.com/wiki/index.php/1999_AMC_8_Problems/Problem_10"])
        #expect(p10["contest"] as String == "AMC 8" && p10["year"] as Int == 1999 && p10["number"] as Int == 10)
        #expect(p10["choices"] as String == #"["\\frac{1}{4}","\\frac{1}{3}","\\frac{5}{12}","\\frac{1}{2}","\\frac{7}{12}"]"#)
        #expect(p10["answer"] as String == "E" && p10["answer_origin"] as String == "solution-boxed")
        #expect((p10["solution"] as String).contains("\\frac{7}{12}"))
        #expect(!(p10["problem"] as String).contains("(A)"))
        let p1 = try #require(stored["https://artofproblemsolving.com/wiki/index.php/1999_AMC_8_Problems/Problem_1"])
        #expect((p1["problem"] as String).hasPrefix("$(6?3) + 4 - (2 - 1) = 5.$ To make this statement true"))
        #expect(p1["choices"] as String == #"["\\div","\\times","+","-","\\text{None of these}"]"#)
        // The page with no Problem heading still gives its statement.
        let p19 = try #require(stored["https://artofproblemsolving.com/wiki/index.php/2000_AMC_8_Problems/Problem_19"])
        #expect(!(p19["problem"] as String).isEmpty)
    }

    @Test func answerKeysJoinOntoStoredProblems() throws {
        let t = try TemporaryStore()
        let ingester = Ingester(store: t.store)
        _ = try ingester.ingest(format: .aopsHTML, paths: [Fixtures.path("sources/aops/1999_AMC_8_Problems_Problem_1.html")])
        let key = try ingester.ingest(format: .answerKey, paths: [Fixtures.path("sources/amc8_1999_key.csv")])[0]
        #expect(key.answerKeys?.storedKeys == 2 && key.answerKeys?.problemsAnswered == 1)
        let p1 = try #require(try rows(t.store, source: "aops-aops").values.first)
        #expect(p1["answer"] as String == "A" && p1["answer_origin"] as String == "answer-key")

        // The AMC 10 shape: problem ids joined through the sibling index file.
        let amc10 = try ingester.ingest(format: .answerKey, paths: [Fixtures.path("sources/amc10_answers.csv")])[0]
        #expect(amc10.answerKeys?.storedKeys == 5)
        #expect(try t.store.stats().unmatchedAnswerKeys == 6)
    }

    @Test func mappingFileIngestsANewSourceWithoutCode() throws {
        let t = try TemporaryStore()
        let mapping = try SourceMapping.load(from: Fixtures.path("sources/custom_contest.mapping.json"))
        let report = try Ingester(store: t.store).ingest(
            format: .mapping, paths: [Fixtures.path("sources/custom_contest.csv")],
            options: IngestOptions(source: "springfield", mapping: mapping))[0]
        #expect(report.counts == IngestCounts(stored: 2, rejected: 1))
        #expect(report.sampleRejects.map(\.reason) == [.missingProblem])
        let stored = try rows(t.store, source: "springfield")
        let q1 = try #require(stored["custom_contest.csv#1"])
        #expect(q1["problem"] as String == "Compute $\\binom{6}{3}$.")
        #expect(q1["answer"] as String == "20" && q1["year"] as Int == 2021 && q1["contest"] as String == "Springfield Open")
        #expect((q1["extra"] as String).contains("\"Notes\":\"easy\""))
    }

    @Test func aBadMappingFileSaysWhatIsWrong() throws {
        let t = try TemporaryStore()
        let path = t.directory.appendingPathComponent("bad.mapping.json").path
        try Data(#"{"format": "xml", "fields": {"problem": "q"}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CurateError.self) { try SourceMapping.load(from: path) }
        do { _ = try SourceMapping.load(from: path) } catch let error as CurateError {
            #expect(error.code == .badMapping && error.file == path)
        }
        // A misspelt key would leave its field empty (rows stored without answers, for good); a negative skip
        // count crashed the CSV reader.
        for (text, reason) in [
            (#"{"fields": {"problem": "q", "answr": "a"}}"#, "fields.answr: unknown key (known: problem, answer"),
            (#"{"contestt": "AIME", "fields": {"problem": "q"}}"#, "contestt: unknown key"),
            (#"{"format": "csv", "skip_lines": -1, "fields": {"problem": "q"}}"#, "skip_lines: must be 0 or more, got -1"),
        ] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try SourceMapping.load(from: path)
                Issue.record("\(text) was accepted")
            } catch let error as CurateError {
                #expect(error.message.contains(reason), "\(error.message)")
            }
        }
    }
}

@Suite struct AnswerChoiceTests {
    @Test(arguments: [
        (
            #"Find it. $\text{(A)}\ 26 \qquad \text{(B)}\ 27 \qquad \text{(C)}\ 28 \qquad \text{(D)}\ 29 \qquad \text{(E)}\ 30$"#,
            "Find it.", ["26", "27", "28", "29", "30"]
        ),
        (
            #"How many? $\mathrm{(A) \ 4 } \qquad \mathrm{(B) \ 6 } \qquad \mathrm{(C) \ 8 } \qquad \mathrm{(D) \ 10 } \qquad \mathrm{(E) \ 12 }$"#,
            "How many?", ["4", "6", "8", "10", "12"]
        ),
        (
            #"Is $x$ odd? $\textbf{(A) }\frac{1}{2}\qquad\textbf{(B) }1\qquad\textbf{(C) }\sqrt{2}\qquad\textbf{(D) }\text{none}\qquad\textbf{(E) }2$"#,
            "Is $x$ odd?", [#"\frac{1}{2}"#, "1", #"\sqrt{2}"#, #"\text{none}"#, "2"]
        ),
    ])
    func choicesAreSplitOutOfTheStatement(statement: String, text: String, choices: [String]) {
        let split = AnswerChoices.split(statement)
        #expect(split.text == text)
        #expect(split.choices == choices)
    }
}
