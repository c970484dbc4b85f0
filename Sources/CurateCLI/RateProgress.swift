import Foundation

/// Draws `label: done/total (rate/s, time left)` on standard error while a long step runs, only on a terminal.
/// Safe to call from several tasks at once.
final class RateProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let enabled = isatty(STDERR_FILENO) == 1

    init(_ label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.2 || done == total else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        FileHandle.standardError.write(Data("\r\u{1B}[K  \(label): \(done)/\(total) (\(Int(rate))/s, \(Int(left)) s left)".utf8))
        if done == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
