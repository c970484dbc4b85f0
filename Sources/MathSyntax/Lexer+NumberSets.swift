/// The number sets `\mathbb{R}`, `\mathbb{Z}`, `\mathbb{N}`, `\mathbb{Q}`, `\mathbb{C}` (also `\Bbb R`), lexed as
/// one symbol each (`ℝ`, `ℤ`, `ℕ`, `ℚ`, `ℂ`), with a sign or star written after as part of the name:
/// `\mathbb{R}^+` and `\mathbb{R}_{+}` are `ℝ+`, `\mathbb{N}^*` is `ℕ*`. Other letters in `\mathbb{}` are styled
/// letters, lexed as if the command were absent.
extension Lexer {
    /// The set's symbol for its letter.
    static let numberSets: [UInt8: String] = [82: "ℝ", 90: "ℤ", 78: "ℕ", 81: "ℚ", 67: "ℂ"]

    /// True for a symbol that names a number set (`ℝ`, `ℝ+`, `ℕ*`).
    static func isNumberSet(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        return "ℝℤℕℚℂ".unicodeScalars.contains(first)
    }

    /// Lexes what follows `\mathbb` (the cursor just after the name).
    mutating func lexNumberSet() {
        skipSpaces()
        let letterAt: Int
        let end: Int
        if peek() == 123, peek(2) == 125 { letterAt = pos + 1; end = pos + 3 } else { letterAt = pos; end = pos + 1 }
        guard letterAt < bytes.count, let name = Lexer.numberSets[bytes[letterAt]] else { return }  // a styled letter
        pos = end
        tokens.append(.other(name + numberSetSuffix()))
    }

    /// `^+`, `^{+}`, `_+`, `_{+}` (and `-`, `*`) after a number set: the sign or star, consumed; "" when none.
    private mutating func numberSetSuffix() -> String {
        guard peek() == 94 || peek() == 95 else { return "" }
        func sign(_ b: UInt8) -> String? { b == 43 ? "+" : b == 45 ? "-" : b == 42 ? "*" : nil }
        if let s = sign(peek(1)) { pos += 2; return s }
        if peek(1) == 123, let s = sign(peek(2)), peek(3) == 125 { pos += 4; return s }
        return ""
    }
}

extension Expr {
    /// The name of the number set this symbol is (`ℝ`, `ℝ+`, `ℕ*`), nil for any other expression.
    ///
    /// Example: `Parser.parse("\\mathbb{R}^+").expr?.numberSet == "ℝ+"`.
    public var numberSet: String? {
        guard kind == .symbol, case .symbol(let name) = view, Lexer.isNumberSet(name) else { return nil }
        return name
    }
}
