import MathVerify
import Parallelism

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

    /// Calls `body(i)` for every i in 0..<count, initialising `slots[i]`, on `workers` threads (`ParallelFor`).
    static func run(
        count: Int, workers: Int, into slots: UnsafeMutableBufferPointer<GradeOutcome>,
        _ body: @Sendable (Int) -> GradeOutcome
    ) {
        nonisolated(unsafe) let out = slots
        ParallelFor.run(count: count, threads: workers, chunk: chunk) { range in
            for i in range { out.initializeElement(at: i, to: body(i)) }
        }
    }
}
