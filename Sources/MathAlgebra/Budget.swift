/// Step and size limits for one algebraic computation. Work is bounded by counts, never by wall clock,
/// so the same input always gives the same answer.
///
/// Example: `var b = Budget(); try b.spend(10)`.
public struct Budget: Sendable {
    /// Remaining abstract steps.
    public var steps: Int
    /// Largest exact integer allowed, in bits.
    public var maxBits: Int
    /// Largest number of terms in a polynomial.
    public var maxTerms: Int

    /// Creates a budget.
    public init(steps: Int = 20_000, maxBits: Int = 4_096, maxTerms: Int = 512) {
        self.steps = steps
        self.maxBits = maxBits
        self.maxTerms = maxTerms
    }

    /// Consumes `n` steps; throws `.budgetExhausted` when none are left.
    public mutating func spend(_ n: Int = 1) throws(AlgebraFailure) {
        steps -= n
        if steps < 0 { throw .budgetExhausted }
    }
}

/// Why an algebraic computation stopped.
public enum AlgebraFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// A number would exceed the size budget (e.g. `9^{9^{9^9}}`).
    case tooLarge
    /// The step budget ran out.
    case budgetExhausted
    /// Division by zero or an undefined value.
    case undefined
    /// A construct the canonical form does not model (sets, relations, infinity…).
    case unsupported(String)

    /// Short text.
    public var description: String {
        switch self {
        case .tooLarge: return "too large"
        case .budgetExhausted: return "budget exhausted"
        case .undefined: return "undefined"
        case .unsupported(let s): return "unsupported: \(s)"
        }
    }
}
