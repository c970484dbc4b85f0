import CurateEmbed
import CurateStore

/// Pairs of rows whose exact cosine is above a threshold, with exact vectors computed only where they can matter.
///
/// When the encoder has a fast pass (``FastPass``), every row gets a screening vector (the fast pass's, or its exact
/// vector when only that is cached) and the search runs at `threshold − margin`. Only rows in such a
/// candidate pair get an exact vector, and the search runs again on those at `threshold`. A pair above the
/// threshold is never missed as long as no pair's cosine drops by more than the margin from exact to fast, which
/// the margin's measurement bounds (see ``FastPass/screeningMargin``); the decisions are then those of the exact
/// search over all rows. Without a fast pass, every row is embedded exactly and searched once.
struct ScreenedSearch {
    /// What a search found.
    struct Result {
        /// Pairs above the threshold, in the indices of the rows passed in.
        var pairs: [NearDuplicateSearch.Pair]
        /// Exact vectors by comparison hash, for every row in a pair.
        var exact: [String: [Float]]
        /// Texts embedded exactly in this run.
        var embedded: Int
        /// Texts the fast pass embedded in this run (candidates among them are in `embedded` too).
        var screened: Int
    }

    /// A search over one matrix (`other` nil: pairs within `rows`) or between two, at a threshold.
    typealias Search = (_ rows: EmbeddingMatrix, _ other: EmbeddingMatrix?, _ threshold: Float) -> [NearDuplicateSearch.Pair]

    let cache: EmbeddingCache
    let threshold: Float
    /// Whether a candidate pair of two rows with the same comparison text can be left out of the exact pass: true
    /// for dedup, which joins such rows by their text and ignores their cosine (the copies of a text still get its
    /// exact vector when another candidate pair needs it); false for overlap, which reports their cosine.
    var sameTextNeedsNoVector = false

    /// Pairs within `rows` (`other` nil) or between `rows` and `other`, found by `search`.
    func run(
        _ rows: [StoredProblem], _ other: [StoredProblem]? = nil, progress: ((Int, Int) -> Void)?,
        search: Search
    ) throws -> Result {
        guard let margin = cache.screeningMargin else {
            let (a, embeddedA) = try cache.matrix(for: rows, progress: progress)
            let (b, embeddedB) = try other.map { try cache.matrix(for: $0, progress: progress) } ?? (a, 0)
            return Result(
                pairs: search(a, other == nil ? nil : b, threshold), exact: vectorsByHash(rows, a, other, b),
                embedded: embeddedA + embeddedB, screened: 0)
        }
        let (a, screenedA) = try cache.screeningMatrix(for: rows, progress: progress)
        let (b, screenedB) = try other.map { try cache.screeningMatrix(for: $0, progress: progress) } ?? (a, 0)
        let otherRows = other ?? rows
        let candidates = search(a, other == nil ? nil : b, threshold - margin).filter {
            !(sameTextNeedsNoVector && rows[$0.i].comparisonHash == otherRows[$0.j].comparisonHash)
        }
        // The rows of some candidate pair, in their original order, and the exact search among them.
        let left = Set(candidates.map(\.i)).union(other == nil ? candidates.map(\.j) : []).sorted()
        let right = other == nil ? left : Set(candidates.map(\.j)).sorted()
        let leftRows = left.map { rows[$0] }, rightRows = other.map { o in right.map { o[$0] } }
        let (exactA, embeddedA) = try cache.matrix(for: leftRows, progress: progress)
        let (exactB, embeddedB) = try rightRows.map { try cache.matrix(for: $0, progress: progress) } ?? (exactA, 0)
        let found = search(exactA, other == nil ? nil : exactB, threshold).map {
            NearDuplicateSearch.Pair(i: left[$0.i], j: right[$0.j], cosine: $0.cosine)
        }
        return Result(
            pairs: found, exact: vectorsByHash(leftRows, exactA, rightRows, exactB),
            embedded: embeddedA + embeddedB, screened: screenedA + screenedB)
    }

    private func vectorsByHash(
        _ rows: [StoredProblem], _ a: EmbeddingMatrix, _ other: [StoredProblem]?,
        _ b: EmbeddingMatrix
    ) -> [String: [Float]] {
        var out: [String: [Float]] = [:]
        for (i, row) in rows.enumerated() { out[row.comparisonHash] = a.row(i) }
        for (j, row) in (other ?? []).enumerated() { out[row.comparisonHash] = b.row(j) }
        return out
    }
}
