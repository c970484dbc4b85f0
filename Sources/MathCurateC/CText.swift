/// Reading strings handed over by C callers: pointer + byte length, UTF-8 (invalid bytes become U+FFFD).
enum CText {
    /// The string at `pointer` of `length` bytes; nil for a negative length or a NULL pointer with bytes.
    static func string(_ pointer: UnsafePointer<CChar>?, _ length: Int64) -> String? {
        guard length >= 0 else { return nil }
        if length == 0 { return "" }
        guard let pointer else { return nil }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self)
        }
    }

    /// `count` strings packed in one byte buffer, string i at `bytes[offsets[i] ..< offsets[i + 1]]`.
    struct PackedStrings: @unchecked Sendable {
        let bytes: UnsafePointer<UInt8>?
        let offsets: UnsafePointer<Int64>

        /// Checks the offsets (count + 1 of them, non-negative, non-decreasing); nil when they are not.
        init?(_ bytes: UnsafePointer<CChar>?, _ offsets: UnsafePointer<Int64>?, count: Int) {
            guard let offsets, offsets[0] >= 0 else { return nil }
            for i in 0..<count where offsets[i + 1] < offsets[i] { return nil }
            if offsets[count] > offsets[0], bytes == nil { return nil }
            self.bytes = bytes.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) }
            self.offsets = offsets
        }

        /// String `i`, decoded.
        subscript(i: Int) -> String {
            let start = Int(offsets[i]), end = Int(offsets[i + 1])
            guard end > start, let bytes else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
        }
    }
}
