/// A deterministic structural total order used to sort commutative operands.
extension Expr {
    private var rank: Int {
        switch node {
        case .number: return 0
        case .constant: return 1
        case .symbol: return 2
        case .power: return 3
        case .apply: return 4
        case .product: return 5
        case .sum: return 6
        case .negate: return 7
        case .postfix: return 8
        default: return 9
        }
    }

    /// Strict weak order over expressions: by kind, then payload, then children.
    /// - Complexity: O(size) in the worst case.
    public static func precedes(_ a: Expr, _ b: Expr) -> Bool {
        compare(a, b) < 0
    }

    static func compare(_ a: Expr, _ b: Expr) -> Int {
        let ra = a.rank, rb = b.rank
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a.node, b.node) {
        case (.number(let x), .number(let y)):
            // A plain integer's text is its digits: compared without building the text.
            let tx = x.isInteger ? x.integerDigits : x.text, ty = y.isInteger ? y.integerDigits : y.text
            return tx == ty ? 0 : (tx < ty ? -1 : 1)
        case (.symbol(let x), .symbol(let y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.constant(let x), .constant(let y)):
            return x == y ? 0 : (x.rawValue < y.rawValue ? -1 : 1)
        case (.power(let b1, let e1), .power(let b2, let e2)):
            let c = compare(b1, b2)
            return c != 0 ? c : compare(e1, e2)
        case (.apply(let f, let xs), .apply(let g, let ys)):
            if f != g { return f < g ? -1 : 1 }
            return compareLists(xs, ys)
        case (.product(let xs), .product(let ys)), (.sum(let xs), .sum(let ys)):
            return compareLists(xs, ys)
        case (.negate(let x), .negate(let y)):
            return compare(x, y)
        case (.postfix(let o, let x), .postfix(let p, let y)):
            if o != p { return o.rawValue < p.rawValue ? -1 : 1 }
            return compare(x, y)
        default:
            if a == b { return 0 }
            if a.size != b.size { return a.size < b.size ? -1 : 1 }
            let da = a.description, db = b.description
            return da == db ? 0 : (da < db ? -1 : 1)
        }
    }

    /// Sorts operands by `precedes`, stably: the same order as `sort(by: precedes)` (a stable sort), by insertion for
    /// the short operand lists of sums and products (without the general sort's setup).
    static func sortOperands(_ xs: inout [Expr]) {
        guard xs.count > 1 else { return }
        guard xs.count <= 16 else { xs.sort(by: precedes); return }
        for i in 1..<xs.count {
            var j = i
            while j > 0, precedes(xs[j], xs[j - 1]) {
                xs.swapAt(j, j - 1)
                j -= 1
            }
        }
    }

    private static func compareLists(_ xs: [Expr], _ ys: [Expr]) -> Int {
        for (x, y) in zip(xs, ys) {
            let c = compare(x, y)
            if c != 0 { return c }
        }
        return xs.count == ys.count ? 0 : (xs.count < ys.count ? -1 : 1)
    }
}
