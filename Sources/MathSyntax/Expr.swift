/// A parsed mathematical answer: a public value type over a private recursive node.
///
/// Values are built only through the normalising smart constructors in `Expr+Constructors.swift`
/// (n-ary flattened sums and products, small integer constants folded, commutative operands sorted),
/// so two answers that differ only by operand order or grouping compare equal with `==`.
/// `Equatable` is structural; mathematical equivalence is decided by `MathVerify`.
///
/// Example: `Parser.parse("x+1+2").expr` is the sum `x + 3`.
public struct Expr: Hashable, Sendable {
    @usableFromInline indirect enum Node: Hashable, Sendable {
        case number(Numeral)
        case symbol(String)
        case constant(MathConstant)
        case sum([Expr])
        case product([Expr])
        case power(Expr, Expr)
        case negate(Expr)
        case apply(String, [Expr])
        case postfix(PostfixOp, Expr)
        case plusMinus(Expr?, Expr)
        case relation([Expr], [RelationOp])
        case tuple([Expr], open: Character, close: Character)
        case set([Expr])
        case union([Expr])
        case matrix([[Expr]])
        case list([Expr])
        case ratio([Expr])
        case text(String)
        case ellipsis
    }

    @usableFromInline let node: Node
    /// Number of nodes in this tree (used for budgets).
    public let size: Int
    /// True when a `±` node occurs anywhere in this tree (set once at construction from the children).
    public let containsPlusMinusNode: Bool

    init(_ node: Node, size: Int) {
        self.node = node
        self.size = size
        self.containsPlusMinusNode = Expr.plusMinusFlag(node)
    }

    private static func plusMinusFlag(_ node: Node) -> Bool {
        switch node {
        case .plusMinus: return true
        case .sum(let xs), .product(let xs), .apply(_, let xs), .relation(let xs, _), .tuple(let xs, _, _), .set(let xs),
            .union(let xs), .list(let xs), .ratio(let xs):
            return xs.contains { $0.containsPlusMinusNode }
        case .power(let a, let b): return a.containsPlusMinusNode || b.containsPlusMinusNode
        case .negate(let x), .postfix(_, let x): return x.containsPlusMinusNode
        case .matrix(let rows): return rows.contains { $0.contains { $0.containsPlusMinusNode } }
        case .number, .symbol, .constant, .text, .ellipsis: return false
        }
    }

    /// Structural equality of the trees (the flag follows from the node); sizes first as a cheap reject.
    public static func == (a: Expr, b: Expr) -> Bool { a.size == b.size && a.node == b.node }

    /// Hash of the tree (node, then size).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(node)
        hasher.combine(size)
    }
}

/// The kind of an expression's top node, without its payload (no copy, unlike `view`).
public enum ExprKind: Hashable, Sendable {
    /// One case per case of `ExprView`, same names.
    case number, symbol, constant, sum, product, power, negate, apply, postfix, plusMinus, relation, tuple, set, union,
        matrix, list, ratio, text, ellipsis
}

/// Named constants recognised by the parser.
public enum MathConstant: String, Hashable, Sendable, CaseIterable {
    /// π
    case pi
    /// Euler's number
    case e
    /// The imaginary unit
    case i
    /// ∞ (unsigned; `-\infty` is a negation of it)
    case infinity
}

/// Postfix operators.
public enum PostfixOp: String, Hashable, Sendable {
    /// `n!`
    case factorial
    /// `x\%`
    case percent
    /// `x^\circ`
    case degrees
    /// `f'` (derivative mark, opaque)
    case prime
}

/// Relation operators of equations, inequalities and membership.
public enum RelationOp: String, Hashable, Sendable {
    /// `=`
    case eq = "="
    /// `\neq`
    case ne = "\\neq"
    /// `<`
    case lt = "<"
    /// `\le`
    case le = "\\le"
    /// `>`
    case gt = ">"
    /// `\ge`
    case ge = "\\ge"
    /// `\approx`
    case approx = "\\approx"
    /// `\in`
    case member = "\\in"
    /// `\equiv`, `\to`, `\subset` and other relations kept opaque.
    case other = "\\sim"

    /// The operator seen from the other side (`<` ↔ `>`), nil if not an order relation.
    public var flipped: RelationOp {
        switch self {
        case .lt: return .gt
        case .gt: return .lt
        case .le: return .ge
        case .ge: return .le
        default: return self
        }
    }
}

/// A read-only view of one node, for consumers outside the module (`MathAlgebra`, `MathVerify`).
public enum ExprView: Sendable {
    /// A numeral
    case number(Numeral)
    /// A variable or unknown name
    case symbol(String)
    /// A named constant
    case constant(MathConstant)
    /// n-ary sum
    case sum([Expr])
    /// n-ary product
    case product([Expr])
    /// base ^ exponent
    case power(Expr, Expr)
    /// unary minus
    case negate(Expr)
    /// function application (`sqrt`, `root`, `sin`, `log`, `abs`, `binom`, unknown `f`...)
    case apply(String, [Expr])
    /// postfix operator
    case postfix(PostfixOp, Expr)
    /// `a ± b` (a is nil for unary ±)
    case plusMinus(Expr?, Expr)
    /// relation chain: operands.count == ops.count + 1
    case relation([Expr], [RelationOp])
    /// bracketed sequence; also intervals `[a, b)`
    case tuple([Expr], open: Character, close: Character)
    /// `\{a, b\}`
    case set([Expr])
    /// `A \cup B`
    case union([Expr])
    /// matrix rows
    case matrix([[Expr]])
    /// top-level list joined by commas, "and", "or"
    case list([Expr])
    /// `a : b`
    case ratio([Expr])
    /// free text
    case text(String)
    /// `\ldots`
    case ellipsis
}

extension Expr {
    /// The kind of the top node; cheaper than matching `view` when the payload is not needed.
    @inlinable public var kind: ExprKind {
        switch node {
        case .number: return .number
        case .symbol: return .symbol
        case .constant: return .constant
        case .sum: return .sum
        case .product: return .product
        case .power: return .power
        case .negate: return .negate
        case .apply: return .apply
        case .postfix: return .postfix
        case .plusMinus: return .plusMinus
        case .relation: return .relation
        case .tuple: return .tuple
        case .set: return .set
        case .union: return .union
        case .matrix: return .matrix
        case .list: return .list
        case .ratio: return .ratio
        case .text: return .text
        case .ellipsis: return .ellipsis
        }
    }

    /// The node as a public view.
    /// - Complexity: O(1).
    @inlinable @inline(__always) public var view: ExprView {
        switch node {
        case .number(let n): return .number(n)
        case .symbol(let s): return .symbol(s)
        case .constant(let c): return .constant(c)
        case .sum(let t): return .sum(t)
        case .product(let t): return .product(t)
        case .power(let b, let e): return .power(b, e)
        case .negate(let x): return .negate(x)
        case .apply(let f, let a): return .apply(f, a)
        case .postfix(let o, let x): return .postfix(o, x)
        case .plusMinus(let a, let b): return .plusMinus(a, b)
        case .relation(let xs, let ops): return .relation(xs, ops)
        case .tuple(let xs, let o, let c): return .tuple(xs, open: o, close: c)
        case .set(let xs): return .set(xs)
        case .union(let xs): return .union(xs)
        case .matrix(let rows): return .matrix(rows)
        case .list(let xs): return .list(xs)
        case .ratio(let xs): return .ratio(xs)
        case .text(let s): return .text(s)
        case .ellipsis: return .ellipsis
        }
    }
}
