/// Sums (monomial, coefficient) terms into a list with each monomial once.
///
/// Equal monomials are found by a linear scan while the list is short and through a hash index once it grows (large
/// expansions), so small forms never hash a monomial. Coefficients that cancel stay in place until `finish()`, which
/// drops them; the result is the same set of terms as a running dictionary sum.
struct TermAccumulator {
    /// Lists longer than this get a hash index.
    static let linearLimit = 12

    private var terms: [(Monomial, Rational)]
    private var index: [Monomial: Int]?

    /// Starts from `terms` (distinct monomials), expecting about `expected` more additions.
    init(terms: [(Monomial, Rational)], expected: Int) {
        self.terms = terms
        self.terms.reserveCapacity(terms.count + min(expected, 64))
        if terms.count > TermAccumulator.linearLimit { buildIndex() }
    }

    private mutating func buildIndex() {
        var d: [Monomial: Int] = [:]
        d.reserveCapacity(terms.count * 2)
        for (k, t) in terms.enumerated() { d[t.0] = k }
        index = d
    }

    /// Adds `c·m`.
    mutating func add(_ m: Monomial, _ c: Rational) {
        if index != nil {
            if let k = index?[m] { terms[k].1 = terms[k].1 + c; return }
            index?[m] = terms.count
            terms.append((m, c))
            return
        }
        for k in terms.indices where terms[k].0 == m {
            terms[k].1 = terms[k].1 + c
            return
        }
        terms.append((m, c))
        if terms.count > TermAccumulator.linearLimit { buildIndex() }
    }

    /// The terms with non-zero coefficients.
    func finish() -> [(Monomial, Rational)] {
        terms.contains { $0.1.isZero } ? terms.filter { !$0.1.isZero } : terms
    }
}
