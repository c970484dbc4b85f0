import Foundation

/// Problem embeddings as Parquet, the form a cluster's output takes (`mathcurate.ray.embed` then `write_parquet`)
/// and the form `curate embed --parquet` writes: an integer `id` column and a list-of-float `embedding` column,
/// optionally the `problem` text that was embedded.
///
/// Reading accepts one file or a folder of `*.parquet` files (as Ray and Spark write them), `id` as INT64 or
/// INT32, vectors as lists or fixed-size lists of float or double, PLAIN or dictionary pages, uncompressed,
/// Snappy or GZIP. Every row must have an id and a vector of the same length; ids must be unique.
///
/// Example:
/// ```swift
/// try EmbeddingParquet(ids: [7], dimension: 2, vectors: [0.6, 0.8]).write(to: url)
/// let table = try EmbeddingParquet.read(from: url)   // table.ids == [7]
/// ```
public struct EmbeddingParquet: Sendable {
    /// Row ids (the store's problem ids).
    public var ids: [Int64]
    /// Floats per vector (0 for a table of texts only).
    public var dimension: Int
    /// The vectors, row after row (`ids.count * dimension` floats).
    public var vectors: [Float]
    /// The texts the vectors were made from, when the file carries them.
    public var problems: [String]?
    /// Footer metadata written with the file (e.g. the model's name).
    public var metadata: [(key: String, value: String)]

    /// The id column's name.
    public static let idColumn = "id"
    /// The vector column's name (`mathcurate.ray.embed`'s default).
    public static let vectorColumn = "embedding"
    /// The text column's name.
    public static let problemColumn = "problem"

    /// A table; `vectors` holds `ids.count * dimension` floats.
    public init(
        ids: [Int64], dimension: Int, vectors: [Float], problems: [String]? = nil,
        metadata: [(key: String, value: String)] = []
    ) {
        self.ids = ids
        self.dimension = dimension
        self.vectors = vectors
        self.problems = problems
        self.metadata = metadata
    }

    /// The vector of row `row`.
    public func vector(at row: Int) -> ArraySlice<Float> { vectors[(row * dimension)..<((row + 1) * dimension)] }

    // MARK: Writing

    /// Writes the table to `url` (through a `.partial` file renamed at the end): `id`, then `problem` when
    /// present, then `embedding` unless `dimension` is 0.
    /// - Throws: `ExportError(.invalidInput)` when the columns' lengths disagree, `.io` on write errors.
    public func write(to url: URL, options: ParquetWriterOptions = .init(rowGroupRows: 16_384)) throws {
        guard vectors.count == ids.count * dimension, problems.map({ $0.count == ids.count }) ?? true else {
            throw ExportError(
                .invalidInput,
                "\(ids.count) ids, \(vectors.count) floats of dimension \(dimension), "
                    + "\(problems?.count ?? 0) texts: the columns disagree", file: url.path)
        }
        var fields: [ParquetField] = [.int64(Self.idColumn, .required)]
        if problems != nil { fields.append(.string(Self.problemColumn)) }
        if dimension > 0 { fields.append(.list(Self.vectorColumn, element: .float("element", .required))) }
        let writer = try ParquetFileWriter(
            url: url, schema: ParquetSchema(fields: fields), options: options,
            keyValueMetadata: metadata)
        var start = 0
        while start < ids.count {
            let end = min(start + max(1, options.rowGroupRows), ids.count)
            var builders = writer.makeColumnBuilders()
            for row in start..<end {
                builders[0].appendInt64(ids[row], rep: 0)
                builders[0].endRow()
                var column = 1
                if let problems {
                    builders[1].appendString(problems[row], rep: 0)
                    builders[1].endRow()
                    column = 2
                }
                if dimension > 0 {
                    for (k, x) in vector(at: row).enumerated() { builders[column].appendFloat(x, rep: k == 0 ? 0 : 1) }
                    builders[column].endRow()
                }
            }
            try writer.writeRowGroup(builders, numRows: end - start)
            start = end
        }
        try writer.close()
    }

    // MARK: Reading

    /// Reads a Parquet file, or every `*.parquet` file of a folder in name order, into one table.
    /// - Parameter requireVectors: fail when the file has no `embedding` column.
    /// - Throws: `ExportError` naming the file, the column and the row for anything wrong.
    public static func read(from url: URL, requireVectors: Bool = true) throws -> EmbeddingParquet {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw ExportError(.io, "no such file or folder", file: url.path)
        }
        let files: [URL]
        if isFolder.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            files = names.filter { $0.hasSuffix(".parquet") && !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
                .map { url.appendingPathComponent($0) }
            guard !files.isEmpty else { throw ExportError(.invalidInput, "the folder holds no .parquet file", file: url.path) }
        } else {
            files = [url]
        }
        var table = try readFile(files[0], requireVectors: requireVectors)
        for file in files.dropFirst() {
            let part = try readFile(file, requireVectors: requireVectors)
            guard part.dimension == table.dimension else {
                throw ExportError(
                    .invalidInput,
                    "vectors of \(part.dimension) floats where \(files[0].lastPathComponent) "
                        + "has \(table.dimension)", file: file.path)
            }
            table.ids += part.ids
            table.vectors += part.vectors
            if let texts = part.problems, table.problems != nil { table.problems! += texts } else { table.problems = nil }
        }
        var seen = Set<Int64>(minimumCapacity: table.ids.count)
        for id in table.ids where !seen.insert(id).inserted {
            throw ExportError(.invalidInput, "id \(id) appears more than once", file: url.path)
        }
        return table
    }

    private static func readFile(_ url: URL, requireVectors: Bool) throws -> EmbeddingParquet {
        let file = try ParquetFileReader(url: url)
        let ids = try idColumn(file)
        let hasVectors = file.leaves.contains { $0.path.first == vectorColumn }
        var dimension = 0
        var vectors: [Float] = []
        if hasVectors || requireVectors {
            (dimension, vectors) = try vectorColumn(file, rows: ids.count)
        }
        var problems: [String]?
        if file.leaves.contains(where: { $0.path == [problemColumn] }) {
            problems = try textColumn(file, rows: ids.count)
        }
        return EmbeddingParquet(
            ids: ids, dimension: dimension, vectors: vectors, problems: problems,
            metadata: file.keyValueMetadata.filter { !$0.key.hasPrefix("ARROW:") })
    }

    private static func idColumn(_ file: ParquetFileReader) throws -> [Int64] {
        let column = try file.column([idColumn])
        let location = "\(file.path), column \(idColumn)"
        guard column.leaf.maxRepetitionLevel == 0 else { throw ExportError(.invalidInput, "ids must not be lists", file: location) }
        if let row = column.definitionLevels.firstIndex(where: { $0 < column.leaf.maxDefinitionLevel }) {
            throw ExportError(.invalidInput, "row \(row) has no id", file: location)
        }
        switch column.values {
        case .int64(let v): return v
        case .int32(let v): return v.map(Int64.init)
        default: throw ExportError(.invalidInput, "ids must be integers (int64 or int32), not \(column.leaf.type)", file: location)
        }
    }

    private static func textColumn(_ file: ParquetFileReader, rows: Int) throws -> [String] {
        let column = try file.column([problemColumn])
        guard case .byteArray(let texts) = column.values, texts.count == rows, column.leaf.maxRepetitionLevel == 0 else {
            throw ExportError(
                .invalidInput, "the \(problemColumn) column must hold one string per row",
                file: "\(file.path), column \(problemColumn)")
        }
        return texts.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The vectors of a list (or fixed-size list) column: each row one list of the same length, no nulls.
    private static func vectorColumn(_ file: ParquetFileReader, rows: Int) throws -> (Int, [Float]) {
        let column = try file.column([vectorColumn])
        let location = "\(file.path), column \(vectorColumn)"
        guard column.leaf.maxRepetitionLevel == 1 else {
            throw ExportError(.invalidInput, "vectors must be a list of floats per row", file: location)
        }
        let floats: [Float]
        switch column.values {
        case .float(let v): floats = v
        case .double(let v): floats = v.map(Float.init)
        default: throw ExportError(.invalidInput, "vectors must hold float or double, not \(column.leaf.type)", file: location)
        }
        let maxDef = UInt8(column.leaf.maxDefinitionLevel)
        var row = -1
        var dimension = -1
        var length = 0
        func endRow() throws {
            guard row >= 0 else { return }
            if dimension < 0 { dimension = length }
            guard length == dimension, length > 0 else {
                throw ExportError(
                    .invalidInput, "row \(row) has a vector of \(length) floats where row 0 has \(dimension)",
                    file: location)
            }
        }
        for (k, level) in column.repetitionLevels.enumerated() {
            if level == 0 {
                try endRow()
                row += 1
                length = 0
            }
            guard column.definitionLevels.isEmpty || column.definitionLevels[k] == maxDef else {
                throw ExportError(.invalidInput, "row \(row) has a null or empty vector, or a null inside it", file: location)
            }
            length += 1
        }
        try endRow()
        guard row + 1 == rows else {
            throw ExportError(.malformed, "\(row + 1) vectors for \(rows) ids", file: location)
        }
        return (max(dimension, 0), floats)
    }
}
