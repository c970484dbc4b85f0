/// A dense row-major matrix of `count` embedding vectors of width `dimension`, usually unit length.
///
/// Example:
/// ```swift
/// let m = try EmbeddingMatrix(rows: encoder.embed(texts))
/// ```
public struct EmbeddingMatrix: Sendable, Equatable {
    /// The values, row after row (`count · dimension` floats).
    public private(set) var values: [Float]
    /// The width of each vector.
    public let dimension: Int
    /// The number of vectors.
    public var count: Int { dimension == 0 ? 0 : values.count / dimension }

    /// Wraps flat row-major values.
    /// - Parameters:
    ///   - flat: `count · dimension` values.
    ///   - dimension: vector width, positive.
    ///   - normalize: scale every row to unit L2 length (zero rows stay zero).
    /// - Throws: `EmbedError(.invalidArgument)` if `flat.count` is not a multiple of `dimension`.
    public init(flat: [Float], dimension: Int, normalize: Bool = false) throws {
        guard dimension > 0, flat.count % dimension == 0 else {
            throw EmbedError(.invalidArgument, "\(flat.count) values do not form rows of width \(dimension)")
        }
        self.values = flat
        self.dimension = dimension
        if normalize { normalizeRows() }
    }

    /// Stacks equally long rows.
    /// - Parameters:
    ///   - rows: the vectors; all the same length.
    ///   - dimension: the width to use when `rows` is empty (default 384).
    ///   - normalize: scale every row to unit L2 length.
    /// - Throws: `EmbedError(.invalidArgument)` if rows differ in length.
    public init(rows: [[Float]], dimension: Int = 384, normalize: Bool = false) throws {
        let d = rows.first?.count ?? dimension
        var flat: [Float] = []
        flat.reserveCapacity(rows.count * d)
        for (i, row) in rows.enumerated() {
            guard row.count == d else {
                throw EmbedError(.invalidArgument, "row \(i) has \(row.count) values, expected \(d)")
            }
            flat.append(contentsOf: row)
        }
        try self.init(flat: flat, dimension: d, normalize: normalize)
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Float] {
        Array(values[(i * dimension)..<((i + 1) * dimension)])
    }

    /// Scales every row to unit L2 length (rows of norm 0 are left as zeros).
    /// - Complexity: O(count · dimension).
    public mutating func normalizeRows() {
        let d = dimension
        let n = count
        values.withUnsafeMutableBufferPointer { buf in
            for i in 0..<n {
                var sum: Float = 0
                for j in 0..<d { sum += buf[i * d + j] * buf[i * d + j] }
                guard sum > 0 else { continue }
                let inv = 1 / sum.squareRoot()
                for j in 0..<d { buf[i * d + j] *= inv }
            }
        }
    }
}
