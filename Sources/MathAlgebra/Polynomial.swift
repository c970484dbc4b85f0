import BigInt
import MathSyntax

/// A canonical polynomial (Laurent in its atoms) with rational coefficients.
///
/// Normal form: no zero coefficients; radical exponents reduced below their index; `i` exponents in {0, 1}.
/// Two values whose atoms are all transparent are equal iff their normal forms are equal.
/// Terms are kept in a plain array (most forms have a handful of terms): no hashing of monomials unless a sum grows
/// large, see `TermAccumulator`.
public struct Polynomial: Hashable, Sendable, CustomStringConvertible {
    /// (monomial, non-zero coefficient) pairs, each monomial at most once, in no particular order.
    public private(set) var terms: [(Monomial, Rational)]

    /// The zero polynomial.
    public static let zero = Polynomial(terms: [])

    /// Terms with distinct monomials and non-zero coefficients.
    init(terms: [(Monomial, Rational)]) { self.terms = terms }

    /// A constant.
    public init(_ c: Rational) { terms = c.isZero ? [] : [(.one, c)] }

    /// A single atom.
    public init(atom: Atom) { terms = [(Monomial(atom), .one)] }

    /// True for the zero polynomial.
    public var isZero: Bool { terms.isEmpty }

    /// The coefficient of monomial `m`, nil when it does not occur.
    public func coefficient(of m: Monomial) -> Rational? {
        for t in terms where t.0 == m { return t.1 }
        return nil
    }

    /// The rational value when the polynomial is constant.
    public var constantValue: Rational? {
        if terms.isEmpty { return .zero }
        if terms.count == 1, terms[0].0.factors.isEmpty { return terms[0].1 }
        return nil
    }

    /// True when every atom is transparent (a non-zero form then proves a non-zero value).
    public var isTransparent: Bool {
        terms.allSatisfy { $0.0.factors.allSatisfy { $0.0.isTransparent } }
    }

    /// Every atom occurring.
    public var atoms: Set<Atom> {
        var s = Set<Atom>()
        for (m, _) in terms { for (a, _) in m.factors { s.insert(a) } }
        return s
    }

    /// Display text (terms in a deterministic order).
    public var description: String {
        if terms.isEmpty { return "0" }
        let parts = terms.map { (m, c) -> String in
            let mono = m.factors.map { $0.1 == 1 ? "\($0.0)" : "\($0.0)^{\($0.1)}" }.joined(separator: "·")
            return mono.isEmpty ? "\(c)" : "\(c)·\(mono)"
        }
        return parts.sorted().joined(separator: " + ")
    }

    /// Equality of the term sets (order does not matter).
    public static func == (a: Polynomial, b: Polynomial) -> Bool {
        a.terms.count == b.terms.count && a.terms.allSatisfy { b.coefficient(of: $0.0) == $0.1 }
    }

    /// Hash of the number of terms (consistent with the order-free equality).
    public func hash(into h: inout Hasher) { h.combine(terms.count) }

    /// Sum.
    public static func + (a: Polynomial, b: Polynomial) -> Polynomial {
        var t = a
        t.add(b)
        return t
    }

    /// Adds `b` in place (no copy of the terms when this polynomial is uniquely held, as in a running sum).
    public mutating func add(_ b: Polynomial) {
        if b.terms.isEmpty { return }
        if terms.isEmpty { terms = b.terms; return }
        var own: [(Monomial, Rational)] = []
        swap(&own, &terms)
        var acc = TermAccumulator(terms: own, expected: b.terms.count)
        own = []
        for (m, c) in b.terms { acc.add(m, c) }
        terms = acc.finish()
    }

    /// Negation.
    public static prefix func - (a: Polynomial) -> Polynomial {
        Polynomial(terms: a.terms.map { ($0.0, -$0.1) })
    }

    /// Difference (the terms of `a` plus the negated terms of `b`, without building `-b`).
    public static func - (a: Polynomial, b: Polynomial) -> Polynomial {
        var acc = TermAccumulator(terms: a.terms, expected: b.terms.count)
        for (m, c) in b.terms { acc.add(m, -c) }
        return Polynomial(terms: acc.finish())
    }

    /// Scaled by a rational.
    public func scaled(_ k: Rational) -> Polynomial {
        if k.isZero { return .zero }
        return Polynomial(terms: terms.map { ($0.0, $0.1 * k) })
    }

    /// Product with term-count and step budgets; monomials are reduced (radicals, i).
    public static func multiply(_ a: Polynomial, _ b: Polynomial, budget: inout Budget) throws(AlgebraFailure) -> Polynomial {
        try budget.spend(a.terms.count * b.terms.count)
        if let product = try scaledByConstant(a, b, budget: budget) { return product }
        var acc = TermAccumulator(terms: [], expected: a.terms.count * b.terms.count)
        for (m1, c1) in a.terms {
            for (m2, c2) in b.terms {
                let (m, k) = try reduce(m1 * m2, maxBits: budget.maxBits)
                let c = c1 * c2 * k
                if c.bitSize > budget.maxBits { throw .tooLarge }
                acc.add(m, c)
            }
        }
        let out = acc.finish()
        if out.count > budget.maxTerms { throw .tooLarge }
        return Polynomial(terms: out)
    }

    /// The product when one side is a constant: the other side's terms scaled, in their order. Its monomials are
    /// already reduced, so these are the terms (and the failures) of the general product. Nil for two non-constants.
    static func scaledByConstant(_ a: Polynomial, _ b: Polynomial, budget: Budget) throws(AlgebraFailure) -> Polynomial? {
        let c: Rational, p: Polynomial
        if a.terms.count == 1, a.terms[0].0.factors.isEmpty {
            (c, p) = (a.terms[0].1, b)
        } else if b.terms.count == 1, b.terms[0].0.factors.isEmpty {
            (c, p) = (b.terms[0].1, a)
        } else {
            return nil
        }
        if c.isZero { return .zero }
        if c == .one {
            // The other side itself (its terms array shared, not copied), after the same checks.
            for (_, k) in p.terms where k.bitSize > budget.maxBits { throw .tooLarge }
            if p.terms.count > budget.maxTerms { throw .tooLarge }
            return p
        }
        var out: [(Monomial, Rational)] = []
        out.reserveCapacity(p.terms.count)
        for (m, k) in p.terms {
            let product = k * c
            if product.bitSize > budget.maxBits { throw .tooLarge }
            out.append((m, product))
        }
        if out.count > budget.maxTerms { throw .tooLarge }
        return Polynomial(terms: out)
    }

    /// Applies i² = −1 and (ⁿ√r)ⁿ = r to a monomial; returns the reduced monomial and the scalar factor it produced.
    static func reduce(_ m: Monomial, maxBits: Int) throws(AlgebraFailure) -> (Monomial, Rational) {
        // Only i and radicals reduce; other monomials come back unchanged with factor 1.
        if !m.factors.contains(where: {
            if case .imaginary = $0.0 { return true }; if case .radical = $0.0 { return true }; return false
        }) {
            return (m, .one)
        }
        var k = Rational.one
        var changed = false
        var out: [(Atom, Int)] = []
        for (a, e) in m.factors {
            switch a {
            case .imaginary:
                let r = ((e % 4) + 4) % 4
                if r >= 2 { k = -k }
                if r % 2 == 1 { out.append((a, 1)) }
                changed = changed || r % 2 != e
            case .radical(let radicand, let n):
                let r = ((e % n) + n) % n
                let q = (e - r) / n
                if q != 0 {
                    let base = Rational(big: radicand, BigConstant.one)
                    guard let p = base.power(q, maxBits: maxBits) else { throw .tooLarge }
                    k = k * p
                    changed = true
                }
                if r != 0 { out.append((a, r)) }
            default:
                out.append((a, e))
            }
        }
        return changed ? (Monomial(factors: out), k) : (m, k)
    }

    /// Integer power by repeated squaring; negative powers only for single-term polynomials.
    public func power(_ k: Int, budget: inout Budget) throws(AlgebraFailure) -> Polynomial {
        if k == 0 { return Polynomial(.one) }
        if k < 0 {
            guard terms.count == 1, let (m, c) = terms.first, let inv = c.reciprocal, k > Int.min + 1 else {
                throw .unsupported("negative power of a sum")
            }
            for (_, e) in m.factors where abs(e) > 1_000_000 { throw .tooLarge }
            let (rm, f) = try Polynomial.reduce(m.raised(-1), maxBits: budget.maxBits)
            let single = Polynomial(terms: [(rm, inv * f)])
            return try single.power(-k, budget: &budget)
        }
        if terms.count == 1, let (m, c) = terms.first {
            for (_, e) in m.factors {
                let (p, o) = e.multipliedReportingOverflow(by: k)
                if o || abs(p) > 1_000_000 { throw .tooLarge }
            }
            guard let ck = c.power(k, maxBits: budget.maxBits) else { throw .tooLarge }
            try budget.spend(1)
            let (rm, f) = try Polynomial.reduce(m.raised(k), maxBits: budget.maxBits)
            return Polynomial(terms: [(rm, ck * f)])
        }
        if k > 64 { throw .tooLarge }
        var result = Polynomial(.one)
        var base = self
        var e = k
        while e > 0 {
            if e & 1 == 1 { result = try Polynomial.multiply(result, base, budget: &budget) }
            e >>= 1
            if e > 0 { base = try Polynomial.multiply(base, base, budget: &budget) }
        }
        return result
    }
}
