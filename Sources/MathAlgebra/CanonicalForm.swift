import BigInt
import MathSyntax

/// Converts scalar expressions into canonical polynomials over Q with radicals, π, e, i and opaque atoms.
///
/// Rules: numerals are exact; integer powers expand (bounded by the budget); rational powers of positive
/// rationals become radicals (`√12 → 2√3`, `√-4 → 2i`); `n!` and `binom` evaluate exactly for small arguments;
/// `p\%` is p/100; other functions and symbolic exponents become opaque atoms of their canonical arguments.
///
/// Example: `try CanonicalForm.polynomial(Parser.parse("(x+1)^2").expr!)` equals the form of `x^2+2x+1`.
public enum CanonicalForm {
    /// The canonical polynomial of a scalar expression.
    /// - Throws: `AlgebraFailure` when the expression is not scalar, too large, or the budget runs out.
    public static func polynomial(_ e: Expr, budget: inout Budget) throws(AlgebraFailure) -> Polynomial {
        try budget.spend(1)
        switch e.view {
        case .number(let n):
            if let v = n.plainIntegerValue, v < smallConstants.count { return smallConstants[v] }
            return Polynomial(try Rational(numeral: n, maxBits: budget.maxBits))
        case .symbol(let s):
            if let code = OneLetterNames.code(of: s), let p = letterPolynomials[code] { return p }
            return Polynomial(atom: .variable(s))
        case .constant(let c):
            switch c {
            case .pi: return piPolynomial
            case .e: return ePolynomial
            case .i: return iPolynomial
            case .infinity: throw .unsupported("infinity")
            }
        case .sum(let terms):
            // One accumulator for the whole sum (not one merge per operand): the same terms, each monomial once.
            var acc = TermAccumulator(terms: [], expected: terms.count)
            for t in terms {
                for (m, c) in try polynomial(t, budget: &budget).terms { acc.add(m, c) }
            }
            return Polynomial(terms: acc.finish())
        case .product(let factors):
            var acc = Polynomial(.one)
            for f in factors {
                acc = try Polynomial.multiply(acc, try polynomial(f, budget: &budget), budget: &budget)
                if acc.isZero { return acc }
            }
            return acc
        case .negate(let x):
            return -(try polynomial(x, budget: &budget))
        case .power(let b, let x):
            return try power(b, x, budget: &budget)
        case .apply(let f, let args):
            return try apply(f, args, original: e, budget: &budget)
        case .postfix(let op, let x):
            switch op {
            case .percent:
                return (try polynomial(x, budget: &budget)).scaled(Rational(1, 100))
            case .factorial:
                let p = try polynomial(x, budget: &budget)
                guard let v = p.constantValue, let n = v.intValue else { return Polynomial(atom: .opaque(e)) }
                return Polynomial(try IntegerFunctions.factorial(n, budget: &budget))
            case .degrees, .prime:
                throw .unsupported(op.rawValue)
            }
        default:
            throw .unsupported("not a scalar")
        }
    }

    static func power(_ b: Expr, _ x: Expr, budget: inout Budget) throws(AlgebraFailure) -> Polynomial {
        let exponent = try polynomial(x, budget: &budget)
        guard let q = exponent.constantValue else {
            let base = try polynomial(b, budget: &budget)
            if base.constantValue?.isZero == false, base.constantValue == .one { return Polynomial(.one) }
            return Polynomial(atom: .opaque(.power(b, x)))
        }
        if q.isInteger {
            guard let k = q.intValue, abs(k) <= 1_000_000 else {
                let base = try polynomial(b, budget: &budget)
                if let c = base.constantValue, c == .one || c.isZero && q.signum > 0 { return Polynomial(c) }
                throw .tooLarge
            }
            let base = try polynomial(b, budget: &budget)
            if k < 0, base.terms.count > 1 {
                let inner = Polynomial(atom: .opaque(canonicalExpr(b)))
                return try inner.power(k, budget: &budget)
            }
            return try base.power(k, budget: &budget)
        }
        // Rational exponent p/n.
        let base = try polynomial(b, budget: &budget)
        guard let pBig = Int(exactly: q.numerator), let n = Int(exactly: q.denominator), n <= 64, abs(pBig) <= 10_000 else {
            throw .tooLarge
        }
        if let c = base.constantValue, !c.isZero {
            var result = try rootOf(c, n, budget: &budget)
            result = try result.power(pBig, budget: &budget)
            return result
        }
        if base.terms.count == 1, let (m, c) = base.terms.first, c.signum > 0,
            m.factors.allSatisfy({ $0.1 % n == 0 && $0.0.isPlainVariable && (n % 2 == 1 || ($0.1 / n) % 2 == 0) })
        {
            // (c·x^{kn})^{1/n} = ⁿ√c · x^k, only where no sign is lost (odd n, or even k): √(x²) stays |x|-like.
            let root = try rootOf(c, n, budget: &budget)
            let mono = Polynomial(terms: [(Monomial(factors: m.factors.map { ($0.0, $0.1 / n) }), .one)])
            return try Polynomial.multiply(root, mono, budget: &budget).power(pBig, budget: &budget)
        }
        let atom = Polynomial(atom: .opaque(.power(canonicalExpr(b), .quotient(.integer(1), .integer(n)))))
        return try atom.power(pBig, budget: &budget)
    }

    /// The polynomials of π, e and i, built once.
    static let piPolynomial = Polynomial(atom: .pi), ePolynomial = Polynomial(atom: .e), iPolynomial = Polynomial(atom: .imaginary)

    /// The polynomials of the one-letter variables by ASCII code, built once.
    static let letterPolynomials: [Polynomial?] = OneLetterNames.table { Polynomial(atom: .variable($0)) }

    /// The constant polynomials 0…31, built once (integer literals are the most frequent leaves).
    static let smallConstants: [Polynomial] = (0..<32).map { Polynomial(Rational($0)) }

    /// ⁿ√c for a rational c (negative c only for odd n or n = 2 via i).
    static func rootOf(_ c: Rational, _ n: Int, budget: inout Budget) throws(AlgebraFailure) -> Polynomial {
        var sign = Polynomial(.one)
        var value = c
        if c.signum < 0 {
            value = -c
            if n % 2 == 1 {
                sign = Polynomial(-Rational.one)
            } else if n == 2 {
                sign = Polynomial(atom: .imaginary)
            } else {
                throw .unsupported("even root of a negative number")
            }
        }
        let (k, atom) = try Radicals.root(of: value, index: n, budget: &budget)
        var p = Polynomial(k)
        if let a = atom { p = try Polynomial.multiply(p, Polynomial(atom: a), budget: &budget) }
        return try Polynomial.multiply(p, sign, budget: &budget)
    }

    /// A canonical expression for an opaque atom: the expression itself (smart constructors already sorted it).
    static func canonicalExpr(_ e: Expr) -> Expr { e }
}

extension Atom {
    var isPlainVariable: Bool { if case .variable = self { return true }; return false }
}
