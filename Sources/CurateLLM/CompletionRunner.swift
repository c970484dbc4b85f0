import CurateCore
import CurateStore
import Foundation

/// One model call to make on behalf of a row.
public struct CompletionJob: Sendable {
    /// The row it is for (a problem id).
    public var id: Int64
    /// The call.
    public var request: CompletionRequest
    /// Ask the server even if the cache has a reply (a row whose cached reply could not be used).
    public var bypassCache: Bool

    /// Creates a job.
    public init(id: Int64, request: CompletionRequest, bypassCache: Bool = false) {
        self.id = id
        self.request = request
        self.bypassCache = bypassCache
    }
}

/// How a job ended.
public enum CompletionOutcome: Sendable {
    /// A usable reply, from the network or the cache.
    case reply(CompletionReply, requestHash: String, attempts: Int, cached: Bool)
    /// No usable reply: the reason (`finish-SAFETY`, `body-not-json`, `http-503 after 8 attempts`, …).
    case failed(reason: String, requestHash: String, attempts: Int)
}

/// Runs model calls for many rows: cache first, then up to `concurrency` requests in flight over one
/// ``HTTPTransport``, transient failures retried per ``RetryPolicy`` without holding a slot, starts paced by `--rpm`.
///
/// Every usable reply is committed to the store's cache the moment it arrives, before `onOutcome` sees it, so a
/// process killed at any point never repeats a call that was answered. A 429 that asks for a second or more pauses
/// every start (the quota is shared); one that asks for longer than `RetryPolicy.maxDelay` stops the run, as does a
/// server that stays unreachable for `maxAttempts` attempts in a row. The API key goes into request headers only;
/// every message that leaves the runner has it redacted.
public struct CompletionRunner: Sendable {
    let client: any HTTPTransport
    let format: LLMWireFormat
    let apiKey: String
    let store: Store
    let settings: CompletionRunnerSettings
    let log: (@Sendable (String) -> Void)?

    /// Creates a runner. `log`, when given, receives one line per attempt (method, URL, status, time; never headers).
    public init(
        client: any HTTPTransport, format: LLMWireFormat, apiKey: String, store: Store, settings: CompletionRunnerSettings,
        log: (@Sendable (String) -> Void)? = nil
    ) {
        self.client = client
        self.format = format
        self.apiKey = apiKey
        self.store = store
        self.settings = settings
        self.log = log
    }

    /// A job on its way to the network, with its cache key (computed once).
    private struct Pending: Sendable {
        let job: CompletionJob
        let key: String
    }

    /// State shared by the workers of one run.
    private struct Run: Sendable {
        let queue: JobQueue<Pending>
        let pacer: RequestPacer
        let counts: Locked<LLMRunCounts>
        /// Attempts in a row that could not connect; any response resets it.
        let unreachable = Locked(0)
        let onOutcome: @Sendable (CompletionJob, CompletionOutcome) throws -> Void
    }

    /// Runs every job; `onOutcome` is called once per job as it ends (from several tasks at once).
    ///
    /// Example: `let counts = try await runner.run(jobs) { job, outcome in try store.record(job.id, outcome) }`.
    /// - Parameters:
    ///   - jobs: the calls to make, one per row.
    ///   - progress: called with (jobs ended, jobs sent to the network) as calls end.
    ///   - onOutcome: stores a job's reply or failure; an error it throws stops the run.
    /// - Returns: calls, cache hits, retries and failures by reason, tokens.
    /// - Throws: ``LLMError`` when the server refuses the requests themselves, cannot be reached, or asks to wait
    ///   longer than the retry policy allows; errors of `onOutcome` (the store) also stop the run. Jobs in flight
    ///   are abandoned; every job that ended before is stored.
    public func run(
        _ jobs: [CompletionJob], progress: (@Sendable (Int, Int) -> Void)? = nil,
        onOutcome: @escaping @Sendable (CompletionJob, CompletionOutcome) throws -> Void
    ) async throws -> LLMRunCounts {
        let counts = Locked(LLMRunCounts())
        var toCall: [Pending] = []
        for job in jobs {
            let key = job.request.cacheKey(format)
            if !settings.refresh, !job.bypassCache, let cached = try store.cachedReply(requestHash: key),
                case .reply(let reply, _) = format.parseReply(Array(cached.response.utf8))
            {
                counts.update { $0.cacheHits += 1 }
                try onOutcome(job, .reply(reply, requestHash: key, attempts: 0, cached: true))
            } else {
                toCall.append(Pending(job: job, key: key))
            }
        }
        let total = toCall.count
        guard total > 0 else { return counts.value }
        let run = Run(
            queue: JobQueue(toCall), pacer: RequestPacer(perMinute: settings.requestsPerMinute), counts: counts,
            onOutcome: onOutcome)
        let finished = Locked(0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, min(settings.concurrency, total)) {
                group.addTask {
                    while let (pending, attempt) = try await run.queue.next() {
                        try await run.pacer.waitTurn()
                        if try await attemptJob(pending, attempt: attempt, run: run) {
                            let done = finished.update { n -> Int in
                                n += 1; return n
                            }
                            progress?(done, total)
                        }
                    }
                }
            }
            // The first error leaves this loop, and the group cancels the other workers and their requests.
            for try await _ in group {}
        }
        return counts.value
    }

    /// One HTTP attempt; returns true when the job ended (reply or failure), false when it went back for a retry.
    /// A job that ended, or whose attempt threw, leaves the queue's in-flight count.
    private func attemptJob(_ pending: Pending, attempt: Int, run: Run) async throws -> Bool {
        do {
            let ended = try await attemptOnce(pending, attempt: attempt, run: run)
            if ended { await run.queue.finish() }
            return ended
        } catch {
            await run.queue.finish()
            throw error
        }
    }

    /// The attempt itself; a retry puts the job back in the queue and returns false.
    private func attemptOnce(_ pending: Pending, attempt: Int, run: Run) async throws -> Bool {
        let job = pending.job, key = pending.key
        let request = format.httpRequest(job.request, apiKey: apiKey, timeout: settings.timeout, connectTimeout: settings.connectTimeout)
        run.counts.update { $0.calls += 1 }
        let started = ContinuousClock.now
        let result: AttemptResult
        do {
            let response = try await client.send(request)
            run.unreachable.update { $0 = 0 }
            result = format.classify(response)
            log?("POST \(request.url) -> \(response.status) HTTP/\(response.httpVersion) in \(elapsed(since: started)) (row \(job.id), attempt \(attempt))")
        } catch let error as HTTPTransportError {
            log?("POST \(request.url) -> \(error.kind.rawValue) in \(elapsed(since: started)) (row \(job.id), attempt \(attempt)): \(redact(error.message))")
            guard error.isRetryable else {
                throw LLMError("cannot send to \(format.endpoint(model: job.request.model)): \(error.kind.rawValue): \(redact(error.message))")
            }
            if error.kind == .cannotConnect,
                run.unreachable.update({ n -> Int in
                    n += 1; return n
                }) >= settings.retry.maxAttempts
            {
                throw LLMError(
                    "cannot reach \(format.endpoint(model: job.request.model)) after \(settings.retry.maxAttempts) attempts in a row: \(redact(error.message))")
            }
            result = .transient(reason: error.kind.rawValue, retryAfter: nil)
        }
        switch result {
        case let .reply(reply, body):
            try store.cacheReply(
                requestHash: key, api: format.api.rawValue, model: job.request.model,
                reply: CachedReply(response: body, tokensIn: reply.tokensIn, tokensOut: reply.tokensOut))
            run.counts.update {
                $0.tokensIn += reply.tokensIn; $0.tokensOut += reply.tokensOut
            }
            try run.onOutcome(job, .reply(reply, requestHash: key, attempts: attempt, cached: false))
        case let .transient(reason, retryAfter):
            if let asked = retryAfter, asked > settings.retry.maxDelay {
                throw LLMError(
                    "the server asks to wait \(String(format: "%g", asked)) s before the next request (\(reason)), more than --max-delay "
                        + "\(String(format: "%g", settings.retry.maxDelay)) s: the quota is probably spent; rerun later, answered rows are kept")
            }
            if attempt < settings.retry.maxAttempts {
                run.counts.update { $0.retries[reason, default: 0] += 1 }
                let wait = settings.retry.delay(afterAttempt: attempt, serverAsked: retryAfter)
                if reason == "http-429", let asked = retryAfter, asked >= 1 { await run.pacer.pause(seconds: asked) }
                log?("  retry of row \(job.id) in \(String(format: "%.2f", wait)) s (\(reason))")
                await run.queue.retry(pending, attempt: attempt + 1, after: wait)
                return false
            }
            run.counts.update { $0.failures[reason, default: 0] += 1 }
            try run.onOutcome(job, .failed(reason: "\(reason) after \(attempt) attempts", requestHash: key, attempts: attempt))
        case let .rejected(reason):
            run.counts.update { $0.failures[reason, default: 0] += 1 }
            try run.onOutcome(job, .failed(reason: reason, requestHash: key, attempts: attempt))
        case let .fatal(status, message):
            throw LLMError(status: status, "\(redact(message)) (POST \(request.url))")
        }
        return true
    }

    /// `text` with every occurrence of the API key replaced.
    func redact(_ text: String) -> String {
        apiKey.count >= 4 ? text.replacingOccurrences(of: apiKey, with: "[redacted]") : text
    }

    private func elapsed(since start: ContinuousClock.Instant) -> String {
        let d = ContinuousClock.now - start
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.3f s", seconds)
    }
}
