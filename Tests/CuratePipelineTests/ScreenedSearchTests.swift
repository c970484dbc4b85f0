import CurateCore
import CurateEmbed
import CuratePipeline
import CurateStore
import CurateTestSupport
import Foundation
import GRDB
import Testing

/// Dedup and overlap screened by the fast pass (where this CPU has one) decide exactly as embedding every row
/// exactly: the same drops with the same evidence and the same pairs (their cosines within 1e-5: the exact pass
/// runs on fewer rows, so the last bits of a product may differ). The rows are 40 AIME problems in two transcriptions
/// each from the twins fixture, so those have a partner above 0.9, and 60 more problems without their twins.
@Suite struct ScreenedSearchTests {
    struct Decisions: Equatable {
        var drops: [String]
        var pairs: [String]
        var cosines: [Double]
    }

    func decide(screening: Bool) throws -> (Decisions, embedded: Int, screened: Int, screeningVectors: Int, exactVectors: Int) {
        let all = try String(contentsOfFile: Fixtures.path("dedup/twins.jsonl"), encoding: .utf8).split(separator: "\n")
        let lines = all.prefix(80) + all.dropFirst(80).enumerated().filter { $0.offset % 2 == 0 }.prefix(60).map(\.element)
        let twins = try lines.map { try JSONDecoder().decode(TwinEvaluationTests.Twin.self, from: Data($0.utf8)) }
        let t = try TemporaryStore()
        _ = try t.store.insert(problems: twins.map { problem($0.source, $0.key, $0.problem, answer: $0.answer) }, rejects: [])
        var cache = EmbeddingCache(store: t.store, encoder: try SentenceEncoder(modelDirectory: modelDirectory), model: "minilm")
        cache.screening = screening
        let dedup = try DedupStage().run(store: t.store, cache: cache)
        let overlap = try OverlapStage(evalSources: ["deepscaler-aime"]).run(store: t.store, cache: cache)
        return try t.store.pool.read { db in
            let drops = try String.fetchAll(
                db, sql: "SELECT step || ' #' || problem_id || ' ' || reason || ': ' || evidence FROM drops ORDER BY step, problem_id")
            let order = "FROM similar_pairs ORDER BY step, a, b"
            let pairs = try String.fetchAll(db, sql: "SELECT step || ' ' || a || '-' || b || ' ' || kind " + order)
            let cosines = try Double.fetchAll(db, sql: "SELECT cosine " + order)
            let count = "SELECT count(*) FROM embeddings WHERE model = ?"
            return (
                Decisions(drops: drops, pairs: pairs, cosines: cosines), dedup.embedded + overlap.embedded, dedup.screened + overlap.screened,
                try Int.fetchOne(db, sql: count, arguments: [cache.screeningModel]) ?? -1,
                try Int.fetchOne(db, sql: count, arguments: [cache.model]) ?? -1
            )
        }
    }

    @Test func theScreenDecidesAsTheExactSearch() throws {
        let exact = try decide(screening: false)
        let screened = try decide(screening: true)
        #expect(exact.0.drops.contains { $0.hasPrefix("dedup") } && exact.0.drops.contains { $0.hasPrefix("overlap") })
        #expect(screened.0.drops.count == exact.0.drops.count && screened.0.pairs.count == exact.0.pairs.count)
        for (a, b) in zip(screened.0.drops, exact.0.drops) where a != b { Issue.record("drop: screened \(a), exact \(b)") }
        for (a, b) in zip(screened.0.pairs, exact.0.pairs) where a != b { Issue.record("pair: screened \(a), exact \(b)") }
        for (a, b) in zip(screened.0.cosines, exact.0.cosines) { #expect(abs(a - b) <= 1e-5) }
        #expect(exact.screened == 0 && exact.screeningVectors == 0)
        if FastPass.available(on: .current) != .unavailable {
            // Every text screened once, fast vectors stored under their own key, exact vectors only for candidates.
            #expect(screened.screened > 0 && screened.screeningVectors == screened.screened)
            #expect(screened.exactVectors == screened.embedded && screened.embedded < exact.embedded)
        } else {
            #expect(screened.screened == 0 && screened.embedded == exact.embedded)
        }
    }
}
