import CurateCore
import CurateStore
import Foundation

/// One model call to make on behalf of a row.
public struct CompletionJob: Sendable {
    /// The row it is for (a problem id).
    public var id: Int64
    /// The call.
    public var request: CompletionRequest

    /// Creates a job.
    public init(id: Int64, request: CompletionRequest) {
        self.id = id
        self.request = request
    }
}

/// How a job ended.
public enum CompletionOutcome: Sendable {
    /// A usable reply, from the network or the cache.
    case reply(CompletionReply, requestHash: String, attempts: Int, cached: Bool)
    /// No usable reply: the reason (`finish-SAFETY`, `body-not-json`, `http-503 after 8 attempts`, …).
    case failed(reason: String, requestHash: String, attempts: Int)
}

/// Limits and switches of a run.
public struct CompletionRunnerSettings: Sendable {
    /// Requests in flight at once.
    public var concurrency: Int
    /// Request starts per minute, when limited.
    public var requestsPerMinute: Int?
    /// Retries of transient failures.
    public var retry: RetryPolicy
    /// Total time limit of one request, in seconds.
    public var timeout: Double
    /// Connect time limit, in seconds.
    public var connectTimeout: Double
    /// Ignore cached replies (new replies still replace them in the cache).
    public var refresh: Bool

    /// Creates settings.
    public init(concurrency: Int = 8, requestsPerMinute: Int? = nil, retry: RetryPolicy = RetryPolicy(), timeout: Double = 120,
                connectTimeout: Double = 10, refresh: Bool = false) {
        self.concurrency = concurrency
        self.requestsPerMinute = requestsPerMinute
        self.retry = retry
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.refresh = refresh
    }
}

/// Runs model calls for many rows: cache first, then up to `concurrency` requests in flight over one
/// ``HTTPClient``, transient failures retried per ``RetryPolicy`` without holding a slot, starts paced by `--rpm`.
///
/// Every usable reply is committed to the store's cache the moment it arrives, before `onOutcome` sees it, so a
/// process killed at any point never repeats a call that was answered. The API key goes into request headers only;
/// every message that leaves the runner has it redacted.
public struct CompletionRunner: Sendable {
    let client: HTTPClient
    let format: LLMWireFormat
    let apiKey: String
    let store: Store
    let settings: CompletionRunnerSettings
    let log: (@Sendable (String) -> Void)?

    /// Creates a runner. `log`, when given, receives one line per attempt (method, URL, status, time; never headers).
    public init(client: HTTPClient, format: LLMWireFormat, apiKey: String, store: Store, settings: CompletionRunnerSettings,
                log: (@Sendable (String) -> Void)? = nil) {
        self.client = client
        self.format = format
        self.apiKey = apiKey
        self.store = store
        self.settings = settings
        self.log = log
    }

    /// Runs every job; `onOutcome` is called once per job as it ends (from several tasks at once).
    /// - Throws: ``LLMError`` when the server refuses the requests themselves or cannot be reached; errors of
    ///   `onOutcome` (the store) also stop the run.
    public func run(_ jobs: [CompletionJob], progress: (@Sendable (Int, Int) -> Void)? = nil,
                    onOutcome: @escaping @Sendable (CompletionJob, CompletionOutcome) throws -> Void) async throws -> LLMRunCounts {
        let counts = Locked(LLMRunCounts())
        var toCall: [CompletionJob] = []
        for job in jobs {
            let key = job.request.cacheKey(api: format.api)
            if !settings.refresh, let cached = try store.cachedReply(requestHash: key),
               case .reply(let reply, _) = format.parseReply(Array(cached.response.utf8)) {
                counts.update { $0.cacheHits += 1 }
                try onOutcome(job, .reply(reply, requestHash: key, attempts: 0, cached: true))
            } else {
                toCall.append(job)
            }
        }
        let total = toCall.count
        guard total > 0 else { return counts.value }
        let queue = JobQueue(toCall)
        let pacer = settings.requestsPerMinute.map { RequestPacer(perMinute: $0) }
        let finished = Locked(0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, min(settings.concurrency, total)) {
                group.addTask {
                    while let (job, attempt) = try await queue.next() {
                        try await pacer?.waitTurn()
                        let ended = try await attemptJob(job, attempt: attempt, queue: queue, counts: counts, onOutcome: onOutcome)
                        if ended {
                            let done = finished.update { n -> Int in n += 1; return n }
                            progress?(done, total)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        return counts.value
    }

    /// One HTTP attempt; returns true when the job ended (reply or failure), false when it went back for a retry.
    private func attemptJob(_ job: CompletionJob, attempt: Int, queue: JobQueue<CompletionJob>, counts: Locked<LLMRunCounts>,
                            onOutcome: @Sendable (CompletionJob, CompletionOutcome) throws -> Void) async throws -> Bool {
        let key = job.request.cacheKey(api: format.api)
        let request = format.httpRequest(job.request, apiKey: apiKey, timeout: settings.timeout, connectTimeout: settings.connectTimeout)
        counts.update { $0.calls += 1 }
        let started = ContinuousClock.now
        let result: AttemptResult
        do {
            let response = try await client.send(request)
            result = format.classify(response)
            log?("POST \(request.url) -> \(response.status) HTTP/\(response.httpVersion) in \(elapsed(since: started)) (row \(job.id), attempt \(attempt))")
        } catch let error as HTTPTransportError {
            log?("POST \(request.url) -> \(error.kind.rawValue) in \(elapsed(since: started)) (row \(job.id), attempt \(attempt)): \(redact(error.message))")
            switch error.kind {
            case .timeout, .connectionLost, .other: result = .transient(reason: error.kind.rawValue, retryAfter: nil)
            case .cannotConnect, .tls, .cancelled: throw LLMError("cannot reach \(format.endpoint(model: job.request.model)): \(redact(error.message))")
            }
        }
        switch result {
        case let .reply(reply, body):
            try store.cacheReply(requestHash: key, api: format.api.rawValue, model: job.request.model,
                                 reply: CachedReply(response: body, tokensIn: reply.tokensIn, tokensOut: reply.tokensOut))
            counts.update { $0.tokensIn += reply.tokensIn; $0.tokensOut += reply.tokensOut }
            try onOutcome(job, .reply(reply, requestHash: key, attempts: attempt, cached: false))
        case let .transient(reason, retryAfter):
            if attempt < settings.retry.maxAttempts {
                counts.update { $0.retries[reason, default: 0] += 1 }
                let wait = settings.retry.delay(afterAttempt: attempt, serverAsked: retryAfter)
                log?("  retry of row \(job.id) in \(String(format: "%.2f", wait)) s (\(reason))")
                await queue.retry(job, attempt: attempt + 1, after: wait)
                return false
            }
            let why = "\(reason) after \(attempt) attempts"
            counts.update { $0.failures[reason, default: 0] += 1 }
            try onOutcome(job, .failed(reason: why, requestHash: key, attempts: attempt))
        case let .rejected(reason):
            counts.update { $0.failures[reason, default: 0] += 1 }
            try onOutcome(job, .failed(reason: reason, requestHash: key, attempts: attempt))
        case let .fatal(status, message):
            throw LLMError(status: status, "\(redact(message)) (POST \(request.url))")
        }
        await queue.finish()
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
