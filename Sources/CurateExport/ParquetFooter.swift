// What the reader takes from a Parquet file's Thrift metadata: the footer (`FileMetaData`) and page headers.
// Field ids follow parquet-format's parquet.thrift; every other field is skipped.

/// The parts of a file's `FileMetaData` that reading columns needs.
struct ParquetFooter {
    /// One `SchemaElement`, depth-first as stored.
    struct Element {
        var name = ""
        var type: ParquetPhysicalType?
        var repetition: ParquetRepetition = .required
        var numChildren = 0
    }

    /// One column chunk of a row group (`ColumnChunk` + `ColumnMetaData`).
    struct Chunk {
        var path: [String] = []
        var type: ParquetPhysicalType?
        var codec: Int32 = 0
        var numValues: Int64 = 0
        var dataPageOffset: Int64 = 0
        var dictionaryPageOffset: Int64?
        var totalCompressedSize: Int64 = 0
        var inOtherFile = false
    }

    /// One row group.
    struct RowGroup {
        var numRows: Int64 = 0
        var chunks: [Chunk] = []
    }

    var elements: [Element] = []
    var numRows: Int64 = 0
    var rowGroups: [RowGroup] = []
    var keyValues: [(key: String, value: String)] = []

    /// Parses the footer bytes (between the data and the 4-byte length); `location` names the file in errors.
    init(_ bytes: [UInt8], location: String) throws {
        var r = ThriftCompactReader(bytes, location: location)
        r.beginStruct()
        while let field = try r.nextField() {
            switch (field.id, field.type) {
            case (2, .list):
                let (_, count) = try r.readListHeader()
                for _ in 0..<count { elements.append(try Self.element(&r)) }
            case (3, .i64): numRows = try r.readI64()
            case (4, .list):
                let (_, count) = try r.readListHeader()
                for _ in 0..<count { rowGroups.append(try Self.rowGroup(&r)) }
            case (5, .list):
                let (_, count) = try r.readListHeader()
                for _ in 0..<count {
                    r.beginStruct()
                    var key = "", value = ""
                    while let f = try r.nextField() {
                        switch (f.id, f.type) {
                        case (1, .binary): key = try r.readString()
                        case (2, .binary): value = try r.readString()
                        default: try r.skip(f.type)
                        }
                    }
                    keyValues.append((key, value))
                }
            default: try r.skip(field.type)
            }
        }
    }

    private static func element(_ r: inout ThriftCompactReader) throws -> Element {
        var e = Element()
        r.beginStruct()
        while let f = try r.nextField() {
            switch (f.id, f.type) {
            case (1, .i32): e.type = ParquetPhysicalType(rawValue: try r.readI32())
            case (3, .i32): e.repetition = ParquetRepetition(rawValue: try r.readI32()) ?? .required
            case (4, .binary): e.name = try r.readString()
            case (5, .i32): e.numChildren = Int(max(0, try r.readI32()))
            default: try r.skip(f.type)
            }
        }
        return e
    }

    private static func rowGroup(_ r: inout ThriftCompactReader) throws -> RowGroup {
        var group = RowGroup()
        r.beginStruct()
        while let f = try r.nextField() {
            switch (f.id, f.type) {
            case (1, .list):
                let (_, count) = try r.readListHeader()
                for _ in 0..<count { group.chunks.append(try chunk(&r)) }
            case (3, .i64): group.numRows = try r.readI64()
            default: try r.skip(f.type)
            }
        }
        return group
    }

    private static func chunk(_ r: inout ThriftCompactReader) throws -> Chunk {
        var c = Chunk()
        r.beginStruct()
        while let f = try r.nextField() {
            switch (f.id, f.type) {
            case (1, .binary):
                c.inOtherFile = !(try r.readBinary()).isEmpty
            case (3, .structure):
                r.beginStruct()
                while let m = try r.nextField() {
                    switch (m.id, m.type) {
                    case (1, .i32): c.type = ParquetPhysicalType(rawValue: try r.readI32())
                    case (3, .list):
                        let (_, count) = try r.readListHeader()
                        for _ in 0..<count { c.path.append(try r.readString()) }
                    case (4, .i32): c.codec = try r.readI32()
                    case (5, .i64): c.numValues = try r.readI64()
                    case (7, .i64): c.totalCompressedSize = try r.readI64()
                    case (9, .i64): c.dataPageOffset = try r.readI64()
                    case (11, .i64): c.dictionaryPageOffset = try r.readI64()
                    default: try r.skip(m.type)
                    }
                }
            default: try r.skip(f.type)
            }
        }
        return c
    }
}

/// A page header (`PageHeader` with its v1, v2 or dictionary part).
struct ParquetPageHeader {
    /// `PageType`.
    enum Kind: Int32 { case data = 0, index = 1, dictionary = 2, dataV2 = 3 }

    var kind: Kind?
    var uncompressedSize = 0
    var compressedSize = 0
    /// Level entries (v1 and v2) or dictionary entries.
    var numValues = 0
    /// The values' encoding (`Encoding`).
    var encoding: Int32 = 0
    /// v2: byte lengths of the (never compressed) level blocks, and whether the values are compressed.
    var definitionLevelsLength = 0
    var repetitionLevelsLength = 0
    var valuesCompressed = true
    /// Bytes the header itself took.
    var headerLength = 0

    /// Parses the header at `start` of `bytes`.
    init(_ bytes: [UInt8], start: Int, location: String) throws {
        var r = ThriftCompactReader(bytes, start: start, location: location)
        r.beginStruct()
        while let f = try r.nextField() {
            switch (f.id, f.type) {
            case (1, .i32): kind = Kind(rawValue: try r.readI32())
            case (2, .i32): uncompressedSize = Int(try r.readI32())
            case (3, .i32): compressedSize = Int(try r.readI32())
            case (5, .structure), (7, .structure):
                r.beginStruct()
                while let p = try r.nextField() {
                    switch (p.id, p.type) {
                    case (1, .i32): numValues = Int(try r.readI32())
                    case (2, .i32): encoding = try r.readI32()
                    default: try r.skip(p.type)
                    }
                }
            case (8, .structure):
                r.beginStruct()
                while let p = try r.nextField() {
                    switch (p.id, p.type) {
                    case (1, .i32): numValues = Int(try r.readI32())
                    case (4, .i32): encoding = try r.readI32()
                    case (5, .i32): definitionLevelsLength = Int(try r.readI32())
                    case (6, .i32): repetitionLevelsLength = Int(try r.readI32())
                    case (7, .boolTrue), (7, .boolFalse): valuesCompressed = try r.readBool()
                    default: try r.skip(p.type)
                    }
                }
            default: try r.skip(f.type)
            }
        }
        headerLength = r.position - start
        guard uncompressedSize >= 0, compressedSize >= 0, numValues >= 0,
            definitionLevelsLength >= 0, repetitionLevelsLength >= 0
        else {
            throw ExportError(.malformed, "negative size in a page header", file: location)
        }
    }
}
