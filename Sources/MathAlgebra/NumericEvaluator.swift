#if canImport(Glibc)
    import Glibc
#endif
import MathSyntax

/// Evaluates scalar expressions numerically in complex double precision at a given assignment of variables.
///
/// Unknown functions (`f(x)`, `F_{n}`) evaluate to a fixed smooth pseudo-random function of their arguments, seeded by
/// the name, so the same name means the same function on both sides of a comparison. Work is bounded by `Budget.steps`.
public struct NumericEvaluator {
    /// Variable values, by name.
    public var assignment: [String: Complex] {
        get { Dictionary(uniqueKeysWithValues: zip(point.names, point.values)) }
        set { point = SamplePoint(newValue) }
    }
    /// The variable values as they are kept: names and values side by side (a few names: a linear search, no hashing).
    var point: SamplePoint
    /// Remaining steps.
    public var budget: Budget
    /// Largest magnitude of any intermediate value seen (bounds the rounding error of the result).
    public var largest: Double = 0
    /// Smallest non-zero magnitude of any intermediate value seen (tiny intermediates lose precision in sums).
    public var smallest: Double = .infinity

    /// Creates an evaluator.
    public init(assignment: [String: Complex], budget: Budget = Budget()) {
        self.init(point: SamplePoint(assignment), budget: budget)
    }

    /// An evaluator at a sample point of the numeric checks.
    init(point: SamplePoint, budget: Budget = Budget()) {
        self.point = point
        self.budget = budget
    }

    /// The value of variable `s`: the assigned one, or the pseudo-function of the name.
    func variableValue(_ s: String) -> Complex {
        point.value(of: s) ?? NumericEvaluator.pseudoFunction(s, [])
    }

    /// The value of `e`, or nil when not scalar or out of budget.
    public mutating func value(_ e: Expr) -> Complex? {
        do { return try eval(e) } catch { return nil }
    }

    mutating func eval(_ e: Expr) throws(AlgebraFailure) -> Complex {
        let v = try evalNode(e)
        let m = v.magnitude
        if m > largest || m.isNaN { largest = m.isNaN ? .infinity : m }
        if m > 0, m < smallest { smallest = m }
        return v
    }

    mutating func evalNode(_ e: Expr) throws(AlgebraFailure) -> Complex {
        try budget.spend(1)
        switch e.view {
        case .number(let n):
            if let small = n.smallIntegerValue { return Complex(Double(small)) }  // exact: at most 15 digits
            return Complex(try Rational(numeral: n, maxBits: 4096).doubleValue)
        case .symbol(let s):
            return variableValue(s)
        case .constant(let c):
            switch c {
            case .pi: return Complex(Double.pi)
            case .e: return Complex(M_E)
            case .i: return Complex(0, 1)
            case .infinity: throw .unsupported("infinity")
            }
        case .sum(let ts):
            var acc = Complex(0)
            for t in ts { acc = acc + (try eval(t)) }
            return acc
        case .product(let fs):
            var acc = Complex(1)
            for f in fs { acc = acc * (try eval(f)) }
            return acc
        case .negate(let x): return -(try eval(x))
        case .power(let b, let x): return Complex.pow(try eval(b), try eval(x))
        case .postfix(let op, let x):
            let v = try eval(x)
            switch op {
            case .percent: return v * Complex(0.01)
            case .factorial: return v.real { tgamma($0 + 1) }
            case .degrees, .prime: throw .unsupported(op.rawValue)
            }
        case .apply(let f, let args):
            var vals: [Complex] = []
            for a in args { vals.append(try eval(a)) }
            return try NumericEvaluator.function(f, vals)
        default:
            throw .unsupported("not scalar")
        }
    }

    static func function(_ f: String, _ v: [Complex]) throws(AlgebraFailure) -> Complex {
        if v.count == 1 {
            let z = v[0]
            switch f {
            case "sqrt": return Complex.pow(z, Complex(0.5))
            case "sin": return Complex.sin(z)
            case "cos": return Complex.cos(z)
            case "tan": return Complex.sin(z) / Complex.cos(z)
            case "cot": return Complex.cos(z) / Complex.sin(z)
            case "sec": return Complex(1) / Complex.cos(z)
            case "csc": return Complex(1) / Complex.sin(z)
            case "exp": return Complex.exp(z)
            case "ln", "log": return Complex.log(z)
            case "log10": return Complex.log(z) / Complex(M_LN10)
            case "arcsin": return z.real(asin)
            case "arccos": return z.real(acos)
            case "arctan": return z.real(atan)
            case "arccot": return z.real { atan(1 / $0) }
            case "sinh": return z.real(sinh)
            case "cosh": return z.real(cosh)
            case "tanh": return z.real(tanh)
            case "abs": return Complex(z.magnitude)
            case "floor": return z.real { $0.rounded(.down) }
            case "ceil": return z.real { $0.rounded(.up) }
            default: break
            }
        }
        if v.count == 2 {
            switch f {
            case "root": return Complex.pow(v[0], Complex(1) / v[1])
            case "log": return Complex.log(v[0]) / Complex.log(v[1])
            case "binom":
                return Complex(tgamma(v[0].re + 1) / (tgamma(v[1].re + 1) * tgamma(v[0].re - v[1].re + 1)))
            default: break
            }
        }
        return pseudoFunction(f, v)
    }

    /// A deterministic smooth function of the arguments, different for each name (FNV-1a seeded).
    static func pseudoFunction(_ name: String, _ v: [Complex]) -> Complex {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        var acc = Complex(Double(h % 1000) / 397.0 + 0.5)
        for (k, z) in v.enumerated() {
            h = (h ^ UInt64(k + 17)) &* 0x100_0000_01b3
            let a = Double(h % 997) / 331.0 + 0.3
            acc = acc + Complex.sin(z * Complex(a) + Complex(Double(k))) * Complex(1.0 + Double(h % 13))
        }
        return acc
    }
}

extension Expr {
    /// Names of the free variables (symbols) in the expression.
    public var freeSymbols: Set<String> {
        var out = Set<String>()
        collectSymbols(into: &out, depth: 0)
        return out
    }

    /// True when the expression has a free variable: `!freeSymbols.isEmpty` without building the set
    /// (same traversal and depth limit, stopping at the first symbol).
    public var hasFreeSymbols: Bool { symbolSearch(depth: 0) }

    private func symbolSearch(depth: Int) -> Bool {
        if depth > 200 { return false }
        switch view {
        case .symbol: return true
        case .sum(let xs), .product(let xs), .tuple(let xs, _, _), .set(let xs), .union(let xs), .list(let xs), .ratio(let xs):
            return xs.contains { $0.symbolSearch(depth: depth + 1) }
        case .relation(let xs, _): return xs.contains { $0.symbolSearch(depth: depth + 1) }
        case .power(let a, let b): return a.symbolSearch(depth: depth + 1) || b.symbolSearch(depth: depth + 1)
        case .negate(let x), .postfix(_, let x): return x.symbolSearch(depth: depth + 1)
        case .apply(_, let xs): return xs.contains { $0.symbolSearch(depth: depth + 1) }
        case .plusMinus(let a, let b): return (a?.symbolSearch(depth: depth + 1) ?? false) || b.symbolSearch(depth: depth + 1)
        case .matrix(let rows): return rows.contains { $0.contains { $0.symbolSearch(depth: depth + 1) } }
        default: return false
        }
    }

    private func collectSymbols(into out: inout Set<String>, depth: Int) {
        if depth > 200 { return }
        switch view {
        case .symbol(let s): out.insert(s)
        case .sum(let xs), .product(let xs), .tuple(let xs, _, _), .set(let xs), .union(let xs), .list(let xs), .ratio(let xs):
            for x in xs { x.collectSymbols(into: &out, depth: depth + 1) }
        case .relation(let xs, _): for x in xs { x.collectSymbols(into: &out, depth: depth + 1) }
        case .power(let a, let b): a.collectSymbols(into: &out, depth: depth + 1); b.collectSymbols(into: &out, depth: depth + 1)
        case .negate(let x), .postfix(_, let x): x.collectSymbols(into: &out, depth: depth + 1)
        case .apply(_, let xs): for x in xs { x.collectSymbols(into: &out, depth: depth + 1) }
        case .plusMinus(let a, let b): a?.collectSymbols(into: &out, depth: depth + 1); b.collectSymbols(into: &out, depth: depth + 1)
        case .matrix(let rows): for r in rows { for x in r { x.collectSymbols(into: &out, depth: depth + 1) } }
        default: break
        }
    }
}
