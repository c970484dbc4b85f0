import CurateCore
import CurateEmbed
import CuratePipeline
import CurateStore
import CurateTestSupport
import Foundation
import GRDB
import Testing

/// The near-duplicate evaluation of issue 15 on real data with the truth from metadata: `fixtures/dedup/twins.jsonl`
/// holds 500 AIME problems, each transcribed by two sources (the AIME CSV and DeepScaleR's train file, or the CSV
/// and AIME 2024), grouped by contest, year and number. `curate dedup` with its defaults (the real MiniLM, cos > 0.9,
/// the template rule) must merge the twins of at least 99 % of the groups and never merge rows of two groups.
@Suite struct TwinEvaluationTests {
    /// One fixture line.
    struct Twin: Decodable {
        var group: String, source: String, key: String, problem: String, answer: String
    }

    @Test func twinsMergeAndDifferentProblemsNever() throws {
        let twins = try String(contentsOfFile: Fixtures.path("dedup/twins.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONDecoder().decode(Twin.self, from: Data($0.utf8)) }
        let groups = Set(twins.map(\.group))
        try #require(twins.count == 1_000 && groups.count == 500)

        let t = try TemporaryStore()
        _ = try t.store.insert(problems: twins.map { problem($0.source, $0.key, $0.problem, answer: $0.answer) }, rejects: [])
        let rows = try DedupStage().comparedRows(in: t.store)
        try #require(rows.count == twins.count)
        let groupOf = Dictionary(uniqueKeysWithValues: zip(rows.map(\.id), twins.map(\.group)))  // ids follow insertion order

        let cache = EmbeddingCache(store: t.store, encoder: try SentenceEncoder(modelDirectory: modelDirectory), model: "minilm")
        let report = try DedupStage().run(store: t.store, cache: cache)
        let joined = try t.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT a, b, cosine, kind FROM similar_pairs WHERE step = 'dedup'")
        }
        // Clusters as dedup formed them: the pairs it joined (template siblings are recorded but not joined).
        var sets = UnionFind(count: rows.count)
        let index = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($0.element.id, $0.offset) })
        var falseMerges: [String] = []
        for pair in joined where pair["kind"] as String != "template-sibling" {
            let a: Int64 = pair["a"], b: Int64 = pair["b"]
            sets.union(index[a]!, index[b]!)
            if groupOf[a] != groupOf[b] { falseMerges.append("#\(a) \(groupOf[a]!) + #\(b) \(groupOf[b]!), \(pair["kind"] as String)") }
        }
        var missed: [String] = []
        for group in groups.sorted() {
            let members = rows.indices.filter { groupOf[rows[$0].id] == group }
            if Set(members.map { sets.find($0) }).count > 1 {
                let (a, b) = (rows[members[0]], rows[members[1]])
                let cosine = cache.cosine(a, b)
                let rule = TemplateRule.difference(a.comparison, b.comparison, answerA: a.answer, answerB: b.answer)
                missed.append("\(group): cos \(String(format: "%.3f", cosine))\(rule.map { ", sibling: \($0)" } ?? "")")
            }
        }
        let merged = Double(groups.count - missed.count) / Double(groups.count)
        print(
            "twins: \(groups.count - missed.count) of \(groups.count) groups merged (\(String(format: "%.1f", merged * 100)) %), "
                + "\(falseMerges.count) false merges; \(report.exactDuplicates) exact duplicates, \(report.pairs) pairs, "
                + "\(report.templateSiblings) template siblings")
        for line in missed { print("  missed \(line)") }
        #expect(merged >= 0.99, "missed: \(missed)")
        #expect(falseMerges.isEmpty, "false merges: \(falseMerges)")
    }
}

extension EmbeddingCache {
    /// The cosine of two rows' cached vectors.
    func cosine(_ a: StoredProblem, _ b: StoredProblem) -> Float {
        guard let (matrix, _) = try? matrix(for: [a, b]) else { return .nan }
        return zip(matrix.row(0), matrix.row(1)).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
