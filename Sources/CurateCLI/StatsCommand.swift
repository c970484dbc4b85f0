import ArgumentParser
import CurateStore
import Foundation

/// `curate stats`: rows per source, answers present and missing, rejects per reason.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Rows per source, answers present/missing, rejects per reason.")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let stats = try store.openExisting().stats()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(stats), as: UTF8.self))
            return
        }
        print(StatsCommand.table(stats))
    }

    static func table(_ stats: StoreStats) -> String {
        let width = max(8, (stats.sources.map(\.source.count).max() ?? 0) + 2)
        func cell(_ text: String) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        func num(_ n: Int) -> String { String(repeating: " ", count: max(0, 10 - String(n).count)) + String(n) }
        var lines = [cell("source") + "      rows  answered   missing  rejected"]
        for s in stats.sources {
            lines.append(cell(s.source) + num(s.rows) + num(s.withAnswer) + num(s.withoutAnswer) + num(s.rejected))
        }
        lines.append(
            cell("total") + num(stats.totalRows) + num(stats.sources.reduce(0) { $0 + $1.withAnswer })
                + num(stats.sources.reduce(0) { $0 + $1.withoutAnswer }) + num(stats.totalRejects))
        if !stats.rejects.isEmpty {
            lines.append("")
            lines.append("rejects by reason:")
            for r in stats.rejects { lines.append("  \(r.source): \(r.reason): \(r.count)") }
        }
        if !stats.extractions.isEmpty {
            lines.append("")
            lines.append("extraction (status/origin):")
            for e in stats.extractions { lines.append("  \(e.status)/\(e.origin): \(e.count)") }
        }
        if stats.answerKeys > 0 {
            lines.append("")
            lines.append("answer keys: \(stats.answerKeys) lines, \(stats.unmatchedAnswerKeys) match no stored problem yet")
        }
        return lines.joined(separator: "\n")
    }
}
