import MathAlgebra
import MathSyntax

/// The number sets as intervals where they are intervals (`ℝ` = (-∞, ∞), `ℝ+` = (0, ∞), `ℝ-` = (-∞, 0)), a set
/// minus finitely many points (`ℝ \setminus \{0\}` = (-∞, 0) ∪ (0, ∞)), and the discrete sets (`ℤ`, `ℕ`, `ℚ`, `ℂ`)
/// compared by name where that decides.
extension IntervalForm {
    /// The intervals of a real number set, nil for the other sets.
    static func intervals(numberSet name: String) -> [Interval]? {
        switch name {
        case "ℝ": return [Interval(lo: nil, hi: nil, loClosed: false, hiClosed: false)]
        case "ℝ+": return [Interval(lo: .integer(0), hi: nil, loClosed: false, hiClosed: false)]
        case "ℝ-": return [Interval(lo: nil, hi: .integer(0), loClosed: false, hiClosed: false)]
        default: return nil
        }
    }

    /// `A \setminus \{p, q, …\}` for intervals A and numeric points: each point inside an interval splits it, a
    /// point at a closed end opens it. Nil when a point cannot be placed (not a number, or a symbolic bound).
    static func removing(_ points: [Expr], from parts: [Interval]) -> [Interval]? {
        var out = parts
        for p in points {
            guard let x = realValue(p) else { return nil }
            var next: [Interval] = []
            for i in out {
                let lo: Double? = i.lo.map(realValue) ?? -.infinity, hi: Double? = i.hi.map(realValue) ?? .infinity
                guard let l = lo, let h = hi else { return nil }
                if x > l && x < h {
                    next.append(Interval(lo: i.lo, hi: p, loClosed: i.loClosed, hiClosed: false, variable: i.variable))
                    next.append(Interval(lo: p, hi: i.hi, loClosed: false, hiClosed: i.hiClosed, variable: i.variable))
                } else {
                    var j = i
                    if x == l { j.loClosed = false }
                    if x == h { j.hiClosed = false }
                    next.append(j)
                }
            }
            out = next
        }
        return out
    }

    /// The value of a real constant, nil for anything else.
    static func realValue(_ e: Expr) -> Double? {
        guard !e.hasFreeSymbols else { return nil }
        var ev = NumericEvaluator(assignment: [:])
        guard let v = ev.value(e), v.isFinite, abs(v.im) < 1e-12 else { return nil }
        return v.re
    }

    /// True for the shapes `compareNumberSets` reads: a number set, or a set minus points.
    static func isNumberSetShape(_ e: Expr) -> Bool {
        if e.kind == .symbol { return e.numberSet != nil }
        if e.kind == .apply, case .apply("setminus", _) = e.view { return true }
        return false
    }

    /// Compares when either side is a number set or a set minus points.
    static func compareNumberSets(_ g: Expr, _ a: Expr, with c: inout Comparison) -> Verdict {
        // A plain name (`R`) may be a variable: it is not taken for the set it spells.
        if g.kind == .symbol && g.numberSet == nil || a.kind == .symbol && a.numberSet == nil {
            return .different("a number set against a name")
        }
        if let x = intervals(g), let y = intervals(a) { return compareLists(x, y, with: &c) }
        switch (g.numberSet, a.numberSet) {
        case (let x?, let y?):
            if discreteKey(x) == discreteKey(y) { return .equivalent(.elementwise) }
            if x.hasPrefix("ℕ") != y.hasPrefix("ℕ") || x.hasPrefix("ℕ") {
                if Set([x, y]).isSubset(of: ["ℕ", "ℕ*", "ℕ+", "ℤ+"]) { return .undecided("ℕ may or may not hold 0") }
            }
            return .different("different number sets")
        default:
            return .different("a number set against another kind of answer")
        }
    }

    /// One name per discrete set written several ways (the positive integers: `ℤ+`, `ℕ+`, `ℕ*`).
    static func discreteKey(_ name: String) -> String {
        name == "ℤ+" || name == "ℕ+" || name == "ℕ*" ? "positive integers" : name
    }
}
