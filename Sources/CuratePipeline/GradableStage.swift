import CurateStore
import Dispatch
import Foundation
import MathVerify

/// Classifies every stored answer that is new or changed since the last run: gradable with its type, or not
/// gradable with the reason (recorded as a drop of step `gradable`).
public enum GradableStage {
    /// Bumped whenever the engine's classification changes, so stored results are redone.
    public static let engineVersion = "mathverify-1"

    /// Classifies and stores; returns the number of answers classified in this run.
    public static func run(store: Store) throws -> Int {
        let pending = try store.answersToCheck(engine: engineVersion)
        try store.save(answerChecks: classify(pending), engine: engineVersion)
        return pending.count
    }

    /// Classifies answers on every core.
    public static func classify(_ rows: [(id: Int64, answer: String)]) -> [AnswerCheck] {
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
