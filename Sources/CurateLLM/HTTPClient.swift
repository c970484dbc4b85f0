import CurateCore

/// The transport the model clients send requests through: one request in, its complete response out. The real
/// implementation is ``HTTPClient`` (libcurl); tests use it too, against a real server on 127.0.0.1.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: ``HTTPTransportError`` when no response arrived.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// An HTTP client over libcurl's multi interface: `send` suspends the calling task, never a thread, so hundreds of
/// requests can be in flight from a task group while one thread does all the I/O.
///
/// Connections are reused (keep-alive, HTTP/2 multiplexing over TLS), TLS uses the system CA store, and each
/// request carries its own connect and total timeouts. Cancelling the calling task abandons its request. Example:
/// `let response = try await HTTPClient().send(HTTPRequest(method: "GET", url: "http://127.0.0.1:8080/"))`.
public final class HTTPClient: HTTPTransport {
    private let loop: CurlMultiLoop

    /// Starts a client with at most `maxConnections` open connections.
    /// - Throws: ``HTTPTransportError`` when libcurl cannot be initialised.
    public init(maxConnections: Int = 64) throws {
        loop = try CurlMultiLoop(maxConnections: maxConnections)
    }

    deinit { loop.stop() }

    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: ``HTTPTransportError`` when no response arrived (connection refused or dropped, timeout,
    ///   the task cancelled).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let submitted = Locked<CurlTransfer?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                do {
                    let transfer = try CurlTransfer(request, continuation: continuation)
                    submitted.update { $0 = transfer }
                    loop.submit(transfer)
                    if Task.isCancelled { loop.cancel(transfer) }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if let transfer = submitted.value { loop.cancel(transfer) }
        }
    }
}
