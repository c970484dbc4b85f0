import CurateCore
import CurateEmbed
import CurateExport
import CurateStore
import Foundation

/// Near-duplicate removal over the rows' comparison texts (`ProblemText.comparison`): rows with equal comparison
/// texts are exact duplicates (no model, no template rule); the others are joined by all-pairs cosine; clusters by
/// union-find. Above `partitionAbove` rows the pairs come from the partitioned search (spherical k-means, multi-probe; see
/// `PartitionedNearDuplicateSearch`), which compares each row with a few thousand others instead of all of them.
///
/// Keeper policy: the row whose source comes first in `sourcePriority` (sources not listed come after, in name
/// order); among equals, the oldest row (first ingested). The other rows of the cluster are dropped, never deleted,
/// with the evidence `near-duplicate of #K (source), cos 0.943 to #J` (or `exact duplicate of …`), except a row the
/// ``TemplateRule`` calls a sibling of a kept row and that no pair joins directly to a kept row: it is another
/// problem, reached only through rows that are dropped, and is kept too. Sibling pairs do not join clusters unless
/// `mergeTemplates` is set; they are recorded as `template-sibling` pairs.
public struct DedupStage: Sendable {
    /// What a dedup run found.
    public struct Report: Sendable {
        /// Rows compared.
        public var rows: Int
        /// Texts embedded exactly in this run (the rest came from the cache or needed no exact vector).
        public var embedded: Int
        /// Texts the fast pass embedded in this run, to screen for candidates (see ``ScreenedSearch``); the candidates
        /// among them are counted in `embedded` too.
        public var screened: Int
        /// Rows whose comparison text equals an older row's.
        public var exactDuplicates: Int
        /// Pairs above the threshold (beside the exact duplicates).
        public var pairs: Int
        /// Of those, template siblings kept apart.
        public var templateSiblings: Int
        /// Clusters of two or more rows.
        public var clusters: Int
        /// Rows dropped (exact and near duplicates).
        public var dropped: Int
        /// Of those, rows dropped as exact duplicates.
        public var droppedExact: Int
    }

    /// Cosine above which two rows are near-duplicates.
    public var threshold: Float = 0.9
    /// Above this many rows the partitioned search replaces the exact all-pairs search (0: always partitioned).
    public var partitionAbove = DedupStage.defaultPartitionAbove
    /// 100,000 rows: about 2e12 flops for all pairs, a few minutes on two cores; beyond it the exact search grows
    /// with the square of the rows (a million rows would take hours).
    public static let defaultPartitionAbove = 100_000
    /// Join template siblings too.
    public var mergeTemplates = false
    /// Sources in keeper order.
    public var sourcePriority: [String] = []
    /// Restrict to these sources (nil: every source); a run then replaces only the decisions about their rows.
    public var sources: [String]?

    /// Creates a stage with default settings.
    public init() {}

    /// The rows the stage compares: those of `sources` that no step other than dedup and overlap dropped, oldest first.
    public func comparedRows(in store: Store) throws -> [StoredProblem] {
        try store.keptProblems(sources: sources, ignoringDropsOf: SimilaritySteps.names)
    }

    /// Runs the stage, replacing the previous dedup decision in the store.
    public func run(store: Store, cache: EmbeddingCache, progress: ((Int, Int) -> Void)? = nil) throws -> Report {
        let rows = try comparedRows(in: store)
        let screen = ScreenedSearch(cache: cache, threshold: threshold, sameTextNeedsNoVector: true)
        let found = try screen.run(rows, progress: progress) { matrix, _, cut in
            pairs(in: matrix, above: cut)
        }
        return try decide(rows: rows, found: found.pairs, embedded: found.embedded, screened: found.screened, store: store)
    }

    /// Runs the stage on vectors computed elsewhere (a cluster's `mathcurate.ray.embed` output, or an earlier
    /// `curate embed --parquet`), replacing the previous dedup decision in the store. No model is loaded.
    /// - Parameter file: the vectors' path, for errors.
    /// - Throws: `CurateError(.badInput)` when a compared row has no vector in `vectors`.
    public func run(store: Store, vectors: EmbeddingParquet, file: String) throws -> Report {
        let rows = try comparedRows(in: store)
        let (matrix, _) = try vectors.matrix(for: rows, file: file)
        return try decide(rows: rows, found: pairs(in: matrix, above: threshold), embedded: 0, screened: 0, store: store)
    }

    /// The pairs of `matrix` above `cut`: exact all pairs, or partitioned above `partitionAbove` rows.
    private func pairs(in matrix: EmbeddingMatrix, above cut: Float) -> [NearDuplicateSearch.Pair] {
        matrix.count > partitionAbove
            ? PartitionedNearDuplicateSearch(threshold: cut).allPairs(matrix)
            : NearDuplicateSearch(threshold: cut).allPairs(matrix)
    }

    /// Clusters and keepers from the pairs above the threshold; writes the decision.
    private func decide(
        rows: [StoredProblem], found: [NearDuplicateSearch.Pair], embedded: Int, screened: Int,
        store: Store
    ) throws -> Report {
        var sets = UnionFind(count: rows.count)
        var pairs: [SimilarPair] = []
        var links: [Link] = []
        // Exact duplicates first: equal comparison texts join, whatever the model and the template rule say.
        var firstOfText: [String: Int] = [:]
        for (i, row) in rows.enumerated() {
            guard let k = firstOfText[row.comparisonHash] else {
                firstOfText[row.comparisonHash] = i
                continue
            }
            sets.union(k, i)
            links.append(Link(i: k, j: i, cosine: 1, exact: true))
            pairs.append(SimilarPair(a: rows[k].id, b: row.id, cosine: 1, kind: .exactDuplicate))
        }
        var siblings = 0
        var siblingsOf: [Int: Set<Int>] = [:]
        for pair in found where rows[pair.i].comparisonHash != rows[pair.j].comparisonHash {
            let a = rows[pair.i], b = rows[pair.j]
            let sibling = TemplateRule.areSiblings(a.comparison, b.comparison, answerA: a.answer, answerB: b.answer)
            pairs.append(SimilarPair(a: a.id, b: b.id, cosine: pair.cosine, kind: sibling ? .templateSibling : .duplicate))
            if sibling {
                siblings += 1
                siblingsOf[pair.i, default: []].insert(pair.j)
                siblingsOf[pair.j, default: []].insert(pair.i)
            }
            if !sibling || mergeTemplates {
                sets.union(pair.i, pair.j)
                links.append(Link(i: pair.i, j: pair.j, cosine: pair.cosine, exact: false))
            }
        }
        if mergeTemplates { siblingsOf = [:] }
        var linksOf: [Int: [(other: Int, link: Link)]] = [:]
        for link in links {
            linksOf[link.i, default: []].append((link.j, link))
            linksOf[link.j, default: []].append((link.i, link))
        }
        var members: [Int: [Int]] = [:]
        for i in linksOf.keys { members[sets.find(i), default: []].append(i) }
        var drops: [Drop] = []
        for cluster in members.values where cluster.count > 1 {
            drops += keepersAndDrops(cluster, rows: rows, linksOf: linksOf, siblingsOf: siblingsOf)
        }
        try store.replaceDecisions(step: .dedup, drops: drops, pairs: pairs, sources: sources)
        return Report(
            rows: rows.count, embedded: embedded, screened: screened, exactDuplicates: links.filter(\.exact).count,
            pairs: pairs.count - links.filter(\.exact).count, templateSiblings: siblings,
            clusters: members.values.filter { $0.count > 1 }.count, dropped: drops.count,
            droppedExact: drops.filter { $0.reason == .exactDuplicate }.count)
    }

    /// The decision inside one cluster, in keeper order: the first row is kept; a later row is dropped when it is
    /// joined directly to a kept row, kept when the template rule calls it a sibling of a kept row (a different
    /// problem, which a chain of pairs through dropped rows must not remove), and dropped otherwise.
    private func keepersAndDrops(
        _ cluster: [Int], rows: [StoredProblem], linksOf: [Int: [(other: Int, link: Link)]],
        siblingsOf: [Int: Set<Int>]
    ) -> [Drop] {
        let ordered = cluster.sorted { rank(rows[$0]) < rank(rows[$1]) }
        /// Whether `a` is better evidence than `b`: an exact pair first, then the higher cosine as printed, then the
        /// other row that comes first in keeper order.
        func isBetter(_ a: (other: Int, link: Link), than b: (other: Int, link: Link)) -> Bool {
            let keyA = (a.link.exact ? 1 : 0, EvidenceCosine(a.link.cosine)), keyB = (b.link.exact ? 1 : 0, EvidenceCosine(b.link.cosine))
            if keyA != keyB { return keyA > keyB }
            return rank(rows[a.other]) < rank(rows[b.other])
        }
        var kept: Set<Int> = [ordered[0]]
        var drops: [Drop] = []
        for i in ordered.dropFirst() {
            let joined = linksOf[i] ?? []
            let toKept = joined.filter { kept.contains($0.other) }.min(by: isBetter)
            if toKept == nil, !(siblingsOf[i] ?? []).isDisjoint(with: kept) {
                kept.insert(i)
                continue
            }
            // The evidence: the strongest pair of the row (an exact one first), and the kept row it duplicates.
            guard let (other, link) = joined.min(by: isBetter) else { continue }
            let keeper = toKept?.other ?? ordered[0]
            let named = "#\(rows[keeper].id) (\(rows[keeper].source))"
            drops.append(
                link.exact
                    ? Drop(
                        problemID: rows[i].id, reason: .exactDuplicate,
                        evidence: "exact duplicate of \(named), the same comparison text as #\(rows[other].id)")
                    : Drop(
                        problemID: rows[i].id, reason: .nearDuplicate,
                        evidence: "near-duplicate of \(named), cos \(String(format: "%.3f", link.cosine)) to #\(rows[other].id)"))
        }
        return drops
    }

    /// A pair that joins two rows' clusters.
    private struct Link {
        var i: Int, j: Int, cosine: Float, exact: Bool
    }

    /// Sort key of the keeper policy: source priority, then age.
    private func rank(_ row: StoredProblem) -> (Int, String, Int64) {
        let position = sourcePriority.firstIndex(of: row.source) ?? sourcePriority.count
        return (position, row.source, row.id)
    }
}
