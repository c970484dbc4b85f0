import Foundation

/// What a run of model calls did: calls made, cache hits, retries, failures by reason, tokens in and out.
public struct LLMRunCounts: Sendable, Equatable {
    /// HTTP requests sent (retries included).
    public var calls = 0
    /// Requests answered from the store's cache, with no call.
    public var cacheHits = 0
    /// Attempts that failed transiently and were tried again, by reason (`http-429`, `timeout`, …).
    public var retries: [String: Int] = [:]
    /// Requests that ended without a usable reply, by reason.
    public var failures: [String: Int] = [:]
    /// Prompt tokens of the calls made (cache hits excluded).
    public var tokensIn = 0
    /// Output tokens of the calls made.
    public var tokensOut = 0

    /// Creates empty counts.
    public init() {}

    /// Total retries.
    public var retryCount: Int { retries.values.reduce(0, +) }

    /// One line: `calls 512, cache hits 0, retries 51 (http-429 26, http-503 25), failures 0, tokens 10240 in / 2048 out`.
    public var summary: String {
        func breakdown(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "" : " (" + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }
        return "calls \(calls), cache hits \(cacheHits), retries \(retryCount)\(breakdown(retries)), "
            + "failures \(failures.values.reduce(0, +))\(breakdown(failures)), tokens \(tokensIn) in / \(tokensOut) out"
    }
}
