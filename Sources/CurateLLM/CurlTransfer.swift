import Foundation
import CCurl

/// One request in flight: a curl easy handle configured for it, the buffers its callbacks fill, and the
/// continuation waiting for the result. Owned by ``CurlMultiLoop``; the handle is freed in `deinit`.
final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Bytes a libcurl callback appends to: one for the body, one for the header lines.
    private final class ByteSink {
        var bytes: [UInt8] = []
    }

    private let bodySink = ByteSink()
    private let headerSink = ByteSink()
    private var continuation: CheckedContinuation<HTTPResponse, Error>?

    /// Configures an easy handle for `request`. - Throws: ``HTTPTransportError`` when libcurl refuses an option.
    init(_ request: HTTPRequest, continuation: CheckedContinuation<HTTPResponse, Error>) throws {
        guard let easy = curl_easy_init() else { throw HTTPTransportError(.other, "curl_easy_init failed") }
        self.easy = easy
        self.continuation = continuation
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure(request)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    private func check(_ code: CURLcode, _ what: String) throws {
        guard code == CURLE_OK else {
            throw HTTPTransportError(.other, "cannot set \(what): \(String(cString: curl_easy_strerror(code)))")
        }
    }

    private func configure(_ request: HTTPRequest) throws {
        try check(ccurl_setopt_str(easy, CURLOPT_URL, request.url), "the URL")
        try check(ccurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try check(ccurl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout * 1000)), "the connect timeout")
        try check(ccurl_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(request.timeout * 1000)), "the timeout")
        // HTTP/2 over TLS when the server offers it (ALPN); HTTP/1.1 on plain connections.
        try check(ccurl_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)), "the HTTP version")
        try check(ccurl_setopt_str(easy, CURLOPT_ACCEPT_ENCODING, ""), "Accept-Encoding")
        try check(ccurl_setopt_str(easy, CURLOPT_USERAGENT, "MathCurate/0.1 (libcurl)"), "the user agent")
        try check(ccurl_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer), "the error buffer")
        switch request.method {
        case "GET":
            try check(ccurl_setopt_long(easy, CURLOPT_HTTPGET, 1), "GET")
        case "POST":
            try check(ccurl_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)), "the body size")
            try request.body.withUnsafeBufferPointer { buffer in
                // COPYPOSTFIELDS copies the bytes, so the body need not outlive this call.
                let base = buffer.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                try check(ccurl_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, base ?? UnsafeMutableRawPointer(errorBuffer)), "the body")
            }
        default:
            throw HTTPTransportError(.other, "unsupported method \(request.method)")
        }
        // An empty Expect stops curl from waiting for `100 Continue` before sending a large body.
        for (name, value) in request.headers + [("Expect", "")] {
            // "Name:" with nothing after the colon removes a header curl would add by itself.
            guard let list = curl_slist_append(headerList, value.isEmpty ? "\(name):" : "\(name): \(value)") else {
                throw HTTPTransportError(.other, "cannot add a header")
            }
            headerList = list
        }
        try check(ccurl_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "the headers")
        try check(ccurl_setopt_ptr(easy, CURLOPT_PRIVATE, Unmanaged.passUnretained(self).toOpaque()), "PRIVATE")
        // One callback for body and header bytes: each appends to the sink its data pointer names. The sinks live
        // as long as this transfer, which outlives the handle.
        let append: curl_write_callback = { data, size, count, context in
            guard let data, let context else { return 0 }
            let n = size * count
            let sink = Unmanaged<ByteSink>.fromOpaque(context).takeUnretainedValue()
            data.withMemoryRebound(to: UInt8.self, capacity: n) { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
            return n
        }
        try check(ccurl_setopt_callback(easy, CURLOPT_WRITEFUNCTION, append), "the write callback")
        try check(ccurl_setopt_ptr(easy, CURLOPT_WRITEDATA, Unmanaged.passUnretained(bodySink).toOpaque()), "WRITEDATA")
        try check(ccurl_setopt_callback(easy, CURLOPT_HEADERFUNCTION, append), "the header callback")
        try check(ccurl_setopt_ptr(easy, CURLOPT_HEADERDATA, Unmanaged.passUnretained(headerSink).toOpaque()), "HEADERDATA")
    }

    /// Resumes the waiting task with the response or the transport error for `code`; called once, on the loop thread.
    func finish(_ code: CURLcode) {
        guard let continuation else { return }
        self.continuation = nil
        guard code == CURLE_OK else {
            continuation.resume(throwing: transportError(code))
            return
        }
        var status = 0
        ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var version = 0
        ccurl_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        continuation.resume(
            returning: HTTPResponse(
                status: status, headers: parsedHeaders(), body: bodySink.bytes,
                httpVersion: version == Int(CURL_HTTP_VERSION_2_0) ? "2" : "1.1"))
    }

    /// Fails the waiting task (the client is shutting down).
    func cancel() {
        continuation?.resume(throwing: HTTPTransportError(.cancelled, "the HTTP client was shut down"))
        continuation = nil
    }

    private func transportError(_ code: CURLcode) -> HTTPTransportError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return HTTPTransportError(.timeout, message)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return HTTPTransportError(.cannotConnect, message)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return HTTPTransportError(.connectionLost, message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
            return HTTPTransportError(.tls, message)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_TOO_MANY_REDIRECTS, CURLE_BAD_FUNCTION_ARGUMENT:
            return HTTPTransportError(.invalidRequest, message)
        default: return HTTPTransportError(.other, message)
        }
    }

    /// Header fields of the final response (a `100 Continue` block or redirect block before it is discarded).
    private func parsedHeaders() -> [String: String] {
        var fields: [String: String] = [:]
        for line in String(decoding: headerSink.bytes, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("HTTP/") { fields = [:]; continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }
}
