import GRDB

extension Store {
    /// The names of the sources that have rows in the store, in name order.
    public func sourceNames() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT source FROM problems ORDER BY source") }
    }

    /// The sources the last overlap check used as evaluation sets, by name.
    public func evaluationSources() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT source FROM evaluation_sources ORDER BY source") }
    }

    /// Makes `sources` the store's evaluation sets (those an overlap check compares against, and export leaves out).
    public func setEvaluationSources(_ sources: [String]) throws {
        let now = Store.timestamp()
        try pool.write { db in
            try db.execute(sql: "DELETE FROM evaluation_sources")
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO evaluation_sources (source, marked_at) VALUES (?, ?)")
            for source in sources { try insert.execute(arguments: [source, now]) }
        }
    }
}
