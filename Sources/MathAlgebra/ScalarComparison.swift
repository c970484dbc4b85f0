import MathSyntax

/// Outcome of comparing two scalar expressions.
public enum ScalarOutcome: Hashable, Sendable {
    /// Equal, with the strategy that proved it.
    case equal(String)
    /// Different, with the reason.
    case different(String)
    /// Could not decide (budget, size, unsupported construct, numeric near-tie).
    case unknown(String)

    /// True for `.equal`.
    public var isEqual: Bool { if case .equal = self { return true }; return false }
}

/// Decides equality of two scalar expressions.
///
/// Strategies, in order: structural equality; exact rational values; canonical polynomial forms
/// (a non-zero difference with only transparent atoms proves a difference); numeric evaluation of the
/// canonical difference at seeded points, relative to the size of its own terms (so `2^{100}x` vs
/// `(2^{100}+1)x` differ); plain numeric evaluation when no canonical form exists.
///
/// Example: `ScalarComparison.compare(parse("(x+1)^2"), parse("x^2+2x+1"))` is `.equal("canonical form")`.
public enum ScalarComparison {
    /// Compares `a` and `b`.
    /// - Parameter budget: step and size budget for each side.
    /// - Complexity: bounded by `budget`.
    public static func compare(_ a: Expr, _ b: Expr, budget: Budget = Budget()) -> ScalarOutcome {
        if a == b { return .equal("structural") }
        if let literals = integerLiterals(a, b) { return literals }
        if let quick = quickConstantReject(a, b) { return quick }
        var ba = budget, bb = budget
        let pa: Polynomial, pb: Polynomial
        do {
            pa = try CanonicalForm.polynomial(a, budget: &ba)
            pb = try CanonicalForm.polynomial(b, budget: &bb)
        } catch let failure {
            switch failure {
            case .tooLarge, .budgetExhausted, .undefined: return .unknown(failure.description)
            case .unsupported:
                if a.containsDecimalLiteral || b.containsDecimalLiteral { return .unknown("decimal against a non-algebraic value") }
                return numericCompare(a, b)
            }
        }
        let d = pa - pb
        if d.isZero {
            return pa.constantValue != nil ? .equal("exact value") : .equal("canonical form")
        }
        if pa.constantValue != nil && pb.constantValue != nil { return .different("exact values differ") }
        if d.isTransparent { return .different("canonical forms differ") }
        // A decimal literal is exact: agreement to many digits with a transcendental value is not a proof.
        if a.containsDecimalLiteral || b.containsDecimalLiteral { return .unknown("decimal against a non-algebraic value") }
        return numericZeroTest(d, symbols: a.freeSymbols.union(b.freeSymbols))
    }

    /// Two different integer literals (possibly negated, at most 18 digits): the outcome the general path reaches,
    /// without an evaluator or canonical forms. `quickConstantReject` sees the exact doubles of both literals (its
    /// intermediate bound holds trivially) and answers "values differ" when they are far apart; otherwise the constant
    /// forms differ. Nil for anything else, including equal values (left to the general path).
    static func integerLiterals(_ a: Expr, _ b: Expr) -> ScalarOutcome? {
        guard let x = a.smallInteger, let y = b.smallInteger, x != y else { return nil }
        let dx = Double(x), dy = Double(y)
        let scale = max(abs(dx), abs(dy))
        if scale > 1e-9, scale < 1e12, abs(dx - dy) > 1e-6 * scale { return .different("values differ") }
        return .different("exact values differ")
    }

    /// Two constants whose double values differ far beyond their rounding error are different (no exact work needed).
    /// Sound because every intermediate is bounded: the error is < 1e-12 of the larger value, the gap > 1e-6.
    static func quickConstantReject(_ a: Expr, _ b: Expr) -> ScalarOutcome? {
        guard a.size <= 64, b.size <= 64 else { return nil }
        var ea = NumericEvaluator(assignment: [:], budget: Budget(steps: 256))
        var eb = NumericEvaluator(assignment: [:], budget: Budget(steps: 256))
        guard !a.hasFreeSymbols, !b.hasFreeSymbols,
            let x = ea.value(a), let y = eb.value(b), x.isFinite, y.isFinite
        else { return nil }
        let scale = max(x.magnitude, y.magnitude)
        guard scale > 1e-9, scale < 1e12, ea.largest < 1e3 * max(x.magnitude, 1e-3), eb.largest < 1e3 * max(y.magnitude, 1e-3)
        else { return nil }
        return (x - y).magnitude > 1e-6 * scale ? .different("values differ") : nil
    }

    /// Seeded sample points in [0.35, 2.95], avoiding simple rationals: values for the symbols in sorted order.
    static func points(for symbols: Set<String>, count: Int, mixedSigns: Bool = false) -> [SamplePoint] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let names = symbols.sorted()
        var out: [SamplePoint] = []
        out.reserveCapacity(count)
        for k in 0..<count {
            var values: [Complex] = []
            values.reserveCapacity(names.count)
            for j in names.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let u = Double(state >> 11) / Double(1 << 53)
                let sign: Double = mixedSigns && (k + j) % 2 == 0 ? -1 : 1
                values.append(Complex(sign * (0.35 + 2.6 * u)))
            }
            out.append(SamplePoint(names: names, values: values))
        }
        return out
    }

    /// Numeric test that a canonical polynomial vanishes, relative to the magnitude of its terms.
    static func numericZeroTest(_ d: Polynomial, symbols: Set<String>) -> ScalarOutcome {
        let positive = numericZeroTest(d, at: points(for: symbols, count: 6))
        guard positive.isEqual, !symbols.isEmpty else { return positive }
        // Identities that hold only for positive values (|x| = x, √(x²) = x) are not accepted.
        if case .different = numericZeroTest(d, at: points(for: symbols, count: 6, mixedSigns: true)) {
            return .unknown("equal only for positive values")
        }
        return positive
    }

    static func numericZeroTest(_ d: Polynomial, at samples: [SamplePoint]) -> ScalarOutcome {
        let form = NumericForm(d)
        var valid = 0
        var close = 0
        for point in samples {
            var ev = NumericEvaluator(point: point)
            var atomValues = [Complex?](repeating: nil, count: form.atoms.count)
            var total = Complex(0)
            var scale = 0.0
            var ok = true
            for term in form.terms {
                var v = Complex(term.coefficient)
                for (k, e) in term.factors {
                    if atomValues[k] == nil { atomValues[k] = ev.atomValue(form.atoms[k]) }
                    guard let av = atomValues[k] else { ok = false; break }
                    v = v * av.power(e)
                }
                if !ok { break }
                total = total + v
                scale += v.magnitude
            }
            guard ok, total.isFinite, scale.isFinite, scale > 0 else { continue }
            // Constants built from tiny or huge intermediates (sin(π/2^{99}), 1 − cos(π/2^{98})) cancel below double
            // precision: no numeric verdict for them.
            if point.isEmpty, ev.smallest < 1e-8 || ev.largest > 1e8 { return .unknown("constant beyond double precision") }
            valid += 1
            let r = total.magnitude / scale
            // Constants get one evaluation and no variable to vary: demand near machine precision and a moderate size,
            // so near-ties such as e^{π√163} vs 640320³+744 stay undecided.
            let threshold = point.isEmpty ? 1e-13 : 1e-10
            if point.isEmpty, scale > 1e8, r <= 1e-6 { return .unknown("large constants agree numerically only") }
            if r <= threshold { close += 1 } else if r > 1e-6 { return .different("numeric difference at a sample point") }
        }
        if valid >= 3 && close == valid { return .equal("numeric identity") }
        return .unknown("numeric check inconclusive")
    }

    /// Numeric comparison of two expressions that have no canonical form.
    static func numericCompare(_ a: Expr, _ b: Expr) -> ScalarOutcome {
        let symbols = a.freeSymbols.union(b.freeSymbols)
        let positive = numericCompare(a, b, at: points(for: symbols, count: 6))
        guard positive.isEqual, !symbols.isEmpty else { return positive }
        if case .different = numericCompare(a, b, at: points(for: symbols, count: 6, mixedSigns: true)) {
            return .unknown("equal only for positive values")
        }
        return positive
    }

    static func numericCompare(_ a: Expr, _ b: Expr, at samples: [SamplePoint]) -> ScalarOutcome {
        var valid = 0
        var close = 0
        for point in samples {
            var ev = NumericEvaluator(point: point)
            guard let x = ev.value(a), let y = ev.value(b), x.isFinite, y.isFinite else { continue }
            valid += 1
            let scale = max(x.magnitude, y.magnitude)
            let diff = (x - y).magnitude
            if diff <= 1e-10 * scale || scale < 1e-300 { close += 1 } else if diff > 1e-6 * scale { return .different("numeric difference at a sample point") }
        }
        if valid >= 3 && close == valid {
            if !a.hasFreeSymbols && !b.hasFreeSymbols { return .unknown("constants agree numerically only") }
            return .equal("numeric identity")
        }
        return .unknown("numeric check inconclusive")
    }
}

extension Expr {
    /// True when a terminating decimal literal with a fractional part occurs anywhere.
    public var containsDecimalLiteral: Bool { decimalSearch(depth: 0) }

    private func decimalSearch(depth: Int) -> Bool {
        if depth > 64 { return false }
        switch view {
        case .number(let n): return !n.fractionDigits.isEmpty || n.exponent10 < 0
        case .sum(let xs), .product(let xs), .apply(_, let xs): return xs.contains { $0.decimalSearch(depth: depth + 1) }
        case .power(let a, let b): return a.decimalSearch(depth: depth + 1) || b.decimalSearch(depth: depth + 1)
        case .negate(let x), .postfix(_, let x): return x.decimalSearch(depth: depth + 1)
        default: return false
        }
    }
}

/// A canonical polynomial prepared for evaluation at many points: its distinct atoms listed once (each is evaluated
/// once per point, however many terms share it) and its coefficients converted to doubles once.
struct NumericForm {
    /// One term: its coefficient and its factors as (index into `atoms`, exponent).
    struct Term {
        var coefficient: Double
        var factors: [(Int, Int)]
    }
    private(set) var atoms: [Atom] = []
    private(set) var terms: [Term] = []

    init(_ p: Polynomial) {
        for (m, c) in p.terms {
            var factors: [(Int, Int)] = []
            for (atom, e) in m.factors {
                if let k = atoms.firstIndex(of: atom) {
                    factors.append((k, e))
                } else {
                    atoms.append(atom)
                    factors.append((atoms.count - 1, e))
                }
            }
            terms.append(Term(coefficient: c.doubleValue, factors: factors))
        }
    }
}

extension NumericEvaluator {
    /// The numeric value of one atom.
    mutating func atomValue(_ atom: Atom) -> Complex? {
        switch atom {
        case .variable(let s): return variableValue(s)
        case .pi: return Complex(Double.pi)
        case .e: return Complex.exp(Complex(1))
        case .imaginary: return Complex(0, 1)
        case .radical(let r, let n): return Complex.pow(Complex(Rational(big: r, BigConstant.one).doubleValue), Complex(1.0 / Double(n)))
        case .opaque(let x): return value(x)
        }
    }
}
