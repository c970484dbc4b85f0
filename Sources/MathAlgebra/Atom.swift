import BigInt
import MathSyntax

/// An indeterminate of the canonical polynomial ring.
///
/// Variables, π and e are free; `i` satisfies i² = −1; a radical `ⁿ√r` (r > 1 an n-th-power-free integer)
/// satisfies (ⁿ√r)ⁿ = r; anything else (functions, symbolic exponents, nested radicals) is opaque.
public enum Atom: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A variable by name.
    case variable(String)
    /// π
    case pi
    /// Euler's number.
    case e
    /// The imaginary unit.
    case imaginary
    /// The principal n-th root of a positive integer free of n-th powers.
    case radical(BigInt, Int)
    /// An opaque sub-expression.
    case opaque(Expr)

    var rank: Int {
        switch self {
        case .variable: return 0
        case .pi: return 1
        case .e: return 2
        case .imaginary: return 3
        case .radical: return 4
        case .opaque: return 5
        }
    }

    /// Deterministic order.
    public static func < (a: Atom, b: Atom) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        switch (a, b) {
        case (.variable(let x), .variable(let y)): return x < y
        case (.radical(let r, let n), .radical(let s, let m)): return n != m ? n < m : r < s
        case (.opaque(let x), .opaque(let y)): return Expr.precedes(x, y)
        default: return false
        }
    }

    /// True when identities among atoms of this kind are fully modelled (so a non-zero form is a proof of difference).
    public var isTransparent: Bool {
        switch self {
        case .variable, .pi, .e, .imaginary: return true
        case .radical(_, let n): return n == 2
        case .opaque: return false
        }
    }

    /// Display text.
    public var description: String {
        switch self {
        case .variable(let s): return s
        case .pi: return "\\pi"
        case .e: return "e"
        case .imaginary: return "i"
        case .radical(let r, let n): return n == 2 ? "\\sqrt{\(r)}" : "\\sqrt[\(n)]{\(r)}"
        case .opaque(let x): return "{\(x)}"
        }
    }
}

/// A product of atoms with integer exponents (Laurent monomial), kept sorted by atom.
public struct Monomial: Hashable, Sendable {
    /// (atom, non-zero exponent) pairs sorted by atom.
    public private(set) var factors: [(Atom, Int)]

    /// The empty monomial (1).
    public static let one = Monomial(factors: [])

    init(factors: [(Atom, Int)]) { self.factors = factors }

    /// A single atom to a power.
    public init(_ atom: Atom, _ exponent: Int = 1) { factors = exponent == 0 ? [] : [(atom, exponent)] }

    /// Product of two monomials (exponents added, zero exponents dropped).
    public static func * (a: Monomial, b: Monomial) -> Monomial {
        var out: [(Atom, Int)] = []
        out.reserveCapacity(a.factors.count + b.factors.count)
        var i = 0, j = 0
        while i < a.factors.count || j < b.factors.count {
            if j >= b.factors.count || (i < a.factors.count && a.factors[i].0 < b.factors[j].0) {
                out.append(a.factors[i]); i += 1
            } else if i >= a.factors.count || b.factors[j].0 < a.factors[i].0 {
                out.append(b.factors[j]); j += 1
            } else {
                let e = a.factors[i].1 + b.factors[j].1
                if e != 0 { out.append((a.factors[i].0, e)) }
                i += 1; j += 1
            }
        }
        return Monomial(factors: out)
    }

    /// Every exponent multiplied by `k`.
    public func raised(_ k: Int) -> Monomial {
        k == 0 ? .one : Monomial(factors: factors.map { ($0.0, $0.1 * k) })
    }

    /// Structural equality.
    public static func == (a: Monomial, b: Monomial) -> Bool {
        a.factors.count == b.factors.count && zip(a.factors, b.factors).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// Hash of atoms and exponents.
    public func hash(into h: inout Hasher) {
        h.combine(factors.count)
        for (a, e) in factors { h.combine(a); h.combine(e) }
    }
}
