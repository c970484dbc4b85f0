import MathAlgebra
import MathSyntax

/// Scalar comparison with percent, degree and decimal-tolerance conventions.
extension Comparison {
    mutating func compareScalars(_ g: Expr, _ a: Expr) -> Verdict {
        let base = verdict(ScalarComparison.compare(g, a, budget: options.budget))
        if base.isEquivalent { return base }
        // Percent and degrees: p% ≡ p ≡ p/100 written as a plain number; x° ≡ x ≡ xπ/180.
        let (gs, gUnit) = Normalize.stripUnitPostfix(g)
        let (as_, aUnit) = Normalize.stripUnitPostfix(a)
        if gUnit != nil || aUnit != nil {
            if gUnit == aUnit || gUnit == nil || aUnit == nil {
                if verdict(ScalarComparison.compare(gs, as_, budget: options.budget)).isEquivalent {
                    return .equivalent(.unitConvention)
                }
            }
            let unit = gUnit ?? aUnit
            if gUnit == nil || aUnit == nil, let u = unit {
                let scaled: Expr
                switch u {
                case .percent: scaled = .quotient(gUnit == nil ? as_ : gs, .integer(100))
                default: scaled = .quotient(.product([gUnit == nil ? as_ : gs, .constant(.pi)]), .integer(180))
                }
                let other = gUnit == nil ? gs : as_
                if verdict(ScalarComparison.compare(other, scaled, budget: options.budget)).isEquivalent {
                    return .equivalent(.unitConvention)
                }
            }
        }
        if let t = toleranceVerdict(g, a) { return t }
        return base
    }

    func verdict(_ outcome: ScalarOutcome) -> Verdict {
        switch outcome {
        case .equal(let how):
            switch how {
            case "structural": return .equivalent(.structural)
            case "exact value": return .equivalent(.exactValue)
            case "canonical form": return .equivalent(.canonicalForm)
            default: return .equivalent(.numeric)
            }
        case .different(let why): return .different(why)
        case .unknown(let why): return .undecided(why)
        }
    }

    /// Rounded-decimal and relative-tolerance acceptance (only when enabled).
    func toleranceVerdict(_ g: Expr, _ a: Expr) -> Verdict? {
        guard options.acceptRoundedDecimals || options.relativeTolerance != nil else { return nil }
        guard !g.hasFreeSymbols, !a.hasFreeSymbols else { return nil }
        var ev = NumericEvaluator(assignment: [:])
        guard let x = ev.value(g), let y = ev.value(a), x.isFinite, y.isFinite,
            abs(x.im) < 1e-12, abs(y.im) < 1e-12
        else { return nil }
        if let tol = options.relativeTolerance, abs(x.re - y.re) <= tol * max(abs(x.re), abs(y.re)) {
            return .equivalent(.tolerance)
        }
        if options.acceptRoundedDecimals {
            for (dec, exact) in [(g, y.re), (a, x.re)] {
                guard let places = Normalize.decimalPlaces(dec), places >= 1 else { continue }
                var ev2 = NumericEvaluator(assignment: [:])
                guard let d = ev2.value(dec)?.re else { continue }
                var unit = 1.0
                for _ in 0..<places { unit /= 10 }
                let err = abs(d - exact)
                let significant = Normalize.significantDigits(dec) ?? 0
                if significant >= 2, err <= unit * 0.5 * (1 + 1e-9) || (err < unit && abs(exact) > abs(d)) {
                    return .equivalent(.tolerance)
                }
            }
        }
        return nil
    }
}
