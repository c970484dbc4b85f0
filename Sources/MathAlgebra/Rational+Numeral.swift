import BigInt
import MathSyntax

/// Exact value of a written numeral.
extension Rational {
    /// The exact value of `numeral` (repeating blocks, scientific exponents and radices included).
    /// - Throws: `.tooLarge` when the digits or exponent exceed the bit budget; `.undefined` for digits invalid in the radix.
    public init(numeral: Numeral, maxBits: Int = 16_384) throws(AlgebraFailure) {
        let digitCount = numeral.integerDigits.utf8.count + numeral.fractionDigits.utf8.count + numeral.repeatingDigits.utf8.count
        if digitCount * 4 > maxBits || abs(numeral.exponent10) * 4 > maxBits { throw .tooLarge }
        if numeral.base != 10 {
            guard let v = BigInt(numeral.integerDigits, radix: numeral.base) else { throw .undefined }
            self.init(big: v, 1)
            return
        }
        if let v = numeral.plainIntegerValue {
            self.init(reducedSmall: Int64(v), 1)
            return
        }
        let whole = numeral.integerDigits + numeral.fractionDigits
        guard let w = BigInt(whole) else { throw .undefined }
        var value = Rational(big: w, BigInt(10).power(numeral.fractionDigits.count))
        if !numeral.repeatingDigits.isEmpty {
            guard let r = BigInt(numeral.repeatingDigits) else { throw .undefined }
            // 0.000(rep) = rep / ((10^k - 1) · 10^f)
            let k = numeral.repeatingDigits.count
            let denom = (BigInt(10).power(k) - 1) * BigInt(10).power(numeral.fractionDigits.count)
            value = value + Rational(big: r, denom)
        }
        if numeral.exponent10 != 0 {
            guard let scale = Rational(10).power(numeral.exponent10, maxBits: maxBits) else { throw .tooLarge }
            value = value * scale
        }
        self = value
    }
}
