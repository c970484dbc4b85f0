import Foundation

/// Streams `VerlRow`s into one Parquet file: rows are shredded into column builders as they come,
/// and a row group is compressed and written each time `options.rowGroupRows` rows have arrived.
///
/// Memory stays bounded by one row group, so a store can export more rows than fit in memory.
/// The footer carries `mathcurate.schema_version`; nothing time- or machine-dependent is written.
///
/// Example:
/// ```swift
/// let writer = try VerlParquetWriter(url: url, options: .init(rowGroupRows: 10_000, codec: .snappy))
/// for row in rows { try writer.append(row) }
/// try writer.close()
/// ```
public final class VerlParquetWriter {
    private let file: ParquetFileWriter
    private var builders: [ParquetColumnBuilder]
    private var pendingRows = 0
    private var closed = false
    private let url: URL
    /// Rows appended so far.
    public private(set) var rowCount = 0

    /// Creates (or truncates) the file at `url`.
    /// - Throws: `ExportError(.invalidInput)` for `rowGroupRows <= 0`, `ExportError(.io)` if the file cannot be created.
    public init(url: URL, options: ParquetWriterOptions = .init()) throws {
        guard options.rowGroupRows > 0 else {
            throw ExportError(.invalidInput, "rowGroupRows must be > 0, got \(options.rowGroupRows)", file: url.path)
        }
        self.url = url
        file = try ParquetFileWriter(
            url: url, schema: VerlRow.parquetSchema, options: options,
            keyValueMetadata: [("mathcurate.schema_version", VerlRow.schemaVersion)])
        builders = file.makeColumnBuilders()
    }

    /// Adds one row; writes a row group when it is full.
    /// - Throws: `ExportError` from compression or IO.
    public func append(_ row: VerlRow) throws {
        guard !closed else { throw ExportError(.invalidInput, "append after close", file: url.path) }
        row.shred(into: &builders)
        pendingRows += 1
        rowCount += 1
        if pendingRows >= file.options.rowGroupRows { try flushRowGroup() }
    }

    /// Adds rows in order.
    /// - Throws: `ExportError` from compression or IO.
    public func append<Rows: Sequence>(contentsOf rows: Rows) throws where Rows.Element == VerlRow {
        for row in rows { try append(row) }
    }

    /// Writes the last (partial) row group and the footer. Appending afterwards throws.
    /// - Throws: `ExportError` from compression or IO.
    public func close() throws {
        guard !closed else { return }
        closed = true
        try flushRowGroup()
        try file.close()
    }

    private func flushRowGroup() throws {
        guard pendingRows > 0 else { return }
        let full = builders
        builders = file.makeColumnBuilders()
        let rows = pendingRows
        pendingRows = 0
        try file.writeRowGroup(full, numRows: rows)
    }
}

/// Writes `rows` to one Parquet file in verl's schema, `options.rowGroupRows` rows per row group.
///
/// Equal rows and options give byte-identical files (see `VerlParquetWriter`).
///
/// - Parameters:
///   - rows: the rows, written in order.
///   - url: the file to create or overwrite.
///   - options: row group size, codec, page size, threads.
/// - Throws: `ExportError` on IO or codec failure, or a non-positive `rowGroupRows`.
/// - Complexity: O(total bytes of the rows).
///
/// Example:
/// ```swift
/// try writeVerlParquet(rows: rows, to: URL(fileURLWithPath: "train.parquet"), options: .init(codec: .snappy))
/// ```
public func writeVerlParquet(rows: [VerlRow], to url: URL, options: ParquetWriterOptions = .init()) throws {
    let writer = try VerlParquetWriter(url: url, options: options)
    try writer.append(contentsOf: rows)
    try writer.close()
}
