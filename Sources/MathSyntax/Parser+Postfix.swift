/// Postfix level: powers, subscripts, factorial, percent, degrees.
extension ParserState {
    /// postfix := primary ('^' exponent | '_' subscript | '!' | \% | ^\circ | ')*
    mutating func parsePostfix() -> Expr? {
        guard enter() else { return nil }
        defer { leave() }
        guard var base = parsePrimary() else { return nil }
        while !atEnd {
            if isPunct(94) {
                advance()
                if isCommand("circ") || isCommand("degree") { advance(); base = .postfix(.degrees, base); continue }
                if case .punct(123) = current, case .command("circ") = peek(1), case .punct(125) = peek(2) {
                    index += 3; base = .postfix(.degrees, base); continue
                }
                if case .punct(123) = current, case .punct(39) = peek(1) {
                    var k = 1
                    while case .punct(39) = peek(k) { k += 1 }
                    if case .punct(125) = peek(k) {
                        index += k + 1; base = .postfix(.prime, base); continue
                    }
                }
                guard let e = parseExponent() else { error("missing exponent"); break }
                base = .power(base, e)
            } else if isPunct(95) {
                advance()
                base = attachSubscript(base)
            } else if isPunct(33) {
                advance()
                base = .postfix(.factorial, base)
            } else if isPunct(39) {
                advance()
                base = .postfix(.prime, base)
            } else if isCommand("%") || isCommand("degree") {
                let isPercent = isCommand("%")
                advance()
                base = .postfix(isPercent ? .percent : .degrees, base)
            } else if case .word(let w) = current, w.utf8.count >= 3, Vocabulary.percentWords.contains(w.lowercased()) {
                advance()
                base = .postfix(.percent, base)
            } else if case .text(let t) = current, Vocabulary.percentWords.contains(t.trimmedSpaces.lowercased()) {
                advance()
                base = .postfix(.percent, base)
            } else {
                break
            }
        }
        return base
    }

    /// exponent := '{' list '}' | '-'? single primary (digits of a number are taken whole)
    mutating func parseExponent() -> Expr? {
        guard enter() else { return nil }
        defer { leave() }
        if eat(45) { return parseExponent().map { .negate($0) } }
        if eat(43) { return parseExponent() }
        if isPunct(123) { return parsePrimary() }
        guard enter() else { return nil }
        defer { leave() }
        guard var e = parsePrimary() else { return nil }
        if isPunct(94) {  // right-associative plain-text towers: 2^3^2
            advance()
            if let e2 = parseExponent() { e = .power(e, e2) }
        }
        return e
    }

    /// `_` after a base: a radix for integer numerals (`1011_2`), an index for names.
    mutating func attachSubscript(_ base: Expr) -> Expr {
        guard let sub = parseSubscriptOperand() else { return base }
        if case .number(let n) = base.node, n.isInteger, let radix = sub.smallInteger, radix >= 2, radix <= 36 {
            return .number(Numeral(integerDigits: n.integerDigits, base: radix))
        }
        if case .symbol(let name) = base.node {
            switch sub.node {
            case .number(let n): return .symbol(name + "_" + n.text)
            case .symbol(let s): return .symbol(name + "_" + s)
            default: return .apply(name + "_", [sub])
            }
        }
        return .apply("subscript", [base, sub])
    }

    mutating func parseSubscriptOperand() -> Expr? {
        if isPunct(123) {
            advance()
            let inner = parseGroupContent(closing: 125)
            return inner ?? .symbol("")
        }
        if case .word(let w) = current, w.count > 1 {
            // `x_ab` in LaTeX subscripts only the first letter.
            tokens[index] = .word(String(w.dropFirst()))
            return .symbol(String(w.prefix(1)))
        }
        if case .number(let n) = current, n.isInteger, n.integerDigits.count > 1, !isPlainTextNumberSubscript() {
            return parsePrimary()
        }
        return parsePrimary()
    }

    func isPlainTextNumberSubscript() -> Bool { false }
}
