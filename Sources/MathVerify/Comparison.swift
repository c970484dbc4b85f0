import MathAlgebra
import MathSyntax

/// Recursive comparison of parsed answers; dispatches on the shapes of both sides.
struct Comparison {
    let options: Grader.Options
    var unorderedLists = false
    var depth = 0

    init(options: Grader.Options) { self.options = options }

    /// Compares gold `g` with answer `a`.
    mutating func compare(_ g0: Expr, _ a0: Expr) -> Verdict {
        depth += 1
        defer { depth -= 1 }
        if depth > 24 { return .undecided("nesting too deep") }
        if g0 == a0 { return .equivalent(.structural) }
        let g = Normalize.evaluateMatrices(Normalize.simplifyChain(g0))
        let a = Normalize.evaluateMatrices(Normalize.simplifyChain(a0))
        if g == a { return .equivalent(.structural) }
        if g.kind == .relation || a.kind == .relation {
            switch (g.view, a.view) {
            case (.relation, .relation):
                return compareRelations(g, a)
            case (.relation(let xs, let ops), _):
                if let v = Normalize.valueOfAssignment(xs, ops) { return compare(v, a) }
                if let verdict = IntervalForm.compare(relation: g, other: a, with: &self) { return verdict }
                return .different("relation vs value")
            case (_, .relation(let xs, let ops)):
                if let v = Normalize.valueOfAssignment(xs, ops) { return compare(g, v) }
                if let verdict = IntervalForm.compare(relation: a, other: g, with: &self) { return verdict }
                return .different("value vs relation")
            default:
                break
            }
        }
        if g.kind == .union || a.kind == .union { return IntervalForm.compareUnions(g, a, with: &self) }
        if Normalize.plusMinusCount(g, depth: 0) > 2 || Normalize.plusMinusCount(a, depth: 0) > 2 {
            return .undecided("more than two ± signs")
        }
        // Collections: lists, sets, ± expansions.
        let ge = Normalize.elements(g), ae = Normalize.elements(a)
        if ge != nil || ae != nil {
            return compareCollections(g, a, ge ?? [g], ae ?? [a])
        }
        switch (g.view, a.view) {
        case (.tuple(let xs, let o1, let c1), .tuple(let ys, let o2, let c2)):
            guard xs.count == ys.count else { return .different("tuple lengths differ") }
            if xs.count == 2, !IntervalForm.bracketsMatch(xs, o1, c1, ys, o2, c2) { return .different("bracket types differ") }
            if xs.count != 2, o1 != o2 || c1 != c2 { return .different("bracket types differ") }
            return compareSequences(xs, ys)
        case (.union, _), (_, .union):
            return IntervalForm.compareUnions(g, a, with: &self)
        case (.matrix(let r1), .matrix(let r2)):
            guard r1.count == r2.count, zip(r1, r2).allSatisfy({ $0.count == $1.count }) else {
                return .different("matrix shapes differ")
            }
            return compareSequences(r1.flatMap { $0 }, r2.flatMap { $0 })
        case (.ratio(let xs), .ratio(let ys)):
            guard xs.count == ys.count else { return .different("ratio lengths differ") }
            return compareSequences(xs, ys)
        case (.text, _), (_, .text):
            return TextGrading.compare(g, a)
        case (.tuple, _), (_, .tuple), (.matrix, _), (_, .matrix), (.ratio, _), (_, .ratio), (.ellipsis, _), (_, .ellipsis):
            return .different("different kinds of answer")
        default:
            return compareScalars(g, a)
        }
    }

    /// Element-by-element comparison in order.
    mutating func compareSequences(_ xs: [Expr], _ ys: [Expr]) -> Verdict {
        for (x, y) in zip(xs, ys) {
            let v = compare(x, y)
            if !v.isEquivalent { return v }
        }
        return .equivalent(.elementwise)
    }

    /// Lists, sets and ± expansions: sets ignore order and duplicates; plain comma lists keep order.
    mutating func compareCollections(_ g: Expr, _ a: Expr, _ xs: [Expr], _ ys: [Expr]) -> Verdict {
        let isSet = unorderedLists || Normalize.isSetLike(g) || Normalize.isSetLike(a)
            || xs.contains { Normalize.isCompound($0) } || ys.contains { Normalize.isCompound($0) }
        if !isSet {
            guard xs.count == ys.count else { return .different("list lengths differ") }
            return compareSequences(xs, ys)
        }
        let ux = uniqueElements(xs), uy = uniqueElements(ys)
        guard ux.count == uy.count else { return .different("different number of elements") }
        var used = [Bool](repeating: false, count: uy.count)
        for x in ux {
            var found = false
            for (k, y) in uy.enumerated() where !used[k] {
                if compare(x, y).isEquivalent { used[k] = true; found = true; break }
            }
            if !found { return .different("element \(x) not matched") }
        }
        return .equivalent(.elementwise)
    }

    mutating func uniqueElements(_ xs: [Expr]) -> [Expr] {
        var out: [Expr] = []
        for x in xs where !out.contains(where: { $0 == x }) {
            if xs.count <= 12, out.contains(where: { compare($0, x).isEquivalent }) { continue }
            out.append(x)
        }
        return out
    }
}
