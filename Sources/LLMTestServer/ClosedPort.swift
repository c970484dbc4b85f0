import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A port on 127.0.0.1 where nothing listens, held for as long as this value lives: a socket is bound to it and never
/// listens, so a connection is refused and no other server (another test's, running at the same time) can be given
/// the port. A test of an unreachable server uses this instead of a stopped ``TestHTTPServer``, whose freed port the
/// system may hand to the next server that binds port 0.
public final class ClosedPort: Sendable {
    private let fd: Int32
    /// The held port.
    public let port: Int

    /// Binds a free port without listening.
    /// - Throws: an error naming the socket call that failed.
    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(fd)
            throw ServerError("cannot bind 127.0.0.1:0: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
}
