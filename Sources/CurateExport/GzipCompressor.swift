import CZlib

/// Owns one zlib deflate stream and compresses buffers into the gzip format (Parquet's GZIP codec).
///
/// The stream is reset between calls, so one compressor serves many pages. zlib writes mtime 0 and a
/// fixed OS byte, so equal input gives equal output. Not thread-safe: use one per thread.
///
/// Example:
/// ```swift
/// let gz = try GzipCompressor(level: 6)
/// let packed = try gz.compress(Array("hello".utf8))
/// ```
public final class GzipCompressor {
    private let stream: UnsafeMutablePointer<z_stream>
    /// The zlib level (0...9, or -1 for zlib's default 6).
    public let level: Int32

    /// Initialises a deflate stream.
    /// - Throws: `ExportError(.compression)` when zlib refuses the parameters.
    public init(level: Int32 = 6) throws {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.level = level
        let rc = czlib_deflate_init_gzip(stream, level)
        guard rc == Z_OK else {
            // Every stored property is set, so `deinit` runs after this throw and frees the stream
            // (deflateEnd on a stream zlib never initialised just returns Z_STREAM_ERROR).
            throw ExportError(.compression, "deflateInit2 failed with code \(rc)", file: "level \(level)")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input` in one shot.
    /// - Throws: `ExportError(.compression)` if zlib reports an error.
    /// - Complexity: O(n), zlib's deflate (LZ77 + Huffman).
    public func compress(_ input: [UInt8]) throws -> [UInt8] {
        var rc = deflateReset(stream)
        guard rc == Z_OK else { throw ExportError(.compression, "deflateReset failed with code \(rc)") }
        let bound = Int(deflateBound(stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var produced = 0
        rc = input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.pointee.avail_in = uInt(inBuf.count)
                stream.pointee.next_out = outBuf.baseAddress
                stream.pointee.avail_out = uInt(outBuf.count)
                let result = deflate(stream, Z_FINISH)
                produced = outBuf.count - Int(stream.pointee.avail_out)
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
                return result
            }
        }
        guard rc == Z_STREAM_END else {
            throw ExportError(.compression, "deflate did not finish (code \(rc))", file: "\(input.count) input bytes")
        }
        output.removeSubrange(produced...)
        return output
    }
}
