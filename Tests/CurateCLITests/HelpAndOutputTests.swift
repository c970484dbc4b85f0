import ArgumentParser
@testable import CurateCLI
import CurateStore
import CurateTestSupport
import Foundation
import Testing

/// The exact text of every command's `--help` at 80 columns (fixtures/help/NAME.txt), and of `curate stats` and
/// `curate rejects` on a real store. A change to an option or a discussion shows here as a diff to review;
/// regenerate the help files with `MATHCURATE_UPDATE_GOLDEN=1 swift test --filter HelpAndOutputTests`.
@Suite struct HelpAndOutputTests {
    static let commands: [(name: String, type: any ParsableCommand.Type)] =
        [("curate", CurateCommand.self)] + CurateCommand.configuration.subcommands.map { ($0.configuration.commandName ?? "?", $0) }

    @Test func everyCommandIsCovered() {
        #expect(Self.commands.count == 15)
        #expect(Set(Self.commands.map(\.name)).count == Self.commands.count)
    }

    @Test(arguments: HelpAndOutputTests.commands.map(\.name))
    func helpIsExactAndFitsEightyColumns(name: String) throws {
        let type = try #require(Self.commands.first { $0.name == name }?.type)
        let help = CurateCommand.helpMessage(for: type, columns: 80)
        // argument-parser does not wrap the USAGE line; everything else fits.
        let wide = help.split(separator: "\n").filter { $0.count > 80 && !$0.hasPrefix("USAGE:") }
        #expect(wide.isEmpty, "lines over 80 columns: \(wide)")
        let url = Fixtures.root.appendingPathComponent("fixtures/help/\(name).txt")
        if ProcessInfo.processInfo.environment["MATHCURATE_UPDATE_GOLDEN"] == "1" {
            try (help + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(help + "\n" == expected, "curate \(name) --help changed; regenerate with MATHCURATE_UPDATE_GOLDEN=1 and review the diff")
    }

    @Test func statsAndRejectsPrintExactly() async throws {
        let t = try TemporaryStore()
        try await runCurate(["ingest", "jsonl", Fixtures.path("sources/bad/rows.jsonl"), "--db", t.store.path, "--source", "rows"])
        try await runCurate([
            "ingest", "mapping", Fixtures.path("sources/custom_contest.csv"),
            "--mapping", Fixtures.path("sources/custom_contest.mapping.json"), "--db", t.store.path,
        ])
        let stats = StatsCommand.table(try t.store.stats())
        #expect(
            stats == """
                source                rows  answered   missing  rejected
                custom_contest           2         2         0         1
                rows                     2         2         0         4
                total                    4         4         0         5

                rejects by reason:
                  custom_contest: missing-problem: 1
                  rows: invalid-utf8: 1
                  rows: malformed-json: 1
                  rows: missing-problem: 2
                """, "\(stats)")
        let rejects = try t.store.rejects(reason: "invalid-utf8").map(RejectsCommand.line)
        #expect(rejects == ["#3 [rows] \(Fixtures.path("sources/bad/rows.jsonl")): line 4: invalid-utf8: the row holds bytes that are not UTF-8"])
    }
}
