import BigInt
import MathSyntax

/// Simplification of n-th roots of rationals: ⁿ√(a/b) = c · ⁿ√r with r an n-th-power-free integer.
enum Radicals {
    /// Largest integer `s` with `s^n <= x` (x ≥ 0).
    /// - Complexity: O(bits) iterations of bisection.
    static func integerRoot(_ x: BigUInt, _ n: Int) -> BigUInt {
        if x < 2 || n == 1 { return x }
        if n == 2 { return x.squareRoot() }
        var lo = BigUInt(0)
        var hi = BigUInt(1) << (x.bitWidth / n + 1)
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if mid.power(n) <= x { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Splits ⁿ√x (x a positive integer) into (outside, inside) with inside n-th-power-free as far as the budget allows.
    /// Returns (outside, inside, complete): complete is false when a large cofactor could not be factored,
    /// so `inside` may still hold an n-th power.
    static func extract(_ x: BigUInt, _ n: Int, budget: inout Budget) throws(AlgebraFailure) -> (BigUInt, BigUInt, Bool) {
        var inside = x
        var outside = BigUInt(1)
        let whole = integerRoot(inside, n)
        if whole.power(n) == inside { return (whole, 1, true) }
        if let small = UInt64(exactly: inside) {
            let (o, i, complete) = try extractSmall(small, n, budget: &budget)
            outside *= o
            inside = i
            let rest = integerRoot(inside, n)
            if rest > 1, rest.power(n) == inside { return (outside * rest, 1, true) }
            return (outside, inside, complete)
        }
        var p: BigUInt = 2
        var limit = 0
        var complete = false
        while limit < 300 {
            limit += 1
            try budget.spend(1)
            let pn = p.power(n)
            if p * p > inside { complete = true; break }
            if pn > inside && n == 2 { complete = true; break }
            while inside % pn == 0 {
                inside /= pn
                outside *= p
            }
            p += p == 2 ? 1 : 2
        }
        let rest = integerRoot(inside, n)
        if rest > 1, rest.power(n) == inside { return (outside * rest, 1, true) }
        return (outside, inside, complete)
    }

    /// Trial division in machine integers (divisors below 20000).
    static func extractSmall(_ x: UInt64, _ n: Int, budget: inout Budget) throws(AlgebraFailure) -> (BigUInt, BigUInt, Bool) {
        var rest = x
        var kept: UInt64 = 1
        var outside = BigConstant.unsignedOne
        var p: UInt64 = 2
        try budget.spend(20)
        while p < 20_000, p * p <= rest {
            var count = 0
            while rest % p == 0 { rest /= p; count += 1 }
            if count > 0 {
                outside *= BigUInt(word64: p).power(count / n)
                kept *= p.toThePower(count % n)
            }
            p += p == 2 ? 1 : 2
        }
        return (outside, BigUInt(word64: kept) * BigUInt(word64: rest), p * p > rest || rest == 1)
    }

    /// ⁿ√q for a positive rational q as `coefficient · atom` (atom nil when the root is rational).
    static func root(of q: Rational, index n: Int, budget: inout Budget) throws(AlgebraFailure) -> (Rational, Atom?) {
        guard q.signum > 0, n >= 2, n <= 64 else { throw .unsupported("root") }
        if n == 2, case .small(let a, let b) = q.storage, let fast = try squareRootSmall(a, b, budget: &budget) { return fast }
        return try rootInBigIntegers(of: q, index: n, budget: &budget)
    }

    /// `root(of:index:budget:)` computed in BigUInt throughout (any size).
    static func rootInBigIntegers(of q: Rational, index n: Int, budget: inout Budget) throws(AlgebraFailure) -> (Rational, Atom?) {
        let num = q.numerator.magnitude
        let den = q.denominator.magnitude
        // ⁿ√(a/b) = ⁿ√(a·b^(n−1)) / b
        let radicand = num * den.power(n - 1)
        if radicand.bitWidth > budget.maxBits / 2 { throw .tooLarge }
        let (out, inside, complete) = try extract(radicand, n, budget: &budget)
        let coefficient = Rational(big: BigInt(out), BigInt(den))
        if inside == 1 { return (coefficient, nil) }
        if !complete {
            // Not provably n-th-power-free: keep it opaque so only the numeric test can equate or separate it.
            let radicandExpr = Expr.number(Numeral(integerDigits: String(inside)))
            return (coefficient, .opaque(.apply("root", [radicandExpr, .integer(n)])))
        }
        // Lower the index when the radicand is a perfect power: ⁶√8 = √2.
        var r = inside
        var m = n
        var d = 2
        while d <= m {
            if m % d == 0 {
                let s = integerRoot(r, d)
                if s.power(d) == r { r = s; m /= d; continue }
            }
            d += 1
        }
        return (coefficient, .radical(BigInt(r), m))
    }
}

extension Radicals {
    /// `root(of: a/b, index: 2)` for a small positive reduced fraction whose radicand a·b fits in 64 bits, in machine
    /// integers: the same steps as the BigUInt path (perfect square, trial division below 20000 with the same budget
    /// charge, leftover square, completeness, coefficient out/b) and the same result. Nil when the radicand is larger.
    static func squareRootSmall(_ a: Int64, _ b: Int64, budget: inout Budget) throws(AlgebraFailure) -> (Rational, Atom?)? {
        guard a > 0, b > 0 else { return nil }
        let (radicand, overflow) = UInt64(a).multipliedReportingOverflow(by: UInt64(b))
        guard !overflow else { return nil }
        if 64 - radicand.leadingZeroBitCount > budget.maxBits / 2 { throw .tooLarge }
        var out: UInt64
        var inside: UInt64
        var complete = true
        let whole = squareRootFloor(radicand)
        if whole &* whole == radicand {
            (out, inside) = (whole, 1)
        } else {
            try budget.spend(20)
            var rest = radicand
            var kept: UInt64 = 1
            out = 1
            var p: UInt64 = 2
            while p < 20_000, p * p <= rest {
                var count = 0
                while rest % p == 0 { rest /= p; count += 1 }
                if count > 0 {
                    out *= p.toThePower(count / 2)
                    kept *= p.toThePower(count % 2)
                }
                p += p == 2 ? 1 : 2
            }
            complete = p * p > rest || rest == 1
            inside = kept * rest
            let leftover = squareRootFloor(inside)
            if leftover > 1, leftover * leftover == inside { (out, inside, complete) = (out * leftover, 1, true) }
        }
        let coefficient = Rational.reduceSmall(Int64(out), b)
        if inside == 1 { return (coefficient, nil) }
        if !complete {
            let radicandExpr = Expr.number(Numeral(integerDigits: String(inside)))
            return (coefficient, .opaque(.apply("root", [radicandExpr, .integer(2)])))
        }
        // A square-free radicand is no perfect square, so the index stays 2 (as in the index-lowering loop).
        return (coefficient, .radical(BigInt(sign: .plus, magnitude: BigUInt(word64: inside)), 2))
    }

    /// ⌊√x⌋ for a machine integer.
    static func squareRootFloor(_ x: UInt64) -> UInt64 {
        var s = UInt64(Double(x).squareRoot())
        while s > 0, s.multipliedReportingOverflow(by: s).overflow || s * s > x { s -= 1 }
        while !(s + 1).multipliedReportingOverflow(by: s + 1).overflow, (s + 1) * (s + 1) <= x { s += 1 }
        return s
    }
}

extension UInt64 {
    /// Small integer power (callers keep the result below the original value).
    func toThePower(_ k: Int) -> UInt64 {
        var r: UInt64 = 1
        for _ in 0..<k { r &*= self }
        return r
    }
}
