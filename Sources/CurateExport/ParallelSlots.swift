import Foundation

/// Fixed slots that concurrent workers fill, one slot per worker index; the one small handle type
/// that holds the unsafe buffer for parallel page compression.
///
/// Each index must be written by exactly one worker, and read only after all workers finished
/// (as `DispatchQueue.concurrentPerform` guarantees on return).
final class ParallelSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    /// `count` empty slots.
    init(count: Int) {
        slots = UnsafeMutableBufferPointer<Value?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Stores the value of slot `index`.
    func set(_ index: Int, _ value: Value) {
        slots[index] = value
    }

    /// All slots, in index order.
    var values: [Value?] { Array(slots) }

    /// Runs `body(i)` for `i` in `0..<count` on up to `threads` threads and collects the results in order.
    /// - Complexity: O(count) calls of `body`, spread over the threads.
    static func map(count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Value) -> [Value?] {
        let slots = ParallelSlots<Value>(count: count)
        if threads <= 1 || count <= 1 {
            for i in 0..<count { slots.set(i, body(i)) }
        } else {
            // Workers take indices from a shared counter, so a big column does not stall the others.
            let next = AtomicCounter()
            DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
                while true {
                    let i = next.increment()
                    guard i < count else { break }
                    slots.set(i, body(i))
                }
            }
        }
        return slots.values
    }
}

/// A lock-protected counter handing out 0, 1, 2, ...
final class AtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Returns the current value and increments it.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let v = value
        value += 1
        return v
    }
}
