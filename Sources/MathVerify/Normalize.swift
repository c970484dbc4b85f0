import MathAlgebra
import MathSyntax

/// Rewrites of parsed answers before comparison: chains, assignments, ± expansion, unit postfixes.
enum Normalize {
    /// `a = b ≈ c` keeps `a = b`; `x ≈ 3` reads as `x = 3`; `a = b = c` keeps `a = c`; an equation between
    /// constants (`1/2 = 10/9`, a worked line) keeps its last member.
    static func simplifyChain(_ e: Expr) -> Expr {
        guard e.kind == .relation, case .relation(var xs, var ops) = e.view else { return e }
        var changed = false
        if let k = ops.firstIndex(of: .approx) {
            changed = true
            if k == 0 {
                ops[0] = .eq
            } else {
                xs = Array(xs[0...k])
                ops = Array(ops[0..<k])
            }
        }
        if ops.allSatisfy({ $0 == .eq }) {
            if xs.count >= 3 { xs = [xs[0], xs[xs.count - 1]]; ops = [.eq]; changed = true }
            if xs.allSatisfy({ !$0.hasFreeSymbols && isScalarShape($0) }) { return xs[xs.count - 1] }
        }
        return changed ? .relation(xs, ops) : e  // unchanged: the same relation, not rebuilt
    }

    static func isScalarShape(_ e: Expr) -> Bool {
        switch e.view {
        case .tuple, .set, .list, .matrix, .relation, .union, .text, .ratio: return false
        default: return true
        }
    }

    /// The value of `name = value` (or `value = name`) when one side is name-like.
    static func valueOfAssignment(_ xs: [Expr], _ ops: [RelationOp]) -> Expr? {
        guard ops.count == 1, ops[0] == .eq else { return nil }
        if isNameLike(xs[0], depth: 0) { return xs[1] }
        if isNameLike(xs[1], depth: 0), !isNameLike(xs[0], depth: 0), xs[1].freeSymbols.count == 1, isScalarShape(xs[0]) { return nil }
        return nil
    }

    static let knownFunctions: Set<String> = [
        "sqrt", "root", "sin", "cos", "tan", "cot", "sec", "csc", "ln", "log", "exp", "log10", "arcsin", "arccos", "arctan",
        "binom", "floor", "ceil", "max", "min", "gcd", "lcm",
    ]

    /// Names, function calls of unknown functions, `|AB|`, `\frac{NO}{BO}`, `(p, q)`, `S_{ABC}`: no numerals outside exponents.
    static func isNameLike(_ e: Expr, depth: Int) -> Bool {
        if depth > 8 { return false }
        switch e.view {
        case .symbol: return true
        case .apply(let f, let args):
            if f == "abs" { return args.allSatisfy { isNameLike($0, depth: depth + 1) } }
            return !knownFunctions.contains(f)
        case .product(let xs), .tuple(let xs, _, _), .ratio(let xs):
            return !xs.isEmpty && xs.allSatisfy { isNameLike($0, depth: depth + 1) }
        case .power(let b, let x):
            if case .number = x.view { return isNameLike(b, depth: depth + 1) }
            if case .negate(let n) = x.view, case .number = n.view { return isNameLike(b, depth: depth + 1) }
            return false
        case .postfix(.prime, let x): return isNameLike(x, depth: depth + 1)
        default: return false
        }
    }

    /// Elements of a list, a set, or a ± expression (both signs); nil for other shapes.
    static func elements(_ e: Expr) -> [Expr]? {
        if e.kind != .list && e.kind != .set { return containsPlusMinus(e, depth: 0) ? expandPlusMinus(e) : nil }
        switch e.view {
        case .list(let xs), .set(let xs):
            if let grouped = groupAssignments(xs) { return grouped }
            // Without a ± every element expands to itself: the list as it is, not rebuilt.
            if !xs.contains(where: { containsPlusMinus($0, depth: 0) }) { return xs }
            return xs.flatMap { expandPlusMinus($0) }
        default:
            if containsPlusMinus(e, depth: 0) { return expandPlusMinus(e) }
            return nil
        }
    }

    /// True for set literals and ± expressions.
    static func isSetLike(_ e: Expr) -> Bool {
        if e.kind == .set { return true }
        if case .list(let xs) = e.view { return xs.contains { containsPlusMinus($0, depth: 0) } }
        return containsPlusMinus(e, depth: 0)
    }

    /// Tuples, relations, sets and matrices: lists of these are solution sets.
    static func isCompound(_ e: Expr) -> Bool {
        switch e.view {
        case .tuple, .relation, .set, .matrix: return true
        default: return false
        }
    }

    /// Number of `±` nodes (up to a small cap).
    static func plusMinusCount(_ e: Expr, depth: Int) -> Int {
        if depth > 32 || !e.containsPlusMinusNode { return 0 }
        var n = 0
        if case .plusMinus = e.view { n = 1 }
        _ = e.anyChild { c in
            if n <= 3 { n += plusMinusCount(c, depth: depth + 1) }
            return false
        }
        return n
    }

    static func containsPlusMinus(_ e: Expr, depth: Int) -> Bool {
        if depth > 32 || !e.containsPlusMinusNode { return false }
        if case .plusMinus = e.view { return true }
        return e.anyChild { containsPlusMinus($0, depth: depth + 1) }
    }

    /// Expands every `±` into both signs (at most 8 results).
    static func expandPlusMinus(_ e: Expr) -> [Expr] {
        guard containsPlusMinus(e, depth: 0) else { return [e] }
        var out: [Expr] = []
        for sign in [1, -1] {
            let r = e.replacingFirstPlusMinus(sign: sign)
            for x in expandPlusMinus(r) where out.count < 8 { out.append(x) }
        }
        return out
    }

    /// `p\%` → (p, .percent), `x^\circ` → (x, .degrees).
    static func stripUnitPostfix(_ e: Expr) -> (Expr, PostfixOp?) {
        if e.kind != .postfix && e.kind != .negate { return (e, nil) }
        if case .postfix(let op, let x) = e.view, op == .percent || op == .degrees { return (x, op) }
        if case .negate(let inner) = e.view, case .postfix(let op, let x) = inner.view, op == .percent || op == .degrees {
            return (.negate(x), op)
        }
        return (e, nil)
    }

    /// Decimal places of a terminating decimal literal (possibly negated).
    static func decimalPlaces(_ e: Expr) -> Int? {
        if case .negate(let x) = e.view { return decimalPlaces(x) }
        if case .number(let n) = e.view, n.isTerminatingDecimal, n.exponent10 == 0, n.base == 10 { return n.fractionDigits.count }
        return nil
    }

    /// Significant digits of a decimal literal.
    static func significantDigits(_ e: Expr) -> Int? {
        if case .negate(let x) = e.view { return significantDigits(x) }
        guard case .number(let n) = e.view else { return nil }
        let digits = (n.integerDigits == "0" ? "" : n.integerDigits) + n.fractionDigits
        return digits.drop { $0 == "0" }.count
    }
}
