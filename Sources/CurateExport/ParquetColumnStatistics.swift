import Foundation

/// Min/max of one column chunk, in Parquet's type-defined order (signed for INT64, unsigned
/// byte-wise for BYTE_ARRAY/UTF8), written as `min_value`/`max_value` in `ColumnMetaData.statistics`.
///
/// Strings longer than `maxValueBytes` disable min/max for the chunk (as Arrow's
/// `max_statistics_size` does), so long problem texts do not bloat the footer.
///
/// Example:
/// ```swift
/// var s = ParquetColumnStatistics()
/// s.observe(Int64(5)); s.observe(Int64(-2))
/// // s.minValue == PLAIN bytes of -2, s.maxValue == PLAIN bytes of 5
/// ```
public struct ParquetColumnStatistics: Sendable, Equatable {
    /// Longest string kept in statistics.
    public static let maxValueBytes = 256

    private var minInt: Int64?
    private var maxInt: Int64?
    private var minBytes: [UInt8]?
    private var maxBytes: [UInt8]?
    private var bytesValid = true

    /// Empty statistics.
    public init() {}

    /// Includes an INT64 value.
    @inline(__always)
    public mutating func observe(_ value: Int64) {
        if let lo = minInt, lo <= value {} else { minInt = value }
        if let hi = maxInt, hi >= value {} else { maxInt = value }
    }

    /// Includes a byte-array value.
    /// - Complexity: O(length of the common prefix with the current min and max).
    @inline(__always)
    public mutating func observe(_ value: UnsafeBufferPointer<UInt8>) {
        guard bytesValid else { return }
        guard value.count <= Self.maxValueBytes else {
            bytesValid = false
            minBytes = nil
            maxBytes = nil
            return
        }
        if let lo = minBytes {
            if Self.compare(value, lo) < 0 { minBytes = Array(value) }
        } else {
            minBytes = Array(value)
        }
        if let hi = maxBytes {
            if Self.compare(value, hi) > 0 { maxBytes = Array(value) }
        } else {
            maxBytes = Array(value)
        }
    }

    /// PLAIN encoding of the minimum (8 little-endian bytes, or the raw bytes), if known.
    public var minValue: [UInt8]? { minInt.map(Self.plain) ?? (bytesValid ? minBytes : nil) }
    /// PLAIN encoding of the maximum, if known.
    public var maxValue: [UInt8]? { maxInt.map(Self.plain) ?? (bytesValid ? maxBytes : nil) }

    private static func plain(_ v: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> (8 * UInt64($0))) }
    }

    /// Unsigned lexicographic comparison: negative, zero or positive.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Int {
        let common = min(a.count, b.count)
        let c: Int32 = b.withUnsafeBufferPointer { bp in
            guard common > 0, let pa = a.baseAddress, let pb = bp.baseAddress else { return 0 }
            return memcmp(pa, pb, common)
        }
        if c != 0 { return Int(c) }
        return a.count - b.count
    }
}
