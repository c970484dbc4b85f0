// The Parquet footer and page-header structs (parquet.thrift), each with its Thrift compact encoding.
// Field ids follow parquet-format's parquet.thrift; only the fields this writer sets are encoded.

/// One entry of the flattened schema list (`SchemaElement`), written depth-first.
struct SchemaElement: Sendable, Equatable {
    var name: String
    var type: ParquetPhysicalType?
    var repetition: ParquetRepetition?
    var numChildren: Int32?
    var convertedType: ParquetConvertedType?
    var logicalType: ParquetLogicalType?

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let type { w.writeI32(field: 1, type.rawValue) }
        if let repetition { w.writeI32(field: 3, repetition.rawValue) }
        w.writeString(field: 4, name)
        if let numChildren { w.writeI32(field: 5, numChildren) }
        if let convertedType { w.writeI32(field: 6, convertedType.rawValue) }
        if let logicalType {
            // LogicalType is a union of empty structs: one struct field holding an empty struct.
            w.beginStructField(10)
            w.beginStructField(logicalType.rawValue)
            w.endStruct()
            w.endStruct()
        }
        w.endStruct()
    }
}

/// `DataPageHeader` + `PageHeader` for a v1 data page.
struct DataPageHeader: Sendable {
    var uncompressedSize: Int32
    var compressedSize: Int32
    var numValues: Int32
    var nullCount: Int64

    func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.writeI32(field: 1, 0)  // PageType.DATA_PAGE
        w.writeI32(field: 2, uncompressedSize)
        w.writeI32(field: 3, compressedSize)
        w.beginStructField(5)  // data_page_header
        w.writeI32(field: 1, numValues)
        w.writeI32(field: 2, ParquetEncoding.plain.rawValue)
        w.writeI32(field: 3, ParquetEncoding.rle.rawValue)
        w.writeI32(field: 4, ParquetEncoding.rle.rawValue)
        w.beginStructField(5)  // statistics: null_count only (min/max are optional)
        w.writeI64(field: 3, nullCount)
        w.endStruct()
        w.endStruct()
        w.endStruct()
        return w.bytes
    }
}

/// `ColumnChunk` with its `ColumnMetaData`.
struct ColumnChunkMeta: Sendable {
    var type: ParquetPhysicalType
    var path: [String]
    var codec: ParquetCodec
    var numValues: Int64
    var totalUncompressedSize: Int64
    var totalCompressedSize: Int64
    var dataPageOffset: Int64
    var nullCount: Int64
    var minValue: [UInt8]?
    var maxValue: [UInt8]?

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeI64(field: 2, dataPageOffset)  // file_offset
        w.beginStructField(3)  // meta_data
        w.writeI32(field: 1, type.rawValue)
        w.beginListField(2, elementType: .i32, count: 2)
        w.elementI32(ParquetEncoding.plain.rawValue)
        w.elementI32(ParquetEncoding.rle.rawValue)
        w.beginListField(3, elementType: .binary, count: path.count)
        for part in path { w.elementString(part) }
        w.writeI32(field: 4, codec.rawValue)
        w.writeI64(field: 5, numValues)
        w.writeI64(field: 6, totalUncompressedSize)
        w.writeI64(field: 7, totalCompressedSize)
        w.writeI64(field: 9, dataPageOffset)
        w.beginStructField(12)  // statistics
        w.writeI64(field: 3, nullCount)
        if let minValue, let maxValue {
            w.writeBinary(field: 5, maxValue)  // max_value
            w.writeBinary(field: 6, minValue)  // min_value
        }
        w.endStruct()
        w.endStruct()
        w.endStruct()
    }
}

/// `RowGroup`.
struct RowGroupMeta: Sendable {
    var columns: [ColumnChunkMeta]
    var numRows: Int64
    var ordinal: Int16

    func encode(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.beginListField(1, elementType: .structure, count: columns.count)
        for column in columns { column.encode(into: &w) }
        w.writeI64(field: 2, columns.reduce(0) { $0 + $1.totalUncompressedSize })
        w.writeI64(field: 3, numRows)
        if let first = columns.first { w.writeI64(field: 5, first.dataPageOffset) }
        w.writeI64(field: 6, columns.reduce(0) { $0 + $1.totalCompressedSize })
        w.writeI16(field: 7, ordinal)
        w.endStruct()
    }
}

/// `FileMetaData`, the footer.
struct FileMetaData: Sendable {
    var schema: [SchemaElement]
    var numRows: Int64
    var rowGroups: [RowGroupMeta]
    var keyValues: [(String, String)]
    var createdBy: String
    var leafCount: Int

    func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.writeI32(field: 1, 1)  // version
        w.beginListField(2, elementType: .structure, count: schema.count)
        for element in schema { element.encode(into: &w) }
        w.writeI64(field: 3, numRows)
        w.beginListField(4, elementType: .structure, count: rowGroups.count)
        for group in rowGroups { group.encode(into: &w) }
        if !keyValues.isEmpty {
            w.beginListField(5, elementType: .structure, count: keyValues.count)
            for (key, value) in keyValues {
                w.beginStruct()
                w.writeString(field: 1, key)
                w.writeString(field: 2, value)
                w.endStruct()
            }
        }
        w.writeString(field: 6, createdBy)
        // column_orders: TYPE_ORDER for every leaf (a union holding an empty TypeDefinedOrder struct).
        w.beginListField(7, elementType: .structure, count: leafCount)
        for _ in 0..<leafCount {
            w.beginStruct()
            w.beginStructField(1)
            w.endStruct()
            w.endStruct()
        }
        w.endStruct()
        return w.bytes
    }
}
