import MathAlgebra
import MathSyntax

/// Recursive comparison of parsed answers; dispatches on the shapes of both sides.
struct Comparison {
    let options: Grader.Options
    /// The texts whose wording decides whether plain lists are unordered (`ListOrder`), read only when a collection
    /// is compared; the decision is kept.
    var listTexts: (gold: String, answer: String) = ("", "")
    private var unordered: Bool?
    var unorderedLists: Bool {
        mutating get {
            if let known = unordered { return known }
            let u = ListOrder.isUnordered(listTexts.gold) || ListOrder.isUnordered(listTexts.answer)
            unordered = u
            return u
        }
    }
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
        if IntervalForm.isNumberSetShape(g) || IntervalForm.isNumberSetShape(a) {
            return IntervalForm.compareNumberSets(g, a, with: &self)
        }
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
    ///
    /// Sets are first matched one to one over their structurally distinct elements: when every gold element finds its
    /// own equivalent answer element and the counts agree, the sets are equal and no element is compared with another
    /// of its own side. Otherwise equivalent duplicates are merged on each side and the matching is redone; the cross
    /// comparisons already made are remembered, not repeated.
    mutating func compareCollections(_ g: Expr, _ a: Expr, _ xs: [Expr], _ ys: [Expr]) -> Verdict {
        let isSet =
            unorderedLists || Normalize.isSetLike(g) || Normalize.isSetLike(a)
            || xs.contains { Normalize.isCompound($0) } || ys.contains { Normalize.isCompound($0) }
        if !isSet {
            guard xs.count == ys.count else { return .different("list lengths differ") }
            return compareSequences(xs, ys)
        }
        let sx = structurallyUnique(xs), sy = structurallyUnique(ys)
        var cross = CrossVerdicts(rows: sx.count, columns: sy.count)
        if sx.count == sy.count, matchAll(0..<sx.count, 0..<sy.count, sx, sy, &cross) == nil {
            return .equivalent(.elementwise)
        }
        let ux = uniqueIndices(sx, semantic: xs.count <= 12), uy = uniqueIndices(sy, semantic: ys.count <= 12)
        guard ux.count == uy.count else { return .different("different number of elements") }
        if let unmatched = matchAll(ux, uy, sx, sy, &cross) { return .different("element \(sx[unmatched]) not matched") }
        return .equivalent(.elementwise)
    }

    /// Greedy one-to-one matching of gold elements `rows` to answer elements `columns` (indices into `xs`, `ys`);
    /// the first gold index left without a partner, or nil when all are matched.
    mutating func matchAll<Rows: Collection<Int>, Columns: Collection<Int>>(
        _ rows: Rows, _ columns: Columns, _ xs: [Expr], _ ys: [Expr], _ cross: inout CrossVerdicts
    ) -> Int? {
        var used = [Bool](repeating: false, count: columns.count)
        for i in rows {
            var found = false
            for (k, j) in columns.enumerated() where !used[k] {
                if cross.equivalent(i, j, compare: { compare(xs[i], ys[j]).isEquivalent }) {
                    used[k] = true
                    found = true
                    break
                }
            }
            if !found { return i }
        }
        return nil
    }

    /// The elements with structural duplicates removed, first occurrences in order.
    func structurallyUnique(_ xs: [Expr]) -> [Expr] {
        // Most lists have no repeat: they are returned as they are, and a copy is made only from the first repeat on.
        for k in xs.indices where xs[..<k].contains(where: { $0 == xs[k] }) {
            var out = Array(xs[..<k])
            for x in xs[k...] where !out.contains(where: { $0 == x }) { out.append(x) }
            return out
        }
        return xs
    }

    /// Indices of the elements left when equivalent duplicates are merged (when `semantic`, which the caller sets for
    /// at most 12 elements; otherwise only structural duplicates, already removed, are merged).
    mutating func uniqueIndices(_ xs: [Expr], semantic: Bool) -> [Int] {
        var out: [Int] = []
        for (k, x) in xs.enumerated() {
            if semantic, out.contains(where: { compare(xs[$0], x).isEquivalent }) { continue }
            out.append(k)
        }
        return out
    }
}

/// Remembered outcomes of comparing gold element i with answer element j during one set comparison.
struct CrossVerdicts {
    private var known: [UInt8]
    private let columns: Int

    init(rows: Int, columns: Int) {
        known = [UInt8](repeating: 0, count: rows * columns)
        self.columns = columns
    }

    /// Whether elements i and j are equivalent, comparing them only the first time.
    mutating func equivalent(_ i: Int, _ j: Int, compare: () -> Bool) -> Bool {
        let k = i * columns + j
        if known[k] == 0 { known[k] = compare() ? 1 : 2 }
        return known[k] == 1
    }
}
