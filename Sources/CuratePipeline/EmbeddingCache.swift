import CurateCore
import CurateEmbed
import CurateStore
import Foundation

/// Embeddings of stored problems, read from the store's cache or computed once and saved there.
///
/// Rows are embedded by their comparison text (`ProblemText.comparison`), keyed by (model, its hash), so the same
/// text in two sources, or a rerun, is never embedded twice.
/// Example: `let m = try EmbeddingCache(store: s, encoder: e, model: "all-MiniLM-L6-v2").matrix(for: rows)`.
public struct EmbeddingCache {
    let store: Store
    let encoder: SentenceEncoder
    /// The model name the vectors are stored under.
    public let model: String
    /// Rows embedded per step (and saved per transaction).
    public var chunk = 512
    /// Whether dedup and overlap may screen with the encoder's fast pass (``ScreenedSearch``); off, every compared
    /// text is embedded exactly.
    public var screening = true

    /// The name the fast pass's screening vectors are cached under: a key of its own, so a screening vector is never
    /// read as one of the model's exact embeddings.
    public var screeningModel: String { "\(model)#screen-\(encoder.fastPass.cacheTag)" }

    /// The cosine margin the screen runs below the threshold, or nil when no screen runs (no fast pass on this CPU,
    /// or `screening` off).
    var screeningMargin: Float? { screening ? encoder.fastPass.screeningMargin : nil }

    /// Creates a cache over `store` using `encoder`, storing vectors under `model`.
    public init(store: Store, encoder: SentenceEncoder, model: String) {
        self.store = store
        self.encoder = encoder
        self.model = model
    }

    /// The unit vectors of `rows`, in order, embedding the missing ones.
    /// - Parameter progress: called with (texts embedded so far, texts to embed) after each chunk.
    /// - Throws: `EmbedError` from the encoder, `CurateError` from the store.
    public func matrix(for rows: [StoredProblem], progress: ((Int, Int) -> Void)? = nil) throws -> (EmbeddingMatrix, embedded: Int) {
        var cached = try store.embeddings(model: model, hashes: rows.map(\.comparisonHash))
        let embedded = try fill(&cached, rows: rows, precision: .exact, progress: progress)
        return (try flatten(cached, rows: rows), embedded)
    }

    /// Vectors to screen `rows` with: the fast pass's where the cache has one (so a rerun screens as the first run
    /// did), else the exact vector where the cache has one (a text embedded by `curate embed`), else the fast pass's,
    /// computed and cached under ``screeningModel``.
    /// - Returns: the matrix, and how many texts the fast pass embedded in this call.
    func screeningMatrix(for rows: [StoredProblem], progress: ((Int, Int) -> Void)? = nil) throws -> (EmbeddingMatrix, embedded: Int) {
        var vectors = try store.embeddings(model: screeningModel, hashes: rows.map(\.comparisonHash))
        let remaining = rows.filter { vectors[$0.comparisonHash] == nil }
        vectors.merge(try store.embeddings(model: model, hashes: remaining.map(\.comparisonHash))) { fast, _ in fast }
        let embedded = try fill(&vectors, rows: remaining, precision: .fast, progress: progress)
        return (try flatten(vectors, rows: rows), embedded)
    }

    /// Embeds the rows whose text has no vector in `vectors` at `precision`, saves them (exact ones under `model`,
    /// fast ones under ``screeningModel``) and adds them to `vectors`.
    /// - Returns: the number of texts embedded.
    private func fill(
        _ vectors: inout [String: [Float]], rows: [StoredProblem], precision: EmbeddingPrecision,
        progress: ((Int, Int) -> Void)?
    ) throws -> Int {
        var missing: [(hash: String, text: String)] = []
        var seen = Set<String>()
        for row in rows where vectors[row.comparisonHash] == nil && seen.insert(row.comparisonHash).inserted {
            missing.append((row.comparisonHash, row.comparison))
        }
        var done = 0
        while done < missing.count {
            let part = missing[done..<min(done + chunk, missing.count)]
            let computed = try encoder.embed(part.map(\.text), precision: precision)
            let pairs = zip(part, computed).map { (hash: $0.0.hash, vector: $0.1) }
            try store.save(embeddings: pairs, model: precision == .exact ? model : screeningModel)
            for pair in pairs { vectors[pair.hash] = pair.vector }
            done += part.count
            progress?(done, missing.count)
        }
        return missing.count
    }

    /// The rows' vectors in row order, as one matrix.
    private func flatten(_ cached: [String: [Float]], rows: [StoredProblem]) throws -> EmbeddingMatrix {
        let dimension = encoder.config.hiddenSize
        var flat: [Float] = []
        flat.reserveCapacity(rows.count * dimension)
        for row in rows {
            guard let vector = cached[row.comparisonHash], vector.count == dimension else {
                throw CurateError(.store, "the cached embedding of problem #\(row.id) has the wrong size")
            }
            flat.append(contentsOf: vector)
        }
        return try EmbeddingMatrix(flat: flat, dimension: dimension)
    }
}
