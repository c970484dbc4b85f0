import CCurl
import Foundation

/// The thread that drives every transfer of one ``HTTPClient`` through a libcurl multi handle: many requests in
/// flight on one thread, connections kept open and reused between requests to the same host.
///
/// Tasks hand transfers over through a locked inbox and `curl_multi_wakeup`; only this thread touches the multi
/// handle and the easy handles in it.
final class CurlMultiLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var inbox: [CurlTransfer] = []
    private var stopping = false
    /// Transfers in the multi handle, by easy handle address (loop thread only).
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    /// libcurl's global state, set up once before any handle exists.
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Creates the multi handle and starts the loop thread.
    init(maxConnections: Int) throws {
        guard CurlMultiLoop.globalInit == CURLE_OK else { throw HTTPTransportError(.other, "curl_global_init failed") }
        guard let multi = curl_multi_init() else { throw HTTPTransportError(.other, "curl_multi_init failed") }
        self.multi = multi
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxConnections)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnections)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in run() }
        thread.name = "curl-multi"
        thread.start()
    }

    /// Queues a transfer; the loop adds it to the multi handle on its next turn.
    func submit(_ transfer: CurlTransfer) {
        lock.lock()
        let refused = stopping
        if !refused { inbox.append(transfer) }
        lock.unlock()
        if refused { transfer.cancel() } else { curl_multi_wakeup(multi) }
    }

    /// Ends the loop: transfers still in flight fail with `cancelled`.
    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            lock.lock()
            let incoming = inbox
            inbox.removeAll()
            let stop = stopping
            lock.unlock()
            if stop {
                for transfer in incoming { transfer.cancel() }
                break
            }
            for transfer in incoming {
                let code = curl_multi_add_handle(multi, transfer.easy)
                if code == CURLM_OK { active[transfer.easy] = transfer } else { transfer.finish(CURLE_FAILED_INIT) }
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let result = ccurl_msg_result(message)
                curl_multi_remove_handle(multi, easy)
                if let transfer = active.removeValue(forKey: easy) { transfer.finish(result) }
            }
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            transfer.cancel()
        }
        active.removeAll()
        curl_multi_cleanup(multi)
    }
}

/// An HTTP client over libcurl's multi interface: `send` suspends the calling task, never a thread, so hundreds of
/// requests can be in flight from a task group while one thread does all the I/O.
///
/// Connections are reused (keep-alive, HTTP/2 multiplexing over TLS), TLS uses the system CA store, and each
/// request carries its own connect and total timeouts. Example:
/// `let response = try await HTTPClient().send(HTTPRequest(method: "GET", url: "http://127.0.0.1:8080/"))`.
public final class HTTPClient: Sendable {
    private let loop: CurlMultiLoop

    /// Starts a client with at most `maxConnections` open connections.
    /// - Throws: ``HTTPTransportError`` when libcurl cannot be initialised.
    public init(maxConnections: Int = 64) throws {
        loop = try CurlMultiLoop(maxConnections: maxConnections)
    }

    deinit { loop.stop() }

    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: ``HTTPTransportError`` when no response arrived (connection refused or dropped, timeout).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            do {
                let transfer = try CurlTransfer(request, continuation: continuation)
                loop.submit(transfer)
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}
