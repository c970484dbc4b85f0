import CZlib

/// Inflates Parquet's GZIP pages (gzip or zlib wrapper, detected by zlib) into a buffer of known size.
///
/// Example: `try GzipDecompressor.decompress(packed, length: 1_024, location: "page")`.
public enum GzipDecompressor {
    /// The `length` uncompressed bytes of `input`.
    /// - Throws: `ExportError(.malformed)` naming `location` when zlib fails or the size differs.
    public static func decompress(_ input: [UInt8], length: Int, location: String) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflate_init_auto(&stream) == Z_OK else {
            throw ExportError(.compression, "inflateInit2 failed", file: location)
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: length)
        var input = input
        let rc = input.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard rc == Z_STREAM_END, Int(stream.total_out) == length else {
            throw ExportError(
                .malformed, "bad gzip data (zlib code \(rc), \(stream.total_out) of \(length) bytes)",
                file: location)
        }
        return output
    }
}
