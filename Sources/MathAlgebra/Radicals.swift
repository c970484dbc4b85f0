import BigInt

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
    static func extract(_ x: BigUInt, _ n: Int, budget: inout Budget) throws(AlgebraFailure) -> (BigUInt, BigUInt) {
        var inside = x
        var outside = BigUInt(1)
        let whole = integerRoot(inside, n)
        if whole.power(n) == inside { return (whole, 1) }
        var p: BigUInt = 2
        var limit = 0
        while limit < 2000 {
            limit += 1
            try budget.spend(1)
            let pn = p.power(n)
            if pn > inside { break }
            while inside % pn == 0 {
                inside /= pn
                outside *= p
            }
            p += p == 2 ? 1 : 2
        }
        let rest = integerRoot(inside, n)
        if rest > 1, rest.power(n) == inside { return (outside * rest, 1) }
        return (outside, inside)
    }

    /// ⁿ√q for a positive rational q as `coefficient · atom` (atom nil when the root is rational).
    static func root(of q: Rational, index n: Int, budget: inout Budget) throws(AlgebraFailure) -> (Rational, Atom?) {
        guard q.signum > 0, n >= 2, n <= 64 else { throw .unsupported("root") }
        let num = q.numerator.magnitude
        let den = q.denominator.magnitude
        // ⁿ√(a/b) = ⁿ√(a·b^(n−1)) / b
        let radicand = num * den.power(n - 1)
        if radicand.bitWidth > budget.maxBits / 2 { throw .tooLarge }
        let (out, inside) = try extract(radicand, n, budget: &budget)
        let coefficient = Rational(big: BigInt(out), BigInt(den))
        if inside == 1 { return (coefficient, nil) }
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
