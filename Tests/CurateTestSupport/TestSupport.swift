import CurateStore
import Foundation

/// A store in a fresh temporary folder, removed when the value is released.
public final class TemporaryStore {
    /// The folder holding the store (and anything else a test writes).
    public let directory: URL
    /// The open store.
    public let store: Store

    /// Creates the folder and opens a new store in it.
    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("curate-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("curate.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// Paths of files under the repository's `fixtures/` folder.
public enum Fixtures {
    /// The repository root, found from this file's location.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `fixtures/<relative>` as a path.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent("fixtures").appendingPathComponent(relative).path
    }
}
