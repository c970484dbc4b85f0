import CurateCore
import Foundation

extension SHA256 {
    /// Lower-case hex digest of a file's contents, read in 1 MiB chunks.
    /// - Throws: `ExportError(.io)` when the file cannot be read.
    static func hex(ofFileAt url: URL) throws -> String {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw ExportError(.io, "cannot open for hashing: \(error)", file: url.path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                throw ExportError(.io, "read failed: \(error)", file: url.path)
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(chunk)
        }
        return SHA256.hexString(hasher.finalize())
    }
}

/// Lower-case hex SHA-256 of a file's contents (streamed in 1 MiB chunks), as `sha256sum` prints it.
///
/// - Throws: `ExportError(.io)` when the file cannot be read.
/// - Complexity: O(file size).
///
/// Example: `try sha256Hex(ofFileAt: URL(fileURLWithPath: "train-00000-of-00001.parquet"))`.
public func sha256Hex(ofFileAt url: URL) throws -> String {
    try SHA256.hex(ofFileAt: url)
}
