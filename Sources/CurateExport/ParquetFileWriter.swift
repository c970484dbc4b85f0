import Foundation
import Parallelism

/// Settings for writing Parquet files.
///
/// Example: `ParquetWriterOptions(rowGroupRows: 10_000, codec: .gzip)`.
public struct ParquetWriterOptions: Sendable, Equatable {
    /// Rows per row group (the last group may be smaller).
    public var rowGroupRows: Int
    /// Page compression codec.
    public var codec: ParquetCodec
    /// zlib level for `.gzip` (1 fastest ... 9 smallest; 6 is zlib's default).
    public var gzipLevel: Int32
    /// Target uncompressed value bytes per data page; pages are cut at row boundaries.
    public var pageSize: Int
    /// The footer's `created_by`: a fixed string, so output is reproducible.
    public var createdBy: String
    /// Threads that compress the column chunks of a row group in parallel (output does not depend on it).
    public var threads: Int

    /// Creates options; defaults match common pyarrow-sized pages and row groups.
    public init(
        rowGroupRows: Int = 100_000, codec: ParquetCodec = .snappy, gzipLevel: Int32 = 6,
        pageSize: Int = 1 << 20, createdBy: String = "MathCurate CurateExport version 1.0.0",
        threads: Int = 2
    ) {
        self.rowGroupRows = rowGroupRows
        self.codec = codec
        self.gzipLevel = gzipLevel
        self.pageSize = pageSize
        self.createdBy = createdBy
        self.threads = threads
    }
}

/// Writes a Parquet file: `PAR1`, row groups of column chunks made of v1 data pages, then the
/// Thrift-compact `FileMetaData`, its 4-byte length and `PAR1`.
///
/// Rows are fed as column builders, one row group at a time (see `VerlRow` for a shredder).
/// The output depends only on the data and the options, never on time or machine.
/// Bytes go to `<name>.partial` next to the target, renamed to the target by `close()`, so a crash or
/// an error never leaves a truncated file under the final name.
///
/// Example:
/// ```swift
/// let w = try ParquetFileWriter(url: url, schema: schema, options: .init(codec: .uncompressed))
/// try w.writeRowGroup(builders, numRows: 3)
/// try w.close()
/// ```
public final class ParquetFileWriter {
    /// The schema every row group follows.
    public let schema: ParquetSchema
    /// The options in force.
    public let options: ParquetWriterOptions
    private let url: URL
    private let partialURL: URL
    private let handle: FileHandle
    private var offset: Int64 = 0
    private var rowGroups: [RowGroupMeta] = []
    private var totalRows: Int64 = 0
    private var closed = false
    private var finished = false
    private let keyValues: [(String, String)]

    /// Creates (or truncates) the file at `url` and writes the leading magic.
    /// - Parameter keyValueMetadata: footer key/value pairs, written in the given order.
    /// - Throws: `ExportError(.io)` when the file cannot be created.
    public init(
        url: URL, schema: ParquetSchema, options: ParquetWriterOptions,
        keyValueMetadata: [(String, String)] = []
    ) throws {
        self.url = url
        self.schema = schema
        self.options = options
        self.keyValues = keyValueMetadata
        _ = try GzipCompressor(level: options.gzipLevel)  // reject a bad level before creating the file
        partialURL = url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".partial")
        guard FileManager.default.createFile(atPath: partialURL.path, contents: nil) else {
            throw ExportError(.io, "cannot create file", file: partialURL.path)
        }
        do {
            handle = try FileHandle(forWritingTo: partialURL)
        } catch {
            throw ExportError(.io, "cannot open for writing: \(error)", file: partialURL.path)
        }
        try write(Array("PAR1".utf8))
    }

    deinit {
        if !finished {
            // Abandoned (an error, or no close): drop the partial file.
            try? handle.close()
            try? FileManager.default.removeItem(at: partialURL)
        }
    }

    /// Fresh column builders for one row group, in leaf order.
    public func makeColumnBuilders() -> [ParquetColumnBuilder] {
        schema.leaves.map { ParquetColumnBuilder(leaf: $0, pageSize: options.pageSize) }
    }

    /// Compresses and writes one row group.
    /// - Parameters:
    ///   - builders: one filled builder per leaf column, in `schema.leaves` order.
    ///   - numRows: records in the group.
    /// - Throws: `ExportError` on a mismatch, a codec error or a write error.
    public func writeRowGroup(_ builders: [ParquetColumnBuilder], numRows: Int) throws {
        guard !closed else { throw ExportError(.invalidInput, "writer already closed", file: url.path) }
        guard numRows > 0 else {
            throw ExportError(.invalidInput, "a row group needs at least one row", file: url.path)
        }
        guard builders.count == schema.leaves.count else {
            throw ExportError(
                .invalidInput, "expected \(schema.leaves.count) columns, got \(builders.count)",
                file: url.path)
        }
        let codec = options.codec
        let level = options.gzipLevel
        let pageLists = builders.map { builder -> [RawDataPage] in
            var builder = builder
            return builder.finish()
        }
        // Compress every page of the row group as its own task (big text columns span many pages,
        // so two workers stay busy); pages are then written in column order.
        let tasks = pageLists.enumerated().flatMap { column, pages in pages.indices.map { (column, $0) } }
        let compressed = ParallelFor.map(count: tasks.count, threads: options.threads) { t -> Result<[UInt8], ExportError> in
            let (column, page) = tasks[t]
            return Result { try Self.compress(pageLists[column][page].body, codec: codec, gzipLevel: level) }
                .mapError { $0 as? ExportError ?? ExportError(.compression, "\($0)") }
        }
        var chunks: [ColumnChunkMeta] = []
        var taskIndex = 0
        for (column, pages) in pageLists.enumerated() {
            let leaf = builders[column].leaf
            var bodies: [[UInt8]] = []
            for _ in pages {
                bodies.append(try compressed[taskIndex].get())
                taskIndex += 1
            }
            let firstOffset = offset
            var uncompressed: Int64 = 0
            var values: Int64 = 0
            var nulls: Int64 = 0
            for (page, body) in zip(pages, bodies) {
                guard body.count <= Int32.max, page.body.count <= Int32.max, page.numValues <= Int32.max else {
                    throw ExportError(.invalidInput, "page larger than 2 GiB", file: leaf.path.joined(separator: "."))
                }
                let header = DataPageHeader(
                    uncompressedSize: Int32(page.body.count), compressedSize: Int32(body.count),
                    numValues: Int32(page.numValues), nullCount: Int64(page.nullCount)
                ).encoded()
                try write(header)
                try write(body)
                uncompressed += Int64(header.count + page.body.count)
                values += Int64(page.numValues)
                nulls += Int64(page.nullCount)
            }
            chunks.append(
                ColumnChunkMeta(
                    type: leaf.type, path: leaf.path, codec: codec,
                    numValues: values, totalUncompressedSize: uncompressed,
                    totalCompressedSize: offset - firstOffset, dataPageOffset: firstOffset,
                    nullCount: nulls, minValue: builders[column].statistics.minValue,
                    maxValue: builders[column].statistics.maxValue))
        }
        rowGroups.append(RowGroupMeta(columns: chunks, numRows: Int64(numRows), ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
        totalRows += Int64(numRows)
    }

    /// Writes the footer and closes the file. Further writes throw.
    /// - Throws: `ExportError(.io)` on a write or close error.
    public func close() throws {
        guard !closed else { return }
        closed = true
        let footer = FileMetaData(
            schema: schema.elements, numRows: totalRows, rowGroups: rowGroups,
            keyValues: keyValues, createdBy: options.createdBy,
            leafCount: schema.leaves.count
        ).encoded()
        let length = UInt32(footer.count)
        try write(footer)
        try write([
            UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8),
            UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 24),
        ])
        try write(Array("PAR1".utf8))
        do {
            try handle.close()
        } catch {
            throw ExportError(.io, "close failed: \(error)", file: partialURL.path)
        }
        // rename(2) replaces an existing target atomically.
        guard rename(partialURL.path, url.path) == 0 else {
            throw ExportError(.io, "rename from \(partialURL.lastPathComponent) failed, errno \(errno)", file: url.path)
        }
        finished = true
    }

    private static func compress(_ body: [UInt8], codec: ParquetCodec, gzipLevel: Int32) throws -> [UInt8] {
        switch codec {
        case .uncompressed:
            return body
        case .snappy:
            return SnappyCompressor.compress(body)
        case .gzip:
            return try GzipCompressor(level: gzipLevel).compress(body)
        }
    }

    private func write(_ bytes: [UInt8]) throws {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw ExportError(.io, "write failed: \(error)", file: url.path)
        }
        offset += Int64(bytes.count)
    }
}
