/// Parquet's physical types (`Type` in parquet.thrift).
public enum ParquetPhysicalType: Int32, Sendable {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7
}

/// Field repetition (`FieldRepetitionType` in parquet.thrift).
public enum ParquetRepetition: Int32, Sendable {
    case required = 0, optional = 1, repeated = 2
}

/// The legacy converted types this writer emits (`ConvertedType` in parquet.thrift).
public enum ParquetConvertedType: Int32, Sendable {
    case utf8 = 0, map = 1, list = 3
}

/// The logical types this writer emits (`LogicalType` union in parquet.thrift; the raw value is the union field id).
public enum ParquetLogicalType: Int16, Sendable {
    case string = 1, list = 3
}

/// Page and level encodings (`Encoding` in parquet.thrift).
public enum ParquetEncoding: Int32, Sendable {
    case plain = 0, rle = 3, bitPacked = 4
}

/// Compression codecs this writer supports (`CompressionCodec` in parquet.thrift).
///
/// Example: `ParquetWriterOptions(codec: .gzip)`.
/// `name` is the lower-case name used in manifests.
public enum ParquetCodec: Int32, Sendable, CaseIterable {
    /// No compression.
    case uncompressed = 0
    /// Snappy (pyarrow's default codec), by our own `SnappyCompressor`.
    case snappy = 1
    /// zlib's deflate in a gzip wrapper (Parquet's GZIP codec).
    case gzip = 2

    /// `uncompressed`, `snappy` or `gzip`.
    public var name: String {
        switch self {
        case .uncompressed: "uncompressed"
        case .snappy: "snappy"
        case .gzip: "gzip"
        }
    }
}
