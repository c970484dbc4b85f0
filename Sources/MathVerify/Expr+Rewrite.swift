import MathSyntax

/// Child access and rebuilding through the public smart constructors.
extension Expr {
    /// Direct sub-expressions.
    var children: [Expr] {
        switch view {
        case .sum(let xs), .product(let xs), .tuple(let xs, _, _), .set(let xs), .union(let xs), .list(let xs), .ratio(let xs),
            .apply(_, let xs), .relation(let xs, _):
            return xs
        case .power(let a, let b): return [a, b]
        case .negate(let x), .postfix(_, let x): return [x]
        case .plusMinus(let a, let b): return (a.map { [$0] } ?? []) + [b]
        case .matrix(let rows): return rows.flatMap { $0 }
        default: return []
        }
    }

    /// Calls `body` on each direct sub-expression, in `children` order, until it returns true; true if one did.
    /// Same visit as `children.contains(where:)` without building the array.
    func anyChild(_ body: (Expr) -> Bool) -> Bool {
        switch view {
        case .sum(let xs), .product(let xs), .tuple(let xs, _, _), .set(let xs), .union(let xs), .list(let xs), .ratio(let xs),
            .apply(_, let xs), .relation(let xs, _):
            return xs.contains(where: body)
        case .power(let a, let b): return body(a) || body(b)
        case .negate(let x), .postfix(_, let x): return body(x)
        case .plusMinus(let a, let b):
            if let a, body(a) { return true }
            return body(b)
        case .matrix(let rows): return rows.contains { $0.contains(where: body) }
        default: return false
        }
    }

    /// Rebuilds this node with new children (same count and order as `children`).
    func withChildren(_ c: [Expr]) -> Expr {
        switch view {
        case .sum: return .sum(c)
        case .product: return .product(c)
        case .tuple(_, let o, let cl): return .tuple(c, open: o, close: cl)
        case .set: return .set(c)
        case .union: return .union(c)
        case .list: return .list(c)
        case .ratio: return .ratio(c)
        case .apply(let f, _): return .apply(f, c)
        case .relation(_, let ops): return .relation(c, ops)
        case .power: return .power(c[0], c[1])
        case .negate: return .negate(c[0])
        case .postfix(let op, _): return .postfix(op, c[0])
        case .plusMinus(let a, _): return a == nil ? .plusMinus(nil, c[0]) : .plusMinus(c[0], c[1])
        case .matrix(let rows):
            var k = 0
            var out: [[Expr]] = []
            for r in rows { out.append(Array(c[k..<(k + r.count)])); k += r.count }
            return .matrix(out)
        default: return self
        }
    }

    /// Replaces the first `a ± b` (pre-order) by `a + b` (sign 1) or `a - b` (sign -1).
    func replacingFirstPlusMinus(sign: Int) -> Expr {
        if case .plusMinus(let a, let b) = view {
            let t = sign > 0 ? b : Expr.negate(b)
            return a.map { .sum([$0, t]) } ?? t
        }
        var kids = children
        for (k, c) in kids.enumerated() where Normalize.containsPlusMinus(c, depth: 0) {
            kids[k] = c.replacingFirstPlusMinus(sign: sign)
            return withChildren(kids)
        }
        return self
    }
}
