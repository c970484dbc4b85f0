import GRDB

extension Store {
    /// Every problem with an official solution: (source, stored answer, solution), for `curate extract --audit`.
    public func problemsWithSolutions(sources: [String]? = nil) throws -> [(source: String, answer: String?, solution: String)] {
        try pool.read { db in
            var sql = "SELECT source, answer, solution FROM problems WHERE solution IS NOT NULL AND trim(solution) != ''"
            var arguments: [any DatabaseValueConvertible] = []
            if let sources {
                sql += " AND source IN (\(sources.map { _ in "?" }.joined(separator: ",")))"
                arguments += sources
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(arguments))
                .map { ($0["source"], $0["answer"], $0["solution"]) }
        }
    }
}
