import ArgumentParser
import CurateStore
import Foundation

/// The `--db` flag every command that touches the store shares.
public struct StoreOptions: ParsableArguments {
    /// Path of the SQLite store.
    @Option(name: .long, help: "The SQLite store (curate ingest creates it if missing; the other commands need it to exist).")
    public var db: String = "curate.sqlite"

    /// Creates the options (argument-parser needs it).
    public init() {}

    /// Opens the store at `--db`, creating it when missing: for the commands that add rows.
    func open() throws -> Store { try Store(path: db) }

    /// Opens the store at `--db`, which must exist: a command that reads or decides over stored rows would otherwise
    /// create an empty store at a mistyped path and report nothing, successfully.
    func openExisting() throws -> Store {
        guard FileManager.default.fileExists(atPath: db) else {
            printError("error: no store at \(db) (curate ingest or curate build creates one; --db names another)")
            throw ExitCode(2)
        }
        return try open()
    }
}

extension Store {
    /// Exits with code 2 when one of `names` (given with `flag`) is no source of the store, so that a typo is an error
    /// and not a run over nothing.
    func requireSources(_ names: [String], flag: String) throws {
        let known = Set(try sourceNames())
        if let unknown = names.first(where: { !known.contains($0) }) {
            printError("error: \(flag): no source named \(unknown) in the store (curate stats lists them)")
            throw ExitCode(2)
        }
    }
}
