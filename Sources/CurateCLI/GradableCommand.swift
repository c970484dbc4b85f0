import ArgumentParser
import CurateStore
import Foundation
import CuratePipeline

/// `curate gradable`: classifies every stored answer as gradable (with its type) or not (with the reason).
struct GradableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradable", abstract: "Classify each stored answer: its type, or why it cannot be graded.",
        discussion: """
            Results go to the store's answer_checks table; problems whose answer cannot be graded are recorded in \
            the drops table (step 'gradable') and stay in the store. Only answers that are new or changed since the \
            last run (or checked by an older engine) are classified again.
            """)

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let store = try store.openExisting()
        let classified = try GradableStage.run(store: store)
        let counts = try store.answerCheckCounts()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(counts), as: UTF8.self))
            return
        }
        print("classified \(classified) new or changed answer(s)")
        var bySource: [String: [AnswerCheckCount]] = [:]
        for c in counts { bySource[c.source, default: []].append(c) }
        for source in bySource.keys.sorted() {
            let rows = bySource[source] ?? []
            let total = rows.reduce(0) { $0 + $1.count }
            let gradable = rows.filter(\.gradable).reduce(0) { $0 + $1.count }
            print("\(source): \(gradable)/\(total) gradable")
            for row in rows { print("  \(row.gradable ? "" : "not gradable: ")\(row.label): \(row.count)") }
        }
    }
}
