import CurateCore
import Foundation
import GRDB

/// What one batch (or a whole ingest) did to the store.
public struct IngestCounts: Sendable, Equatable, Codable {
    /// Rows stored for the first time.
    public var stored = 0
    /// Rows already stored with the same content (re-ingest): nothing changed.
    public var unchanged = 0
    /// Input rows rejected, including rows that conflict with a stored row.
    public var rejected = 0

    /// Zero counts.
    public init(stored: Int = 0, unchanged: Int = 0, rejected: Int = 0) {
        self.stored = stored
        self.unchanged = unchanged
        self.rejected = rejected
    }

    /// Adds another batch's counts.
    public static func += (lhs: inout IngestCounts, rhs: IngestCounts) {
        lhs.stored += rhs.stored
        lhs.unchanged += rhs.unchanged
        lhs.rejected += rhs.rejected
    }
}

extension Store {
    /// Stores a batch of problems and rejects in one transaction.
    ///
    /// A row whose (source, source key) is already stored is left as it is: counted unchanged when its content is
    /// the same, rejected as `conflicts-with-stored` when it differs, so nothing stored is ever overwritten.
    /// Rejects are stored once per (source, file, location, reason).
    /// - Complexity: O(n) statements, all prepared once per connection.
    /// - Throws: ``CurateError`` when the transaction fails; the store then holds nothing of this batch.
    public func insert(problems: [Problem], rejects: [RejectedRow]) throws -> IngestCounts {
        let now = Store.timestamp()
        let hashes = Store.hashes(of: problems)
        do {
            return try pool.write { db in
                var counts = IngestCounts()
                var conflicts: [RejectedRow] = []
                let insertProblem = try db.cachedStatement(
                    sql: """
                        INSERT INTO problems (source, source_key, source_file, url, contest, year, number, problem,
                            solution, choices, answer, answer_origin, extra, problem_hash, content_hash, ingested_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (source, source_key) DO NOTHING
                        """)
                let existing = try db.cachedStatement(
                    sql: "SELECT id, content_hash FROM problems WHERE source = ? AND source_key = ?")
                for (p, (problemHash, contentHash)) in zip(problems, hashes) {
                    let choices = p.choices.map(Store.jsonArray)
                    try insertProblem.execute(arguments: [
                        p.source, p.sourceKey, p.sourceFile, p.url, p.contest, p.year, p.number, p.problem,
                        p.solution, choices, p.answer, p.answerOrigin?.rawValue, p.extraJSON,
                        problemHash, contentHash, now,
                    ])
                    if db.changesCount > 0 {
                        counts.stored += 1
                        continue
                    }
                    guard let row = try Row.fetchOne(existing, arguments: [p.source, p.sourceKey]) else { continue }
                    let storedHash: String = row["content_hash"]
                    if storedHash == contentHash {
                        counts.unchanged += 1
                    } else {
                        let id: Int64 = row["id"]
                        conflicts.append(
                            RejectedRow(
                                source: p.source, file: p.sourceFile, location: "key \(p.sourceKey)",
                                reason: .conflictsWithStored,
                                detail: "the stored row #\(id) has different content and was kept",
                                raw: p.problem))
                    }
                }
                let insertReject = try db.cachedStatement(
                    sql: """
                        INSERT INTO rejects (source, file, location, reason, detail, raw, rejected_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (source, file, location, reason) DO NOTHING
                        """)
                for r in rejects + conflicts {
                    try insertReject.execute(arguments: [r.source, r.file, r.location, r.reason.rawValue, r.detail, r.raw, now])
                    counts.rejected += 1
                }
                return counts
            }
        } catch let error as DatabaseError {
            throw CurateError(.store, "storing a batch failed: \(error.message ?? error.description)", file: path)
        }
    }

    /// Records that `path` (with content hash `sha256`) was ingested into `source`, with its counts.
    public func recordIngestedFile(path: String, sha256: String, source: String, format: String, counts: IngestCounts) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO ingested_files (path, sha256, source, format, stored, unchanged, rejected, ingested_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (path, source) DO UPDATE SET sha256 = excluded.sha256, format = excluded.format,
                        stored = excluded.stored, unchanged = excluded.unchanged, rejected = excluded.rejected,
                        ingested_at = excluded.ingested_at
                    """, arguments: [path, sha256, source, format, counts.stored, counts.unchanged, counts.rejected, Store.timestamp()])
        }
    }

    /// The (problem hash, content hash) of each problem, computed on every core before the write transaction.
    static func hashes(of problems: [Problem]) -> [(String, String)] {
        problems.parallelMap { (ProblemText.hash($0.problem), contentHash($0)) }
    }

    /// The content fingerprint of every ingested field of a problem (not the ingest time): detects a changed row.
    static func contentHash(_ p: Problem) -> String {
        let fields: [String?] = [
            p.sourceFile, p.url, p.contest, p.year.map(String.init), p.number.map(String.init), p.problem,
            p.solution, p.choices.map(jsonArray), p.answer, p.answerOrigin?.rawValue, p.extraJSON,
        ]
        var hasher = ContentHash()
        for field in fields {
            if let field { hasher.update([1]); hasher.update(field) } else { hasher.update([0]) }
            hasher.update([0x1F])
        }
        return hasher.hex
    }

    /// A JSON array of strings, in order.
    static func jsonArray(_ items: [String]) -> String {
        JSONValue.array(items.map(JSONValue.string)).serialized()
    }
}
