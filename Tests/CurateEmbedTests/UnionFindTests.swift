import Testing
@testable import CurateEmbed

@Suite struct UnionFindTests {
    @Test func clustersFromPairs() {
        var sets = UnionFind(count: 8)
        let merged = [sets.union(0, 3), sets.union(3, 5), sets.union(5, 0), sets.union(6, 7)]
        #expect(merged == [true, true, false, true])
        #expect(sets.setCount == 5)
        let joined = sets.connected(0, 5), apart = sets.connected(0, 6)
        #expect(joined)
        #expect(!apart)
        let clusters = sets.clusters(), all = sets.clusters(minimumSize: 1)
        #expect(clusters == [[0, 3, 5], [6, 7]])
        #expect(all.count == 5)
    }

    @Test func longChainStaysShallow() {
        var sets = UnionFind(count: 10_000)
        for i in 1..<10_000 { sets.union(i - 1, i) }
        #expect(sets.setCount == 1)
        let last = sets.find(9_999), first = sets.find(0)
        #expect(last == first)
        let clusters = sets.clusters()
        #expect(clusters.first?.count == 10_000)
    }
}
