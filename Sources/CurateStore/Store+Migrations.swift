import CurateCore
import GRDB

extension Store {
    /// A migrator with one migration per SQL file of `schemas/sql`, identified by the file name
    /// (e.g. `0001_problems_and_rejects`). The files are compiled in by the EmbedTextFiles plugin.
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in embeddedMigrations {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.text)
            }
        }
        return migrator
    }

    /// The identifiers of the migrations applied to this store.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Store.migrator().appliedMigrations(db) }
    }
}
