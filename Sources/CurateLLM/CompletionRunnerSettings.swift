/// Limits and switches of a run of model calls.
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
    public init(
        concurrency: Int = 8, requestsPerMinute: Int? = nil, retry: RetryPolicy = RetryPolicy(), timeout: Double = 120,
        connectTimeout: Double = 10, refresh: Bool = false
    ) {
        self.concurrency = concurrency
        self.requestsPerMinute = requestsPerMinute
        self.retry = retry
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.refresh = refresh
    }
}
