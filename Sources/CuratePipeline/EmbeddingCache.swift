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
        var missing: [(hash: String, text: String)] = []
        var seen = Set<String>()
        for row in rows where cached[row.comparisonHash] == nil && seen.insert(row.comparisonHash).inserted {
            missing.append((row.comparisonHash, row.comparison))
        }
        var done = 0
        while done < missing.count {
            let part = missing[done..<min(done + chunk, missing.count)]
            let vectors = try encoder.embed(part.map(\.text))
            let pairs = zip(part, vectors).map { (hash: $0.0.hash, vector: $0.1) }
            try store.save(embeddings: pairs, model: model)
            for pair in pairs { cached[pair.hash] = pair.vector }
            done += part.count
            progress?(done, missing.count)
        }
        let dimension = encoder.config.hiddenSize
        var flat: [Float] = []
        flat.reserveCapacity(rows.count * dimension)
        for row in rows {
            guard let vector = cached[row.comparisonHash], vector.count == dimension else {
                throw CurateError(.store, "the cached embedding of problem #\(row.id) has the wrong size")
            }
            flat.append(contentsOf: vector)
        }
        return (try EmbeddingMatrix(flat: flat, dimension: dimension), missing.count)
    }
}
