import MathSyntax

/// Matrix arithmetic written out in an answer (`A + B`, `A B`, `2A`) reduced to one matrix, and
/// repeated assignments (`p=5, q=2; p=7, q=2`) grouped into tuples.
extension Normalize {
    /// The single matrix a sum or product of explicit matrices stands for, or the input.
    static func evaluateMatrices(_ e: Expr) -> Expr {
        if e.kind != .sum && e.kind != .product { return e }
        switch e.view {
        case .sum(let terms) where terms.count >= 2:
            var rows: [[Expr]]? = nil
            for t in terms {
                guard case .matrix(let m) = evaluateMatrices(t).view else { return e }
                if let r = rows {
                    guard r.count == m.count, zip(r, m).allSatisfy({ $0.count == $1.count }) else { return e }
                    rows = zip(r, m).map { zip($0, $1).map { Expr.sum([$0, $1]) } }
                } else {
                    rows = m
                }
            }
            return rows.map { .matrix($0) } ?? e
        case .product(let factors) where factors.count >= 2:
            guard factors.contains(where: { $0.kind == .matrix }) else { return e }  // no matrix: nothing to evaluate
            var scalars: [Expr] = []
            var acc: [[Expr]]? = nil
            for f in factors {
                if case .matrix(let m) = f.view {
                    if let a = acc {
                        guard let p = multiply(a, m) else { return e }
                        acc = p
                    } else {
                        acc = m
                    }
                } else if Normalize.isScalarShape(f) {
                    scalars.append(f)
                } else {
                    return e
                }
            }
            guard let m = acc else { return e }
            if scalars.isEmpty { return .matrix(m) }
            return .matrix(m.map { $0.map { Expr.product(scalars + [$0]) } })
        default:
            return e
        }
    }

    static func multiply(_ a: [[Expr]], _ b: [[Expr]]) -> [[Expr]]? {
        guard let inner = a.first?.count, inner == b.count, let cols = b.first?.count,
            a.allSatisfy({ $0.count == inner }), b.allSatisfy({ $0.count == cols }), inner * cols * a.count <= 4096
        else { return nil }
        return a.map { row in (0..<cols).map { j in Expr.sum((0..<inner).map { k in Expr.product([row[k], b[k][j]]) }) } }
    }

    /// `p=5, q=2, p=7, q=2` → `(5, 2), (7, 2)` when the names repeat with a fixed period.
    static func groupAssignments(_ xs: [Expr]) -> [Expr]? {
        var names: [Expr] = []
        var values: [Expr] = []
        for x in xs {
            guard case .relation(let parts, let ops) = x.view, ops == [.eq], case .symbol = parts[0].view else { return nil }
            names.append(parts[0])
            values.append(parts[1])
        }
        guard names.count >= 4 else { return nil }
        guard
            let period = (2...(names.count / 2)).first(where: { p in
                names.count % p == 0 && Set(names[0..<p]).count == p && names.indices.allSatisfy { names[$0] == names[$0 % p] }
            })
        else { return nil }
        return stride(from: 0, to: values.count, by: period).map {
            Expr.tuple(Array(values[$0..<($0 + period)]), open: "(", close: ")")
        }
    }
}
