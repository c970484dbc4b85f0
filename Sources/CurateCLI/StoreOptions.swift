import ArgumentParser
import CurateStore

/// The `--db` flag every command that touches the store shares.
public struct StoreOptions: ParsableArguments {
    /// Path of the SQLite store.
    @Option(name: .long, help: "The SQLite store (created if missing).")
    public var db: String = "curate.sqlite"

    /// Creates the options (argument-parser needs it).
    public init() {}

    /// Opens the store at `--db`.
    func open() throws -> Store { try Store(path: db) }
}
