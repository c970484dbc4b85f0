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
    private var cancelled: [ObjectIdentifier] = []
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

    /// Abandons a transfer (its task was cancelled): it leaves the multi handle and fails with `cancelled`.
    func cancel(_ transfer: CurlTransfer) {
        lock.lock()
        cancelled.append(ObjectIdentifier(transfer))
        lock.unlock()
        curl_multi_wakeup(multi)
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
            let dropped = cancelled
            cancelled.removeAll()
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
            for id in dropped {
                guard let (easy, transfer) = active.first(where: { ObjectIdentifier($0.value) == id }) else { continue }
                curl_multi_remove_handle(multi, easy)
                active.removeValue(forKey: easy)
                transfer.cancel()
            }
            var running: Int32 = 0
            guard curl_multi_perform(multi, &running) == CURLM_OK else { break }
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let result = ccurl_msg_result(message)
                curl_multi_remove_handle(multi, easy)
                if let transfer = active.removeValue(forKey: easy) { transfer.finish(result) }
            }
            var ready: Int32 = 0
            guard curl_multi_poll(multi, nil, 0, 1000, &ready) == CURLM_OK else { break }
        }
        // Stopped, or libcurl failed beyond repair: nothing in flight or queued is left waiting.
        lock.lock()
        stopping = true
        let queued = inbox
        inbox.removeAll()
        lock.unlock()
        for transfer in queued { transfer.cancel() }
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            transfer.cancel()
        }
        active.removeAll()
        curl_multi_cleanup(multi)
    }
}
