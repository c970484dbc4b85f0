import CurateCore
import Foundation

/// Where `--verbose` and `--log FILE` lines go: standard error, a file (appended), both, or nowhere. Each line
/// starts with the seconds since the sink opened.
final class LogSink: @unchecked Sendable {
    private let lock = NSLock()
    private let opened = Date()
    private let verbose: Bool
    private let file: FileHandle?

    /// Opens `path` for appending when given.
    /// - Throws: a validation error naming the file when it cannot be opened.
    init(verbose: Bool, path: String?) throws {
        self.verbose = verbose
        if let path {
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CurateError(.io, "cannot open the log file for writing", file: path)
            }
            handle.seekToEndOfFile()
            file = handle
        } else {
            file = nil
        }
    }

    /// True when lines go somewhere.
    var isActive: Bool { verbose || file != nil }

    /// Writes one line.
    @Sendable func write(_ line: String) {
        let data = Data((String(format: "[%8.3f s] ", Date().timeIntervalSince(opened)) + line + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        if verbose { FileHandle.standardError.write(data) }
        file?.write(data)
    }
}
