import MathAlgebra
import MathSyntax

/// Units as part of the value: run only when a side carried a unit phrase (`ParseResult.units`).
///
/// Rules, for the units `UnitReading` finds (a trailing `^\circ` or `\%` counts as the degree or percent when the
/// other side wrote a unit):
/// - both known, different dimensions: different (months or years against days: undecided);
/// - both known, same unit: the values decide, as without units;
/// - both known, same dimension: the quantities are compared after conversion (`6 km` ≡ `6000 m`);
/// - a known unit against words the vocabulary does not know: different;
/// - a known angle against a bare number: the number may be the angle in radians or in degrees;
/// - several different units on one side: not equivalent unless written the same (undecided);
/// - otherwise (a bare number, `units`, words that are not units on both sides) as without units.
extension Comparison {
    /// The verdict when the units decide, or nil to keep `base` (the comparison of the values alone) and go on.
    mutating func unitVerdict(
        gold g: Expr, goldMarks: [UnitMark], answer a: Expr, answerMarks: [UnitMark],
        base: Verdict
    ) -> Verdict? {
        let gq = Quantity(g, marks: goldMarks, text: listTexts.gold), aq = Quantity(a, marks: answerMarks, text: listTexts.answer)
        switch (gq.reading, aq.reading) {
        case (.known(let u), .known(let v)):
            if u.dimension != v.dimension {
                if u.dimension.isCalendarAgainstClock(v.dimension) {
                    return .undecided("calendar units (months, years) against clock units (days, hours)")
                }
                return .different("units of different kinds: \(u.dimension) vs \(v.dimension)")
            }
            if u == v { return gq.usesPostfix || aq.usesPostfix ? compareConverted(gq, u, aq, v) : nil }
            return compareConverted(gq, u, aq, v)
        case (.known, .unknown), (.unknown, .known):
            return .different("a unit against words that are not the same unit")
        case (.mixed, _), (_, .mixed):
            return base.isEquivalent ? .undecided("several different units in one answer") : nil
        case (.known(let u), .none) where u.dimension == Dimension(.angle):
            return base.isEquivalent ? nil : angleAgainstNumber(gq, u, number: a)
        case (.none, .known(let v)) where v.dimension == Dimension(.angle):
            return base.isEquivalent ? nil : angleAgainstNumber(aq, v, number: g)
        default:
            return nil
        }
    }

    /// Both quantities in base units, compared.
    private mutating func compareConverted(_ g: Quantity, _ u: PhysicalUnit, _ a: Quantity, _ v: PhysicalUnit) -> Verdict {
        guard let x = Quantity.scaled(g.value, by: u.factor), let y = Quantity.scaled(a.value, by: v.factor) else {
            return .undecided("units on an answer of this shape are not converted")
        }
        let verdict = compare(x, y)
        if verdict.isEquivalent { return .equivalent(.unitConversion) }
        if case .undecided = verdict { return verdict }
        return .different("different quantities after unit conversion")
    }

    /// An angle with a unit against a bare number: equal when the number is the angle in radians or in degrees.
    private mutating func angleAgainstNumber(_ q: Quantity, _ u: PhysicalUnit, number: Expr) -> Verdict? {
        let degree = PhysicalUnit(.angle, 1, 180, piPower: 1)
        for target in [PhysicalUnit(.angle, 1), degree] {
            guard let ratio = (u.scale / target.scale) else { continue }
            let factor = PhysicalUnit(dimension: u.dimension, scale: ratio, piPower: u.piPower - target.piPower).factor
            guard let x = Quantity.scaled(q.value, by: factor) else { return nil }
            if compare(x, number).isEquivalent { return .equivalent(.unitConversion) }
        }
        return nil
    }
}

/// One side of a comparison with units: its value (the assignment's right side, a trailing `^\circ` or `\%`
/// removed when it serves as the unit) and what its unit phrases say.
struct Quantity {
    var value: Expr
    var reading: UnitReading
    /// True when the unit is a trailing `^\circ` or `\%` rather than a written phrase.
    var usesPostfix = false

    /// Reads `e`, parsed from `text` with unit phrases `marks` (an escaped dollar sign `\$` in the text is the
    /// dollar when no phrase was written).
    init(_ e: Expr, marks: [UnitMark], text: String) {
        var v = e
        if case .relation(let xs, let ops) = e.view, let rhs = Normalize.valueOfAssignment(xs, ops) { v = rhs }
        value = v
        reading = UnitReading(marks)
        guard marks.isEmpty else { return }
        if text.utf8.contains(36), text.contains("\\$") {
            reading = .known(PhysicalUnit(.dollar, 1))
            return
        }
        let (stripped, op) = Normalize.stripUnitPostfix(v)
        switch op {
        case .degrees?: reading = .known(PhysicalUnit(.angle, 1, 180, piPower: 1))
        case .percent?: reading = .known(PhysicalUnit(.percent, 1))
        default: return
        }
        value = stripped
        usesPostfix = true
    }

    /// `e · factor`, element by element for a list, set or tuple of numbers; nil for other shapes (relations,
    /// intervals, matrices).
    static func scaled(_ e: Expr, by factor: Expr) -> Expr? {
        switch e.view {
        case .list(let xs): return collection(xs, factor).map { .list($0) }
        case .set(let xs): return collection(xs, factor).map { .set($0) }
        case .tuple(let xs, let o, let c): return collection(xs, factor).map { .tuple($0, open: o, close: c) }
        default: return Normalize.isScalarShape(e) ? .product([e, factor]) : nil
        }
    }

    private static func collection(_ xs: [Expr], _ factor: Expr) -> [Expr]? {
        var out: [Expr] = []
        for x in xs {
            guard Normalize.isScalarShape(x) else { return nil }
            out.append(.product([x, factor]))
        }
        return out
    }
}
