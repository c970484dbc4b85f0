import CurateCore
import CurateStore
import CurateTestSupport
import Foundation
import GRDB
import Testing

@Suite struct StoreTests {
    func problem(_ key: String, _ text: String, answer: String? = "1") -> Problem {
        Problem(
            source: "s", sourceKey: key, sourceFile: "f.json", problem: text, answer: answer,
            answerOrigin: answer == nil ? nil : .sourceField)
    }

    /// Typed columns go in as their raw text and come back as the same values; text that is none of the cases (a
    /// store written by a newer version, a hand edit) is an error naming the column, not a crash.
    @Test func typedValuesRoundTripAndUnknownTextIsAnError() throws {
        let t = try TemporaryStore()
        _ = try t.store.insert(problems: [problem("a", "x"), problem("b", "y")], rejects: [])
        try t.store.replaceDecisions(
            step: .dedup, drops: [Drop(problemID: 2, reason: .nearDuplicate, evidence: "e")],
            pairs: [SimilarPair(a: 1, b: 2, cosine: 0.95, kind: .duplicate)])
        #expect(try t.store.similarPairs(step: .dedup) == [SimilarPair(a: 1, b: 2, cosine: 0.95, kind: .duplicate)])
        #expect(try t.store.drops(of: [2]).map(\.step) == [.dedup])
        #expect(try t.store.dropCounts().map(\.reason) == [.nearDuplicate])
        try t.store.pool.write { db in try db.execute(sql: "UPDATE similar_pairs SET kind = 'sibling-of-a-future-version'") }
        do {
            _ = try t.store.similarPairs(step: .dedup)
            Issue.record("expected an error for an unknown pair kind")
        } catch {
            #expect("\(error)".contains("kind"), "\(error)")
        }
    }

    @Test func migrationsApplyInWALMode() throws {
        let t = try TemporaryStore()
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.root.appendingPathComponent("schemas/sql").path)
            .filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
        #expect(files.first == "0001_problems_and_rejects")
        #expect(try t.store.appliedMigrations() == files)
        let mode = try t.store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // Opening again applies nothing new and keeps the data.
        _ = try t.store.insert(problems: [problem("a", "What is 1?")], rejects: [])
        let again = try Store(path: t.store.path)
        #expect(try again.stats().totalRows == 1)
    }

    @Test func reinsertingTheSameRowChangesNothing() throws {
        let t = try TemporaryStore()
        let rows = [problem("a", "What is 1?"), problem("b", "What is 2?", answer: nil)]
        #expect(try t.store.insert(problems: rows, rejects: []) == IngestCounts(stored: 2))
        #expect(try t.store.insert(problems: rows, rejects: []) == IngestCounts(unchanged: 2))
        let stats = try t.store.stats()
        #expect(stats.totalRows == 2)
        #expect(stats.sources.first?.withAnswer == 1)
    }

    @Test func changedContentIsRejectedAndTheStoredRowKept() throws {
        let t = try TemporaryStore()
        _ = try t.store.insert(problems: [problem("a", "What is 1?")], rejects: [])
        let counts = try t.store.insert(problems: [problem("a", "What is 1?", answer: "2")], rejects: [])
        #expect(counts == IngestCounts(rejected: 1))
        let answer = try t.store.pool.read { db in try String.fetchOne(db, sql: "SELECT answer FROM problems WHERE source_key = 'a'") }
        #expect(answer == "1")
        let rejects = try t.store.rejects()
        #expect(rejects.map(\.reason) == ["conflicts-with-stored"])
    }

    @Test func rejectsAreStoredOnce() throws {
        let t = try TemporaryStore()
        let bad = RejectedRow(source: "s", file: "f.jsonl", location: "line 3", reason: .malformedJSON, detail: "x", raw: "{")
        _ = try t.store.insert(problems: [], rejects: [bad])
        _ = try t.store.insert(problems: [], rejects: [bad])
        #expect(try t.store.rejects().count == 1)
        #expect(try t.store.stats().rejects == [RejectCount(source: "s", reason: "malformed-json", count: 1)])
    }

    @Test func answerKeysFillOnlyMissingAnswers() throws {
        let t = try TemporaryStore()
        var open = problem("p1", "Which?", answer: nil)
        open.contest = "AMC 8"; open.year = 1999; open.number = 1
        var answered = problem("p2", "Which else?", answer: "B")
        answered.contest = "AMC 8"; answered.year = 1999; answered.number = 2
        _ = try t.store.insert(problems: [open, answered], rejects: [])
        let counts = try t.store.insert(answerKeys: [
            AnswerKeyEntry(source: "key", contest: "AMC 8", year: 1999, number: 1, answer: "A"),
            AnswerKeyEntry(source: "key", contest: "AMC 8", year: 1999, number: 2, answer: "C"),
            AnswerKeyEntry(source: "key", contest: "AMC 8", year: 1999, number: 3, answer: "D"),
        ])
        #expect(counts.storedKeys == 3 && counts.problemsAnswered == 1)
        let answers = try t.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT source_key, answer, answer_origin FROM problems ORDER BY source_key")
                .map { "\($0["source_key"] as String)=\($0["answer"] as String)/\($0["answer_origin"] as String)" }
        }
        #expect(answers == ["p1=A/answer-key", "p2=B/source-field"])
        #expect(try t.store.unmatchedAnswerKeyCount() == 1)
    }
}
