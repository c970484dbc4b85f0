/// Decodes Parquet's RLE / bit-packing hybrid (levels and dictionary indices); the inverse of `RLEHybridEncoder`.
///
/// Runs are `varint(count << 1) value` (RLE) or `varint(groups << 1 | 1)` followed by groups of 8 values packed
/// LSB first. Exactly `count` values are returned; a final bit-packed group may carry padding past them.
///
/// - Complexity: O(count + bytes).
///
/// Example: `try RLEHybridDecoder.decode([0x10, 0x01], bitWidth: 1, count: 8, location: "page")` gives eight 1s.
enum RLEHybridDecoder {
    /// Decodes `count` values of `bitWidth` bits from `bytes[range]`.
    /// - Throws: `ExportError(.malformed)` when the runs end early or a width is impossible.
    static func decode(
        _ bytes: [UInt8], range: Range<Int>? = nil, bitWidth: Int, count: Int,
        location: String
    ) throws -> [UInt32] {
        func bad(_ what: String) -> ExportError { ExportError(.malformed, "bad RLE/bit-packed run: \(what)", file: location) }
        guard (0...32).contains(bitWidth) else { throw bad("bit width \(bitWidth)") }
        var out = [UInt32]()
        out.reserveCapacity(count)
        guard bitWidth > 0 else { return [UInt32](repeating: 0, count: count) }
        let range = range ?? 0..<bytes.count
        var i = range.lowerBound
        let end = range.upperBound
        let valueBytes = (bitWidth + 7) / 8
        let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        while out.count < count {
            var header: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard i < end, shift < 64 else { throw bad("\(out.count) of \(count) values, then the data ended") }
                let byte = bytes[i]
                i += 1
                header |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            if header & 1 == 0 {
                let run = Int(clamping: header >> 1)
                guard i + valueBytes <= end else { throw bad("truncated repeated value") }
                var value: UInt32 = 0
                for k in 0..<valueBytes { value |= UInt32(bytes[i + k]) << (8 * UInt32(k)) }
                i += valueBytes
                let take = min(run, count - out.count)
                out.append(contentsOf: repeatElement(value, count: take))
            } else {
                let groups = Int(clamping: header >> 1)
                let byteCount = groups.multipliedReportingOverflow(by: bitWidth)
                guard !byteCount.overflow, byteCount.partialValue <= end - i else { throw bad("truncated bit-packed run") }
                let values = groups * 8
                var buffer: UInt64 = 0
                var bits = 0
                var p = i
                for _ in 0..<min(values, count - out.count) {
                    while bits < bitWidth {
                        buffer |= UInt64(bytes[p]) << UInt64(bits)
                        p += 1
                        bits += 8
                    }
                    out.append(UInt32(truncatingIfNeeded: buffer & mask))
                    buffer >>= UInt64(bitWidth)
                    bits -= bitWidth
                }
                i += byteCount.partialValue
            }
        }
        return out
    }
}
