import MathAlgebra
import MathSyntax

/// Equations and inequalities: the same relation up to a non-zero factor, a flip, or a side swap.
extension Comparison {
    mutating func compareRelations(_ g: Expr, _ a: Expr) -> Verdict {
        guard case .relation(let gx, let gops) = g.view, case .relation(let ax, let aops) = a.view else {
            return .different("not relations")
        }
        // Order relations become intervals when they constrain one quantity.
        let isOrder: (RelationOp) -> Bool = { [.lt, .le, .gt, .ge].contains($0) }
        if gops.allSatisfy(isOrder) || aops.allSatisfy(isOrder) || gops == [.member] || aops == [.member] {
            if let v = IntervalForm.compareRelations(g, a, with: &self) { return v }
        }
        // `name = …` on both sides with the same name: the right sides decide (works for tuples, sets and non-scalar
        // values); compared once, the verdict is kept for the end.
        let sameName = gops == [.eq] && aops == [.eq] && gx[0] == ax[0]
        var rightSides: Verdict? = nil
        if gops.count == aops.count {
            if sameName {
                let v = compare(gx[1], ax[1])
                if v.isEquivalent { return .equivalent(.relation) }
                rightSides = v
            } else if gops == aops, compareSequences(gx, ax).isEquivalent {
                return .equivalent(.relation)
            }
            let flipped = aops.reversed().map { $0.flipped }
            if gops == flipped, compareSequences(gx, Array(ax.reversed())).isEquivalent { return .equivalent(.relation) }
        }
        guard gops == [.eq], aops == [.eq] else { return .different("relations differ") }
        if let v = rightSides { return v }
        if !Normalize.isScalarShape(gx[1]) || !Normalize.isScalarShape(ax[1]) { return .different("relations differ") }
        return proportional(.difference(gx[0], gx[1]), .difference(ax[0], ax[1]))
    }

    /// `p = 0` and `q = 0` define the same relation when p = c·q for a non-zero constant c.
    mutating func proportional(_ p: Expr, _ q: Expr) -> Verdict {
        var b1 = options.budget, b2 = options.budget
        guard let pp = try? CanonicalForm.polynomial(p, budget: &b1),
            let pq = try? CanonicalForm.polynomial(q, budget: &b2)
        else {
            return .undecided("equation not in a canonical form")
        }
        if pp.isZero || pq.isZero { return pp.isZero && pq.isZero ? .equivalent(.relation) : .different("relations differ") }
        // Pick a monomial present in both, preferring one without opaque atoms.
        guard let (m, cp) = pp.terms.first(where: { pq.coefficient(of: $0.0) != nil }), let cq = pq.coefficient(of: m),
            let c = cp / cq
        else { return .different("equations differ") }
        let scaled = pq.scaled(c)
        let d = pp - scaled
        if d.isZero { return .equivalent(.relation) }
        if d.isTransparent { return .different("equations differ") }
        guard let cn = Int(exactly: c.numerator), let cd = Int(exactly: c.denominator) else { return .undecided("large factor") }
        let outcome = ScalarComparison.compare(p, .product([.quotient(.integer(cn), .integer(cd)), q]), budget: options.budget)
        return outcome.isEqual ? .equivalent(.relation) : .different("equations differ")
    }
}

/// Text answers: compared as normalised words.
enum TextGrading {
    static func normalized(_ e: Expr) -> String {
        let raw: String
        if case .text(let t) = e.view { raw = t } else { raw = e.description }
        return String(raw.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Letters and digits of the raw text with LaTeX text commands removed, lowercased.
    static func rawKey(_ s: String) -> String {
        var t = s
        for cmd in ["\\textbf", "\\text", "\\mathrm", "\\mbox", "\\textit", "\\emph", "\\mathbf", "\\,", "\\ "] {
            t = t.replacingAll(cmd, with: " ")
        }
        // Keep every symbol that can carry meaning (<, =, digits); drop only layout.
        var out = String(t.lowercased().filter { !$0.isWhitespace && $0 != "{" && $0 != "}" && $0 != "$" })
        while out.hasSuffix(".") { out.removeLast() }
        return out
    }

    static func compare(_ g: Expr, _ a: Expr) -> Verdict {
        let x = normalized(g), y = normalized(a)
        if !x.isEmpty, x == y { return .equivalent(.text) }
        return .different("text differs")
    }
}
