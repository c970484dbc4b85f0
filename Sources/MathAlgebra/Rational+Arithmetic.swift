import BigInt

/// Field operations on `Rational` with the Int64 fast path.
extension Rational {
    /// Sum.
    public static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            if ad == 1 && bd == 1 {
                let (s, o) = an.addingReportingOverflow(bn)
                if !o && s != Int64.min { return Rational(reducedSmall: s, 1) }
            }
            let (x, o1) = an.multipliedReportingOverflow(by: bd)
            let (y, o2) = bn.multipliedReportingOverflow(by: ad)
            let (d, o3) = ad.multipliedReportingOverflow(by: bd)
            if !o1 && !o2 && !o3 {
                let (n, o4) = x.addingReportingOverflow(y)
                if !o4 && n != Int64.min { return Rational.reduceSmall(n, d) }
            }
        }
        // An integer plus a reduced fraction stays reduced: gcd(a·d + c, d) = gcd(c, d) = 1.
        let ad = a.denominator, bd = b.denominator
        if a.isInteger { return Rational(coprime: a.numerator * bd + b.numerator, bd) }
        if b.isInteger { return Rational(coprime: b.numerator * ad + a.numerator, ad) }
        return Rational(big: a.numerator * bd + b.numerator * ad, ad * bd)
    }

    /// Negation.
    public static prefix func - (a: Rational) -> Rational {
        switch a.storage {
        case .small(let n, let d): return Rational(reducedSmall: -n, d)
        case .big(let n, let d): return Rational(big: -n, d)
        }
    }

    /// Difference.
    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    /// Product.
    public static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            let (n, o1) = an.multipliedReportingOverflow(by: bn)
            let (d, o2) = ad.multipliedReportingOverflow(by: bd)
            if !o1 && !o2 && n != Int64.min { return Rational.reduceSmall(n, d) }
        }
        // A factor of one (the scalar of an unreduced monomial, an exponent's unit) leaves a big value as it is.
        if case .small(1, 1) = b.storage { return a }
        if case .small(1, 1) = a.storage { return b }
        if a.isInteger && b.isInteger { return Rational(coprime: a.numerator * b.numerator, BigConstant.one) }
        // Cross-reduce: gcds of the smaller operands instead of one gcd of the products.
        let g1 = GCD.of(a.numerator, b.denominator)
        let g2 = GCD.of(b.numerator, a.denominator)
        return Rational(coprime: (a.numerator / g1) * (b.numerator / g2), (a.denominator / g2) * (b.denominator / g1))
    }

    /// Reciprocal (nil for zero).
    public var reciprocal: Rational? {
        if isZero { return nil }
        switch storage {
        case .small(let n, let d): return n < 0 ? Rational(reducedSmall: -d, -n) : Rational(reducedSmall: d, n)
        case .big(let n, let d): return Rational(coprime: d, n)  // the terms of a reduced fraction stay coprime
        }
    }

    /// Quotient (nil when dividing by zero).
    public static func / (a: Rational, b: Rational) -> Rational? {
        b.reciprocal.map { a * $0 }
    }

    /// Absolute value.
    public var magnitude: Rational { signum < 0 ? -self : self }

    static func reduceSmall(_ n: Int64, _ d: Int64) -> Rational {
        var a = n.magnitude, b = d.magnitude
        while b != 0 { (a, b) = (b, a % b) }
        let g = Int64(a)
        if g <= 1 { return Rational(reducedSmall: n, d) }
        return Rational(reducedSmall: n / g, d / g)
    }

    /// `power` of a small reduced base `n/d` in machine integers: the same budget test (bits of the larger part
    /// times k), then repeated squaring while nothing overflows. Returns `.some(nil)` when the budget refuses, and
    /// nil when a value would leave Int64 (the caller then takes the BigInt path).
    static func smallPower(_ n: Int64, _ d: Int64, _ k: UInt, maxBits: Int) -> Rational?? {
        let trivial = n.magnitude == 1 && d == 1
        if trivial { return .some((n < 0 && k % 2 == 1) ? Rational(-1) : .one) }
        let numBits = max(64 - n.magnitude.leadingZeroBitCount, 64 - d.magnitude.leadingZeroBitCount)
        let (estimate, o) = Int(numBits).multipliedReportingOverflow(by: Int(min(k, UInt(Int.max))))
        if o || estimate > maxBits { return .some(nil) }
        guard estimate <= 126 else { return nil }
        func raise(_ x: Int64) -> Int64? {
            var result: Int64 = 1, base = x, e = k
            while true {
                if e & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base)
                    if o { return nil }
                    result = r
                }
                e >>= 1
                if e == 0 { return result }
                let (b, o) = base.multipliedReportingOverflow(by: base)
                if o { return nil }
                base = b
            }
        }
        guard let pn = raise(n), let pd = raise(d), pn != Int64.min else { return nil }
        return .some(Rational(reducedSmall: pn, pd))
    }

    /// Integer power within a bit budget; nil if the result would exceed `maxBits` or divides by zero.
    /// - Complexity: O(log e) multiplications (binary exponentiation).
    public func power(_ e: Int, maxBits: Int) -> Rational? {
        if e == 0 { return .one }
        if isZero { return e > 0 ? .zero : nil }
        let base = e < 0 ? (reciprocal ?? .zero) : self
        let k = e.magnitude
        if case .small(let n, let d) = base.storage, let small = Rational.smallPower(n, d, k, maxBits: maxBits) { return small }
        let numBits = max(base.numerator.magnitude.bitWidth, base.denominator.magnitude.bitWidth)
        let one = BigConstant.unsignedOne
        if numBits > 1 || base.numerator.magnitude > one || base.denominator > BigConstant.one {
            let (estimate, o) = Int(numBits).multipliedReportingOverflow(by: Int(min(k, UInt(Int.max))))
            let trivial = base.numerator.magnitude == one && base.denominator == BigConstant.one
            if !trivial && (o || estimate > maxBits) { return nil }
        }
        if base.numerator.magnitude == one && base.denominator == BigConstant.one {
            return (base.signum < 0 && k % 2 == 1) ? Rational(-1) : .one
        }
        let n = Rational.power(base.numerator, Int(k))
        let d = Rational.power(base.denominator, Int(k))
        return Rational(coprime: n, d)
    }

    /// x^k with the factors of two split off: (odd · 2^t)^k = odd^k · 2^{tk}, one shift instead of squaring the twos
    /// (`2^{2005}` is a shift alone). The same value as `x.power(k)`.
    static func power(_ x: BigInt, _ k: Int) -> BigInt {
        let m = x.magnitude
        let twos = m.isZero ? 0 : m.trailingZeroBitCount
        guard twos > 0 else { return x.power(k) }
        let odd = m >> twos
        let magnitude = (odd == BigConstant.unsignedOne ? odd : odd.power(k)) << (twos * k)
        return x.sign == .minus && k % 2 == 1 ? -BigInt(magnitude) : BigInt(magnitude)
    }
}
