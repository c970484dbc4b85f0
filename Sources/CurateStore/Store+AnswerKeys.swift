import CurateCore
import GRDB

/// One line of an answer key: the letter (or value) that answers a contest problem.
///
/// Example: `AnswerKeyEntry(source: "amc10", contest: "AMC 10A", year: 2002, number: 3, answer: "C")`.
public struct AnswerKeyEntry: Sendable, Equatable {
    /// The source name of the key file.
    public var source: String
    /// Contest as it appears in problem rows (`AMC 10A`).
    public var contest: String
    /// Contest year.
    public var year: Int
    /// Problem number.
    public var number: Int
    /// The answer letter or value.
    public var answer: String
    /// The problem's page, where the key names it.
    public var url: String?

    /// Creates an entry.
    public init(source: String, contest: String, year: Int, number: Int, answer: String, url: String? = nil) {
        self.source = source
        self.contest = contest
        self.year = year
        self.number = number
        self.answer = answer
        self.url = url
    }
}

/// What storing an answer key did.
public struct AnswerKeyCounts: Sendable, Equatable, Codable {
    /// Key lines stored for the first time.
    public var storedKeys = 0
    /// Key lines already stored.
    public var unchangedKeys = 0
    /// Problems that received their answer from a key in this call.
    public var problemsAnswered = 0
}

extension Store {
    /// Stores answer-key lines and joins them onto stored problems (same contest, year and number) that have no
    /// answer yet. Problems ingested later get their key answer through ``applyAnswerKeys()``.
    /// - Throws: ``CurateError`` when the transaction fails.
    public func insert(answerKeys: [AnswerKeyEntry]) throws -> AnswerKeyCounts {
        var counts = AnswerKeyCounts()
        try pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO answer_keys (source, contest, year, number, answer, url) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (contest, year, number) DO NOTHING
                    """)
            for key in answerKeys {
                try statement.execute(arguments: [key.source, key.contest, key.year, key.number, key.answer, key.url])
                if db.changesCount > 0 { counts.storedKeys += 1 } else { counts.unchangedKeys += 1 }
            }
            counts.problemsAnswered = try Store.applyAnswerKeys(db)
        }
        return counts
    }

    /// Gives every unanswered problem the answer of its key line, if one is stored; returns how many changed.
    public func applyAnswerKeys() throws -> Int {
        try pool.write { db in try Store.applyAnswerKeys(db) }
    }

    static func applyAnswerKeys(_ db: Database) throws -> Int {
        try db.execute(
            sql: """
                UPDATE problems SET answer = k.answer, answer_origin = 'answer-key'
                FROM answer_keys k
                WHERE problems.answer IS NULL AND problems.contest = k.contest
                  AND problems.year = k.year AND problems.number = k.number
                """)
        return db.changesCount
    }

    /// Answer-key lines that match no stored problem.
    public func unmatchedAnswerKeyCount() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM answer_keys k WHERE NOT EXISTS (
                        SELECT 1 FROM problems p WHERE p.contest = k.contest AND p.year = k.year AND p.number = k.number)
                    """) ?? 0
        }
    }
}
