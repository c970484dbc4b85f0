import CurateCore
import GRDB

/// A problem ready for export: kept by every step, with its answer and provenance.
public struct ExportableProblem: Sendable, Equatable {
    /// Row id (export order).
    public var id: Int64
    /// Source name (verl's `data_source`).
    public var source: String
    /// Key of the row in its source.
    public var sourceKey: String
    /// The problem's page, if known.
    public var url: String?
    /// Contest year, if known.
    public var year: Int?
    /// The statement.
    public var problem: String
    /// The ground truth.
    public var answer: String
    /// The engine's answer type, when `curate gradable` has run.
    public var answerType: String?
}

extension Store {
    /// Problems with an answer that no step dropped, of the given sources (all when nil), in id order.
    public func exportableProblems(sources: [String]? = nil) throws -> [ExportableProblem] {
        try pool.read { db in
            var sql = """
                SELECT p.id, p.source, p.source_key, p.url, p.year, p.problem, p.answer, c.answer_type
                FROM curated_problems p LEFT JOIN answer_checks c ON c.problem_id = p.id
                WHERE p.answer IS NOT NULL AND NOT EXISTS (SELECT 1 FROM drops d WHERE d.problem_id = p.id)
                """
            var arguments: [any DatabaseValueConvertible] = []
            if let sources {
                sql += " AND p.source IN (\(sources.map { _ in "?" }.joined(separator: ",")))"
                arguments += sources
            }
            sql += " ORDER BY p.id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
                ExportableProblem(
                    id: $0["id"], source: $0["source"], sourceKey: $0["source_key"], url: $0["url"],
                    year: $0["year"], problem: $0["problem"], answer: $0["answer"], answerType: $0["answer_type"])
            }
        }
    }
}
