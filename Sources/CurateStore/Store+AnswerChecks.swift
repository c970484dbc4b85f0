import CurateCore
import GRDB

/// The engine's verdict on one stored answer: gradable with a type, or not gradable with a reason.
///
/// Example: `AnswerCheck(problemID: 7, answer: "\\frac12", gradable: true, answerType: "rational", reason: nil)`.
public struct AnswerCheck: Sendable, Equatable {
    /// The problem's row id.
    public var problemID: Int64
    /// The answer text that was checked.
    public var answer: String
    /// True when answers can be graded against it.
    public var gradable: Bool
    /// The answer's type, when gradable.
    public var answerType: String?
    /// Why it is not gradable.
    public var reason: String?

    /// Creates a check result.
    public init(problemID: Int64, answer: String, gradable: Bool, answerType: String?, reason: String?) {
        self.problemID = problemID
        self.answer = answer
        self.gradable = gradable
        self.answerType = answerType
        self.reason = reason
    }
}

/// Counts of one answer type (or one not-gradable reason) in one source.
public struct AnswerCheckCount: Sendable, Equatable, Codable {
    /// The source.
    public var source: String
    /// True for gradable rows.
    public var gradable: Bool
    /// The type (gradable) or the reason (not gradable).
    public var label: String
    /// How many rows.
    public var count: Int
}

extension Store {
    /// Problems whose answer has not been checked by `engine`, or changed since it was.
    public func answersToCheck(engine: String) throws -> [(id: Int64, answer: String)] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.id, p.answer, c.answer_hash, c.engine FROM curated_problems p
                    LEFT JOIN answer_checks c ON c.problem_id = p.id
                    WHERE p.answer IS NOT NULL
                    """
            ).compactMap { row in
                let answer: String = row["answer"]
                let storedHash: String? = row["answer_hash"]
                let storedEngine: String? = row["engine"]
                if storedEngine == engine, storedHash == SHA256.hex(of: Array(answer.utf8)) { return nil }
                return (row["id"], answer)
            }
        }
    }

    /// Stores check results (replacing earlier ones) and keeps the `gradable` drops in step with them.
    public func save(answerChecks: [AnswerCheck], engine: String) throws {
        let now = Store.timestamp()
        try pool.write { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO answer_checks (problem_id, answer_hash, gradable, answer_type, reason, engine, checked_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (problem_id) DO UPDATE SET answer_hash = excluded.answer_hash, gradable = excluded.gradable,
                        answer_type = excluded.answer_type, reason = excluded.reason, engine = excluded.engine,
                        checked_at = excluded.checked_at
                    """)
            let drop = try db.cachedStatement(
                sql: """
                    INSERT INTO drops (problem_id, step, reason, evidence, dropped_at) VALUES (?, 'gradable', 'not-gradable', ?, ?)
                    ON CONFLICT (problem_id, step) DO UPDATE SET evidence = excluded.evidence, dropped_at = excluded.dropped_at
                    """)
            let undrop = try db.cachedStatement(sql: "DELETE FROM drops WHERE problem_id = ? AND step = 'gradable'")
            for check in answerChecks {
                try upsert.execute(arguments: [
                    check.problemID, SHA256.hex(of: Array(check.answer.utf8)), check.gradable,
                    check.answerType, check.reason, engine, now,
                ])
                if check.gradable {
                    try undrop.execute(arguments: [check.problemID])
                } else {
                    try drop.execute(arguments: [check.problemID, check.reason, now])
                }
            }
        }
    }

    /// Gradable rows per source and type, and not-gradable rows per source and reason.
    public func answerCheckCounts() throws -> [AnswerCheckCount] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.source, c.gradable, COALESCE(c.answer_type, c.reason) AS label, COUNT(*) AS n
                    FROM answer_checks c JOIN problems p ON p.id = c.problem_id
                    GROUP BY p.source, c.gradable, label ORDER BY p.source, c.gradable DESC, n DESC
                    """
            ).map { AnswerCheckCount(source: $0["source"], gradable: $0["gradable"], label: $0["label"] ?? "", count: $0["n"]) }
        }
    }
}
