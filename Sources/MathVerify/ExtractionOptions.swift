/// How a final answer is pulled out of a whole model response.
public struct ExtractionOptions: Sendable {
    /// Policy for the response format.
    public enum Policy: Sendable {
        /// Last `\boxed{}`/`\fbox{}` (nearby boxes joined), then "final answer is", then the last math span, then the last number.
        case standard
        /// DeepScaleR: only the text after `</think>` counts, and only a `\boxed{...}` there gives an answer.
        case deepScaleR
    }
    /// Only boxed answers count (no phrase or last-expression fallback).
    public var strict: Bool
    /// Response policy.
    public var policy: Policy
    /// Longest text between two boxes that still lets them join into one answer list.
    public var maxJoinGap: Int

    /// Creates options.
    public init(strict: Bool = false, policy: Policy = .standard, maxJoinGap: Int = 60) {
        self.strict = strict
        self.policy = policy
        self.maxJoinGap = maxJoinGap
    }
}
