import CurateCore
import Foundation

/// A source file read into memory with its content hash, so a caller that must read a file to decide whether to
/// ingest it (the build's check for changed files) hands the same bytes and hash to the ingester: each file is read
/// and hashed once.
public struct LoadedSourceFile: Sendable {
    /// The path the file was read from (as given; also its key in the store's record of ingested files).
    public let path: String
    /// The file's content.
    public let bytes: [UInt8]
    /// SHA-256 of `bytes`, lowercase hex.
    public let sha256: String

    /// Reads `path` and hashes its content.
    /// - Throws: ``CurateError`` `.io` naming the file when it does not exist or cannot be read.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            var folder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &folder)
            throw CurateError(
                .io, !exists ? "no such file" : folder.boolValue ? "a folder, not a file (name the files in it)" : "cannot read the file",
                file: path)
        }
        self.path = path
        bytes = [UInt8](data)
        sha256 = SHA256.hex(of: bytes)
    }
}
