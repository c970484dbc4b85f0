import CurateCore
import CurateIngest
import CurateStore
import CurateTestSupport
import Foundation
import Testing

@Suite struct BadInputTests {
    @Test func truncatedJSONKeepsEveryCompleteElement() throws {
        let t = try TemporaryStore()
        let report = try Ingester(store: t.store).ingest(format: .json, paths: [Fixtures.path("sources/bad/truncated.json")])[0]
        #expect(report.counts.stored == 2)
        #expect(report.sampleRejects.map(\.reason) == [.malformedJSON])
        #expect(report.sampleRejects.first?.detail.contains("truncated") == true)
        #expect(report.sampleRejects.first?.location.hasPrefix("line") == true)
    }

    @Test func brokenQuoteLosesOnlyItsOwnRow() throws {
        let t = try TemporaryStore()
        let report = try Ingester(store: t.store).ingest(
            format: .mapping, paths: [Fixtures.path("sources/bad/broken_quote.csv")],
            options: IngestOptions(mapping: SourceMapping(format: .csv, fields: FieldNames(problem: ["Question"], answer: ["Answer"], id: ["ID"]))))[0]
        #expect(report.counts.stored == 2)
        #expect(report.sampleRejects.map(\.reason) == [.malformedCSV])
        #expect(report.sampleRejects.first?.location == "line 3")
        #expect(report.sampleRejects.first?.detail.contains("does not close") == true)
    }

    @Test func eachBadJSONLineIsRejectedWithItsLineAndReason() throws {
        let t = try TemporaryStore()
        let report = try Ingester(store: t.store).ingest(format: .jsonl, paths: [Fixtures.path("sources/bad/rows.jsonl")])[0]
        #expect(report.counts.stored == 2)
        let got = report.sampleRejects.map { "\($0.location):\($0.reason.rawValue)" }
        #expect(got == ["line 2:missing-problem", "line 3:malformed-json", "line 4:invalid-utf8", "line 5:missing-problem"])
        // The messages name the file.
        #expect(report.sampleRejects.allSatisfy { $0.message.hasPrefix(Fixtures.path("sources/bad/rows.jsonl")) })
        #expect(try t.store.stats().totalRejects == 4)
    }

    @Test func aPageWithNoProblemIsRejected() throws {
        let t = try TemporaryStore()
        let report = try Ingester(store: t.store).ingest(format: .aopsHTML, paths: [Fixtures.path("sources/bad/no_problem.html")])[0]
        #expect(report.counts == IngestCounts(rejected: 1))
        #expect(report.sampleRejects.first?.reason == .noProblemOnPage)
        #expect(report.sampleRejects.first?.location == "page")
    }

    @Test func aMissingFileIsAnErrorThatNamesIt() throws {
        let t = try TemporaryStore()
        do {
            _ = try Ingester(store: t.store).ingest(format: .json, paths: ["/nonexistent/x.json"])
            Issue.record("expected an error")
        } catch let error as CurateError {
            #expect(error.file == "/nonexistent/x.json" && error.message == "no such file")
        }
    }
}

@Suite struct ReingestTests {
    @Test(arguments: [
        (IngestFormat.aimeCSV, "sources/aime_sample.csv"),
        (IngestFormat.json, "sources/deepscaler_math_sample.json"),
        (IngestFormat.jsonl, "sources/bad/rows.jsonl"),
        (IngestFormat.aopsHTML, "sources/aops/1999_AMC_8_Problems_Problem_10.html"),
    ])
    func secondIngestAddsNothing(format: IngestFormat, file: String) throws {
        let t = try TemporaryStore()
        let ingester = Ingester(store: t.store)
        let first = try ingester.ingest(format: format, paths: [Fixtures.path(file)])[0]
        let before = try t.store.stats()
        let second = try ingester.ingest(format: format, paths: [Fixtures.path(file)])[0]
        #expect(second.counts.stored == 0)
        #expect(second.counts.unchanged == first.counts.stored)
        #expect(try t.store.stats() == before)
    }

    @Test func smallBatchesStoreEverythingAcrossTransactions() throws {
        let t = try TemporaryStore()
        let report = try Ingester(store: t.store).ingest(
            format: .json, paths: [Fixtures.path("sources/deepscaler_math_sample.json")],
            options: IngestOptions(batchSize: 3))[0]
        #expect(report.counts.stored == 8)
    }
}
