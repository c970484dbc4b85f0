/// How often and how long to wait before trying a transient failure again.
///
/// A 429 waits what the server asked (`RetryInfo.retryDelay`, else `Retry-After`); otherwise attempt *n* waits a
/// random time in [d/2, d] with d = `baseDelay` × 2^(n-1), capped at `maxDelay` ("equal jitter", so clients that
/// failed together do not retry together).
///
/// Example: `RetryPolicy(maxAttempts: 4).delay(afterAttempt: 2, serverAsked: nil)` is between 0.25 and 0.5 s.
public struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// Wait after the first failure, in seconds (before jitter).
    public var baseDelay: Double
    /// Longest wait between two attempts, in seconds.
    public var maxDelay: Double

    /// Creates a policy.
    public init(maxAttempts: Int = 8, baseDelay: Double = 0.25, maxDelay: Double = 60) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Seconds to wait after failed attempt `attempt` (1-based), given what the server asked for.
    public func delay(afterAttempt attempt: Int, serverAsked: Double?) -> Double {
        if let serverAsked, serverAsked >= 0 { return serverAsked }
        var d = baseDelay
        for _ in 1..<max(1, attempt) { d = min(d * 2, maxDelay) }
        return d * Double.random(in: 0.5...1)
    }
}
