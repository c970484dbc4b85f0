/// Normalising smart constructors: the only way to build an `Expr`.
///
/// Rules: sums and products are flattened and their operands sorted by `Expr.precedes`;
/// integer literals that fit in Int64 are folded; `-(-x) = x`; single-operand sums/products collapse;
/// `x^1 = x`; a product with a zero integer is zero.
extension Expr {
    /// An integer literal from a machine integer (negative values become `negate`).
    public static func integer(_ v: Int) -> Expr {
        if v >= 0, v < smallIntegers.count { return smallIntegers[v] }
        if v < 0, v > -negativeSmallIntegers.count { return negativeSmallIntegers[-v] }
        if v < 0 {
            if v == Int.min { return negate(number(Numeral(integerDigits: String(String(v).dropFirst())))) }
            return negate(integer(-v))
        }
        return number(Numeral(integerDigits: String(v)))
    }

    /// Pre-built literals 0…31 (the folded constants of most sums and products).
    static let smallIntegers: [Expr] = (0..<32).map { Expr(.number(Numeral(integerDigits: String($0))), size: 1) }

    /// Pre-built negations of 1…31 (index k holds −k; index 0 is unused): −1 is in every quotient.
    static let negativeSmallIntegers: [Expr] = (0..<32).map { negate(smallIntegers[$0]) }

    /// A numeral literal (the pre-built node for a plain integer below 32: the same tree, no allocation).
    public static func number(_ n: Numeral) -> Expr {
        if let v = n.plainIntegerValue, v < smallIntegers.count { return smallIntegers[v] }
        return Expr(.number(n), size: 1)
    }

    /// A variable or unknown name (the pre-built node for a one-letter ASCII name: the same tree, no allocation).
    public static func symbol(_ name: String) -> Expr {
        if let code = OneLetterNames.code(of: name), let node = letterSymbols[code] { return node }
        return Expr(.symbol(name), size: 1)
    }

    /// Pre-built one-letter symbols by ASCII code.
    static let letterSymbols: [Expr?] = OneLetterNames.table { Expr(.symbol($0), size: 1) }

    /// A named constant (pre-built nodes).
    public static func constant(_ c: MathConstant) -> Expr {
        switch c {
        case .pi: return piNode
        case .e: return eNode
        case .i: return iNode
        case .infinity: return infinityNode
        }
    }

    static let piNode = Expr(.constant(.pi), size: 1), eNode = Expr(.constant(.e), size: 1)
    static let iNode = Expr(.constant(.i), size: 1), infinityNode = Expr(.constant(.infinity), size: 1)

    /// Free text (trimmed).
    public static func text(_ s: String) -> Expr { Expr(.text(s), size: 1) }

    /// `\ldots`.
    public static var ellipsis: Expr { Expr(.ellipsis, size: 1) }

    /// Small integer value of a plain integer literal (possibly negated), if it fits.
    public var smallInteger: Int? {
        switch node {
        case .number(let n):
            return n.plainIntegerValue
        case .negate(let x):
            return x.smallInteger.map { -$0 }
        default: return nil
        }
    }

    /// Unary minus, folding double negation and integer literals.
    public static func negate(_ x: Expr) -> Expr {
        if case .negate(let inner) = x.node { return inner }
        if case .number(let n) = x.node, n.integerDigits == "0", n.fractionDigits.isEmpty, n.repeatingDigits.isEmpty { return x }
        return Expr(.negate(x), size: x.size + 1)
    }

    /// n-ary sum, flattened, integer parts folded, operands sorted.
    public static func sum(_ terms: [Expr]) -> Expr {
        var flat: [Expr] = []
        flat.reserveCapacity(terms.count + 1)
        var constant = 0
        var folded = false
        for t in terms {
            if case .sum(let inner) = t.node {
                for u in inner { absorb(u, into: &flat, constant: &constant, folded: &folded) }
            } else {
                absorb(t, into: &flat, constant: &constant, folded: &folded)
            }
        }
        if constant != 0 || (flat.isEmpty && folded) { flat.append(.integer(constant)) }
        if flat.isEmpty { return .integer(0) }
        if flat.count == 1 { return flat[0] }
        Expr.sortOperands(&flat)
        return Expr(.sum(flat), size: flat.reduce(1) { $0 + $1.size })
    }

    /// `sum([t])` without building an array: only a sum operand needs re-flattening (a lone integer literal folds to itself).
    static func sum(single t: Expr) -> Expr {
        if case .sum = t.node { return sum([t]) }
        return t
    }

    private static func absorb(_ t: Expr, into flat: inout [Expr], constant: inout Int, folded: inout Bool) {
        if let v = t.smallInteger {
            let (r, o) = constant.addingReportingOverflow(v)
            if !o { constant = r; folded = true; return }
        }
        flat.append(t)
    }

    /// n-ary product, flattened, integer factors folded, operands sorted.
    public static func product(_ factors: [Expr]) -> Expr {
        var builder = ProductBuilder()
        for f in factors { builder.add(f) }
        return builder.finish()
    }

    /// `product([a, b])` without the two-element array.
    static func product(_ a: Expr, _ b: Expr) -> Expr {
        var builder = ProductBuilder()
        builder.add(a)
        builder.add(b)
        return builder.finish()
    }

    /// The running state of `product`: factors kept, integer constant, sign. Room for a few factors is reserved
    /// with the first one kept, and for all of a product's factors when one is flattened in, so the factor array is
    /// allocated once in the usual case.
    struct ProductBuilder {
        var flat: [Expr] = []
        var constant = 1
        var negative = false

        mutating func add(_ f: Expr) {
            if case .product(let inner) = f.node {
                flat.reserveCapacity(Swift.max(flat.count + inner.count + 1, 4))
                for g in inner { Expr.absorbFactor(g, into: &flat, constant: &constant, negative: &negative) }
            } else {
                if flat.capacity == 0 { flat.reserveCapacity(4) }
                Expr.absorbFactor(f, into: &flat, constant: &constant, negative: &negative)
            }
        }

        mutating func finish() -> Expr {
            if constant == 0 { return .integer(0) }
            if constant < 0 { constant = -constant; negative.toggle() }
            if constant != 1 || flat.isEmpty { flat.append(.integer(constant)) }
            Expr.sortOperands(&flat)
            let core = flat.count == 1 ? flat[0] : Expr(.product(flat), size: flat.reduce(1) { $0 + $1.size })
            return negative ? .negate(core) : core
        }
    }

    /// One factor into a product: small integers fold into `constant`, negations into `negative` (unwrapped
    /// repeatedly), anything else is kept.
    static func absorbFactor(_ f: Expr, into flat: inout [Expr], constant: inout Int, negative: inout Bool) {
        var f = f
        while true {
            if let v = f.smallInteger {
                let (r, o) = constant.multipliedReportingOverflow(by: v)
                if !o { constant = r; return }
            }
            guard case .negate(let inner) = f.node else { break }
            negative.toggle()
            f = inner
        }
        flat.append(f)
    }

    /// `base ^ exponent`; `x^1 = x`.
    public static func power(_ base: Expr, _ exponent: Expr) -> Expr {
        if exponent.smallInteger == 1 { return base }
        return Expr(.power(base, exponent), size: base.size + exponent.size + 1)
    }

    /// `a / b` as `a · b^(-1)`.
    public static func quotient(_ a: Expr, _ b: Expr) -> Expr {
        product(a, power(b, .integer(-1)))
    }

    /// `a - b` as `a + (-b)`.
    public static func difference(_ a: Expr, _ b: Expr) -> Expr { sum([a, negate(b)]) }

    /// Function application by name (`sqrt`, `root` (x, n), `sin`, `log` (x, base), `abs`, `floor`, `binom`, ...).
    public static func apply(_ name: String, _ args: [Expr]) -> Expr {
        Expr(.apply(name, args), size: args.reduce(1) { $0 + $1.size })
    }

    /// Postfix operator application.
    public static func postfix(_ op: PostfixOp, _ x: Expr) -> Expr { Expr(.postfix(op, x), size: x.size + 1) }

    /// `a ± b`, or unary `±b` when `a` is nil.
    public static func plusMinus(_ a: Expr?, _ b: Expr) -> Expr {
        Expr(.plusMinus(a, b), size: (a?.size ?? 0) + b.size + 1)
    }

    /// A relation chain; `operands.count` must be `ops.count + 1` (otherwise the operands are listed).
    public static func relation(_ operands: [Expr], _ ops: [RelationOp]) -> Expr {
        guard operands.count == ops.count + 1, !ops.isEmpty else { return list(operands) }
        return Expr(.relation(operands, ops), size: operands.reduce(1) { $0 + $1.size })
    }

    /// A bracketed sequence such as `(1, 2)` or `[0, 1)`.
    public static func tuple(_ items: [Expr], open: Character, close: Character) -> Expr {
        Expr(.tuple(items, open: open, close: close), size: items.reduce(1) { $0 + $1.size })
    }

    /// A set literal (elements kept in written order; sets are compared unordered by the grader).
    public static func set(_ items: [Expr]) -> Expr { Expr(.set(items), size: items.reduce(1) { $0 + $1.size }) }

    /// A union of sets or intervals, flattened.
    public static func union(_ items: [Expr]) -> Expr {
        var flat: [Expr] = []
        for x in items { if case .union(let inner) = x.node { flat += inner } else { flat.append(x) } }
        if flat.count == 1 { return flat[0] }
        return Expr(.union(flat), size: flat.reduce(1) { $0 + $1.size })
    }

    /// A matrix given by rows.
    public static func matrix(_ rows: [[Expr]]) -> Expr {
        Expr(.matrix(rows), size: rows.reduce(1) { $0 + $1.reduce(0) { $0 + $1.size } })
    }

    /// A top-level list of answers, flattened; one item collapses to itself.
    public static func list(_ items: [Expr]) -> Expr {
        // Usual case, no nested list: the items as they are (no copy into a new array).
        if !items.contains(where: {
            if case .list = $0.node { return true }; return false
        }) {
            if items.count == 1 { return items[0] }
            return Expr(.list(items), size: items.reduce(1) { $0 + $1.size })
        }
        var flat: [Expr] = []
        for x in items { if case .list(let inner) = x.node { flat += inner } else { flat.append(x) } }
        if flat.count == 1 { return flat[0] }
        return Expr(.list(flat), size: flat.reduce(1) { $0 + $1.size })
    }

    /// A ratio `a : b : c`.
    public static func ratio(_ items: [Expr]) -> Expr {
        if items.count == 1 { return items[0] }
        return Expr(.ratio(items), size: items.reduce(1) { $0 + $1.size })
    }
}
