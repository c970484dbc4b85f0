import Dispatch
import Foundation

/// Maps source rows to outcomes on every core, a chunk at a time, and emits the outcomes in input order.
///
/// Parsing and mapping a row touches nothing shared, so rows are split across cores; emitting (and storing)
/// stays on the calling thread, in order, so keys, line numbers and batches are the same as a serial run.
enum ParallelRows {
    /// Rows per chunk: large enough to amortise the fork/join, small enough to keep memory flat.
    static let chunkSize = 4096

    /// - Complexity: O(n) transforms, spread over `ProcessInfo.activeProcessorCount` threads.
    static func map<Row>(_ rows: [Row], emit: (RowMapper.Outcome) throws -> Void,
                         transform: (Row) -> RowMapper.Outcome) throws {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var chunkStart = 0
        while chunkStart < rows.count {
            let chunk = rows[chunkStart..<min(chunkStart + chunkSize, rows.count)]
            chunkStart += chunk.count
            if workers == 1 || chunk.count < 64 {
                for row in chunk { try emit(transform(row)) }
                continue
            }
            var results = [RowMapper.Outcome?](repeating: nil, count: chunk.count)
            results.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let slots = buffer
                nonisolated(unsafe) let input = chunk
                let base = chunk.startIndex
                let count = chunk.count
                withoutActuallyEscaping(transform) { transform in
                    nonisolated(unsafe) let work = transform
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        var i = worker
                        while i < count {
                            slots[i] = work(input[base + i])
                            i += workers
                        }
                    }
                }
            }
            for case let outcome? in results { try emit(outcome) }
        }
    }
}
