import MathAlgebra
import MathSyntax

/// Intervals, unions and their inequality / membership forms.
enum IntervalForm {
    /// One interval; nil bounds are infinite.
    struct Interval {
        var lo: Expr?
        var hi: Expr?
        var loClosed: Bool
        var hiClosed: Bool
        /// The constrained quantity when read from a relation (`x` in `a < x < b`), nil for a written interval.
        var variable: Expr? = nil
    }

    static func isInfinity(_ e: Expr) -> Int? {
        if case .constant(.infinity) = e.view { return 1 }
        if case .negate(let x) = e.view, case .constant(.infinity) = x.view { return -1 }
        return nil
    }

    /// Reads an interval or a union of intervals (a point set `\{a\}` counts as `[a, a]`).
    static func intervals(_ e: Expr) -> [Interval]? {
        switch e.view {
        case .tuple(let xs, let o, let c) where xs.count == 2:
            return [
                Interval(
                    lo: isInfinity(xs[0]) == -1 ? nil : xs[0], hi: isInfinity(xs[1]) == 1 ? nil : xs[1],
                    loClosed: o == "[", hiClosed: c == "]")
            ]
        case .union(let parts):
            var out: [Interval] = []
            for p in parts { guard let i = intervals(p) else { return nil }; out += i }
            return out
        case .set(let xs):
            return xs.map { Interval(lo: $0, hi: $0, loClosed: true, hiClosed: true) }
        case .symbol("R"), .symbol("mathbb{R}"):
            return [Interval(lo: nil, hi: nil, loClosed: false, hiClosed: false)]
        case .symbol(let name):
            return intervals(numberSet: name)
        case .apply("setminus", let args) where args.count == 2:
            guard case .set(let points) = args[1].view, let parts = intervals(args[0]) else { return nil }
            return removing(points, from: parts)
        case .relation:
            return fromRelation(e)
        case .list(let xs)
        where xs.allSatisfy({
            if case .relation = $0.view { return true }; return false
        }):
            var out: [Interval] = []
            for x in xs { guard let i = fromRelation(x) else { return nil }; out += i }
            return out
        default:
            return nil
        }
    }

    /// `a < x ≤ b`, `x ≥ c`, `c > x`, `-x > -1`, `x \in S` as intervals.
    static func fromRelation(_ e: Expr) -> [Interval]? {
        guard case .relation(let xs, let ops) = e.view else { return nil }
        if ops == [.member] {
            return intervals(xs[1]).map {
                $0.map {
                    var i = $0; i.variable = xs[0]; return i
                }
            }
        }
        if xs.count == 3 {
            func lower(_ op: RelationOp) -> Bool { op == .lt || op == .le }
            func upper(_ op: RelationOp) -> Bool { op == .gt || op == .ge }
            // a ≤ |x| ≤ b (0 ≤ a) is [-b, -a] ∪ [a, b].
            if lower(ops[0]), lower(ops[1]), case .apply("abs", let inner) = xs[1].view, inner.count == 1,
                case .symbol = inner[0].view, !xs[0].hasFreeSymbols, !xs[2].hasFreeSymbols, isNonNegativeConstant(xs[0])
            {
                return [
                    Interval(
                        lo: .negate(xs[2]), hi: .negate(xs[0]), loClosed: ops[1] == .le, hiClosed: ops[0] == .le,
                        variable: inner[0]),
                    Interval(lo: xs[0], hi: xs[2], loClosed: ops[0] == .le, hiClosed: ops[1] == .le, variable: inner[0]),
                ]
            }
            if lower(ops[0]), lower(ops[1]) {
                return [Interval(lo: xs[0], hi: xs[2], loClosed: ops[0] == .le, hiClosed: ops[1] == .le, variable: xs[1])]
            }
            if upper(ops[0]), upper(ops[1]) {
                return [Interval(lo: xs[2], hi: xs[0], loClosed: ops[1] == .ge, hiClosed: ops[0] == .ge, variable: xs[1])]
            }
            return nil
        }
        guard xs.count == 2 else { return nil }
        var (l, op, r) = (xs[0], ops[0], xs[1])
        if l.hasFreeSymbols, !r.hasFreeSymbols {
        } else if !l.hasFreeSymbols, r.hasFreeSymbols {
            (l, op, r) = (r, op.flipped, l)
        } else {
            return nil
        }
        if case .negate(let inner) = l.view { (l, op, r) = (inner, op.flipped, .negate(r)) }
        guard case .symbol = l.view else { return nil }
        switch op {
        case .ne:
            return [
                Interval(lo: nil, hi: r, loClosed: false, hiClosed: false, variable: l),
                Interval(lo: r, hi: nil, loClosed: false, hiClosed: false, variable: l),
            ]
        case .lt, .le: return [Interval(lo: nil, hi: r, loClosed: false, hiClosed: op == .le, variable: l)]
        case .gt, .ge: return [Interval(lo: r, hi: nil, loClosed: op == .ge, hiClosed: false, variable: l)]
        default: return nil
        }
    }

    static func isNonNegativeConstant(_ e: Expr) -> Bool {
        var budget = Budget()
        guard let p = try? CanonicalForm.polynomial(e, budget: &budget), let v = p.constantValue else { return false }
        return v.signum > 0
    }

    static func compareLists(_ x: [Interval], _ y: [Interval], with c: inout Comparison) -> Verdict {
        guard x.count == y.count else { return .different("different number of intervals") }
        var used = [Bool](repeating: false, count: y.count)
        for i in x {
            var found = false
            for (k, j) in y.enumerated() where !used[k] && same(i, j, with: &c) { used[k] = true; found = true; break }
            if !found { return .different("intervals differ") }
        }
        return .equivalent(.intervalRelation)
    }

    static func same(_ i: Interval, _ j: Interval, with c: inout Comparison) -> Bool {
        func bound(_ a: Expr?, _ b: Expr?, _ ca: Bool, _ cb: Bool, c: inout Comparison) -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case (let x?, let y?): return ca == cb && c.compare(x, y).isEquivalent
            default: return false
            }
        }
        if let v = i.variable, let w = j.variable, v != w, !c.compare(v, w).isEquivalent { return false }
        return bound(i.lo, j.lo, i.loClosed, j.loClosed, c: &c) && bound(i.hi, j.hi, i.hiClosed, j.hiClosed, c: &c)
    }

    /// A relation against an interval/union/tuple (nil when the other side is not interval-like).
    static func compare(relation: Expr, other: Expr, with c: inout Comparison) -> Verdict? {
        guard let r = fromRelation(relation), let o = intervals(other) else { return nil }
        if case .relation = other.view { return nil }
        return compareLists(r, o, with: &c)
    }

    static func compareRelations(_ g: Expr, _ a: Expr, with c: inout Comparison) -> Verdict? {
        guard let x = fromRelation(g), let y = fromRelation(a) else { return nil }
        let v = compareLists(x, y, with: &c)
        return v.isEquivalent ? .equivalent(.relation) : v
    }

    static func compareUnions(_ g: Expr, _ a: Expr, with c: inout Comparison) -> Verdict {
        guard let x = intervals(g), let y = intervals(a) else { return .different("union vs non-interval") }
        return compareLists(x, y, with: &c)
    }

    /// Bracket types of two 2-tuples agree (ignored at infinite ends).
    static func bracketsMatch(_ xs: [Expr], _ o1: Character, _ c1: Character, _ ys: [Expr], _ o2: Character, _ c2: Character) -> Bool {
        let loInf = isInfinity(xs[0]) != nil || isInfinity(ys[0]) != nil
        let hiInf = isInfinity(xs[1]) != nil || isInfinity(ys[1]) != nil
        return (loInf || o1 == o2) && (hiInf || c1 == c2)
    }
}
