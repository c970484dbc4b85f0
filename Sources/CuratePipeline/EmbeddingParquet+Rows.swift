import CurateCore
import CurateEmbed
import CurateExport
import CurateStore

extension EmbeddingParquet {
    /// The vectors of `rows`, in their order, taken from this table by problem id (for `curate dedup --embeddings`).
    ///
    /// Every row needs a vector, and every vector must be a unit vector (as MiniLM's are after normalisation):
    /// cosines are dot products. Vectors of ids that are not among `rows` are not used and are counted.
    /// - Parameter file: the table's path, for errors.
    /// - Throws: `CurateError(.badInput)` naming the file and the first rows without a vector or with a bad one.
    public func matrix(for rows: [StoredProblem], file: String) throws -> (EmbeddingMatrix, unused: Int) {
        guard dimension > 0 else { throw CurateError(.badInput, "the file has no embedding column", file: file) }
        var position: [Int64: Int] = [:]
        position.reserveCapacity(ids.count)
        for (row, id) in ids.enumerated() { position[id] = row }
        let missing = rows.filter { position[$0.id] == nil }
        guard missing.isEmpty else {
            let first = missing.prefix(5).map { "#\($0.id)" }.joined(separator: ", ")
            throw CurateError(
                .badInput,
                "\(missing.count) of the \(rows.count) rows dedup compares have no vector "
                    + "here (first: \(first)); embed every row `curate embed --parquet` lists", file: file)
        }
        var flat: [Float] = []
        flat.reserveCapacity(rows.count * dimension)
        for row in rows {
            let vector = self.vector(at: position[row.id]!)
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard abs(norm - 1) < 1e-3 else {
                throw CurateError(
                    .badInput,
                    "the vector of #\(row.id) has length \(norm), not 1: dedup needs "
                        + "normalised embeddings (sentence-transformers' normalize_embeddings, mathcurate.ray.embed)", file: file)
            }
            flat.append(contentsOf: vector)
        }
        return (try EmbeddingMatrix(flat: flat, dimension: dimension), ids.count - rows.count)
    }
}
