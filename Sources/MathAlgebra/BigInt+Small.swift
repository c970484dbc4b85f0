import BigInt

/// Machine-integer conversions and constants that avoid the BigInt package's generic initialisers.
///
/// `BigInt(5)`, `BigUInt(w)` and integer literals of these types go through `init<T: BinaryInteger>`, which runs
/// unspecialised across the module boundary (witness tables and dynamic casts, ~1,700 instructions each); the
/// `Rational` slow paths, radicals and gcds used them for every 1, every numerator and every small word.
/// These build the same values from one word.
extension BigUInt {
    /// The value of `w` (the same as `BigUInt(w)`).
    init(word64 w: UInt64) { self.init(words: [UInt(w)]) }
}

extension BigInt {
    /// The value of `v` (the same as `BigInt(v)`).
    init(int64 v: Int64) { self.init(sign: v < 0 ? .minus : .plus, magnitude: BigUInt(word64: v.magnitude)) }
}

/// Shared BigInt constants (built once).
enum BigConstant {
    /// 0
    static let zero = BigInt(0)
    /// 1
    static let one = BigInt(1)
    /// 1 as a magnitude.
    static let unsignedOne = BigUInt(1)
}
