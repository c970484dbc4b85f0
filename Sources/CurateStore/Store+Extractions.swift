import CurateCore
import Foundation
import GRDB

/// A problem that answer extraction still has to decide: no answer yet, or a multiple-choice letter to turn into a
/// free-form answer.
public struct ExtractionCandidate: Sendable {
    /// The problem's row id.
    public var id: Int64
    /// Its source name.
    public var source: String
    /// The statement.
    public var problem: String
    /// The official solution, when the source has one.
    public var solution: String?
    /// Multiple-choice options, A first (empty when not multiple choice).
    public var choices: [String]
    /// The stored answer (a letter for a multiple-choice problem), if any.
    public var answer: String?
    /// The status of an earlier extraction of this row (`failed` when retried), nil for a new row.
    public var previousStatus: ExtractionStatus?

    /// Creates a candidate.
    public init(
        id: Int64, source: String, problem: String, solution: String?, choices: [String], answer: String?,
        previousStatus: ExtractionStatus? = nil
    ) {
        self.id = id
        self.source = source
        self.problem = problem
        self.solution = solution
        self.choices = choices
        self.answer = answer
        self.previousStatus = previousStatus
    }
}

/// What extraction decided for one problem (a row of `extractions`).
public struct ExtractionRecord: Sendable, Equatable {
    /// The problem's row id.
    public var problemID: Int64
    /// What extraction decided.
    public var status: ExtractionStatus
    /// Where the answer came from.
    public var origin: ExtractionOrigin
    /// The final answer, when answered.
    public var answer: String?
    /// The free-form statement of a rewritten multiple-choice problem.
    public var problem: String?
    /// Why it failed, or what disagreed.
    public var reason: String?
    /// Sampled answers (with several samples).
    public var samples: [String]?
    /// The cache key of the model call, when the model was asked.
    public var requestHash: String?
    /// HTTP attempts it took (0 for deterministic answers and cache hits).
    public var attempts: Int

    /// Creates a record.
    public init(
        problemID: Int64, status: ExtractionStatus, origin: ExtractionOrigin, answer: String? = nil, problem: String? = nil,
        reason: String? = nil, samples: [String]? = nil, requestHash: String? = nil, attempts: Int = 0
    ) {
        self.problemID = problemID
        self.status = status
        self.origin = origin
        self.answer = answer
        self.problem = problem
        self.reason = reason
        self.samples = samples
        self.requestHash = requestHash
        self.attempts = attempts
    }
}

extension Store {
    /// Problems without a decided extraction: no answer, or a multiple-choice letter. With `retryFailed`, rows whose
    /// extraction failed come back too. Restricted to `sources` when given.
    public func extractionCandidates(retryFailed: Bool, sources: [String]? = nil) throws -> [ExtractionCandidate] {
        try pool.read { db in
            var sql = """
                SELECT p.id, p.source, p.problem, p.solution, p.choices, p.answer, e.status FROM problems p
                LEFT JOIN extractions e ON e.problem_id = p.id
                WHERE (e.problem_id IS NULL OR (e.status = 'failed' AND ?))
                  AND (p.answer IS NULL OR (p.choices IS NOT NULL AND p.answer GLOB '[A-E]'))
                """
            var arguments: [any DatabaseValueConvertible] = [retryFailed]
            if let sources {
                sql += " AND p.source IN (\(sources.map { _ in "?" }.joined(separator: ",")))"
                arguments += sources
            }
            sql += " ORDER BY p.id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                return ExtractionCandidate(
                    id: row["id"], source: row["source"], problem: row["problem"], solution: row["solution"],
                    choices: Store.strings(fromJSON: row["choices"]) ?? [], answer: row["answer"],
                    previousStatus: try row.decode(ExtractionStatus?.self, forColumn: "status"))
            }
        }
    }

    /// Stores decisions in one transaction. An answer for a row without one also fills `problems.answer`; any other
    /// decision (proof, review, no answer, failed) keeps the row out of training through `drops` (step `extract`;
    /// this matters for a multiple-choice row, whose letter would otherwise be exported), and an answer lifts it.
    public func recordExtractions(_ records: [ExtractionRecord]) throws {
        guard !records.isEmpty else { return }
        let now = Store.timestamp()
        try pool.write { db in
            for r in records {
                let samples = r.samples.map { JSONValue.array($0.map(JSONValue.string)).serialized() }
                try db.execute(
                    sql: """
                        INSERT INTO extractions (problem_id, status, origin, answer, problem, reason, samples, request_hash, attempts, extracted_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (problem_id) DO UPDATE SET status = excluded.status, origin = excluded.origin,
                            answer = excluded.answer, problem = excluded.problem, reason = excluded.reason, samples = excluded.samples,
                            request_hash = excluded.request_hash, attempts = excluded.attempts, extracted_at = excluded.extracted_at
                        """, arguments: [r.problemID, r.status, r.origin, r.answer, r.problem, r.reason, samples, r.requestHash, r.attempts, now])
                if r.status == .answered, r.problem == nil, let answer = r.answer {
                    try db.execute(
                        sql: "UPDATE problems SET answer = ?, answer_origin = ? WHERE id = ? AND answer IS NULL",
                        arguments: [answer, r.origin, r.problemID])
                }
                if let reason = r.status.dropReason {
                    try db.execute(
                        sql: """
                            INSERT OR REPLACE INTO drops (problem_id, step, reason, evidence, dropped_at) VALUES (?, 'extract', ?, ?, ?)
                            """, arguments: [r.problemID, reason, r.reason, now])
                } else {
                    try db.execute(sql: "DELETE FROM drops WHERE problem_id = ? AND step = 'extract'", arguments: [r.problemID])
                }
            }
        }
    }

    /// The stored extraction of one problem.
    public func extraction(problemID: Int64) throws -> ExtractionRecord? {
        try pool.read { db in
            try ExtractionRecord.fetchOne(db, sql: "SELECT * FROM extractions WHERE problem_id = ?", arguments: [problemID])
        }
    }

    /// The strings of a stored JSON array (`choices`, `samples`); nil when the column is NULL or not an array.
    /// A non-string item reads as "" so that positions (choice letters) stay in place.
    static func strings(fromJSON text: String?) -> [String]? {
        guard let text, case .array(let items)? = try? JSONValue.parse(Array(text.utf8)) else { return nil }
        return items.map { if case .string(let s) = $0 { return s } else { return "" } }
    }
}
