import CurateIngest
import Foundation

/// Draws `file: N rows (R rows/s)` on one line of standard error while a long ingest runs, only on a terminal.
final class TerminalProgress: IngestProgress {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var start = Date()
    private var lastFile = ""
    private var lastDraw = Date.distantPast

    func update(file: String, rows: Int) {
        guard enabled else { return }
        if file != lastFile { lastFile = file; start = Date() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let rate = Double(rows) / max(now.timeIntervalSince(start), 0.001)
        let name = (file as NSString).lastPathComponent
        FileHandle.standardError.write(Data("\r\u{1B}[K  \(name): \(rows) rows (\(Int(rate)) rows/s)".utf8))
    }

    /// Clears the progress line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
