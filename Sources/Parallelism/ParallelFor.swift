import Dispatch
import Synchronization

/// The package's one parallel loop: `0..<count` cut into chunks that up to `threads` workers take from a shared
/// atomic counter (`DispatchQueue.concurrentPerform`), so a slow chunk holds up only its own worker. Used by the
/// C library's batch grading, `Array.parallelMap` and the Parquet writer's page compression.
///
/// Example: `let squares = ParallelFor.map(count: 1_000, threads: 4) { $0 * $0 }`.
public enum ParallelFor {
    /// Calls `body` once for each chunk of `chunk` consecutive indices of `0..<count` (the last may be shorter) on up
    /// to `threads` threads (at most one per chunk); on the calling thread when one worker suffices. Returns when
    /// every chunk is done. `body` must write only state that no other chunk touches.
    /// - Complexity: O(count) work in `body`, spread over the workers.
    public static func run(count: Int, threads: Int, chunk: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let size = max(1, chunk)
        let chunks = (count + size - 1) / size
        let workers = max(1, min(threads, chunks))
        if workers == 1 {
            body(0..<count)
            return
        }
        let next = Atomic<Int>(0)
        // concurrentPerform wants a @Sendable closure; `body` writes only its own chunk's state (see above).
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let start = next.wrappingAdd(size, ordering: .relaxed).oldValue
                    guard start < count else { return }
                    work(start..<min(count, start + size))
                }
            }
        }
    }

    /// `transform(i)` for every `i` in `0..<count`, computed by `run` and returned in index order.
    public static func map<T>(count: Int, threads: Int, chunk: Int = 1, _ transform: (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: max(0, count)) { buffer, initialized in
            run(count: count, threads: threads, chunk: chunk) { range in
                for i in range { buffer.initializeElement(at: i, to: transform(i)) }
            }
            initialized = max(0, count)
        }
    }
}
