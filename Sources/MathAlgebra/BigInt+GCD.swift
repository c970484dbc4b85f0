import BigInt

/// Greatest common divisors with machine-word fast paths.
///
/// `BigUInt.greatestCommonDivisor` runs Stein's algorithm over the whole width of both operands even when one of
/// them is small; the typical reduction in `Rational` pairs a huge numerator (`2^{2005}+1`) with a small odd part
/// (`3·2^{2006}`). Here common factors of two are split off first, and as soon as one odd part fits in 64 bits the
/// other is reduced modulo it with one single-word division, leaving a machine-integer Euclid.
enum GCD {
    /// gcd(|a|, |b|) (0 when both are 0); the same value as `a.greatestCommonDivisor(with: b)`.
    static func of(_ a: BigInt, _ b: BigInt) -> BigInt {
        BigInt(of(a.magnitude, b.magnitude))
    }

    /// gcd(a, b) of magnitudes.
    static func of(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        if a.isZero { return b }
        if b.isZero { return a }
        if let x = UInt64(exactly: a), let y = UInt64(exactly: b) { return BigUInt(word64: words(x, y)) }
        let az = a.trailingZeroBitCount, bz = b.trailingZeroBitCount
        let twos = Swift.min(az, bz)
        let x = az > 0 ? a >> az : a
        let y = bz > 0 ? b >> bz : b
        // gcd(a, b) = 2^twos · gcd(odd x, odd y).
        let odd: BigUInt
        if let small = UInt64(exactly: y) {
            odd = BigUInt(word64: words(small, UInt64(x % BigUInt(word64: small))))
        } else if let small = UInt64(exactly: x) {
            odd = BigUInt(word64: words(small, UInt64(y % BigUInt(word64: small))))
        } else {
            odd = x.greatestCommonDivisor(with: y)
        }
        return twos > 0 ? odd << twos : odd
    }

    /// Euclid on machine words.
    static func words(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
