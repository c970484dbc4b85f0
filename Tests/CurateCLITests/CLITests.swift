import ArgumentParser
import CurateCLI
import CurateStore
import CurateTestSupport
import Foundation
import Testing

/// Runs `curate ARGS…` in-process, as the executable would.
func runCurate(_ arguments: [String]) async throws {
    var command = try CurateCommand.parseAsRoot(arguments)
    if var async = command as? AsyncParsableCommand {
        try await async.run()
    } else {
        try command.run()
    }
}

@Suite struct CLITests {
    @Test func ingestThenStatsThroughTheCommandLine() async throws {
        let t = try TemporaryStore()
        try await runCurate(["ingest", "jsonl", Fixtures.path("sources/bad/rows.jsonl"), "--db", t.store.path, "--source", "rows"])
        try await runCurate(["ingest", "mapping", Fixtures.path("sources/custom_contest.csv"),
                             "--mapping", Fixtures.path("sources/custom_contest.mapping.json"), "--db", t.store.path])
        let stats = try t.store.stats()
        #expect(stats.sources.map(\.source) == ["custom_contest", "rows"])
        #expect(stats.totalRows == 4 && stats.totalRejects == 5)
        try await runCurate(["stats", "--db", t.store.path, "--json"])
        try await runCurate(["rejects", "--db", t.store.path, "--reason", "invalid-utf8"])
    }

    @Test func argumentErrorsAreCaughtBeforeAnythingIsStored() {
        #expect(throws: (any Error).self) { try CurateCommand.parseAsRoot(["ingest", "xml", "a.xml"]) }
        #expect(throws: (any Error).self) { try CurateCommand.parseAsRoot(["ingest", "json", "/nonexistent.json"]) }
        #expect(throws: (any Error).self) { try CurateCommand.parseAsRoot(["ingest", "mapping", Fixtures.path("sources/custom_contest.csv")]) }
    }

    @Test func helpNamesEveryFormat() {
        let help = CurateCommand.helpMessage(for: CurateCommand.self, includeHidden: false, columns: 120)
        #expect(help.contains("ingest"))
        let ingestHelp = CurateCommand.helpMessage(for: IngestCommand.self, columns: 120)
        for format in ["aime-csv", "json", "jsonl", "aops-html", "answer-key", "mapping"] { #expect(ingestHelp.contains(format)) }
    }
}
