import ArgumentParser
import CurateStore
import Foundation

/// `curate rejects`: lists the input rows that could not be stored, with file, location and reason.
struct RejectsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejects", abstract: "List rejected input rows with file, line and reason.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Only rows of this source.")
    var source: String?

    @Option(help: "Only rows with this reason (e.g. malformed-json).")
    var reason: String?

    @Option(help: "At most this many rows.")
    var limit: Int = 100

    @Flag(help: "Print JSON lines with the raw text.")
    var json = false

    func run() async throws {
        let rows = try store.openExisting().rejects(source: source, reason: reason, limit: limit)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for row in rows {
            if json {
                print(String(decoding: try encoder.encode(row), as: UTF8.self))
            } else {
                print(RejectsCommand.line(row))
            }
        }
        if rows.isEmpty { print("no rejects") }
    }

    /// One reject as the command prints it: `#ID [SOURCE] FILE: LOCATION: REASON: DETAIL`.
    static func line(_ row: StoredReject) -> String {
        "#\(row.id) [\(row.source)] \(row.file): \(row.location): \(row.reason): \(row.detail)"
    }
}
