/// One uncompressed v1 data page: levels and PLAIN values, ready for the codec.
struct RawDataPage: Sendable {
    /// `rep levels | def levels | values`, each level block prefixed by its 4-byte length.
    var body: [UInt8]
    /// Level entries in the page (values plus nulls and empty lists).
    var numValues: Int
    /// Entries whose definition level is below the maximum.
    var nullCount: Int
}

/// Collects one leaf column of one row group: definition/repetition levels and PLAIN-encoded values,
/// cut into pages at row boundaries.
///
/// Callers append one entry per leaf occurrence (a null or empty ancestor is one entry with a lower
/// definition level), then call `endRow()` after each record.
///
/// Example:
/// ```swift
/// var b = ParquetColumnBuilder(leaf: schema.leaves[0], pageSize: 1 << 20)
/// b.appendString("math", rep: 0)
/// b.endRow()
/// let pages = b.finish()
/// ```
public struct ParquetColumnBuilder: Sendable {
    /// The column's descriptor.
    public let leaf: ParquetLeafColumn
    /// Target uncompressed value bytes per page; a page is cut at the first row end past it.
    public let pageSize: Int
    private var defLevels: [UInt8] = []
    private var repLevels: [UInt8] = []
    private var values: [UInt8] = []
    private var nullCount = 0
    private var entryCount = 0
    private(set) var pages: [RawDataPage] = []
    /// Min/max over every value appended so far (the whole chunk).
    public private(set) var statistics = ParquetColumnStatistics()

    /// Creates an empty builder for `leaf`.
    public init(leaf: ParquetLeafColumn, pageSize: Int) {
        self.leaf = leaf
        self.pageSize = max(1, pageSize)
    }

    /// Appends a present UTF-8 string at the maximum definition level.
    /// - Complexity: O(length of `value` in UTF-8).
    public mutating func appendString(_ value: String, rep: UInt8) {
        pushLevels(def: UInt8(leaf.maxDefinitionLevel), rep: rep)
        var value = value
        value.withUTF8 { utf8 in
            let n = UInt32(truncatingIfNeeded: utf8.count)
            values.append(UInt8(truncatingIfNeeded: n))
            values.append(UInt8(truncatingIfNeeded: n >> 8))
            values.append(UInt8(truncatingIfNeeded: n >> 16))
            values.append(UInt8(truncatingIfNeeded: n >> 24))
            values.append(contentsOf: utf8)
            statistics.observe(utf8)
        }
    }

    /// Appends a present INT64 at the maximum definition level.
    public mutating func appendInt64(_ value: Int64, rep: UInt8) {
        pushLevels(def: UInt8(leaf.maxDefinitionLevel), rep: rep)
        statistics.observe(value)
        var v = UInt64(bitPattern: value)
        for _ in 0..<8 {
            values.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Appends a present FLOAT at the maximum definition level (no min/max statistics are kept for floats).
    public mutating func appendFloat(_ value: Float, rep: UInt8) {
        pushLevels(def: UInt8(leaf.maxDefinitionLevel), rep: rep)
        var v = value.bitPattern
        for _ in 0..<4 {
            values.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Appends an absent value: a null leaf or a null/empty ancestor, given by `def` (< max).
    public mutating func appendNull(def: UInt8, rep: UInt8) {
        pushLevels(def: def, rep: rep)
        nullCount += 1
    }

    /// Appends an optional string: the value, or a null at `maxDefinitionLevel - 1`.
    public mutating func appendOptionalString(_ value: String?, rep: UInt8 = 0) {
        if let value { appendString(value, rep: rep) } else { appendNull(def: UInt8(leaf.maxDefinitionLevel - 1), rep: rep) }
    }

    /// Appends an optional INT64: the value, or a null at `maxDefinitionLevel - 1`.
    public mutating func appendOptionalInt64(_ value: Int64?, rep: UInt8 = 0) {
        if let value { appendInt64(value, rep: rep) } else { appendNull(def: UInt8(leaf.maxDefinitionLevel - 1), rep: rep) }
    }

    @inline(__always)
    private mutating func pushLevels(def: UInt8, rep: UInt8) {
        if leaf.maxDefinitionLevel > 0 { defLevels.append(def) }
        if leaf.maxRepetitionLevel > 0 { repLevels.append(rep) }
        entryCount += 1
    }

    /// Marks the end of a record; cuts a page when the current one is past `pageSize`.
    public mutating func endRow() {
        if values.count >= pageSize { cutPage() }
    }

    /// Cuts the last page and returns all pages of this chunk.
    mutating func finish() -> [RawDataPage] {
        if entryCount > 0 { cutPage() }
        let result = pages
        pages = []
        return result
    }

    private mutating func cutPage() {
        var body: [UInt8] = []
        body.reserveCapacity(values.count + defLevels.count / 2 + 16)
        if leaf.maxRepetitionLevel > 0 {
            appendLevels(repLevels, maxLevel: leaf.maxRepetitionLevel, into: &body)
        }
        if leaf.maxDefinitionLevel > 0 {
            appendLevels(defLevels, maxLevel: leaf.maxDefinitionLevel, into: &body)
        }
        body.append(contentsOf: values)
        pages.append(RawDataPage(body: body, numValues: entryCount, nullCount: nullCount))
        defLevels.removeAll(keepingCapacity: true)
        repLevels.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        nullCount = 0
        entryCount = 0
    }

    private func appendLevels(_ levels: [UInt8], maxLevel: Int, into body: inout [UInt8]) {
        let lengthAt = body.count
        body.append(contentsOf: [0, 0, 0, 0])
        RLEHybridEncoder.encode(levels, bitWidth: RLEHybridEncoder.bitWidth(forMaxLevel: maxLevel), into: &body)
        let length = UInt32(body.count - lengthAt - 4)
        body[lengthAt] = UInt8(truncatingIfNeeded: length)
        body[lengthAt + 1] = UInt8(truncatingIfNeeded: length >> 8)
        body[lengthAt + 2] = UInt8(truncatingIfNeeded: length >> 16)
        body[lengthAt + 3] = UInt8(truncatingIfNeeded: length >> 24)
    }
}
