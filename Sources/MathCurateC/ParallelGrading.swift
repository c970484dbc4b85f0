import Dispatch
import MathVerify

#if canImport(Glibc)
import Glibc
#endif

/// Grades many pairs on several threads, results in input order.
///
/// Pairs are dealt out in contiguous chunks of 64 from a shared counter, so a slow pair holds up only its own
/// chunk. Nothing is shared between workers but the read-only inputs and disjoint output slots.
enum ParallelGrading {
    /// Threads to use for `requested` (<= 0: one per online core), never more than there are chunks.
    static func workers(requested: Int, count: Int) -> Int {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let wanted = requested > 0 ? requested : cores
        return max(1, min(wanted, (count + chunk - 1) / chunk))
    }

    static let chunk = 64

    /// Calls `body(i, slot)` for every i in 0..<count, initialising `slots[i]`, on `workers` threads.
    static func run(count: Int, workers: Int, into slots: UnsafeMutableBufferPointer<GradeOutcome>,
                    _ body: @Sendable (Int) -> GradeOutcome) {
        if workers <= 1 {
            for i in 0..<count { slots.initializeElement(at: i, to: body(i)) }
            return
        }
        let next = ChunkCounter()
        nonisolated(unsafe) let out = slots
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let start = next.take(chunk)
                if start >= count { return }
                for i in start..<min(count, start + chunk) { out.initializeElement(at: i, to: body(i)) }
            }
        }
    }
}

/// A counter that hands out disjoint ranges to threads (a mutex around one integer).
final class ChunkCounter: @unchecked Sendable {
    private var value = 0
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    /// The current value, then advances it by `n`.
    func take(_ n: Int) -> Int {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        let v = value
        value += n
        return v
    }
}
