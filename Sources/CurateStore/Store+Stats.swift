import CurateCore
import GRDB

/// Counts of one source in the store.
public struct SourceStats: Sendable, Equatable, Codable {
    /// The source name.
    public var source: String
    /// Problems stored.
    public var rows: Int
    /// Problems with an answer.
    public var withAnswer: Int
    /// Problems without an answer.
    public var withoutAnswer: Int
    /// Rejected input rows.
    public var rejected: Int
}

/// Rejected rows of one source for one reason.
public struct RejectCount: Sendable, Equatable, Codable {
    /// The source name.
    public var source: String
    /// The reason (a ``RejectReason`` value).
    public var reason: String
    /// How many rows.
    public var count: Int

    /// Creates a count.
    public init(source: String, reason: String, count: Int) {
        self.source = source
        self.reason = reason
        self.count = count
    }
}

/// A summary of the store: what `curate stats` prints.
public struct StoreStats: Sendable, Equatable, Codable {
    /// One entry per source, by name.
    public var sources: [SourceStats]
    /// Rejects per source and reason.
    public var rejects: [RejectCount]
    /// All problems.
    public var totalRows: Int
    /// All rejects.
    public var totalRejects: Int
    /// Answer-key lines stored, and how many match no problem.
    public var answerKeys: Int
    /// Answer-key lines with no matching problem.
    public var unmatchedAnswerKeys: Int
    /// Extraction decisions by status and origin (`curate extract`).
    public var extractions: [ExtractionCount]
}

/// How many extraction decisions have one status and origin.
public struct ExtractionCount: Sendable, Equatable, Codable {
    /// `answered`, `proof`, `no-answer`, `failed` or `review`.
    public var status: String
    /// `solution-boxed`, `answer-key`, `choice-value`, `model` or `none`.
    public var origin: String
    /// Rows.
    public var count: Int
}

/// A stored reject with its id, as `curate rejects` lists it.
public struct StoredReject: Sendable, Equatable, Codable {
    /// Row id in the `rejects` table.
    public var id: Int64
    /// The source name.
    public var source: String
    /// The file.
    public var file: String
    /// Where in the file.
    public var location: String
    /// The reason code.
    public var reason: String
    /// The detail.
    public var detail: String
    /// The raw text.
    public var raw: String
}

extension Store {
    /// Counts per source, rejects per reason, and totals.
    public func stats() throws -> StoreStats {
        try pool.read { db in
            var bySource: [String: SourceStats] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT source, COUNT(*) AS n, COUNT(answer) AS answered FROM problems GROUP BY source
                    """)
            {
                let source: String = row["source"]
                let n: Int = row["n"]
                let answered: Int = row["answered"]
                bySource[source] = SourceStats(source: source, rows: n, withAnswer: answered, withoutAnswer: n - answered, rejected: 0)
            }
            var rejects: [RejectCount] = []
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT source, reason, COUNT(*) AS n FROM rejects GROUP BY source, reason ORDER BY source, reason
                    """)
            {
                let entry = RejectCount(source: row["source"], reason: row["reason"], count: row["n"])
                rejects.append(entry)
                bySource[entry.source, default: SourceStats(source: entry.source, rows: 0, withAnswer: 0, withoutAnswer: 0, rejected: 0)]
                    .rejected += entry.count
            }
            let keys = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer_keys") ?? 0
            let unmatched =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM answer_keys k WHERE NOT EXISTS (
                            SELECT 1 FROM problems p WHERE p.contest = k.contest AND p.year = k.year AND p.number = k.number)
                        """) ?? 0
            let sources = bySource.values.sorted { $0.source < $1.source }
            return StoreStats(
                sources: sources, rejects: rejects,
                totalRows: sources.reduce(0) { $0 + $1.rows }, totalRejects: rejects.reduce(0) { $0 + $1.count },
                answerKeys: keys, unmatchedAnswerKeys: unmatched,
                extractions: try Row.fetchAll(db, sql: "SELECT status, origin, COUNT(*) AS n FROM extractions GROUP BY status, origin ORDER BY status, origin")
                    .map { ExtractionCount(status: $0["status"], origin: $0["origin"], count: $0["n"]) })
        }
    }

    /// Stored rejects, oldest first, optionally of one source and one reason.
    public func rejects(source: String? = nil, reason: String? = nil, limit: Int = 1000) throws -> [StoredReject] {
        try pool.read { db in
            var sql = "SELECT id, source, file, location, reason, detail, raw FROM rejects WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let source { sql += " AND source = ?"; args.append(source) }
            if let reason { sql += " AND reason = ?"; args.append(reason) }
            sql += " ORDER BY id LIMIT ?"
            args.append(limit)
            return try StoredReject.fetchAll(db, sql: sql, arguments: StatementArguments(args))
        }
    }
}
