import CurateCore
import Foundation
import GRDB

/// A stored problem as the dedup and overlap stages see it.
public struct StoredProblem: Sendable, Equatable {
    /// Row id (ingest order: smaller is older).
    public var id: Int64
    /// Source name.
    public var source: String
    /// Problem text.
    public var problem: String
    /// sha256 of the normalised text.
    public var problemHash: String
    /// The answer, if any.
    public var answer: String?
}

extension Store {
    /// Problems of the given sources (all when nil) that no step outside `ignoring` has dropped, oldest first;
    /// with `ignoring` nil, every problem of those sources, dropped or not.
    ///
    /// The similarity steps ignore each other's drops (`["dedup", "overlap"]`), so each sees the same rows
    /// whatever order they run in and a rebuild decides the same.
    public func keptProblems(sources: [String]? = nil, ignoringDropsOf ignoring: [String]?) throws -> [StoredProblem] {
        try pool.read { db in
            var sql = "SELECT id, source, problem, problem_hash, answer FROM problems p WHERE 1"
            var arguments: [any DatabaseValueConvertible] = []
            if let ignoring {
                sql += " AND NOT EXISTS (SELECT 1 FROM drops d WHERE d.problem_id = p.id"
                if !ignoring.isEmpty { sql += " AND d.step NOT IN (\(ignoring.map { _ in "?" }.joined(separator: ",")))" }
                sql += ")"
                arguments += ignoring
            }
            if let sources {
                sql += " AND source IN (\(sources.map { _ in "?" }.joined(separator: ",")))"
                arguments += sources
            }
            sql += " ORDER BY id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
                StoredProblem(id: $0["id"], source: $0["source"], problem: $0["problem"], problemHash: $0["problem_hash"], answer: $0["answer"])
            }
        }
    }

    /// Cached vectors of `model` for the given text hashes (missing ones are absent from the result).
    public func embeddings(model: String, hashes: [String]) throws -> [String: [Float]] {
        try pool.read { db in
            var out: [String: [Float]] = [:]
            let statement = try db.cachedStatement(sql: "SELECT vector FROM embeddings WHERE model = ? AND text_hash = ?")
            for hash in Set(hashes) {
                guard let data = try Data.fetchOne(statement, arguments: [model, hash]) else { continue }
                out[hash] = data.withUnsafeBytes { raw in
                    (0..<raw.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
                }
            }
            return out
        }
    }

    /// Stores vectors of `model` by text hash (an existing vector is kept).
    public func save(embeddings: [(hash: String, vector: [Float])], model: String) throws {
        let now = Store.timestamp()
        try pool.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO embeddings (model, text_hash, dimension, vector, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (model, text_hash) DO NOTHING
                """)
            for (hash, vector) in embeddings {
                var bytes = Data(capacity: vector.count * 4)
                for v in vector { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
                try statement.execute(arguments: [model, hash, vector.count, bytes, now])
            }
        }
    }
}

/// A row a step drops, with its reason and evidence.
public struct Drop: Sendable, Equatable {
    /// The dropped problem.
    public var problemID: Int64
    /// Why, e.g. `near-duplicate`.
    public var reason: String
    /// The evidence, e.g. `near-duplicate of #123, cos 0.943`.
    public var evidence: String

    /// Creates a drop.
    public init(problemID: Int64, reason: String, evidence: String) {
        self.problemID = problemID
        self.reason = reason
        self.evidence = evidence
    }
}

/// Two problems above a similarity threshold.
public struct SimilarPair: Sendable, Equatable {
    /// The kept (or training) row.
    public var a: Int64
    /// The other row.
    public var b: Int64
    /// Their cosine similarity.
    public var cosine: Float
    /// `duplicate`, `template-sibling`, `eval-exact` or `eval-near`.
    public var kind: String

    /// Creates a pair.
    public init(a: Int64, b: Int64, cosine: Float, kind: String) {
        self.a = a
        self.b = b
        self.cosine = cosine
        self.kind = kind
    }
}

extension Store {
    /// Replaces everything `step` decided before (its drops and pairs) with a new decision, in one transaction.
    public func replaceDecisions(step: String, drops: [Drop], pairs: [SimilarPair]) throws {
        let now = Store.timestamp()
        try pool.write { db in
            try db.execute(sql: "DELETE FROM drops WHERE step = ?", arguments: [step])
            try db.execute(sql: "DELETE FROM similar_pairs WHERE step = ?", arguments: [step])
            let drop = try db.cachedStatement(sql: """
                INSERT INTO drops (problem_id, step, reason, evidence, dropped_at) VALUES (?, ?, ?, ?, ?)
                """)
            for d in drops { try drop.execute(arguments: [d.problemID, step, d.reason, d.evidence, now]) }
            let pair = try db.cachedStatement(sql: """
                INSERT INTO similar_pairs (step, a, b, cosine, kind) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (step, a, b) DO UPDATE SET cosine = excluded.cosine, kind = excluded.kind
                """)
            for p in pairs { try pair.execute(arguments: [step, p.a, p.b, Double(p.cosine), p.kind]) }
        }
    }

    /// Drops per step and reason.
    public func dropCounts() throws -> [(step: String, reason: String, count: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT step, reason, COUNT(*) AS n FROM drops GROUP BY step, reason ORDER BY step, reason")
                .map { ($0["step"], $0["reason"], $0["n"]) }
        }
    }
}
