import Foundation

/// A value shared between threads or tasks, read and changed under a lock.
///
/// Example: `let done = Locked(0); done.update { $0 += 1 }`.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    /// Wraps `value`.
    public init(_ value: Value) { stored = value }

    /// Changes the value under the lock; returns what `change` returns.
    @discardableResult
    public func update<R>(_ change: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return change(&stored)
    }

    /// A copy of the value.
    public var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
