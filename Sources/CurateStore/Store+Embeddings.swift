import CurateCore
import Foundation
import GRDB

/// A stored problem as the dedup and overlap stages see it.
public struct StoredProblem: Sendable, Equatable {
    /// Row id (ingest order: smaller is older).
    public var id: Int64
    /// Source name.
    public var source: String
    /// The curated problem text (the extraction's rewrite when there is one), as exported.
    public var problem: String
    /// The curated answer, if any.
    public var answer: String?
    /// The text dedup and overlap compare and embed (`ProblemText.comparison`).
    public var comparison: String
    /// Hash of the normalised comparison text: the embedding cache's key, equal for exact duplicates.
    public var comparisonHash: String

    /// A row; the comparison text and its hash are derived from `problem`.
    public init(id: Int64, source: String, problem: String, answer: String?) {
        self.id = id
        self.source = source
        self.problem = problem
        self.answer = answer
        comparison = ProblemText.comparison(problem)
        comparisonHash = ProblemText.hash(comparison)
    }
}

extension Store {
    /// Curated problems (`curated_problems`: the text and answer export uses) of the given sources (all when nil)
    /// that no step outside `ignoring` has dropped, oldest first; with `ignoring` nil, every problem of those
    /// sources, dropped or not.
    ///
    /// The similarity steps ignore each other's drops (`[.dedup, .overlap]`), so each sees the same rows
    /// whatever order they run in and a rebuild decides the same.
    public func keptProblems(sources: [String]? = nil, ignoringDropsOf ignoring: [PipelineStep]?) throws -> [StoredProblem] {
        try pool.read { db in
            var sql: SQL = "SELECT id, source, problem, answer FROM curated_problems p WHERE 1"
            if let ignoring {
                sql += " AND NOT EXISTS (SELECT 1 FROM drops d WHERE d.problem_id = p.id"
                sql += ignoring.isEmpty ? ")" : " AND d.step NOT IN \(ignoring))"
            }
            if let sources { sql += " AND source IN \(sources)" }
            sql += " ORDER BY id"
            return try StoredProblem.fetchAll(db, SQLRequest<StoredProblem>(literal: sql))
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
            let statement = try db.cachedStatement(
                sql: """
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
