#if canImport(Glibc)
    import Glibc
#endif
import BigInt
import MathSyntax

/// Function applications in canonical forms.
extension CanonicalForm {
    static func apply(_ f: String, _ args: [Expr], original: Expr, budget: inout Budget) throws(AlgebraFailure) -> Polynomial {
        switch (f, args.count) {
        case ("sqrt", 1):
            return try power(args[0], .quotient(.integer(1), .integer(2)), budget: &budget)
        case ("root", 2):
            return try power(args[0], .quotient(.integer(1), args[1]), budget: &budget)
        case ("binom", 2):
            let n = try polynomial(args[0], budget: &budget), k = try polynomial(args[1], budget: &budget)
            if let nv = n.constantValue?.intValue, let kv = k.constantValue?.intValue {
                return Polynomial(try IntegerFunctions.binomial(nv, kv, budget: &budget))
            }
        case ("abs", 1):
            let p = try polynomial(args[0], budget: &budget)
            if let v = p.constantValue { return Polynomial(v.magnitude) }
        case ("floor", 1), ("ceil", 1):
            let p = try polynomial(args[0], budget: &budget)
            if let v = p.constantValue {
                let (q, r) = v.numerator.quotientAndRemainder(dividingBy: v.denominator)
                var n = q
                if !r.isZero {
                    if f == "floor", v.signum < 0 { n -= 1 }
                    if f == "ceil", v.signum > 0 { n += 1 }
                }
                return Polynomial(Rational(big: n, 1))
            }
        case ("exp", 1):
            return try power(.constant(.e), args[0], budget: &budget)
        case ("ln", 1), ("log", 1):
            let p = try polynomial(args[0], budget: &budget)
            if p.constantValue == .one { return .zero }
            if f == "ln", let (m, c) = p.terms.first, p.terms.count == 1, c == .one, m.factors.count == 1,
                m.factors[0].0 == .e
            {
                return Polynomial(Rational(m.factors[0].1))
            }
        default:
            break
        }
        return Polynomial(atom: .opaque(original))
    }
}

/// Exact integer functions with size budgets.
public enum IntegerFunctions {
    /// n! for 0 ≤ n ≤ 5000 within the bit budget.
    public static func factorial(_ n: Int, budget: inout Budget) throws(AlgebraFailure) -> Rational {
        guard n >= 0 else { throw .undefined }
        if n > 5000 || lgamma(Double(n) + 1) / M_LN2 > Double(budget.maxBits) { throw .tooLarge }
        try budget.spend(n)
        var acc = BigInt(1)
        var k = 2
        while k <= n {
            acc *= BigInt(k)
            k += 1
        }
        if acc.magnitude.bitWidth > budget.maxBits { throw .tooLarge }
        return Rational(big: acc, 1)
    }

    /// C(n, k) for 0 ≤ k ≤ n ≤ 100000 within the budget (0 when k > n).
    public static func binomial(_ n: Int, _ k: Int, budget: inout Budget) throws(AlgebraFailure) -> Rational {
        guard n >= 0, k >= 0 else { throw .undefined }
        if k > n { return .zero }
        let kk = min(k, n - k)
        if kk > 10_000 || n > 1_000_000 { throw .tooLarge }
        let bits = (lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)) / M_LN2
        if bits > Double(budget.maxBits / 2) || kk > 2000 { throw .tooLarge }
        try budget.spend(kk)
        var acc = BigInt(1)
        var i = 0
        while i < kk {
            acc = acc * BigInt(n - i) / BigInt(i + 1)
            i += 1
        }
        return Rational(big: acc, 1)
    }
}
