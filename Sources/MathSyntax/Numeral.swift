/// A number literal exactly as written: digits of the integer part, fraction, repeating block,
/// a power-of-ten exponent and a radix. No arithmetic happens here; `MathAlgebra` turns it into a rational.
///
/// Example: `0.1\overline{6}` is `Numeral(integerDigits: "0", fractionDigits: "1", repeatingDigits: "6")`.
public struct Numeral: Hashable, Sendable {
    /// Digits before the point ("" means 0).
    public let integerDigits: String
    /// Digits after the point, not repeating.
    public var fractionDigits: String { rare?.fractionDigits ?? "" }
    /// The repeating block after `fractionDigits` ("" if none).
    public var repeatingDigits: String { rare?.repeatingDigits ?? "" }
    /// Power of ten written in scientific notation (`3.2e5` → 5).
    public var exponent10: Int { rare?.exponent10 ?? 0 }
    /// Radix of the digits (10 unless written `1011_2`).
    public var base: Int { rare?.base ?? 10 }

    /// The parts a plain integer does not have, boxed: most literals are plain integers, and a numeral that is one
    /// string and a nil pointer copies (in tokens and trees) far more cheaply than one with three strings inline.
    private let rare: RareParts?

    private final class RareParts: Sendable {
        let fractionDigits: String
        let repeatingDigits: String
        let exponent10: Int
        let base: Int

        init(fractionDigits: String, repeatingDigits: String, exponent10: Int, base: Int) {
            self.fractionDigits = fractionDigits
            self.repeatingDigits = repeatingDigits
            self.exponent10 = exponent10
            self.base = base
        }
    }

    /// Creates a numeral; strips leading zeros of the integer part and trailing zeros of a non-repeating fraction.
    public init(
        integerDigits: String, fractionDigits: String = "", repeatingDigits: String = "",
        exponent10: Int = 0, base: Int = 10
    ) {
        // The usual literal, a plain integer of 1–18 digits without a leading zero: one pass over its bytes.
        if fractionDigits.isEmpty, repeatingDigits.isEmpty, exponent10 == 0, base == 10,
            let value = Numeral.valueOfCanonicalDigits(integerDigits)
        {
            self.integerDigits = integerDigits
            rare = nil
            plainValue = value
            return
        }
        if integerDigits.isEmpty {
            self.integerDigits = "0"
        } else if integerDigits.utf8.first == 48, integerDigits.utf8.count > 1 {
            var i = Substring(integerDigits)
            while i.utf8.count > 1, i.utf8.first == 48 { i = i.dropFirst() }
            self.integerDigits = String(i)
        } else {
            self.integerDigits = integerDigits
        }
        var fraction = fractionDigits
        if repeatingDigits.isEmpty, !fractionDigits.isEmpty, fractionDigits.utf8.last == 48 {
            var f = Substring(fractionDigits)
            while f.utf8.last == 48 { f = f.dropLast() }
            fraction = String(f)
        }
        let repeating = repeatingDigits.isEmpty || Numeral.allZeros(repeatingDigits) ? "" : repeatingDigits
        if fraction.isEmpty, repeating.isEmpty, exponent10 == 0, base == 10 {
            rare = nil
            plainValue = Numeral.plainValue(of: self.integerDigits)
        } else {
            rare = RareParts(fractionDigits: fraction, repeatingDigits: repeating, exponent10: exponent10, base: base)
            plainValue = -1
        }
    }

    /// A plain integer from digits already known to be canonical (1–18 ASCII digits, no leading zero) and their value.
    init(canonicalDigits: String, value: Int) {
        integerDigits = canonicalDigits
        rare = nil
        plainValue = value
    }

    /// Equal digits, exponent and radix.
    public static func == (a: Numeral, b: Numeral) -> Bool {
        a.integerDigits == b.integerDigits && a.fractionDigits == b.fractionDigits && a.repeatingDigits == b.repeatingDigits
            && a.exponent10 == b.exponent10 && a.base == b.base
    }

    /// Hash of digits, exponent and radix.
    public func hash(into h: inout Hasher) {
        h.combine(integerDigits)
        h.combine(fractionDigits)
        h.combine(repeatingDigits)
        h.combine(exponent10)
        h.combine(base)
    }

    private static func allZeros(_ digits: String) -> Bool {
        for b in digits.utf8 where b != 48 { return false }
        return true
    }

    /// True when the literal is a plain integer in base 10 (no point, no exponent).
    public var isInteger: Bool { rare == nil }

    /// The value of a plain base-10 integer of at most 18 digits (so it fits an Int), else nil.
    public var plainIntegerValue: Int? { plainValue >= 0 ? plainValue : nil }

    /// `plainIntegerValue` read once at creation (−1 for none): it is consulted at every fold of a sum or product.
    private let plainValue: Int

    /// The value of 1–18 ASCII digits with no leading zero (or the single digit 0), else nil.
    private static func valueOfCanonicalDigits(_ digits: String) -> Int? {
        var digits = digits
        return digits.withUTF8 { b in b.first != 48 || b.count == 1 ? value(ofDigits: b) : nil }
    }

    /// The value of 1–18 ASCII digits, else nil.
    private static func value(ofDigits b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty, b.count <= 18 else { return nil }
        var value = 0
        for byte in b {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    private static func plainValue(of digits: String) -> Int {
        var digits = digits
        return digits.withUTF8 { value(ofDigits: $0) } ?? -1
    }

    /// The value of a plain base-10 integer below 10^15 (exactly representable as a Double), else nil.
    public var smallIntegerValue: Int? {
        guard let v = plainIntegerValue, v < 1_000_000_000_000_000 else { return nil }
        return v
    }

    /// True when the literal was written with a terminating decimal part (so it may be a rounded measurement).
    public var isTerminatingDecimal: Bool { !fractionDigits.isEmpty && repeatingDigits.isEmpty }

    /// The literal in a canonical text form.
    public var text: String {
        var s = integerDigits
        if !fractionDigits.isEmpty || !repeatingDigits.isEmpty { s += "." + fractionDigits }
        if !repeatingDigits.isEmpty { s += "\\overline{\(repeatingDigits)}" }
        if exponent10 != 0 { s += "e\(exponent10)" }
        if base != 10 { s += "_\(base)" }
        return s
    }
}
