import CurateCore
import GRDB

/// What one step of a build did: rows in, kept, dropped by reason.
public struct BuildStepRecord: Sendable, Equatable {
    /// The step.
    public var step: PipelineStep
    /// How it ended.
    public var status: StepStatus
    /// Rows the step looked at.
    public var rowsIn: Int
    /// Rows it kept.
    public var kept: Int
    /// Rows it dropped, by reason.
    public var dropped: [String: Int]
    /// A sentence on what happened (why skipped, files unchanged, …).
    public var note: String
    /// Wall time.
    public var seconds: Double

    /// Creates a record.
    public init(step: PipelineStep, status: StepStatus, rowsIn: Int, kept: Int, dropped: [String: Int], note: String, seconds: Double) {
        self.step = step
        self.status = status
        self.rowsIn = rowsIn
        self.kept = kept
        self.dropped = dropped
        self.note = note
        self.seconds = seconds
    }
}

extension Store {
    /// Records the steps of one build.
    public func record(build id: String, steps: [BuildStepRecord]) throws {
        try pool.write { db in
            for (position, s) in steps.enumerated() {
                let dropped = JSONValue.object(s.dropped.sorted { $0.key < $1.key }.map { ($0.key, .number(String($0.value))) }).serialized()
                try db.execute(
                    sql: """
                        INSERT INTO build_steps (build_id, position, step, status, rows_in, kept, dropped, note, seconds)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [id, position, s.step.rawValue, s.status.rawValue, s.rowsIn, s.kept, dropped, s.note, s.seconds])
            }
        }
    }

    /// The content hash recorded when `path` was last ingested into `source`, if it was.
    public func ingestedFileHash(path: String, source: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT sha256 FROM ingested_files WHERE path = ? AND source = ?", arguments: [path, source])
        }
    }

    /// Problems with no answer (waiting for extraction).
    public func unansweredCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM problems WHERE answer IS NULL") ?? 0 }
    }
}
