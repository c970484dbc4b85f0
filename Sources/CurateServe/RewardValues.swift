/// The reward handed back for each outcome of a graded response.
///
/// The defaults are what DeepScaleR trained with: its reward function returns whether the answer is correct, and
/// verl turns that into 1 for right and 0 for wrong or for no `\boxed{}` answer. (DeepScaleR's `RewardConfig` also
/// names -1 for wrong and for format errors; pass `--wrong-reward -1 --no-answer-reward -1` for those.)
public struct RewardValues: Sendable, Equatable {
    /// The reward for an answer equivalent to the label.
    public var right: Double
    /// The reward for an answer that is different or undecided.
    public var wrong: Double
    /// The reward when no final answer was found in the response.
    public var noAnswer: Double

    /// Creates reward values (defaults: 1, 0, 0).
    public init(right: Double = 1, wrong: Double = 0, noAnswer: Double = 0) {
        self.right = right
        self.wrong = wrong
        self.noAnswer = noAnswer
    }
}
