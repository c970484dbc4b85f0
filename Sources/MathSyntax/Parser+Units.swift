/// A unit phrase the parser stripped after a quantity, as written: the value parses without it and the grader
/// reads it (`MathVerify`'s unit vocabulary decides what it means).
///
/// Example: `Parser.parse("6\\text{ km}^2").units` is one mark with text `" km"` and exponent 2.
public struct UnitMark: Hashable, Sendable {
    /// The phrase: the content of `\text{…}`, or the word (`cm`, `miles`).
    public var text: String
    /// The exponent written after it (`\mathrm{cm}^{3}`: 3), 1 when none.
    public var exponent: Int
    /// True when written after a `/` that follows another unit (`\mathrm{km} / \mathrm{h}`).
    public var divides: Bool
    /// True when written right after the previous unit, with no quantity between (`\mathrm{kcal}\,\mathrm{m}^{-2}`).
    public var joinsPrevious: Bool

    /// Creates a mark.
    public init(text: String, exponent: Int = 1, divides: Bool = false, joinsPrevious: Bool = false) {
        self.text = text
        self.exponent = exponent
        self.divides = divides
        self.joinsPrevious = joinsPrevious
    }
}

/// Unit phrases after a quantity: stripped from the value, kept as `UnitMark`s.
extension ParserState {
    /// One-letter units read only in braces (`\mathrm{~m}`, `\mathrm{s}^{-1}`), where a variable is unlikely.
    static let bracedLetterUnits: Set<String> = ["m", "g", "s", "L", "J"]

    /// Consumes a unit word, `{unit}` (what `\mathrm{unit}` lexes to) or `\text{ unit}` after a quantity, with its
    /// exponent and a `/ unit` after it; true if consumed.
    mutating func consumeTrailingUnit() -> Bool {
        let start = index
        guard let text = unitText() else { return false }
        record(text, start: start, divides: false)
        // `km / h`: a unit after a slash divides the one before.
        while isPunct(47), let next = peek(1), ParserState.isUnitToken(next, tokens: tokens, at: index + 1) {
            advance()
            let at = index
            guard let divisor = unitText() else { index = at - 1; break }
            record(divisor, start: at, divides: true)
        }
        return true
    }

    /// Appends a mark for a unit read from `start` to here (its exponent, if any, is consumed).
    private mutating func record(_ text: String, start: Int, divides: Bool) {
        let exponent = skipUnitExponent()
        units.append(UnitMark(text: text, exponent: exponent, divides: divides, joinsPrevious: start == unitEnd))
        unitEnd = index
    }

    /// The unit text at the cursor, consumed; nil (nothing consumed) when the cursor is not at a unit.
    private mutating func unitText() -> String? {
        switch current {
        case .text(let t):
            guard ParserState.looksLikeUnitText(t) else { return nil }
            advance()
            return t
        case .punct(123):
            guard case .word(let w) = peek(1), case .punct(125) = peek(2), ParserState.isBracedUnitWord(w) else { return nil }
            // A one-letter unit only right after a number or another unit (`a{s}` stays a product).
            if w.utf8.count == 1, !followsQuantityOrUnit() { return nil }
            index += 3
            return w
        case .word(let w):
            guard ParserState.isUnitWord(w) else { return nil }
            advance()
            return w
        default: return nil
        }
    }

    /// True when the token before the cursor is a number, or ends a unit (directly or before a `/`).
    func followsQuantityOrUnit() -> Bool {
        guard index > 0 else { return false }
        if case .number = tokens[index - 1] { return true }
        return index == unitEnd || (index - 1 == unitEnd && tokens[index - 1] == .punct(47))
    }

    /// Whether the token at `at` begins a unit (for the divisor after `/`).
    static func isUnitToken(_ token: Token, tokens: [Token], at: Int) -> Bool {
        switch token {
        case .text(let t): return looksLikeUnitText(t)
        case .word(let w): return isUnitWord(w)
        case .punct(123):
            guard at + 2 < tokens.count, case .word(let w) = tokens[at + 1], case .punct(125) = tokens[at + 2] else { return false }
            return isBracedUnitWord(w)
        default: return false
        }
    }

    /// A word of the parser's unit list (two letters or more, not a function name).
    static func isUnitWord(_ w: String) -> Bool {
        w.utf8.count > 1 && w.count > 1 && Vocabulary.units.contains(w.lowercased()) && !Vocabulary.functions.contains(w)
    }

    /// A unit word, or one of the one-letter units, alone in braces.
    static func isBracedUnitWord(_ w: String) -> Bool {
        (w.utf8.count > 1 && w.count > 1 && Vocabulary.units.contains(w.lowercased())) || bracedLetterUnits.contains(w)
    }

    /// Consumes `^2`, `^{3}` or `^{-1}` after a unit; the exponent (1 when there is none).
    mutating func skipUnitExponent() -> Int {
        guard isPunct(94) else { return 1 }
        // An exponent that is not a small integer is consumed as before and read as 1.
        if case .number(let n) = peek(1) { index += 2; return n.smallIntegerValue ?? 1 }
        if case .punct(123) = peek(1), case .number(let n) = peek(2), case .punct(125) = peek(3) {
            index += 4
            return n.smallIntegerValue ?? 1
        }
        if case .punct(123) = peek(1), case .punct(45) = peek(2), case .number(let n) = peek(3), case .punct(125) = peek(4) {
            index += 5
            return -(n.smallIntegerValue ?? -1)
        }
        return 1
    }

    /// Free text that is a unit phrase: one to four words of letters (and `/`, `^`, digits after a letter).
    static func looksLikeUnitText(_ t: String) -> Bool {
        if let ascii = asciiLooksLikeUnitText(t) { return ascii }
        let words = t.split { $0 == " " || $0 == "\n" }
        guard !words.isEmpty, words.count <= 4 else { return false }
        if textIsSeparator(t) { return false }
        for w in words {
            guard let f = w.first, f.isLetter else { return false }
            if !w.allSatisfy({ $0.isLetter || $0 == "/" || $0 == "^" || $0 == "." || $0.isNumber }) { return false }
        }
        return true
    }
}
