/// One HTTP request as the client sends it: method, absolute URL, headers, body and time limits.
///
/// Headers that carry secrets (an API key) travel only here: the client never logs or stores a request's headers.
public struct HTTPRequest: Sendable {
    /// `POST` or `GET`.
    public var method: String
    /// The absolute URL (`http://` or `https://`).
    public var url: String
    /// Header lines as (name, value) pairs, sent in this order.
    public var headers: [(String, String)]
    /// The request body (empty for a GET).
    public var body: [UInt8]
    /// Longest wait for the TCP (and TLS) connection, in seconds.
    public var connectTimeout: Double
    /// Longest time for the whole exchange, in seconds.
    public var timeout: Double

    /// Creates a request.
    public init(
        method: String = "POST", url: String, headers: [(String, String)] = [], body: [UInt8] = [],
        connectTimeout: Double = 10, timeout: Double = 120
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// A complete HTTP response: status, headers (names lower-cased) and body.
public struct HTTPResponse: Sendable {
    /// The status code, e.g. 200 or 429.
    public var status: Int
    /// Header values by lower-cased name (the last one when repeated).
    public var headers: [String: String]
    /// The body bytes, decoded from gzip/deflate when the server compressed them.
    public var body: [UInt8]
    /// The HTTP version that carried the response: "1.1" or "2".
    public var httpVersion: String

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8], httpVersion: String = "1.1") {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A request that got no HTTP response: the connection failed, dropped, or the time ran out.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure; decides whether a retry can help.
    public enum Kind: String, Sendable {
        /// No connection could be made (refused, unknown host).
        case cannotConnect = "cannot-connect"
        /// The connect or total timeout ran out.
        case timeout
        /// The connection dropped before a full response arrived.
        case connectionLost = "connection-lost"
        /// TLS failed (certificate, handshake).
        case tls
        /// The request cannot be sent as written (malformed URL, unsupported protocol, redirect loop).
        case invalidRequest = "invalid-request"
        /// The client is shutting down, or the task was cancelled.
        case cancelled
        /// Anything else libcurl reported.
        case other
    }

    /// The failure family.
    public var kind: Kind
    /// libcurl's explanation, with the URL's host but never a header.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `kind: message`.
    public var description: String { "\(kind.rawValue): \(message)" }

    /// True when trying the same request again may succeed: timeouts, dropped connections, refused connections
    /// (a server restarting), and other transient libcurl failures.
    public var isRetryable: Bool { kind == .timeout || kind == .connectionLost || kind == .cannotConnect || kind == .other }
}
