import CurateCore
import Foundation
import GRDB

/// The MathCurate store: one SQLite file in WAL mode, its schema applied from `schemas/sql` by numbered migrations.
///
/// Every stage reads from and writes to the store, so any stage can be re-run alone.
/// Example: `let store = try Store(path: "curate.sqlite"); let stats = try store.stats()`.
public final class Store: Sendable {
    /// The connection pool (WAL: many readers, one writer). Not public API: the store's typed methods are; the
    /// package's tests read it (`package` access) to check what was written, row by row.
    package let pool: DatabasePool
    /// The path of the SQLite file.
    public let path: String

    /// Opens (creating if needed) the store at `path` and applies pending migrations.
    /// - Throws: ``CurateError`` with code `.store` when the file cannot be opened or migrated.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL with NORMAL sync: a commit survives a crash of the process; a power cut may lose the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MiB of page cache and checkpoints every ~40 MB of WAL: bulk ingest measured 1.6x faster than the
            // defaults (2 MiB, 4 MB) on 100,000 rows (BENCHMARKS.md).
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Store.migrator().migrate(pool)
        } catch let error as DatabaseError {
            throw CurateError(.store, "cannot open the store: \(error.message ?? error.description)", file: path)
        } catch let error as CurateError {
            throw error
        } catch {
            throw CurateError(.store, "cannot open the store: \(error)", file: path)
        }
    }

    /// The current time as ISO 8601 UTC, the form every `*_at` column uses; with `milliseconds`, to the millisecond
    /// (`2026-11-29T16:50:01.123Z`), which build IDs use so that two builds within one second stay apart.
    public static func timestamp(_ date: Date = Date(), milliseconds: Bool = false) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = milliseconds ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
