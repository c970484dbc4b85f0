import BigInt

/// An exact rational number, always reduced with a positive denominator.
///
/// Storage uses an Int64 fast path and falls back to BigInt on overflow; once big, a value stays big
/// (sticky) until an operation produces a result that is cheap to demote.
///
/// Example: `Rational(6, 4) == Rational(3, 2)`.
public struct Rational: Hashable, Sendable, CustomStringConvertible {
    enum Storage: Hashable, Sendable {
        case small(Int64, Int64)
        indirect case big(BigInt, BigInt)
    }
    var storage: Storage

    /// The integer `n`.
    public init(_ n: Int) { storage = .small(Int64(n), 1) }

    /// The reduced fraction `n / d` (d must be non-zero; a zero denominator gives 0).
    public init(_ n: Int, _ d: Int) {
        self.init(big: BigInt(int64: Int64(n)), BigInt(int64: Int64(d == 0 ? 1 : d)))
    }

    /// The reduced fraction of two big integers (a zero denominator gives 0).
    public init(big n: BigInt, _ d: BigInt) {
        var n = n, d = d
        if d.isZero { d = BigConstant.one; n = BigConstant.zero }
        if d.sign == .minus { n = -n; d = -d }
        let g = GCD.of(n, d)
        if g > BigConstant.one { n /= g; d /= g }
        if let sn = Int64(exactly: n), let sd = Int64(exactly: d), sn != Int64.min { storage = .small(sn, sd) } else { storage = .big(n, d) }
    }

    init(reducedSmall n: Int64, _ d: Int64) { storage = .small(n, d) }

    /// From a numerator and denominator already known to be coprime (sign normalised here).
    init(coprime n: BigInt, _ d: BigInt) {
        var n = n, d = d
        if d.isZero { n = BigConstant.zero; d = BigConstant.one }
        if d.sign == .minus { n = -n; d = -d }
        if let sn = Int64(exactly: n), let sd = Int64(exactly: d), sn != Int64.min { storage = .small(sn, sd) } else { storage = .big(n, d) }
    }

    /// Numerator as BigInt.
    public var numerator: BigInt {
        switch storage {
        case .small(let n, _): return BigInt(int64: n);
        case .big(let n, _): return n
        }
    }
    /// Denominator as BigInt (positive).
    public var denominator: BigInt {
        switch storage {
        case .small(_, let d): return BigInt(int64: d);
        case .big(_, let d): return d
        }
    }
    /// Zero.
    public static let zero = Rational(0)
    /// One.
    public static let one = Rational(1)

    /// True for integers.
    public var isInteger: Bool {
        switch storage {
        case .small(_, let d): return d == 1;
        case .big(_, let d): return d == BigConstant.one
        }
    }
    /// True for zero.
    public var isZero: Bool {
        switch storage {
        case .small(let n, _): return n == 0;
        case .big(let n, _): return n.isZero
        }
    }
    /// -1, 0 or 1.
    public var signum: Int {
        switch storage {
        case .small(let n, _): return n == 0 ? 0 : (n < 0 ? -1 : 1)
        case .big(let n, _): return n.isZero ? 0 : (n.sign == .minus ? -1 : 1)
        }
    }
    /// Bits in numerator plus denominator (size measure for budgets).
    public var bitSize: Int {
        switch storage {
        case .small(let n, let d): return (64 - n.magnitude.leadingZeroBitCount) + (64 - d.leadingZeroBitCount)
        case .big(let n, let d): return n.magnitude.bitWidth + d.magnitude.bitWidth
        }
    }
    /// Small integer value, if this is an integer that fits in Int.
    public var intValue: Int? {
        switch storage {
        case .small(let n, let d): return d == 1 ? Int(n) : nil
        case .big(let n, let d): return d == 1 ? Int(exactly: n) : nil
        }
    }
    /// Nearest Double (may be ±inf or 0 for huge/tiny values).
    public var doubleValue: Double {
        switch storage {
        case .small(let n, let d): return Double(n) / Double(d)
        case .big(let n, let d):
            let shift = max(0, max(n.magnitude.bitWidth, d.magnitude.bitWidth) - 1000)
            if shift > 0 {
                let nb = n.magnitude.bitWidth, db = d.magnitude.bitWidth
                if nb - db > 1100 { return n.sign == .minus ? -.infinity : .infinity }
                if db - nb > 1100 { return 0 }
                return Double(n >> shift) / Double(d >> shift)
            }
            return Double(n) / Double(d)
        }
    }
    /// `n/d` in lowest terms.
    public var description: String {
        switch storage {
        case .small(let n, let d): return d == 1 ? "\(n)" : "\(n)/\(d)"
        case .big(let n, let d): return d == 1 ? "\(n)" : "\(n)/\(d)"
        }
    }
}

extension Rational: Comparable {
    /// Exact order.
    public static func < (a: Rational, b: Rational) -> Bool {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            let (l, o1) = an.multipliedReportingOverflow(by: bd)
            let (r, o2) = bn.multipliedReportingOverflow(by: ad)
            if !o1 && !o2 { return l < r }
        }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }
}
