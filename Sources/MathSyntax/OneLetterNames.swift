/// Tables indexed by ASCII code for the 52 one-letter names (`x`, `y`, `n`, …): values built once for the most
/// frequent variables, so that lexing, parsing and canonical forms look them up instead of building them.
public enum OneLetterNames {
    /// `make(name)` for each ASCII letter at its code; nil at the other codes below 128.
    public static func table<T>(_ make: (String) -> T) -> [T?] {
        (0..<128).map { code in ByteClass.isASCIILetter(UInt8(code)) ? make(String(UnicodeScalar(UInt8(code)))) : nil }
    }

    /// The ASCII code of a one-letter name, else nil.
    @inline(__always)
    public static func code(of name: String) -> Int? {
        let u = name.utf8
        guard u.count == 1, let b = u.first, ByteClass.isASCIILetter(b) else { return nil }
        return Int(b)
    }
}
