import CurateCore
import Hummingbird

/// Responses with a JSON (or other) body built from bytes.
enum JSONResponse {
    /// Bodies longer than this go out in pieces of this size, each write waiting until the socket takes more, so
    /// that little is left in the channel's buffer when the body is written (see ``ServerDrain``).
    static let chunkBytes = 64 * 1024

    /// A 200 (or other status) response carrying `bytes` as `contentType`.
    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        let buffer = ByteBuffer(bytes: bytes)
        let body =
            bytes.count <= chunkBytes
            ? ResponseBody(byteBuffer: buffer)
            : ResponseBody(contentLength: bytes.count) { writer in
                var rest = buffer
                while rest.readableBytes > 0, let chunk = rest.readSlice(length: Swift.min(chunkBytes, rest.readableBytes)) {
                    try await writer.write(chunk)
                }
                try await writer.finish(nil)
            }
        return Response(status: status, headers: [.contentType: contentType], body: body)
    }

    /// An error response: `{"error": message}` with `status`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var out: [UInt8] = Array(#"{"error":"#.utf8)
        JSONValue.writeString(message, into: &out)
        out.append(contentsOf: "}\n".utf8)
        return bytes(out, status: status)
    }
}
