/// Snappy compression (the raw block format Parquet's SNAPPY codec uses), written from the format description.
///
/// Format: a varint of the uncompressed length, then elements, each led by a tag byte whose low two
/// bits say the kind:
/// - `00` literal: length-1 in the upper 6 bits when < 60, else 60...63 = 1...4 little-endian length bytes follow;
/// - `01` copy, length 4...11 and offset < 2048: `(offset >> 8) << 5 | (length - 4) << 2 | 1`, then `offset & 0xFF`;
/// - `10` copy, length 1...64: `(length - 1) << 2 | 2`, then a 2-byte little-endian offset.
///
/// Algorithm: like the reference compressor, input is cut into independent 64 KiB blocks; in each, a
/// hash table of 4-byte prefixes finds earlier occurrences, matches are extended greedily 8 bytes at
/// a time, and the probe step grows while no match is found (so incompressible data is skipped fast).
/// Output is a pure function of the input.
///
/// - Complexity: O(n).
///
/// Example:
/// ```swift
/// let packed = SnappyCompressor.compress(Array(repeating: 0x61, count: 100))  // 100 'a' -> 8 bytes
/// ```
public enum SnappyCompressor {
    private static let blockSize = 1 << 16
    private static let hashBits = 14
    private static let inputMargin = 15

    /// Compresses `input` into a Snappy block.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        let capacity = 32 + input.count + input.count / 6
        return [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
            var o = 0
            var n = UInt64(input.count)
            while n >= 0x80 {
                out[o] = UInt8(truncatingIfNeeded: n) | 0x80
                o += 1
                n >>= 7
            }
            out[o] = UInt8(n)
            o += 1
            input.withUnsafeBufferPointer { inBuf in
                guard let base = inBuf.baseAddress else { return }
                var table = [UInt16](repeating: 0, count: 1 << hashBits)
                table.withUnsafeMutableBufferPointer { table in
                    var start = 0
                    while start < inBuf.count {
                        let end = min(inBuf.count, start + blockSize)
                        compressBlock(base, start: start, end: end, table: table, out: out, o: &o)
                        start = end
                    }
                }
            }
            initialized = o
        }
    }

    @inline(__always)
    private static func load32(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt32 {
        UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)
    }

    @inline(__always)
    private static func hash(_ v: UInt32) -> Int {
        Int((v &* 0x1E35_A7BD) >> UInt32(32 - hashBits))
    }

    private static func compressBlock(
        _ p: UnsafePointer<UInt8>, start: Int, end: Int,
        table: UnsafeMutableBufferPointer<UInt16>,
        out: UnsafeMutableBufferPointer<UInt8>, o: inout Int
    ) {
        var nextEmit = start
        if end - start >= inputMargin {
            table.update(repeating: 0)
            let ipLimit = end - inputMargin
            var ip = start + 1
            var nextHash = hash(load32(p, ip))
            outer: while true {
                var skip = 32
                var nextIp = ip
                var candidate = start
                // Probe for a 4-byte match; the step grows by one every 32 misses.
                repeat {
                    ip = nextIp
                    let h = nextHash
                    nextIp = ip + (skip >> 5)
                    skip += 1
                    if nextIp > ipLimit { break outer }
                    nextHash = hash(load32(p, nextIp))
                    candidate = start + Int(table[h])
                    table[h] = UInt16(truncatingIfNeeded: ip - start)
                } while load32(p, ip) != load32(p, candidate)
                emitLiteral(p, from: nextEmit, to: ip, out: out, o: &o)
                // Emit copies for as long as the next position also matches.
                repeat {
                    let matchStart = ip
                    let length = 4 + matchLength(p, candidate + 4, ip + 4, end)
                    ip += length
                    emitCopy(offset: matchStart - candidate, length: length, out: out, o: &o)
                    nextEmit = ip
                    if ip >= ipLimit { break outer }
                    table[hash(load32(p, ip - 1))] = UInt16(truncatingIfNeeded: ip - 1 - start)
                    let h = hash(load32(p, ip))
                    candidate = start + Int(table[h])
                    table[h] = UInt16(truncatingIfNeeded: ip - start)
                } while load32(p, ip) == load32(p, candidate)
                ip += 1
                nextHash = hash(load32(p, ip))
            }
        }
        emitLiteral(p, from: nextEmit, to: end, out: out, o: &o)
    }

    /// Common prefix length of `p[a...]` and `p[b...]` with `b < limit`, compared 8 bytes at a time.
    @inline(__always)
    private static func matchLength(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int, _ limit: Int) -> Int {
        var n = 0
        while b + n + 8 <= limit {
            let x = UnsafeRawPointer(p + a + n).loadUnaligned(as: UInt64.self)
            let y = UnsafeRawPointer(p + b + n).loadUnaligned(as: UInt64.self)
            if x != y { return n + (x ^ y).trailingZeroBitCount / 8 }
            n += 8
        }
        while b + n < limit && p[a + n] == p[b + n] { n += 1 }
        return n
    }

    private static func emitLiteral(
        _ p: UnsafePointer<UInt8>, from: Int, to: Int,
        out: UnsafeMutableBufferPointer<UInt8>, o: inout Int
    ) {
        let length = to - from
        guard length > 0 else { return }
        let n = length - 1
        if n < 60 {
            out[o] = UInt8(n << 2)
            o += 1
        } else {
            var bytes = 0
            var v = n
            while v > 0 { bytes += 1; v >>= 8 }
            out[o] = UInt8((59 + bytes) << 2)
            o += 1
            for k in 0..<bytes { out[o + k] = UInt8(truncatingIfNeeded: n >> (8 * k)) }
            o += bytes
        }
        guard let dst = out.baseAddress else { return }
        (dst + o).update(from: p + from, count: length)
        o += length
    }

    private static func emitCopy(offset: Int, length: Int, out: UnsafeMutableBufferPointer<UInt8>, o: inout Int) {
        var length = length
        // Long matches: 64-byte copies, keeping at least 4 bytes for the last one.
        while length >= 68 {
            emitCopy2(offset: offset, length: 64, out: out, o: &o)
            length -= 64
        }
        if length > 64 {
            emitCopy2(offset: offset, length: 60, out: out, o: &o)
            length -= 60
        }
        if length < 12 && offset < 2048 {
            out[o] = UInt8(((offset >> 8) << 5) | ((length - 4) << 2) | 1)
            out[o + 1] = UInt8(truncatingIfNeeded: offset)
            o += 2
        } else {
            emitCopy2(offset: offset, length: length, out: out, o: &o)
        }
    }

    @inline(__always)
    private static func emitCopy2(offset: Int, length: Int, out: UnsafeMutableBufferPointer<UInt8>, o: inout Int) {
        out[o] = UInt8(((length - 1) << 2) | 2)
        out[o + 1] = UInt8(truncatingIfNeeded: offset)
        out[o + 2] = UInt8(truncatingIfNeeded: offset >> 8)
        o += 3
    }
}
