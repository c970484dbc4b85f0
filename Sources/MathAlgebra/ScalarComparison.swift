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
        var ba = budget, bb = budget
        let pa: Polynomial, pb: Polynomial
        do {
            pa = try CanonicalForm.polynomial(a, budget: &ba)
            pb = try CanonicalForm.polynomial(b, budget: &bb)
        } catch let failure {
            switch failure {
            case .tooLarge, .budgetExhausted, .undefined: return .unknown(failure.description)
            case .unsupported: return numericCompare(a, b)
            }
        }
        let d = pa - pb
        if d.isZero {
            return pa.constantValue != nil ? .equal("exact value") : .equal("canonical form")
        }
        if pa.constantValue != nil && pb.constantValue != nil { return .different("exact values differ") }
        if d.isTransparent { return .different("canonical forms differ") }
        return numericZeroTest(d, symbols: a.freeSymbols.union(b.freeSymbols))
    }

    /// Seeded sample points in [0.35, 2.95], avoiding simple rationals.
    static func points(for symbols: Set<String>, count: Int) -> [[String: Complex]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let names = symbols.sorted()
        var out: [[String: Complex]] = []
        for _ in 0..<count {
            var p: [String: Complex] = [:]
            for n in names {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let u = Double(state >> 11) / Double(1 << 53)
                p[n] = Complex(0.35 + 2.6 * u)
            }
            out.append(p)
        }
        return out
    }

    /// Numeric test that a canonical polynomial vanishes, relative to the magnitude of its terms.
    static func numericZeroTest(_ d: Polynomial, symbols: Set<String>) -> ScalarOutcome {
        var valid = 0
        var close = 0
        for point in points(for: symbols, count: 6) {
            var ev = NumericEvaluator(assignment: point)
            var total = Complex(0)
            var scale = 0.0
            var ok = true
            for (m, c) in d.terms {
                var v = Complex(c.doubleValue)
                for (atom, e) in m.factors {
                    guard let av = ev.atomValue(atom) else { ok = false; break }
                    v = v * av.power(e)
                }
                if !ok { break }
                total = total + v
                scale += v.magnitude
            }
            guard ok, total.isFinite, scale.isFinite, scale > 0 else { continue }
            valid += 1
            let r = total.magnitude / scale
            if r <= 1e-10 { close += 1 } else if r > 1e-6 { return .different("numeric difference at a sample point") }
        }
        if valid >= 3 && close == valid { return .equal("numeric identity") }
        return .unknown("numeric check inconclusive")
    }

    /// Numeric comparison of two expressions that have no canonical form.
    static func numericCompare(_ a: Expr, _ b: Expr) -> ScalarOutcome {
        var valid = 0
        var close = 0
        for point in points(for: a.freeSymbols.union(b.freeSymbols), count: 6) {
            var ev = NumericEvaluator(assignment: point)
            guard let x = ev.value(a), let y = ev.value(b), x.isFinite, y.isFinite else { continue }
            valid += 1
            let scale = max(x.magnitude, y.magnitude)
            let diff = (x - y).magnitude
            if diff <= 1e-10 * scale || scale < 1e-300 { close += 1 }
            else if diff > 1e-6 * scale { return .different("numeric difference at a sample point") }
        }
        if valid >= 3 && close == valid {
            if a.freeSymbols.isEmpty && b.freeSymbols.isEmpty { return .unknown("constants agree numerically only") }
            return .equal("numeric identity")
        }
        return .unknown("numeric check inconclusive")
    }
}

extension NumericEvaluator {
    /// The numeric value of one atom.
    mutating func atomValue(_ atom: Atom) -> Complex? {
        switch atom {
        case .variable(let s): return assignment[s] ?? NumericEvaluator.pseudoFunction(s, [])
        case .pi: return Complex(Double.pi)
        case .e: return Complex.exp(Complex(1))
        case .imaginary: return Complex(0, 1)
        case .radical(let r, let n): return Complex.pow(Complex(Rational(big: r, 1).doubleValue), Complex(1.0 / Double(n)))
        case .opaque(let x): return value(x)
        }
    }
}
