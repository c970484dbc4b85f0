import CurateCore
import CurateEmbed
import CurateExport
@testable import CuratePipeline
import CurateStore
import CurateTestSupport
import Foundation
import GRDB
import Testing

/// The real model, from $CURATE_MODEL_DIR or the package's models folder (scripts/test.sh fetches it).
let modelDirectory: URL = {
    if let env = ProcessInfo.processInfo.environment["CURATE_MODEL_DIR"], !env.isEmpty { return URL(fileURLWithPath: env) }
    return Fixtures.root.appendingPathComponent("models/all-MiniLM-L6-v2")
}()

func problem(_ source: String, _ key: String, _ text: String, answer: String? = nil) -> Problem {
    Problem(
        source: source, sourceKey: key, sourceFile: "\(source).jsonl", problem: text, answer: answer,
        answerOrigin: answer == nil ? nil : .sourceField)
}

@Suite struct TemplateRuleTests {
    @Test func differentNumbersMakeSiblings() {
        #expect(
            TemplateRule.areSiblings(
                "A triangle has sides 13, 14 and 15. Find its area.",
                "A triangle has sides 5, 12 and 13. Find its area.", answerA: nil, answerB: nil))
        #expect(
            !TemplateRule.areSiblings(
                "A triangle has sides 13, 14 and 15. Find its area.",
                "Find the area of the triangle with sides 13, 14, 15.", answerA: "84", answerB: "84"))
        #expect(TemplateRule.areSiblings("Compute the sum.", "Compute the sum!", answerA: "3", answerB: "4"))
        #expect(!TemplateRule.areSiblings("Compute 2.5 times 4.", "compute 2.5 times 4", answerA: "$10$", answerB: "10"))
    }

    /// Twins of fixtures/dedup/twins.jsonl whose copies differ in numbers without being different problems.
    @Test func numbersOnlyOneCopyAddsOrWritesDifferentlyDoNotMakeSiblings() {
        // 1985-1: the product written out against `\ldots`.
        #expect(
            !TemplateRule.areSiblings(
                "Calculate the product $x_1x_2 \\dots x_8$.", "Calculate the product $x_1x_2x_3x_4x_5x_6x_7x_8$.",
                answerA: "384", answerB: "384"))
        // 1992-3: `$0.500$` against `$.500$`; 2022-II-9: `8 regions` against `8.0 regions`; 2009-I-3: eight against `$8$`.
        #expect(!TemplateRule.areSiblings("her win ratio is exactly $0.500$", "her win ratio is exactly $.500$", answerA: "164", answerB: "164"))
        #expect(!TemplateRule.areSiblings("divides into 8 regions", "divides into 8.0 regions", answerA: nil, answerB: nil))
        #expect(!TemplateRule.areSiblings("is flipped eight times", "is flipped $8$ times", answerA: "11", answerB: "11"))
        #expect(TemplateRule.numbers(in: "$.500$, 080 and 12. Then 3.140") == ["0.5", "12", "3.14", "80"])
        // Added numbers with different known answers are still siblings.
        #expect(TemplateRule.areSiblings("Find $x$.", "Find $x$ if $x > 2$.", answerA: "1", answerB: "3"))
    }
}

@Suite(.serialized) struct DedupAndOverlapTests {
    let texts = [
        "A triangle has sides of length 13, 14 and 15. What is its area?",
        "What is the area of a triangle whose sides have lengths 13, 14, and 15?",
        "A triangle has sides of length 5, 12 and 13. What is its area?",
        "How many positive divisors does 3600 have?",
    ]

    @Test func dedupKeepsThePriorityRowAndRecordsEvidence() throws {
        let t = try TemporaryStore()
        _ = try t.store.insert(
            problems: [
                problem("omni", "1", texts[0], answer: "84"), problem("math", "1", texts[1], answer: "84"),
                problem("math", "2", texts[2], answer: "30"), problem("math", "3", texts[3], answer: "45"),
            ], rejects: [])
        let encoder = try SentenceEncoder(modelDirectory: modelDirectory)
        var stage = DedupStage()
        stage.threshold = 0.8
        stage.sourcePriority = ["math"]
        let cache = EmbeddingCache(store: t.store, encoder: encoder, model: "minilm")
        let report = try stage.run(store: t.store, cache: cache)
        // Every text is screened (fast pass) or embedded exactly; exact vectors only where a pair may be above 0.8.
        #expect(report.rows == 4 && report.embedded <= 4)
        #expect(report.screened == (cache.screeningMargin == nil ? 0 : 4) && report.embedded + report.screened >= 4)
        #expect(report.dropped == 1 && report.clusters == 1)
        #expect(report.templateSiblings >= 1)
        let drop = try t.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT p.source, d.evidence FROM drops d JOIN problems p ON p.id = d.problem_id WHERE d.step = 'dedup'")
        }
        #expect(drop?["source"] as String? == "omni")  // the priority source keeps its row
        #expect((drop?["evidence"] as String?)?.hasPrefix("near-duplicate of #2 (math), cos 0.") == true)
        // A rerun embeds nothing and decides the same.
        let again = try stage.run(store: t.store, cache: cache)
        #expect(again.embedded == 0 && again.dropped == 1)
        // The partitioned search (forced with partitionAbove 0) decides the same on these rows.
        stage.partitionAbove = 0
        let partitioned = try stage.run(store: t.store, cache: cache)
        #expect(partitioned.dropped == 1 && partitioned.pairs == report.pairs && partitioned.clusters == 1)
        stage.partitionAbove = DedupStage.defaultPartitionAbove
        // Merging templates joins the 5-12-13 sibling too.
        stage.mergeTemplates = true
        #expect(try stage.run(store: t.store, cache: cache).dropped >= 2)
    }

    /// Vectors written to Parquet (as `curate embed --parquet` and a cluster write them) and read back decide the
    /// same as the cache; a file that lacks a compared row, or holds vectors that are not unit length, is refused.
    @Test func dedupOnVectorsFromParquetDecidesAsTheCache() throws {
        let t = try TemporaryStore()
        _ = try t.store.insert(problems: texts.enumerated().map { problem("math", "\($0.offset)", $0.element) }, rejects: [])
        var stage = DedupStage()
        stage.threshold = 0.8
        let cache = EmbeddingCache(store: t.store, encoder: try SentenceEncoder(modelDirectory: modelDirectory), model: "minilm")
        let fromCache = try stage.run(store: t.store, cache: cache)
        let decided = try t.store.pool.read { db in try String.fetchAll(db, sql: "SELECT evidence FROM drops WHERE step = 'dedup' ORDER BY problem_id") }
        let rows = try stage.comparedRows(in: t.store)
        let (matrix, _) = try cache.matrix(for: rows)
        let url = t.directory.appendingPathComponent("vectors.parquet")
        try EmbeddingParquet(
            ids: rows.map(\.id).reversed(), dimension: matrix.dimension,
            vectors: rows.indices.reversed().flatMap { matrix.row($0) }
        ).write(to: url)
        let fromFile = try stage.run(store: t.store, vectors: try EmbeddingParquet.read(from: url), file: url.path)
        #expect(fromFile.dropped == fromCache.dropped && fromFile.pairs == fromCache.pairs && fromFile.embedded == 0)
        #expect(try t.store.pool.read { db in try String.fetchAll(db, sql: "SELECT evidence FROM drops WHERE step = 'dedup' ORDER BY problem_id") } == decided)
        #expect(!decided.isEmpty)

        let partial = EmbeddingParquet(
            ids: rows.dropFirst().map(\.id), dimension: matrix.dimension,
            vectors: rows.indices.dropFirst().flatMap { matrix.row($0) })
        let missing = #expect(throws: CurateError.self) { try stage.run(store: t.store, vectors: partial, file: "partial.parquet") }
        #expect(missing?.description.contains("1 of the 4 rows dedup compares have no vector here (first: #\(rows[0].id))") == true)
        let scaled = EmbeddingParquet(ids: rows.map(\.id), dimension: matrix.dimension, vectors: matrix.values.map { $0 * 2 })
        #expect(throws: CurateError.self) { try stage.run(store: t.store, vectors: scaled, file: "scaled.parquet") }
    }

    /// A dropped row joined to two rows at cosines that differ only in the last bits (as one pair's cosine does
    /// between CPUs' kernels) cites the one that comes first in keeper order, not the one whose raw cosine is higher:
    /// every host records the same evidence.
    @Test func evidenceIgnoresCosineDifferencesBelowItsPrecision() throws {
        let t = try TemporaryStore()
        _ = try t.store.insert(
            problems: [
                problem("aime", "k", "Find the area of the shaded region."),
                problem("math", "e", "What is the area of the region that is shaded?"),
                problem("math", "d", "Compute the shaded area in the figure."),
            ], rejects: [])
        let rows = try DedupStage().comparedRows(in: t.store)
        try #require(rows.map(\.source) == ["aime", "math", "math"] && rows[2].problem.hasPrefix("Compute"))
        let angle: Float = 1e-5, spread: Float = 0.1
        let c: Float = 0.95, rest = (1 - c * c - spread * spread).squareRoot()
        // k and e nearly equal; d at 0.95 to k and 0.95 + 1e-6 to e.
        let vectors: [[Float]] = [[1, 0, 0], [cos(angle), sin(angle), 0], [c, spread, rest]]
        let dot = { (a: [Float], b: [Float]) in zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
        #expect(dot(vectors[2], vectors[1]) > dot(vectors[2], vectors[0]))
        var stage = DedupStage()
        stage.sourcePriority = ["aime"]
        let table = EmbeddingParquet(ids: rows.map(\.id), dimension: 3, vectors: rows.indices.flatMap { vectors[$0] })
        let report = try stage.run(store: t.store, vectors: table, file: "near-ties.parquet")
        #expect(report.dropped == 2)
        let evidence = try t.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT evidence FROM drops WHERE step = 'dedup' AND problem_id = ?", arguments: [rows[2].id])
        }
        #expect(evidence == "near-duplicate of #\(rows[0].id) (aime), cos 0.950 to #\(rows[0].id)")
    }

    /// Exact duplicates (equal comparison texts) join with no model; `DedupExplanation` (`curate dedup --explain`)
    /// shows the cluster, the rule of each pair and the siblings kept apart.
    @Test func exactDuplicatesJoinAndTheExplanationShowsTheRules() throws {
        let t = try TemporaryStore()
        _ = try t.store.insert(
            problems: [
                problem("math", "1", texts[0], answer: "84"),
                problem("omni", "1", texts[0].replacingOccurrences(of: "?", with: " ?") + "\n[asy]draw((0,0)--(13,0));[/asy] ~ author_2", answer: "84"),
                problem("omni", "2", texts[1], answer: "84"), problem("omni", "3", texts[2], answer: "30"),
            ], rejects: [])
        var stage = DedupStage()
        stage.threshold = 0.8
        stage.sourcePriority = ["math"]
        let report = try stage.run(
            store: t.store, cache: EmbeddingCache(store: t.store, encoder: try SentenceEncoder(modelDirectory: modelDirectory), model: "minilm"))
        #expect(report.exactDuplicates == 1 && report.droppedExact == 1 && report.dropped == 2 && report.clusters == 1)
        #expect(report.embedded == 3)  // the exact duplicate shares its twin's vector

        let explanation = try DedupExplanation(store: t.store, row: 2)
        #expect(explanation.cluster.map(\.problem.id) == [1, 2, 3])  // the keeper first
        #expect(explanation.cluster[1].drop?.reason == .exactDuplicate)
        #expect(explanation.links.contains { $0.pair.kind == .exactDuplicate && $0.rule == "equal comparison texts" })
        #expect(explanation.links.contains { $0.pair.kind == .duplicate && $0.rule == "numbers and answers agree" })
        #expect(explanation.siblings.map(\.member.problem.id) == [4])
        #expect(explanation.siblings.first?.links.count == 3)  // apart from each member of the cluster
        #expect(explanation.siblings.first?.links.allSatisfy { $0.rule == "numbers differ: 14 15 against 5 12" } == true)
        let text = explanation.text
        #expect(text.hasPrefix("#2 (omni) dropped: exact duplicate of #1 (math)"))
        #expect(text.contains("comparison: A triangle has sides of length 13, 14 and 15. What is its area?"))
        #expect(!text.contains("asy") && !text.contains("author_2"))
        #expect(throws: CurateError.self) { try DedupExplanation(store: t.store, row: 99) }
    }

    /// Three rows of DeepScaleR's MATH training file (ids 1987, 2545 and 3607 in the shared-data build): the same
    /// sentence with three graphs in `[asy]` code that the comparison text removes. "Find $a$" twice (answers 1 and
    /// -2: equal comparison texts) and "Find $a-b+c$" (answer -2). The last joins the keeper as a near-duplicate;
    /// the first "Find $a$" is a template sibling of the keeper (answers differ) and reached it only through the
    /// dropped row, so it stays.
    @Test func aSiblingOfAKeptRowIsNotDroppedThroughAChain() throws {
        let t = try TemporaryStore()
        let question = "The graph of $y=ax^2+bx+c$ is given below, where $a$, $b$, and $c$ are integers.  Find "
        func graph(_ f: String) -> String { "\n\n[asy]\nsize(140);\nreal f(real x)\n{\nreturn \(f);\n}\ndraw(graph(f,-2.7,.7));\n[/asy]" }
        _ = try t.store.insert(
            problems: [
                problem("math", "1987", question + "$a-b+c$." + graph("x^2+2x-1"), answer: "-2"),
                problem("math", "2545", question + "$a$." + graph("x^2+2x-1"), answer: "1"),
                problem("math", "3607", question + "$a$." + graph("-2x^2+4x+1"), answer: "-2"),
            ], rejects: [])
        let report = try DedupStage().run(
            store: t.store, cache: EmbeddingCache(store: t.store, encoder: try SentenceEncoder(modelDirectory: modelDirectory), model: "minilm"))
        #expect(report.clusters == 1 && report.templateSiblings == 1 && report.dropped == 1)
        let drops = try t.store.drops(of: [1, 2, 3])
        #expect(drops.map(\.1.problemID) == [3])
        #expect(drops.first?.1.evidence == "exact duplicate of #2 (math), the same comparison text as #2")
        let text = try DedupExplanation(store: t.store, row: 2).text
        #expect(text.hasPrefix("#2 (math) kept: a template sibling of kept #1, joined to the cluster only through dropped rows"))
        #expect(text.contains("#1 - #2 cos 0.9") && text.contains("template-sibling: answers differ: -2 against 1"))
    }

    @Test func overlapFindsExactAndNearMatches() throws {
        let t = try TemporaryStore()
        _ = try t.store.insert(
            problems: [
                problem("train", "1", texts[0]), problem("train", "2", "How  many positive divisors does 3600 have?"),
                problem("train", "3", "Solve for x: 2x + 3 = 11."),
                problem("test", "1", texts[1]), problem("test", "2", texts[3]),
            ], rejects: [])
        let encoder = try SentenceEncoder(modelDirectory: modelDirectory)
        var stage = OverlapStage(evalSources: ["test"])
        stage.threshold = 0.85
        let report = try stage.run(store: t.store, cache: EmbeddingCache(store: t.store, encoder: encoder, model: "minilm"))
        #expect(report.trainRows == 3 && report.evalRows == 2)
        #expect(report.findings.map(\.kind) == [.evalExact, .evalNear])
        #expect(try t.store.dropCounts().map(\.count).reduce(0, +) == 2)
    }
}
