/// Number lexing: digits, thousands separators, decimal point and scientific exponent.
extension Lexer {
    /// Lexes `123`, `1,000`, `1{,}000`, `1\,000`, `1 000`, `.5`, `3.25`, `3.2e5`.
    mutating func lexNumber() {
        var intDigits: [UInt8] = []
        while pos < bytes.count, Lexer.isDigit(bytes[pos]) { intDigits.append(bytes[pos]); pos += 1 }
        let firstGroup = intDigits.count
        let leadingNonZero = intDigits.first.map { $0 != 48 } ?? false
        var groups = 0
        while let skip = thousandsSeparatorLength(firstGroup: firstGroup, groups: groups, leadingNonZero: leadingNonZero) {
            pos += skip
            for _ in 0..<3 { intDigits.append(bytes[pos]); pos += 1 }
            groups += 1
        }
        var frac: [UInt8] = []
        if peek() == 46, Lexer.isDigit(peek(1)) {
            pos += 1
            while pos < bytes.count, Lexer.isDigit(bytes[pos]) { frac.append(bytes[pos]); pos += 1 }
        } else if peek() == 46, !Lexer.isDigit(peek(1)), peek(1) == 92, matchesOverline(at: pos + 1) {
            pos += 1  // `0.\overline{3}`: the point belongs to the number
            frac = []
            tokens.append(.number(Numeral(integerDigits: String(decoding: intDigits, as: UTF8.self), fractionDigits: "")))
            tokens.append(.command("decimalpoint"))
            return
        }
        var exponent = 0
        if (peek() == 101 || peek() == 69) {
            var k = 1
            var negative = false
            if peek(k) == 43 || peek(k) == 45 { negative = peek(k) == 45; k += 1 }
            var digits = 0
            var value = 0
            while Lexer.isDigit(peek(k)), digits < 6 { value = value * 10 + Int(peek(k) - 48); k += 1; digits += 1 }
            if digits > 0, !Lexer.isDigit(peek(k)), !Lexer.isLetter(peek(k)) {
                exponent = negative ? -value : value
                pos += k
            }
        }
        tokens.append(.number(Numeral(integerDigits: String(decoding: intDigits, as: UTF8.self),
                                      fractionDigits: String(decoding: frac, as: UTF8.self), exponent10: exponent)))
    }

    private func matchesOverline(at p: Int) -> Bool {
        let word: [UInt8] = Array("\\overline".utf8)
        guard p + word.count <= bytes.count else { return false }
        return Array(bytes[p..<(p + word.count)]) == word
    }

    /// Length of a thousands separator at `pos` followed by exactly three digits, or nil.
    private func thousandsSeparatorLength(firstGroup: Int, groups: Int, leadingNonZero: Bool) -> Int? {
        func threeDigitsAt(_ k: Int) -> Bool {
            Lexer.isDigit(peek(k)) && Lexer.isDigit(peek(k + 1)) && Lexer.isDigit(peek(k + 2)) && !Lexer.isDigit(peek(k + 3))
        }
        let plainOK = firstGroup >= 1 && firstGroup <= 3 && leadingNonZero
        let c = peek()
        if c == 123, peek(1) == 44, peek(2) == 125, threeDigitsAt(3) { return 3 }  // {,}
        // ` {, }` and similar spaced variants of the braced comma
        var k = 0
        while peek(k) == 32, k < 2 { k += 1 }
        if peek(k) == 123 {
            var j = k + 1
            while peek(j) == 32, j < k + 3 { j += 1 }
            if peek(j) == 44 {
                j += 1
                while peek(j) == 32, j < k + 6 { j += 1 }
                if peek(j) == 125, threeDigitsAt(j + 1) { return j + 1 }
            }
        }
        if c == 44, peek(1) == 92, peek(2) == 33 {                                  // ,\!
            if threeDigitsAt(3) { return 3 }
            if peek(3) == 32, threeDigitsAt(4) { return 4 }
        }
        if c == 92, peek(1) == 44 || peek(1) == 33 || peek(1) == 32 || peek(1) == 59, threeDigitsAt(2), plainOK { return 2 }
        if c == 44, depth == 0, plainOK, threeDigitsAt(1) { return 1 }
        if c == 32, depth == 0, plainOK, threeDigitsAt(1) { return 1 }
        return nil
    }

}
