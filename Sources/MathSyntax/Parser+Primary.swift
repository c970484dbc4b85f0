/// Primary level: numbers, names, brackets, groups, text.
extension ParserState {
    /// primary := number | word | command | bracket | group | |x| | environment | text
    mutating func parsePrimary() -> Expr? {
        guard enter() else { return nil }
        defer { leave() }
        guard let tok = current else { return nil }
        switch tok {
        case .number(let n):
            advance()
            return finishNumber(n)
        case .word(let w):
            return parseWord(w)
        case .command(let c):
            return parseCommand(c)
        case .punct(40), .punct(91):
            return parseBracketed()
        case .punct(123):
            advance()
            guard let inner = parseGroupContent(closing: 125) else { return .list([]) }
            if case .list(let items) = inner.node { return .set(items) }
            return inner
        case .punct(124):
            advance()
            absDepth += 1
            let inner = parseItem()
            absDepth -= 1
            if !eat(124) { error("unclosed |") }
            return inner.map { .apply("abs", [$0]) }
        case .text(let t):
            advance()
            return parseText(t)
        case .begin(let env):
            advance()
            return parseEnvironment(env)
        case .other(let s):
            advance()
            if !Lexer.isNumberSet(s) { warn("unknown symbol \(s)") }
            return .symbol(s)
        default:
            return nil
        }
    }

    /// A numeral with an optional repeating block or mixed-number fraction.
    mutating func finishNumber(_ n: Numeral) -> Expr {
        var n = n
        if options.decimalComma, n.fractionDigits.isEmpty, isPunct(44), case .number(let f) = peek(1), f.fractionDigits.isEmpty,
            f.exponent10 == 0
        {
            index += 2
            n = Numeral(integerDigits: n.integerDigits, fractionDigits: f.integerDigits)
        }
        if isCommand("decimalpoint") { advance() }
        if isCommand("overline"), case .punct(123) = peek(1), case .number(let r) = peek(2), r.fractionDigits.isEmpty,
            case .punct(125) = peek(3)
        {
            index += 4
            let digits = r.integerDigits.count < 1 ? "0" : rawDigits(r)
            n = Numeral(integerDigits: n.integerDigits, fractionDigits: n.fractionDigits, repeatingDigits: digits)
        }
        let value = Expr.number(n)
        // Mixed number: 7\frac{3}{4} → 7 + 3/4 (integer literals only).
        if n.isInteger, isCommand("frac") {
            let save = index
            if let f = parsePrimary(), f.isMixedFractionPart {
                return .sum([value, f])
            }
            index = save
        }
        return value
    }

    private func rawDigits(_ r: Numeral) -> String { r.integerDigits }

    /// A word: keyword, function, constant, or letters multiplied implicitly.
    mutating func parseWord(_ w: String) -> Expr? {
        advance()
        if w.utf8.count == 1 {
            // One ASCII letter (the common case): no keyword or function name has one letter, so only the
            // single-letter rules below apply (same results, without lowercasing or set lookups).
            if w == "e" { return .constant(.e) }
            if w == "i" { return .constant(.i) }
            if isPunct(40), Vocabulary.functionLetters.contains(w), let call = parseCall(w) { return call }
            return .symbol(w)
        }
        let lower = w.lowercased()
        switch lower {
        case "pi": return .constant(.pi)
        case "inf", "infty", "infinity", "oo": return .constant(.infinity)
        case "sqrt":
            if let arg = parseFunctionArgument() { return .apply("sqrt", [arg]) }
            return .symbol(w)
        default: break
        }
        if Vocabulary.functions.contains(w) || Vocabulary.functions.contains(lower) && w.count > 2 {
            return parseFunction(lower)
        }
        if w.count == 1 {
            if w == "e" { return .constant(.e) }
            if w == "i" { return .constant(.i) }
            if Vocabulary.functionLetters.contains(w), isPunct(40), let call = parseCall(w) { return call }
            return .symbol(w)
        }
        if w.count <= 3 {
            // Letters multiplied implicitly: `xy` → x·y.
            var factors: [Expr] = []
            for ch in w {
                let s = String(ch)
                factors.append(s == "e" ? .constant(.e) : s == "i" ? .constant(.i) : .symbol(s))
            }
            return .product(factors)
        }
        return .text(w)
    }

    /// `f(x, y)` for a function letter directly followed by parentheses.
    mutating func parseCall(_ name: String) -> Expr? {
        let save = index
        guard eat(40) else { return nil }
        var args: [Expr] = []
        while !atEnd, !isPunct(41) {
            let before = index
            if let a = parseItem() { args.append(a) }
            if !eat(44), index == before { break }
        }
        guard eat(41), !args.isEmpty else { index = save; return nil }
        return .apply(name, args)
    }

    /// `( … )` or `[ … ]`: a group, a tuple or an interval.
    mutating func parseBracketed() -> Expr? {
        guard case .punct(let open) = current else { return nil }
        advance()
        // A lone item (a parenthesised group) is kept out of an array until a second one arrives.
        var list = ItemList()
        var closer: UInt8 = 0
        while !atEnd {
            let before = index
            if case .punct(let c) = current, c == 41 || c == 93 { closer = c; advance(); break }
            if eat(44) || eat(59) { continue }
            if let item = parseItem() { list.append(item) }
            if index == before { error("unexpected token in brackets"); advance() }
        }
        if closer == 0 { error("unclosed bracket") }
        let o: Character = open == 40 ? "(" : "["
        let c: Character = closer == 93 ? "]" : ")"
        if let only = list.single {
            if o == "(" && c == ")" || o == "[" && c == "]" { return only }
            return .tuple([only], open: o, close: c)
        }
        return .tuple(list.items, open: o, close: c)
    }

    /// Parses until the closing punct (consumed); commas make a list. A group the input ends inside (`\sqrt{4`, a
    /// response cut off mid-answer) is an error, as an unclosed bracket is, so an answer's tree that reads it as
    /// closed never proves equality; a gold answer's may (`ParseResult.isSuccessButForUnclosedGroups`).
    mutating func parseGroupContent(closing: UInt8) -> Expr? {
        var list = ItemList()
        var closed = false
        while !atEnd {
            let before = index
            if eat(closing) { closed = true; break }
            if eat(44) || eat(59) || current == .wideSpace { if index == before { advance() }; continue }
            if var item = parseItem() {
                // `{n \choose k}`: infix binomial inside a group.
                if isCommand("choose") {
                    advance()
                    if let k = parseItem() { item = .apply("binom", [item, k]) }
                }
                list.append(item)
            }
            if index == before { error("unexpected token in group"); advance() }
        }
        if !closed && !aborted { error(closing == 93 ? "unclosed [" : "unclosed {", cause: .inputEndsInsideGroup) }
        return list.expr()
    }

    /// `\text{…}` content: math is re-lexed, separators vanish, words stay text.
    mutating func parseText(_ t: String) -> Expr? {
        let trimmed = t.trimmedSpaces
        if trimmed.isEmpty { return parsePrimaryIfAny() }
        let hasLetterRun = trimmed.utf8.indices.contains { i in
            let b = trimmed.utf8[i]
            let next = trimmed.utf8.index(after: i)
            return ByteClass.isASCIILetter(b) && next < trimmed.utf8.endIndex && ByteClass.isASCIILetter(trimmed.utf8[next])
        }
        if !hasLetterRun {
            tokens.insert(contentsOf: Lexer.lex(trimmed, maxTokens: options.maxTokens).tokens, at: index)
            return parsePrimary()
        }
        if trimmed == "e" { return .constant(.e) }
        return .text(trimmed)
    }

    mutating func parsePrimaryIfAny() -> Expr? {
        guard let c = current else { return nil }
        switch c {
        case .number, .word, .command, .punct(40), .punct(123), .text: return parsePrimary()
        default: return nil
        }
    }
}

extension Expr {
    /// True for `p/q` built from integer literals (the fraction of a mixed number).
    var isMixedFractionPart: Bool {
        if case .product(let fs) = node { return fs.count == 2 && fs.allSatisfy { $0.isIntegerLiteralOrReciprocal } }
        if case .power = node { return isIntegerLiteralOrReciprocal }
        return false
    }

    /// True for an integer literal or the reciprocal of one (the pieces of `\frac{3}{4}`).
    var isIntegerLiteralOrReciprocal: Bool {
        if case .number(let n) = node { return n.isInteger }
        if case .power(let b, let e) = node, e.smallInteger == -1, case .number(let n) = b.node { return n.isInteger }
        return false
    }
}
