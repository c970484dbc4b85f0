import CurateCore
import Hummingbird

/// Responses with a JSON (or other) body built from bytes.
enum JSONResponse {
    /// A 200 (or other status) response carrying `bytes` as `contentType`.
    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An error response: `{"error": message}` with `status`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var out: [UInt8] = Array(#"{"error":"#.utf8)
        JSONValue.writeString(message, into: &out)
        out.append(contentsOf: "}\n".utf8)
        return bytes(out, status: status)
    }
}
