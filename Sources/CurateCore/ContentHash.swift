/// A fast 128-bit fingerprint of bytes, stable across runs and machines: detects a changed source row.
///
/// Not cryptographic (use ``SHA256`` where an adversary could choose the input); about ten times faster than our
/// SHA-256, which matters on the ingest hot path. Each 8-byte little-endian word is folded into two lanes by
/// multiply-rotate steps with different constants; the length and a final avalanche (SplitMix64) finish it.
/// Example: `var h = ContentHash(); h.update(Array("abc".utf8)); h.hex` is 32 hex digits.
public struct ContentHash: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var length: UInt64 = 0
    private var tail: UInt64 = 0
    private var tailCount: UInt64 = 0

    /// A fresh fingerprint.
    public init() {}

    /// Feeds the UTF-8 bytes of a text. - Complexity: O(n).
    public mutating func update(_ text: String) {
        var copy = text
        copy.withUTF8 { update(buffer: $0) }
    }

    /// Feeds bytes. - Complexity: O(n).
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update(buffer: $0) }
    }

    /// Feeds bytes, whole 8-byte words at a time once the pending tail is empty.
    private mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(buffer.count)
        var i = 0
        while i < buffer.count && tailCount != 0 { takeByte(buffer[i]); i += 1 }
        while i + 8 <= buffer.count {
            var word: UInt64 = 0
            for k in 0..<8 { word |= UInt64(buffer[i + k]) << (UInt64(k) * 8) }
            mix(word)
            i += 8
        }
        while i < buffer.count { takeByte(buffer[i]); i += 1 }
    }

    private mutating func takeByte(_ byte: UInt8) {
        tail |= UInt64(byte) << (tailCount * 8)
        tailCount += 1
        if tailCount == 8 { mix(tail); tail = 0; tailCount = 0 }
    }

    private mutating func mix(_ word: UInt64) {
        a = ((a ^ word) &* 0x87C3_7B91_1142_53D5).rotated(31)
        b = ((b ^ word) &* 0x4CF5_AD43_2745_937F).rotated(29) &+ a
    }

    /// The 32-digit lower-case hex of the fingerprint.
    public var hex: String {
        var copy = self
        copy.mix(copy.tail ^ (copy.tailCount << 56))
        copy.mix(copy.length)
        return SHA256.hexString(bytes(ContentHash.avalanche(copy.a ^ copy.b.rotated(17))) + bytes(ContentHash.avalanche(copy.b &+ copy.a)))
    }

    private static func avalanche(_ x: UInt64) -> UInt64 {
        SplitMix64.mix(x &+ SplitMix64.increment)
    }

    private func bytes(_ x: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: x >> (56 - 8 * $0)) } }
}

extension UInt64 {
    @inline(__always) fileprivate func rotated(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
