import CurateCore
import GRDB

/// The numbers a curator looks at, gathered from the store for `curate report`.
public struct ReportData: Sendable {
    /// Problems per source, with how many are kept (no drop) and how many have answers.
    public var sources: [(source: String, rows: Int, kept: Int, answered: Int)]
    /// Gradable answers per type.
    public var answerTypes: [(label: String, count: Int)]
    /// Drops per step and reason.
    public var drops: [(step: String, reason: String, count: Int)]
    /// Rejected input rows per reason.
    public var rejects: [(reason: String, count: Int)]
    /// Problems per contest year, where known.
    public var years: [(year: Int, count: Int)]
    /// Similar pairs per step and kind (duplicates, template siblings, overlap matches).
    public var pairs: [(step: String, kind: String, count: Int)]
    /// The strongest overlap findings: training text, evaluation text, cosine.
    public var overlapExamples: [(train: String, trainSource: String, eval: String, evalSource: String, cosine: Double, kind: String)]
    /// Extraction decisions by status and origin (`curate extract`).
    public var extractions: [(status: String, origin: String, count: Int)]
    /// Rows marked for review by extraction, with why (the first 20).
    public var reviews: [(problem: String, source: String, reason: String)]
    /// The steps of the latest build.
    public var lastBuild: [(step: String, status: String, rowsIn: Int, kept: Int, dropped: String, note: String)]
}

extension Store {
    /// Reads everything `curate report` shows.
    public func reportData() throws -> ReportData {
        try pool.read { db in
            let sources = try Row.fetchAll(
                db,
                sql: """
                    SELECT source, COUNT(*) AS n, COUNT(answer) AS answered,
                           SUM(NOT EXISTS (SELECT 1 FROM drops d WHERE d.problem_id = p.id)) AS kept
                    FROM problems p GROUP BY source ORDER BY n DESC
                    """
            ).map { (source: $0["source"] as String, rows: $0["n"] as Int, kept: $0["kept"] as Int, answered: $0["answered"] as Int) }
            let types = try Row.fetchAll(
                db,
                sql: """
                    SELECT answer_type, COUNT(*) AS n FROM answer_checks WHERE gradable GROUP BY answer_type ORDER BY n DESC
                    """
            ).map { (label: $0["answer_type"] as String? ?? "?", count: $0["n"] as Int) }
            let drops = try Row.fetchAll(db, sql: "SELECT step, reason, COUNT(*) AS n FROM drops GROUP BY step, reason ORDER BY step, n DESC")
                .map { (step: $0["step"] as String, reason: $0["reason"] as String, count: $0["n"] as Int) }
            let rejects = try Row.fetchAll(db, sql: "SELECT reason, COUNT(*) AS n FROM rejects GROUP BY reason ORDER BY n DESC")
                .map { (reason: $0["reason"] as String, count: $0["n"] as Int) }
            let years = try Row.fetchAll(db, sql: "SELECT year, COUNT(*) AS n FROM problems WHERE year IS NOT NULL GROUP BY year ORDER BY year")
                .map { (year: $0["year"] as Int, count: $0["n"] as Int) }
            let pairs = try Row.fetchAll(db, sql: "SELECT step, kind, COUNT(*) AS n FROM similar_pairs GROUP BY step, kind ORDER BY step, kind")
                .map { (step: $0["step"] as String, kind: $0["kind"] as String, count: $0["n"] as Int) }
            let examples = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.problem AS train, a.source AS train_source, b.problem AS eval, b.source AS eval_source, s.cosine, s.kind
                    FROM similar_pairs s JOIN problems a ON a.id = s.a JOIN problems b ON b.id = s.b
                    WHERE s.step = 'overlap' ORDER BY s.kind, s.cosine DESC LIMIT 20
                    """
            ).map {
                (
                    train: $0["train"] as String, trainSource: $0["train_source"] as String, eval: $0["eval"] as String,
                    evalSource: $0["eval_source"] as String, cosine: $0["cosine"] as Double, kind: $0["kind"] as String
                )
            }
            let lastBuild = try Row.fetchAll(
                db,
                sql: """
                    SELECT step, status, rows_in, kept, dropped, note FROM build_steps
                    WHERE build_id = (SELECT MAX(build_id) FROM build_steps) ORDER BY position
                    """
            ).map {
                (
                    step: $0["step"] as String, status: $0["status"] as String, rowsIn: $0["rows_in"] as Int,
                    kept: $0["kept"] as Int, dropped: $0["dropped"] as String, note: $0["note"] as String
                )
            }
            let extractions = try Row.fetchAll(db, sql: "SELECT status, origin, COUNT(*) AS n FROM extractions GROUP BY status, origin ORDER BY n DESC")
                .map { (status: $0["status"] as String, origin: $0["origin"] as String, count: $0["n"] as Int) }
            let reviews = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.problem, p.source, e.reason FROM extractions e JOIN problems p ON p.id = e.problem_id
                    WHERE e.status = 'review' ORDER BY p.id LIMIT 20
                    """
            ).map { (problem: $0["problem"] as String, source: $0["source"] as String, reason: $0["reason"] as String? ?? "") }
            return ReportData(
                sources: sources, answerTypes: types, drops: drops, rejects: rejects, years: years,
                pairs: pairs, overlapExamples: examples, extractions: extractions, reviews: reviews, lastBuild: lastBuild)
        }
    }
}
