import CurateStore
import CurateCore
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
        rows.parallelMap { row in
            switch AnswerClassifier.classify(row.answer) {
            case .gradable(let type):
                return AnswerCheck(problemID: row.id, answer: row.answer, gradable: true, answerType: type.rawValue, reason: nil)
            case .notGradable(let reason):
                return AnswerCheck(problemID: row.id, answer: row.answer, gradable: false, answerType: nil, reason: reason)
            }
        }
    }
}
