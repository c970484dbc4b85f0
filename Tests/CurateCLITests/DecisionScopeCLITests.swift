import ArgumentParser
import CurateCore
import CurateStore
import CurateTestSupport
import Foundation
import GRDB
import Testing

/// What a command decides over, and what it leaves alone: evaluation sources stay out of training shards, overlap
/// checks add up, a dedup run over some sources keeps the others' decisions, and a typo in a source or store name is
/// an error rather than a successful run over nothing.
@Suite struct DecisionScopeCLITests {
    /// Writes `problems` as a JSONL source file in the test's folder and ingests it as `source`.
    private func ingest(_ t: TemporaryStore, _ source: String, _ problems: [String]) async throws {
        let file = t.directory.appendingPathComponent("\(source).jsonl")
        let lines = problems.enumerated().map { i, p in
            JSONValue.object([("problem", .string(p)), ("answer", .string("\(i + 1)"))]).serialized()
        }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        try await runCurate(["ingest", "jsonl", file.path, "--db", t.store.path, "--source", source])
    }

    private func exportedSources(_ t: TemporaryStore, _ arguments: [String] = []) async throws -> Set<String> {
        let out = t.directory.appendingPathComponent("out-\(UUID().uuidString)")
        try await runCurate(["export", "--db", t.store.path, "--out", out.path, "--format", "jsonl"] + arguments)
        let shard = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".jsonl") })
        let text = try String(contentsOf: out.appendingPathComponent(shard), encoding: .utf8)
        return Set(
            try text.split(separator: "\n").map {
                guard case .string(let s)? = try JSONValue.parse(Array($0.utf8))["data_source"] else { return "?" }
                return s
            })
    }

    private func overlapDrops(_ t: TemporaryStore) throws -> Int {
        try t.store.dropCounts().filter { $0.step == .overlap }.map(\.count).reduce(0, +)
    }

    @Test func evaluationSourcesAddUpAndStayOutOfTrainingShards() async throws {
        let t = try TemporaryStore()
        try await ingest(
            t, "train",
            [
                "How many positive divisors does 3600 have?", "Solve for x: 2x + 3 = 11.",
                "Find the area of a triangle with sides 13, 14 and 15.", "What is the remainder when 2^100 is divided by 7?",
            ])
        try await ingest(t, "eval-a", ["How many positive divisors does 3600 have?"])
        try await ingest(t, "eval-b", ["Solve for x: 2x + 3 = 11."])
        #expect(try await exportedSources(t) == ["train", "eval-a", "eval-b"])  // no overlap check yet

        try await runCurate(["overlap", "--db", t.store.path, "--eval", "eval-a"])
        #expect(try t.store.evaluationSources() == ["eval-a"])
        #expect(try overlapDrops(t) == 1)
        // A second check with another set compares against both: the first set's drop stays.
        try await runCurate(["overlap", "--db", t.store.path, "--eval", "eval-b"])
        #expect(try t.store.evaluationSources() == ["eval-a", "eval-b"])
        #expect(try overlapDrops(t) == 2)
        #expect(try await exportedSources(t) == ["train"])
        // Named, an evaluation source is exported (a test split, say).
        #expect(try await exportedSources(t, ["--sources", "eval-a", "--split", "test"]) == ["eval-a"])
        // --replace makes --eval the only evaluation sources.
        try await runCurate(["overlap", "--db", t.store.path, "--eval", "eval-b", "--replace"])
        #expect(try t.store.evaluationSources() == ["eval-b"])
        #expect(try overlapDrops(t) == 1)
        #expect(try await exportedSources(t) == ["train", "eval-a"])
    }

    @Test func aDedupRunOverSomeSourcesKeepsTheOtherSourcesDecisions() async throws {
        let t = try TemporaryStore()
        try await ingest(t, "a", ["Compute 17 times 23.", "Compute 17 times 23.", "How many primes are below 50?"])
        try await ingest(t, "b", ["Find the sum of the first 100 odd numbers.", "Find the sum of the first 100 odd numbers."])
        try await runCurate(["dedup", "--db", t.store.path])
        let dedupDrops = { try t.store.dropCounts().filter { $0.step == .dedup }.map(\.count).reduce(0, +) }
        #expect(try dedupDrops() == 2)
        try await runCurate(["dedup", "--db", t.store.path, "--sources", "a"])
        #expect(try dedupDrops() == 2)  // b's drop is still there
        // A source name that the store does not have is an error, and nothing is replaced.
        await #expect(throws: ExitCode(2)) { try await runCurate(["dedup", "--db", t.store.path, "--sources", "nosuch"]) }
        await #expect(throws: ExitCode(2)) { try await runCurate(["export", "--db", t.store.path, "--out", t.directory.path + "/x", "--sources", "nosuch"]) }
        #expect(try dedupDrops() == 2)
    }

    /// A file that cannot be used (empty, a folder) stops only itself: the files after it are ingested, then the
    /// command exits 2 naming it.
    @Test func anUnusableFileDoesNotStopTheOthers() async throws {
        let t = try TemporaryStore()
        let good = [("g1.json", "What is 1+1?"), ("g2.json", "What is 2+2?")].map { name, problem in
            let url = t.directory.appendingPathComponent(name)
            try? Data(#"[{"problem": "\#(problem)", "answer": "2"}]"#.utf8).write(to: url)
            return url.path
        }
        let empty = t.directory.appendingPathComponent("empty.json")
        try Data().write(to: empty)
        await #expect(throws: ExitCode(2)) {
            try await runCurate(["ingest", "json", good[0], empty.path, t.directory.path, good[1], "--db", t.store.path, "--source", "s"])
        }
        #expect(try t.store.stats().totalRows == 2)
    }

    @Test func aCommandThatReadsTheStoreRefusesAMissingOne() async throws {
        let t = try TemporaryStore()
        let missing = t.directory.appendingPathComponent("typo.sqlite").path
        for command in [["stats"], ["rejects"], ["gradable"], ["dedup"], ["export", "--out", t.directory.path + "/o"]] {
            await #expect(throws: ExitCode(2), "curate \(command[0])") { try await runCurate(command + ["--db", missing]) }
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
