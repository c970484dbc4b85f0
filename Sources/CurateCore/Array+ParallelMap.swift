import Foundation
import Parallelism

extension Array {
    /// The transform of every element, computed on several threads and returned in input order.
    ///
    /// Runs on `ParallelFor` with `threads` workers (default: every active core) taking chunks of about an eighth of
    /// their share; arrays shorter than `minimumPerThread` per worker run on the calling thread. `transform` must
    /// touch no shared mutable state. Example: `let hashes = texts.parallelMap { ProblemText.hash($0) }`.
    /// - Complexity: O(n) transforms, spread over the workers.
    public func parallelMap<T>(threads: Int? = nil, minimumPerThread: Int = 32, _ transform: (Element) -> T) -> [T] {
        let workers = Swift.max(1, Swift.min(threads ?? ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(1, minimumPerThread)))
        if workers == 1 { return map(transform) }
        return ParallelFor.map(count: count, threads: workers, chunk: Swift.max(1, count / (workers * 8))) { transform(self[$0]) }
    }
}
