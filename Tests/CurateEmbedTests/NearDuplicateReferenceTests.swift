import Testing
@testable import CurateEmbed

/// Near-duplicate search on the 50 real reference embeddings (no model needed): the case, spacing and paraphrase
/// variants in the fixture are exactly the pairs above 0.95, and they form four clusters.
@Suite struct NearDuplicateReferenceTests {
    @Test func referenceParaphrasesAreThePairsAbove095() throws {
        let matrix = try EmbeddingMatrix(rows: Fixtures.reference.map(\.embedding))
        #expect(matrix.count == 50)
        let pairs = NearDuplicateSearch(threshold: 0.95, threadCount: 2, rowBlock: 8, columnBlock: 16).allPairs(matrix)
        #expect(pairs.map { [$0.i, $0.j] } == [[0, 1], [3, 4], [3, 5], [4, 5], [12, 13], [14, 15]])
        var sets = UnionFind(count: matrix.count)
        for p in pairs { sets.union(p.i, p.j) }
        let clusters = sets.clusters()
        #expect(clusters == [[0, 1], [3, 4, 5], [12, 13], [14, 15]])
    }

    @Test func evalOverlapFindsTheSameProblem() throws {
        let all = try EmbeddingMatrix(rows: Fixtures.reference.map(\.embedding))
        let train = try EmbeddingMatrix(rows: (0..<50).filter { $0 != 5 && $0 != 13 }.map { all.row($0) })
        let eval = try EmbeddingMatrix(rows: [all.row(5), all.row(13)])  // "FIND $\FRAC…", "If $f(x)=3x+2$…"
        let search = NearDuplicateSearch(threshold: 0.99)
        let pairs = search.queryPairs(queries: eval, corpus: train)
        // Train indices shift down by one after row 5 was removed: original 3 → 3, 4 → 4, 12 → 11.
        #expect(pairs.map { [$0.i, $0.j] } == [[0, 3], [0, 4], [1, 11]])
        let nearest = search.nearest(queries: eval, corpus: train)
        #expect(nearest.map { $0?.index } == [3, 11])
    }
}
