/// Decodes Snappy's raw format (no framing), the codec pyarrow writes by default.
///
/// Format (google/snappy `format_description.txt`): a varint with the uncompressed length, then elements whose tag
/// byte's low two bits say literal (length in the tag, or in 1-4 following bytes), or a copy with a 1-, 2- or 4-byte
/// offset back into the output. Every length and offset is checked against the output, so corrupt input gives
/// `ExportError(.malformed)` rather than a crash or an out-of-bounds read.
///
/// - Complexity: O(n) in the uncompressed length.
///
/// Example: `try SnappyDecompressor.decompress(SnappyCompressor.compress(bytes), location: "page") == bytes`.
public enum SnappyDecompressor {
    /// The uncompressed bytes of `input`.
    /// - Parameter expectedLength: when known (Parquet's page header), the length the preamble must give.
    /// - Throws: `ExportError(.malformed)` naming `location` when the input is not valid Snappy.
    public static func decompress(_ input: [UInt8], expectedLength: Int? = nil, location: String) throws -> [UInt8] {
        func bad(_ what: String) -> ExportError { ExportError(.malformed, "bad Snappy data: \(what)", file: location) }
        var i = 0
        var length = 0
        var shift = 0
        while true {
            guard i < input.count, shift < 35 else { throw bad("truncated length preamble") }
            let byte = input[i]
            i += 1
            length |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        if let expectedLength, expectedLength != length {
            throw bad("preamble says \(length) bytes, the page header \(expectedLength)")
        }
        var output = [UInt8](repeating: 0, count: length)
        var o = 0
        try input.withUnsafeBufferPointer { src in
            try output.withUnsafeMutableBufferPointer { dst in
                while i < src.count {
                    let tag = src[i]
                    i += 1
                    switch tag & 3 {
                    case 0:
                        var n = Int(tag >> 2)
                        if n >= 60 {
                            let extra = n - 59
                            guard i + extra <= src.count else { throw bad("truncated literal length") }
                            n = 0
                            for k in 0..<extra { n |= Int(src[i + k]) << (8 * k) }
                            i += extra
                        }
                        n += 1
                        guard i + n <= src.count, o + n <= length else { throw bad("literal past the end") }
                        for k in 0..<n { dst[o + k] = src[i + k] }
                        i += n
                        o += n
                    default:
                        let n: Int
                        let offset: Int
                        switch tag & 3 {
                        case 1:
                            guard i < src.count else { throw bad("truncated copy") }
                            n = 4 + Int((tag >> 2) & 7)
                            offset = Int(tag >> 5) << 8 | Int(src[i])
                            i += 1
                        case 2:
                            guard i + 2 <= src.count else { throw bad("truncated copy") }
                            n = 1 + Int(tag >> 2)
                            offset = Int(src[i]) | Int(src[i + 1]) << 8
                            i += 2
                        default:
                            guard i + 4 <= src.count else { throw bad("truncated copy") }
                            n = 1 + Int(tag >> 2)
                            offset = Int(src[i]) | Int(src[i + 1]) << 8 | Int(src[i + 2]) << 16 | Int(src[i + 3]) << 24
                            i += 4
                        }
                        guard offset > 0, offset <= o, o + n <= length else { throw bad("copy outside the output") }
                        // Byte by byte: an overlapping copy (offset < n) repeats the pattern, as the format intends.
                        for k in 0..<n { dst[o + k] = dst[o - offset + k] }
                        o += n
                    }
                }
            }
        }
        guard o == length else { throw bad("\(o) bytes decoded, the preamble says \(length)") }
        return output
    }
}
