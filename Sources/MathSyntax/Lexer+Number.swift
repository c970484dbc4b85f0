/// Number lexing: digits, thousands separators, decimal point and scientific exponent.
extension Lexer {
    /// Lexes `123`, `1,000`, `1{,}000`, `1\,000`, `1 000`, `.5`, `3.25`, `3.2e5`.
    mutating func lexNumber() {
        // Digits are sliced from the input; a copy is made only when thousands separators must be dropped.
        let start = pos
        var value = 0
        while pos < bytes.count, Lexer.isDigit(bytes[pos]) { value = value &* 10 &+ Int(bytes[pos] - 48); pos += 1 }
        let firstGroup = pos - start
        let leadingNonZero = firstGroup > 0 && bytes[start] != 48
        // The usual literal: a plain integer of 1–18 digits, no leading zero, and no separator, point or exponent
        // after it (what the general path below would read it as, built directly).
        if firstGroup >= 1, firstGroup <= 18, leadingNonZero || firstGroup == 1, peek() != 46, peek() != 101, peek() != 69,
            thousandsSeparatorLength(firstGroup: firstGroup, groups: 0, leadingNonZero: leadingNonZero) == nil
        {
            let digits =
                value < Lexer.smallNumberTexts.count
                ? Lexer.smallNumberTexts[value]
                : String(decoding: bytes[start..<pos], as: UTF8.self)
            tokens.append(.number(Numeral(canonicalDigits: digits, value: value)))
            return
        }
        var joined: [UInt8]? = nil
        var groups = 0
        while let skip = thousandsSeparatorLength(firstGroup: firstGroup, groups: groups, leadingNonZero: leadingNonZero) {
            if joined == nil { joined = Array(bytes[start..<pos]) }
            pos += skip
            joined?.append(contentsOf: bytes[pos..<(pos + 3)])
            pos += 3
            groups += 1
        }
        let intDigits = joined.map { String(decoding: $0, as: UTF8.self) } ?? String(decoding: bytes[start..<pos], as: UTF8.self)
        var frac = ""
        if peek() == 46, Lexer.isDigit(peek(1)) {
            pos += 1
            let fracStart = pos
            while pos < bytes.count, Lexer.isDigit(bytes[pos]) { pos += 1 }
            frac = String(decoding: bytes[fracStart..<pos], as: UTF8.self)
        } else if peek() == 46, !Lexer.isDigit(peek(1)), peek(1) == 92, matchesOverline(at: pos + 1) {
            pos += 1  // `0.\overline{3}`: the point belongs to the number
            tokens.append(.number(Numeral(integerDigits: intDigits, fractionDigits: "")))
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
            if digits > 0, !Lexer.isDigit(peek(k)), !ByteClass.isASCIILetter(peek(k)) {
                exponent = negative ? -value : value
                pos += k
            }
        }
        tokens.append(.number(Numeral(integerDigits: intDigits, fractionDigits: frac, exponent10: exponent)))
    }

    /// The texts of 0…999, built once.
    static let smallNumberTexts: [String] = (0..<1000).map { String($0) }

    private func matchesOverline(at p: Int) -> Bool {
        let word = "\\overline".utf8
        guard p + word.count <= bytes.count else { return false }
        return bytes[p..<(p + word.count)].elementsEqual(word)
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
        if c == 44, peek(1) == 92, peek(2) == 33 {  // ,\!
            if threeDigitsAt(3) { return 3 }
            if peek(3) == 32, threeDigitsAt(4) { return 4 }
        }
        if c == 92, peek(1) == 44 || peek(1) == 33 || peek(1) == 32 || peek(1) == 59, threeDigitsAt(2), plainOK { return 2 }
        if c == 44, depth == 0, plainOK, threeDigitsAt(1) { return 1 }
        if c == 32, depth == 0, plainOK, threeDigitsAt(1) { return 1 }
        return nil
    }

}
