import CurateCore

/// Maps source rows to outcomes on every core, a chunk at a time, and emits the outcomes in input order.
///
/// Parsing and mapping a row touches nothing shared, so rows are split across cores; emitting (and storing)
/// stays on the calling thread, in order, so keys, line numbers and batches are the same as a serial run.
enum ParallelRows {
    /// Rows per chunk: large enough to amortise the fork/join, small enough to keep memory flat.
    static let chunkSize = 4096

    /// - Complexity: O(n) transforms, spread over the active cores.
    static func map<Row>(
        _ rows: [Row], emit: (RowMapper.Outcome) throws -> Void,
        transform: (Row) -> RowMapper.Outcome
    ) throws {
        var chunkStart = 0
        while chunkStart < rows.count {
            let chunk = Array(rows[chunkStart..<min(chunkStart + chunkSize, rows.count)])
            chunkStart += chunk.count
            for outcome in chunk.parallelMap(transform) { try emit(outcome) }
        }
    }
}
