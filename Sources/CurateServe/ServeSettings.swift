import MathVerify

/// Everything `curate serve` is started with.
///
/// Example: `ServeSettings(host: "127.0.0.1", port: 8000)` serves on loopback with DeepScaleR's reward values.
public struct ServeSettings: Sendable {
    /// Address to bind (default loopback only).
    public var host: String
    /// Port to bind; 0 picks a free one (printed when the server is up).
    public var port: Int
    /// Event-loop threads, and the threads one large `/grade` batch is spread over.
    public var threads: Int
    /// The grader (extraction policy, tolerance); by default DeepScaleR's policy, as `curate serve` has.
    public var grader: Grader
    /// Rewards for right, wrong and no answer (`/get_reward`).
    public var rewards: RewardValues
    /// Largest request body accepted, in bytes; larger ones get 413.
    public var maxBodyBytes: Int
    /// When set, every route but `/health` needs `Authorization: Bearer <token>`.
    public var bearerToken: String?

    /// Creates settings.
    public init(
        host: String = "127.0.0.1", port: Int = 8000, threads: Int = 2,
        grader: Grader = Grader(options: Grader.Options(extraction: ExtractionOptions(policy: .deepScaleR))),
        rewards: RewardValues = RewardValues(), maxBodyBytes: Int = 64 << 20, bearerToken: String? = nil
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.grader = grader
        self.rewards = rewards
        self.maxBodyBytes = maxBodyBytes
        self.bearerToken = bearerToken
    }
}
