import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A request as the test server received it.
public struct ReceivedRequest: Sendable {
    /// 0 for the first request the server received, then 1, 2, …
    public var index: Int
    /// `POST`, `GET`, …
    public var method: String
    /// The path with its query, e.g. `/v1beta/models/m:generateContent`.
    public var path: String
    /// Header values by lower-cased name.
    public var headers: [String: String]
    /// The body bytes.
    public var body: [UInt8]
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// What the server does with one request.
public enum ScriptedReply: Sendable {
    /// Wait `delay` seconds, then send this status, headers and body.
    case respond(status: Int, headers: [(String, String)], body: [UInt8], delay: Double)
    /// Wait `delay` seconds, then close the connection without a response.
    case drop(delay: Double)
}

/// A small HTTP/1.1 server on 127.0.0.1 for tests and benchmarks: a real listening socket, one thread per
/// connection, keep-alive, and a handler that scripts each reply (status, body, latency, or a dropped connection).
/// It stops (socket closed, connections shut) when `stop()` is called or the server value is released.
///
/// It exists so the LLM client is tested over real HTTP, not a fake transport. Example:
/// `let server = try TestHTTPServer { _ in .respond(status: 200, headers: [], body: Array("ok".utf8), delay: 0) }`.
public final class TestHTTPServer: Sendable {
    private let core: ServerCore

    /// Starts listening on 127.0.0.1:`port` (0 picks a free port).
    /// - Throws: an error naming the socket call that failed.
    public init(port: Int = 0, handler: @escaping @Sendable (ReceivedRequest) -> ScriptedReply) throws {
        core = try ServerCore(port: port, handler: handler)
    }

    deinit { core.stop() }

    /// The port the server listens on.
    public var port: Int { core.port }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(core.port)" }

    /// Every request received so far, in arrival order.
    public var requests: [ReceivedRequest] { core.requests }

    /// Connections accepted so far (a client that reuses connections opens few).
    public var connectionCount: Int { core.connectionCount }

    /// Stops accepting and closes every open connection.
    public func stop() { core.stop() }
}

/// The listening socket, its threads and what they record. Threads hold the core, never the ``TestHTTPServer``,
/// so releasing the server stops them.
final class ServerCore: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let handler: @Sendable (ReceivedRequest) -> ScriptedReply
    private let lock = NSLock()
    private var received: [ReceivedRequest] = []
    private var openConnections: Set<Int32> = []
    private var accepted = 0
    private var stopped = false

    init(port: Int, handler: @escaping @Sendable (ReceivedRequest) -> ScriptedReply) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 256) == 0 else {
            close(fd)
            throw ServerError("cannot listen on 127.0.0.1:\(port): errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "test-server-accept"
        thread.start()
    }

    var requests: [ReceivedRequest] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    var connectionCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return accepted
    }

    func stop() {
        lock.lock()
        let already = stopped
        stopped = true
        let connections = openConnections
        lock.unlock()
        guard !already else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            var noDelay: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            lock.lock()
            let refuse = stopped
            if !refuse {
                openConnections.insert(fd)
                accepted += 1
            }
            lock.unlock()
            if refuse {
                close(fd)
                return
            }
            let thread = Thread { [self] in serve(fd) }
            thread.name = "test-server-connection"
            thread.start()
        }
    }

    /// Serves requests on one connection until the client closes it or a reply drops it.
    private func serve(_ fd: Int32) {
        var reader = HTTPRequestReader(fd: fd)
        defer {
            lock.lock()
            openConnections.remove(fd)
            lock.unlock()
            close(fd)
        }
        while let parsed = reader.next() {
            lock.lock()
            let request = ReceivedRequest(
                index: received.count, method: parsed.method, path: parsed.path,
                headers: parsed.headers, body: parsed.body)
            received.append(request)
            lock.unlock()
            switch handler(request) {
            case let .drop(delay):
                if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                shutdown(fd, Int32(SHUT_RDWR))
                return
            case let .respond(status, headers, body, delay):
                if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                var head = "HTTP/1.1 \(status) \(ServerCore.reason(status))\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { head += "Content-Type: application/json\r\n" }
                head += "Content-Length: \(body.count)\r\n\r\n"
                guard writeAll(fd, Array(head.utf8) + body) else { return }
            }
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status"
        }
    }
}

/// A failure to start the test server.
public struct ServerError: Error, CustomStringConvertible {
    /// What failed.
    public var description: String
    init(_ message: String) { description = message }
}
