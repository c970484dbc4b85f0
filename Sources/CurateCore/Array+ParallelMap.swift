import Foundation

extension Array {
    /// The transform of every element, computed on several threads and returned in input order.
    ///
    /// Elements are dealt out round-robin to `threads` workers (default: every active core); arrays shorter
    /// than `minimumPerThread` per worker run on the calling thread. `transform` must touch no shared mutable
    /// state. Example: `let hashes = texts.parallelMap { ProblemText.hash($0) }`.
    /// - Complexity: O(n) transforms, spread over the workers.
    public func parallelMap<T>(threads: Int? = nil, minimumPerThread: Int = 32, _ transform: (Element) -> T) -> [T] {
        let workers = Swift.max(1, Swift.min(threads ?? ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(1, minimumPerThread)))
        if workers == 1 { return map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                nonisolated(unsafe) let slots = buffer
                nonisolated(unsafe) let work = transform
                nonisolated(unsafe) let input = self
                let n = count
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var i = worker
                    while i < n {
                        slots.initializeElement(at: i, to: work(input[i]))
                        i += workers
                    }
                }
                initialized = n
            }
        }
    }
}
