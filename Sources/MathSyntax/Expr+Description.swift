/// Display of an expression as compact LaTeX-like text.
extension Expr: CustomStringConvertible {
    /// Text form for display and diagnostics (not guaranteed to round-trip).
    public var description: String {
        switch node {
        case .number(let n): return n.text
        case .symbol(let s): return s
        case .constant(let c):
            switch c {
            case .pi: return "\\pi"
            case .e: return "e"
            case .i: return "i"
            case .infinity: return "\\infty"
            }
        case .sum(let ts):
            var s = ""
            for (k, t) in ts.enumerated() {
                if case .negate(let inner) = t.node { s += (k == 0 ? "-" : " - ") + inner.wrapped(for: 1) } else { s += (k == 0 ? "" : " + ") + t.description }
            }
            return s
        case .product(let fs): return fs.map { $0.wrapped(for: 2) }.joined(separator: " \\cdot ")
        case .power(let b, let e): return b.wrapped(for: 3) + "^{" + e.description + "}"
        case .negate(let x): return "-" + x.wrapped(for: 2)
        case .apply(let f, let args):
            if f == "sqrt", args.count == 1 { return "\\sqrt{\(args[0])}" }
            return "\\" + f + "(" + args.map(\.description).joined(separator: ", ") + ")"
        case .postfix(let op, let x):
            switch op {
            case .factorial: return x.wrapped(for: 3) + "!"
            case .percent: return x.wrapped(for: 3) + "\\%"
            case .degrees: return x.wrapped(for: 3) + "^\\circ"
            case .prime: return x.wrapped(for: 3) + "'"
            }
        case .plusMinus(let a, let b): return (a.map { $0.description + " " } ?? "") + "\\pm " + b.wrapped(for: 1)
        case .relation(let xs, let ops):
            var s = xs[0].description
            for (k, op) in ops.enumerated() { s += " " + op.rawValue + " " + xs[k + 1].description }
            return s
        case .tuple(let xs, let o, let c): return String(o) + xs.map(\.description).joined(separator: ", ") + String(c)
        case .set(let xs): return "\\{" + xs.map(\.description).joined(separator: ", ") + "\\}"
        case .union(let xs): return xs.map(\.description).joined(separator: " \\cup ")
        case .matrix(let rows):
            return "\\begin{pmatrix}" + rows.map { $0.map(\.description).joined(separator: " & ") }.joined(separator: " \\\\ ") + "\\end{pmatrix}"
        case .list(let xs): return xs.map(\.description).joined(separator: ", ")
        case .ratio(let xs): return xs.map(\.description).joined(separator: " : ")
        case .text(let s): return "\\text{\(s)}"
        case .ellipsis: return "\\ldots"
        }
    }

    private var precedence: Int {
        switch node {
        case .sum, .plusMinus, .relation, .list, .union, .ratio: return 1
        case .product, .negate: return 2
        case .power: return 3
        case .number(let n): return n.isInteger ? 4 : 3
        default: return 4
        }
    }

    private func wrapped(for level: Int) -> String {
        precedence <= level && precedence < 4 ? "(" + description + ")" : description
    }
}
