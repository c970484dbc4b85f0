#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finding one byte in a buffer with the C library's vectorised `memchr` (the extractor's scans of 1–2 KB responses
/// for `<`, `\` and the first byte of a phrase spend most of their time between candidates).
enum ByteScan {
    /// The first index `>= from` where `bytes` holds `byte`, or nil.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from >= 0, from < bytes.count, let base = bytes.baseAddress,
            let hit = memchr(base + from, Int32(byte), bytes.count - from)
        else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    /// `firstIndex(of:in:from:)` on an array.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { firstIndex(of: byte, in: $0, from: from) }
    }

    /// The first index `>= from` where the bytes `needle` occur in `bytes`, or nil (nil for an empty needle or a
    /// negative `from`). A plain scan: most callers search short answers, where a `memchr` call per candidate costs
    /// more than it saves (the `</think>` search of a whole response is one linear pass either way).
    static func firstMatch(of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let first = needle.first, from >= 0 else { return nil }
        var i = from
        while i + needle.count <= bytes.count {
            if bytes[i] == first {
                var k = 1
                while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// `firstMatch(of:in:from:)` on arrays.
    static func firstMatch(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        needle.withUnsafeBufferPointer { n in bytes.withUnsafeBufferPointer { firstMatch(of: n, in: $0, from: from) } }
    }

    /// True when some UTF-8 byte of `text` satisfies `test` (a loop over the string's buffer, specialised per call site).
    @inline(__always)
    static func containsByte(in text: String, where test: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { b in
            for byte in b where test(byte) { return true }
            return false
        }
    }

    /// The indices of a lowercase ASCII letter and of its capital in `bytes`, ascending (two `memchr` scans).
    static func indices(ofLetter letter: UInt8, in bytes: [UInt8]) -> [Int] {
        var out: [Int] = []
        for byte in [letter, letter - 32] {
            var i = 0
            while let at = firstIndex(of: byte, in: bytes, from: i) {
                out.append(at)
                i = at + 1
            }
        }
        return out.count > 1 ? out.sorted() : out
    }
}

/// The answer of a byte-level fast path: decided (a value, or nil for none), or not applicable to this text
/// (non-ASCII bytes, a CR), where the Character-level path must answer.
enum ByteLevel<Value> {
    case decided(Value?)
    case notApplicable
}
