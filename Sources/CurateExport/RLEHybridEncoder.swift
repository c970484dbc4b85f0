/// The RLE / bit-packing hybrid encoding Parquet uses for definition and repetition levels.
///
/// Grammar (parquet-format `Encodings.md`):
/// ```
/// run            := bit-packed-run | rle-run
/// rle-run        := varint(count << 1) value            (value in ceil(bitWidth / 8) little-endian bytes)
/// bit-packed-run := varint(groups << 1 | 1) packed      (groups of 8 values, LSB first)
/// ```
/// Strategy: a repeat of 8 or more equal values becomes an RLE run; everything between such
/// repeats is bit-packed in whole groups of 8 (only the final group of the data is zero-padded,
/// which readers ignore because the page header gives the value count).
///
/// - Complexity: O(n) in the number of levels.
///
/// Example:
/// ```swift
/// RLEHybridEncoder.encode([1, 1, 1, 1, 1, 1, 1, 1], bitWidth: 1)  // [0x10, 0x01]
/// ```
public enum RLEHybridEncoder {
    /// The bit width needed for levels in `0...maxLevel` (0 when `maxLevel` is 0).
    public static func bitWidth(forMaxLevel maxLevel: Int) -> Int {
        var width = 0
        while (1 << width) <= maxLevel { width += 1 }
        return width
    }

    /// Encodes `values` (each `< 1 << bitWidth`) and appends the result to `out`.
    public static func encode(_ values: [UInt8], bitWidth: Int, into out: inout [UInt8]) {
        let n = values.count
        guard n > 0, bitWidth > 0 else { return }
        var i = 0
        while i < n {
            let run = runLength(values, from: i, cap: Int.max)
            if run >= 8 {
                appendRLERun(value: values[i], count: run, bitWidth: bitWidth, into: &out)
                i += run
                continue
            }
            // Literal stretch: whole groups of 8 until a long repeat starts on a group boundary.
            var j = i
            repeat {
                j += 8
            } while j < n && runLength(values, from: j, cap: 8) < 8
            appendBitPacked(values, from: i, to: min(j, n), bitWidth: bitWidth, into: &out)
            i = j
        }
    }

    /// Encodes `values` into a fresh array.
    public static func encode(_ values: [UInt8], bitWidth: Int) -> [UInt8] {
        var out: [UInt8] = []
        encode(values, bitWidth: bitWidth, into: &out)
        return out
    }

    private static func runLength(_ values: [UInt8], from start: Int, cap: Int) -> Int {
        let first = values[start]
        var k = start + 1
        let limit = cap == Int.max ? values.count : min(values.count, start + cap)
        while k < limit && values[k] == first { k += 1 }
        return k - start
    }

    private static func appendVarint(_ value: Int, into out: inout [UInt8]) {
        var v = UInt64(value)
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func appendRLERun(value: UInt8, count: Int, bitWidth: Int, into out: inout [UInt8]) {
        appendVarint(count << 1, into: &out)
        out.append(value)
        // Levels fit in one byte; wider widths would need more value bytes.
        for _ in 1..<((bitWidth + 7) / 8) { out.append(0) }
    }

    private static func appendBitPacked(
        _ values: [UInt8], from start: Int, to end: Int, bitWidth: Int,
        into out: inout [UInt8]
    ) {
        let groups = (end - start + 7) / 8
        appendVarint(groups << 1 | 1, into: &out)
        var acc: UInt64 = 0
        var bits = 0
        for k in start..<(start + groups * 8) {
            let v = k < end ? UInt64(values[k]) : 0
            acc |= v << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        // groups * 8 * bitWidth is a multiple of 8, so nothing is left in `acc`.
    }
}
