import MathAlgebra
import MathSyntax

/// A base quantity a unit measures; currencies do not convert into one another, so each is its own base.
enum BaseQuantity: Int, CaseIterable, Sendable {
    case length, mass, time, angle
    /// Months and years: they convert into each other but not exactly into days.
    case calendarTime
    case dollar, euro, yuan, rupee
    case percent
}

/// The dimension of a unit: an exponent per base quantity (`km/h` is length¹ time⁻¹).
struct Dimension: Hashable, Sendable, CustomStringConvertible {
    private var exponents: [Int8]

    /// The dimension of a pure number.
    static let none = Dimension(exponents: [Int8](repeating: 0, count: BaseQuantity.allCases.count))

    private init(exponents: [Int8]) { self.exponents = exponents }

    /// One base quantity to the first power.
    init(_ base: BaseQuantity) {
        self = .none
        exponents[base.rawValue] = 1
    }

    static func * (a: Dimension, b: Dimension) -> Dimension {
        Dimension(exponents: zip(a.exponents, b.exponents).map { $0 &+ $1 })
    }

    /// The dimension raised to `k`.
    func power(_ k: Int) -> Dimension { Dimension(exponents: exponents.map { $0 &* Int8(truncatingIfNeeded: k) }) }

    /// True for the calendar-against-clock case (months or years on one side, seconds to weeks on the other).
    func isCalendarAgainstClock(_ other: Dimension) -> Bool {
        let t = BaseQuantity.time.rawValue, c = BaseQuantity.calendarTime.rawValue
        var a = self, b = other
        a.exponents[t] &+= a.exponents[c]; a.exponents[c] = 0
        b.exponents[t] &+= b.exponents[c]; b.exponents[c] = 0
        return a == b
    }

    /// `length^1 time^-1`.
    var description: String {
        let parts = BaseQuantity.allCases.compactMap { q -> String? in
            let e = exponents[q.rawValue]
            return e == 0 ? nil : e == 1 ? "\(q)" : "\(q)^\(e)"
        }
        return parts.isEmpty ? "number" : parts.joined(separator: " ")
    }
}

/// A unit of measure: its dimension and its size in the base units (metre, kilogram, second, radian, month,
/// one unit of each currency, one percent): `scale · π^piPower`.
///
/// Example: the degree is `(angle, 1/180, π¹)`; the mile per hour is `(length time⁻¹, 1609344/3600000, π⁰)`.
struct PhysicalUnit: Hashable, Sendable {
    var dimension: Dimension
    var scale: Rational
    var piPower: Int

    /// A unit of `base` worth `numerator/denominator` base units.
    init(_ base: BaseQuantity, _ numerator: Int, _ denominator: Int = 1, piPower: Int = 0) {
        self.init(dimension: Dimension(base), scale: Rational(numerator, denominator), piPower: piPower)
    }

    init(dimension: Dimension, scale: Rational, piPower: Int) {
        self.dimension = dimension
        self.scale = scale
        self.piPower = piPower
    }

    static func * (a: PhysicalUnit, b: PhysicalUnit) -> PhysicalUnit {
        PhysicalUnit(dimension: a.dimension * b.dimension, scale: a.scale * b.scale, piPower: a.piPower + b.piPower)
    }

    /// This unit to an integer power (nil when the scale would grow past a few hundred bits).
    func power(_ k: Int) -> PhysicalUnit? {
        if k == 1 { return self }
        guard let s = scale.power(k, maxBits: 512) else { return nil }
        return PhysicalUnit(dimension: dimension.power(k), scale: s, piPower: piPower * k)
    }

    /// The unit's size in base units as an expression (`\frac{1609344}{1000}`, `\frac{\pi}{180}`).
    var factor: Expr {
        var parts: [Expr] = []
        let text = scale.description
        let pieces = text.split(separator: "/")
        parts.append(PhysicalUnit.integer(String(pieces[0])))
        if pieces.count == 2 { parts.append(.power(PhysicalUnit.integer(String(pieces[1])), .integer(-1))) }
        if piPower != 0 { parts.append(piPower == 1 ? .constant(.pi) : .power(.constant(.pi), .integer(piPower))) }
        return parts.count == 1 ? parts[0] : .product(parts)
    }

    /// An integer literal from its decimal digits (a leading `-` negates).
    private static func integer(_ digits: String) -> Expr {
        if digits.hasPrefix("-") { return .negate(.number(Numeral(integerDigits: String(digits.dropFirst())))) }
        return .number(Numeral(integerDigits: digits))
    }
}
