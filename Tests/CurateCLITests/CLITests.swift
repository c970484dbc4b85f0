import ArgumentParser
@testable import CurateCLI
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
        try await runCurate([
            "ingest", "mapping", Fixtures.path("sources/custom_contest.csv"),
            "--mapping", Fixtures.path("sources/custom_contest.mapping.json"), "--db", t.store.path,
        ])
        let stats = try t.store.stats()
        #expect(stats.sources.map(\.source) == ["custom_contest", "rows"])
        #expect(stats.totalRows == 4 && stats.totalRejects == 5)
        try await runCurate(["stats", "--db", t.store.path, "--json"])
        try await runCurate(["rejects", "--db", t.store.path, "--reason", "invalid-utf8"])
    }

    /// The command line refuses what curate.toml refuses, with the same reason, and names options that moved.
    @Test func settingsAreCheckedAsTheConfigChecksThem() {
        func message(_ arguments: [String]) -> String {
            do {
                _ = try CurateCommand.parseAsRoot(arguments)
                return "(accepted)"
            } catch {
                return CurateCommand.message(for: error)
            }
        }
        #expect(message(["dedup", "--threshold", "1.5"]) == "--threshold must be between 0 and 1 (exclusive), got 1.5")
        #expect(message(["dedup", "--partition-above=-1"]) == "--partition-above must be 0 or more, got -1")
        #expect(message(["overlap", "--eval", "e", "--threshold", "0"]).hasPrefix("--threshold must be between 0 and 1"))
        #expect(message(["export", "--out", "o", "--split", "a b"]).hasPrefix("--split must be a plain name"))
        #expect(message(["extract", "--model", "m", "--concurrency", "0"]) == "--concurrency must be between 1 and 256, got 0")
        #expect(message(["dedup", "--model", "models/x"]).contains("--embedding-model DIR"))
        #expect(message(["dedup", "--embedding-model", "models/x"]) == "(accepted)")
    }

    /// `curate --version` names the embedding kernels chosen for this CPU, the fast pass and the CPU's vector flags.
    @Test func versionNamesTheKernelAndTheCPU() {
        let lines = VersionText.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("curate ") == true)
        #expect(lines.dropFirst().first?.hasPrefix("embedding kernels: OpenBLAS") == true)
        #expect(lines.dropFirst().first?.contains("; kernels ") == true)
        #expect(lines.dropFirst(2).first?.hasPrefix("embedding fast pass: ") == true)
        #expect(lines.last?.hasPrefix("cpu: ") == true && lines.last?.contains(" cores; flags:") == true)
    }

    /// Dedup and overlap screen with the fast pass unless told `--no-screen`.
    @Test func noScreenTurnsTheScreenOff() throws {
        let screened = try #require(try CurateCommand.parseAsRoot(["dedup"]) as? DedupCommand)
        let exact = try #require(try CurateCommand.parseAsRoot(["dedup", "--no-screen"]) as? DedupCommand)
        #expect(!screened.screen.noScreen && exact.screen.noScreen)
        let overlap = try #require(try CurateCommand.parseAsRoot(["overlap", "--eval", "a", "--no-screen"]) as? OverlapCommand)
        #expect(overlap.screen.noScreen)
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
