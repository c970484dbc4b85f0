import Foundation

/// The values of one leaf column, nulls left out, with the levels that place them in records.
public struct ParquetColumnData: Sendable {
    /// The values of one physical type, in file order.
    public enum Values: Sendable {
        case int32([Int32]), int64([Int64]), float([Float]), double([Double]), byteArray([[UInt8]])
    }

    /// The column's descriptor (path, type, maximum levels).
    public var leaf: ParquetLeafColumn
    /// Present values only.
    public var values: Values
    /// One definition level per entry (empty when the maximum is 0: every entry is a value).
    public var definitionLevels: [UInt8]
    /// One repetition level per entry (empty when the maximum is 0: every entry starts a record).
    public var repetitionLevels: [UInt8]
}

/// Reads columns of a Parquet file as pyarrow, Spark and Ray write them: v1 and v2 data pages, PLAIN and
/// dictionary (RLE_DICTIONARY / PLAIN_DICTIONARY) values, RLE levels, uncompressed, Snappy or GZIP pages.
/// Other codecs (ZSTD, LZ4, Brotli) and encodings (DELTA_*, BYTE_STREAM_SPLIT) give `ExportError(.unsupported)`
/// naming what to write instead; damaged files give `ExportError(.malformed)` with the file and column.
///
/// The file is memory-mapped; a column is read one column chunk (row group) at a time.
///
/// Example:
/// ```swift
/// let file = try ParquetFileReader(url: url)
/// let ids = try file.column(["id"])
/// ```
public final class ParquetFileReader {
    /// The file's path, for errors.
    public let path: String
    /// Records in the file.
    public let numRows: Int
    /// Leaf columns, depth-first.
    public let leaves: [ParquetLeafColumn]
    /// Footer key/value metadata.
    public let keyValueMetadata: [(key: String, value: String)]
    private let data: Data
    private let footer: ParquetFooter

    /// Opens and checks `url`: the magic at both ends, the footer, the schema.
    /// - Throws: `ExportError(.io)` when it cannot be read, `.malformed` when it is not Parquet.
    public init(url: URL) throws {
        path = url.path
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw ExportError(.io, "cannot read: \(error.localizedDescription)", file: url.path)
        }
        let magic = Array("PAR1".utf8)
        guard data.count >= 12, Array(data.prefix(4)) == magic, Array(data.suffix(4)) == magic else {
            throw ExportError(.malformed, "not a Parquet file (no PAR1 magic at both ends)", file: url.path)
        }
        let lengthBytes = Array(data[(data.count - 8)..<(data.count - 4)])
        let footerLength = Int(lengthBytes[0]) | Int(lengthBytes[1]) << 8 | Int(lengthBytes[2]) << 16 | Int(lengthBytes[3]) << 24
        guard footerLength > 0, footerLength <= data.count - 12 else {
            throw ExportError(.malformed, "footer length \(footerLength) does not fit the file", file: url.path)
        }
        let footerStart = data.count - 8 - footerLength
        footer = try ParquetFooter(Array(data[footerStart..<(data.count - 8)]), location: url.path + ", footer")
        guard let rows = Int(exactly: footer.numRows), rows >= 0 else {
            throw ExportError(.malformed, "negative row count", file: url.path)
        }
        numRows = rows
        leaves = try Self.leaves(of: footer.elements, location: url.path)
        keyValueMetadata = footer.keyValues
    }

    /// Rebuilds the leaf columns (paths and level bounds) from the depth-first schema list.
    private static func leaves(of elements: [ParquetFooter.Element], location: String) throws -> [ParquetLeafColumn] {
        guard let root = elements.first else { throw ExportError(.malformed, "empty schema", file: location) }
        var leaves: [ParquetLeafColumn] = []
        var next = 1
        func walk(path: [String], def: Int, rep: Int, children: Int, depth: Int) throws {
            guard depth < 64 else { throw ExportError(.malformed, "schema nested deeper than 64", file: location) }
            for _ in 0..<children {
                guard next < elements.count else {
                    throw ExportError(.malformed, "schema ends before its children", file: location)
                }
                let e = elements[next]
                next += 1
                let def = def + (e.repetition == .required ? 0 : 1)
                let rep = rep + (e.repetition == .repeated ? 1 : 0)
                if e.numChildren > 0 {
                    try walk(path: path + [e.name], def: def, rep: rep, children: e.numChildren, depth: depth + 1)
                } else {
                    guard let type = e.type else {
                        throw ExportError(.malformed, "leaf \(e.name) has no type", file: location)
                    }
                    leaves.append(
                        ParquetLeafColumn(
                            path: path + [e.name], type: type,
                            maxDefinitionLevel: def, maxRepetitionLevel: rep))
                }
            }
        }
        try walk(path: [], def: 0, rep: 0, children: root.numChildren, depth: 0)
        return leaves
    }

    /// The leaf whose path starts with `prefix` (a top-level name finds the only leaf under it).
    /// - Throws: `ExportError(.invalidInput)` when no leaf or several match.
    public func leaf(named prefix: [String]) throws -> ParquetLeafColumn {
        let matches = leaves.filter { $0.path.starts(with: prefix) }
        guard matches.count == 1 else {
            let names = leaves.map { $0.path.joined(separator: ".") }.joined(separator: ", ")
            throw ExportError(
                .invalidInput,
                matches.isEmpty
                    ? "no column \(prefix.joined(separator: ".")); the file has \(names)"
                    : "column \(prefix.joined(separator: ".")) is a group of several columns (\(names))", file: path)
        }
        return matches[0]
    }

    /// Every row group's values of the leaf under `prefix`, concatenated.
    /// - Throws: `ExportError` naming the file and column for anything it cannot read.
    public func column(_ prefix: [String]) throws -> ParquetColumnData {
        let leaf = try leaf(named: prefix)
        let where_ = "\(path), column \(leaf.path.joined(separator: "."))"
        var decoder = ParquetPageDecoder(leaf: leaf, location: where_)
        for group in footer.rowGroups {
            guard let chunk = group.chunks.first(where: { $0.path == leaf.path }) else {
                throw ExportError(.malformed, "a row group lacks the column", file: where_)
            }
            guard !chunk.inOtherFile else {
                throw ExportError(.unsupported, "the column chunk lives in another file (file_path)", file: where_)
            }
            let start = chunk.dictionaryPageOffset.flatMap { $0 > 0 ? $0 : nil } ?? chunk.dataPageOffset
            guard start >= 4, chunk.totalCompressedSize >= 0, start + chunk.totalCompressedSize <= Int64(data.count) else {
                throw ExportError(.malformed, "column chunk outside the file", file: where_)
            }
            let bytes = Array(data[Int(start)..<Int(start + chunk.totalCompressedSize)])
            try decoder.readChunk(bytes, codec: chunk.codec, numValues: Int(chunk.numValues))
        }
        return decoder.result()
    }
}
