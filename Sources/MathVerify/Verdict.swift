/// The outcome of grading an answer against a gold answer.
///
/// `Equatable` is structural; use `isEquivalent` for the reward.
///
/// Example: `Grader().grade(gold: "1/2", answer: "0.5")` is `.equivalent(.exactValue)`.
public enum Verdict: Hashable, Sendable, CustomStringConvertible {
    /// The answer is equivalent to the gold answer, proved by the named strategy.
    case equivalent(Strategy)
    /// The answer is not equivalent, for the stated reason.
    case different(String)
    /// The grader could not decide (counts as not equivalent for rewards).
    case undecided(String)

    /// True only for `.equivalent`.
    public var isEquivalent: Bool { if case .equivalent = self { return true }; return false }

    /// Short text: `equivalent (strategy)`, `different: reason`, `undecided: reason`.
    public var description: String {
        switch self {
        case .equivalent(let s): return "equivalent (\(s.rawValue))"
        case .different(let r): return "different: \(r)"
        case .undecided(let r): return "undecided: \(r)"
        }
    }
}

/// The strategy that proved an equivalence.
public enum Strategy: String, Hashable, Sendable {
    /// Identical text after trimming.
    case identicalText = "identical text"
    /// Identical normalised syntax trees.
    case structural
    /// Equal exact rational values.
    case exactValue = "exact value"
    /// Equal canonical algebraic forms.
    case canonicalForm = "canonical form"
    /// Agreement at seeded random points (and a vanishing canonical difference where available).
    case numeric = "numeric identity"
    /// Equal as tuples, sets, intervals, matrices or lists, element by element.
    case elementwise
    /// Same relation (equation or inequality, possibly rescaled or flipped).
    case relation
    /// Interval equals the inequality or membership form.
    case intervalRelation = "interval/inequality"
    /// Multiple-choice letter or its text.
    case choice = "multiple choice"
    /// Same text answer.
    case text
    /// A decimal accepted as a correct rounding or within the configured tolerance.
    case tolerance
    /// Percent or degree convention.
    case unitConvention = "percent/degree convention"
    /// Equal quantities once their units are converted (`6 km` and `6000 m`).
    case unitConversion = "unit conversion"
}
