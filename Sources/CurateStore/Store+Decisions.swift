import CurateCore
import GRDB

/// A row a step drops, with its reason and evidence.
public struct Drop: Sendable, Equatable {
    /// The dropped problem.
    public var problemID: Int64
    /// Why.
    public var reason: DropReason
    /// The evidence, e.g. `near-duplicate of #123, cos 0.943`.
    public var evidence: String

    /// Creates a drop.
    public init(problemID: Int64, reason: DropReason, evidence: String) {
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
    /// What the step made of the pair.
    public var kind: PairKind

    /// Creates a pair.
    public init(a: Int64, b: Int64, cosine: Float, kind: PairKind) {
        self.a = a
        self.b = b
        self.cosine = cosine
        self.kind = kind
    }
}

extension Store {
    /// Replaces what `step` decided before (its drops and pairs) with a new decision, in one transaction: everything,
    /// or with `sources` only the drops of those sources' rows and the pairs that touch them (a run over some sources
    /// leaves the others' decisions as they were).
    public func replaceDecisions(step: PipelineStep, drops: [Drop], pairs: [SimilarPair], sources: [String]? = nil) throws {
        let now = Store.timestamp()
        try pool.write { db in
            if let sources {
                let rows: SQL = "SELECT id FROM problems WHERE source IN \(sources)"
                try db.execute(literal: "DELETE FROM drops WHERE step = \(step.rawValue) AND problem_id IN (\(rows))")
                try db.execute(literal: "DELETE FROM similar_pairs WHERE step = \(step.rawValue) AND (a IN (\(rows)) OR b IN (\(rows)))")
            } else {
                try db.execute(sql: "DELETE FROM drops WHERE step = ?", arguments: [step.rawValue])
                try db.execute(sql: "DELETE FROM similar_pairs WHERE step = ?", arguments: [step.rawValue])
            }
            let drop = try db.cachedStatement(
                sql: """
                    INSERT INTO drops (problem_id, step, reason, evidence, dropped_at) VALUES (?, ?, ?, ?, ?)
                    """)
            for d in drops { try drop.execute(arguments: [d.problemID, step.rawValue, d.reason.rawValue, d.evidence, now]) }
            let pair = try db.cachedStatement(
                sql: """
                    INSERT INTO similar_pairs (step, a, b, cosine, kind) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (step, a, b) DO UPDATE SET cosine = excluded.cosine, kind = excluded.kind
                    """)
            for p in pairs { try pair.execute(arguments: [step.rawValue, p.a, p.b, Double(p.cosine), p.kind.rawValue]) }
        }
    }

    /// Drops per step and reason.
    public func dropCounts() throws -> [(step: PipelineStep, reason: DropReason, count: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT step, reason, COUNT(*) AS n FROM drops GROUP BY step, reason ORDER BY step, reason")
                .map { (try $0.decode(PipelineStep.self, forColumn: "step"), try $0.decode(DropReason.self, forColumn: "reason"), $0["n"]) }
        }
    }

    /// The pairs `step` recorded (all, or those touching any of `rows`), strongest first.
    public func similarPairs(step: PipelineStep, touching rows: [Int64]? = nil) throws -> [SimilarPair] {
        try pool.read { db in
            let request: SQLRequest<SimilarPair> =
                rows.map {
                    "SELECT a, b, cosine, kind FROM similar_pairs WHERE step = \(step.rawValue) AND (a IN \($0) OR b IN \($0)) ORDER BY cosine DESC, a, b"
                } ?? "SELECT a, b, cosine, kind FROM similar_pairs WHERE step = \(step.rawValue) ORDER BY cosine DESC, a, b"
            return try SimilarPair.fetchAll(db, request)
        }
    }

    /// The drops of the given rows, by any step.
    public func drops(of rows: [Int64]) throws -> [(step: PipelineStep, drop: Drop)] {
        try pool.read { db in
            let request: SQLRequest<Row> = "SELECT problem_id, step, reason, evidence FROM drops WHERE problem_id IN \(rows) ORDER BY problem_id, step"
            return try Row.fetchAll(db, request).map {
                (
                    try $0.decode(PipelineStep.self, forColumn: "step"),
                    Drop(problemID: $0["problem_id"], reason: try $0.decode(DropReason.self, forColumn: "reason"), evidence: $0["evidence"])
                )
            }
        }
    }

    /// The curated records (`curated_problems`: the text and answer every stage reads) of the given rows, in id
    /// order; ids that do not exist are absent.
    public func curatedProblems(ids: [Int64]) throws -> [StoredProblem] {
        try pool.read { db in
            let request: SQLRequest<StoredProblem> = "SELECT id, source, problem, answer FROM curated_problems WHERE id IN \(ids) ORDER BY id"
            return try StoredProblem.fetchAll(db, request)
        }
    }
}
