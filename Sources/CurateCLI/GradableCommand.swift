import ArgumentParser
import CurateStore
import Dispatch
import Foundation
import MathVerify

/// `curate gradable`: classifies every stored answer as gradable (with its type) or not (with the reason).
struct GradableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradable", abstract: "Classify each stored answer: its type, or why it cannot be graded.",
        discussion: """
            Results go to the store's answer_checks table; problems whose answer cannot be graded are recorded in
            the drops table (step 'gradable') and stay in the store. Only answers that are new or changed since the
            last run (or checked by an older engine) are classified again.
            """)

    /// Bumped whenever the engine's classification changes, so stored results are redone.
    static let engineVersion = "mathverify-1"

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let store = try store.open()
        let pending = try store.answersToCheck(engine: Self.engineVersion)
        let checks = Self.classify(pending)
        try store.save(answerChecks: checks, engine: Self.engineVersion)
        let counts = try store.answerCheckCounts()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(counts), as: UTF8.self))
            return
        }
        print("classified \(checks.count) answer(s) (\(checks.filter { !$0.gradable }.count) not gradable)")
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

    /// Classifies answers on every core.
    static func classify(_ rows: [(id: Int64, answer: String)]) -> [AnswerCheck] {
        var out = [AnswerCheck?](repeating: nil, count: rows.count)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var i = worker
                while i < rows.count {
                    let row = rows[i]
                    switch AnswerClassifier.classify(row.answer) {
                    case .gradable(let type):
                        slots[i] = AnswerCheck(problemID: row.id, answer: row.answer, gradable: true, answerType: type.rawValue, reason: nil)
                    case .notGradable(let reason):
                        slots[i] = AnswerCheck(problemID: row.id, answer: row.answer, gradable: false, answerType: nil, reason: reason)
                    }
                    i += workers
                }
            }
        }
        return out.compactMap { $0 }
    }
}
