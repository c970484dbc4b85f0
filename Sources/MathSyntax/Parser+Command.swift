/// Backslash commands: fractions, roots, functions, constants, sets, big operators.
extension ParserState {
    /// Dispatches one command token.
    mutating func parseCommand(_ c: String) -> Expr? {
        advance()
        switch c {
        case "frac":
            guard let a = parseArgument(), let b = parseArgument() else { error("\\frac needs two arguments"); return nil }
            return .quotient(a, b)
        case "sqrt":
            var index: Expr? = nil
            if isPunct(91) {
                advance()
                index = parseGroupContent(closing: 93)
            }
            guard let x = parseArgument() else { error("\\sqrt needs an argument"); return nil }
            if let n = index { return .apply("root", [x, n]) }
            return .apply("sqrt", [x])
        case "binom":
            guard let a = parseArgument(), let b = parseArgument() else { error("\\binom needs two arguments"); return nil }
            return .apply("binom", [a, b])
        case "pi": return .constant(.pi)
        case "infty": return .constant(.infinity)
        case "imath", "jmath": return .constant(.i)
        case "emptyset": return .set([])
        case "ldots": return .ellipsis
        case "e": return .constant(.e)
        case "boxed":
            return parseArgument(full: true)
        case "lfloor", "lceil":
            let closer = c == "lfloor" ? "rfloor" : "rceil"
            let inner = parseItem()
            if isCommand(closer) { advance() } else { error("unclosed \\\(c)") }
            return inner.map { .apply(c == "lfloor" ? "floor" : "ceil", [$0]) }
        case "{":
            var items: [Expr] = []
            while !atEnd {
                let before = index
                if isCommand("}") { advance(); break }
                if eat(44) || eat(59) { continue }
                if let item = parseItem() { items.append(item) }
                if index == before { error("unexpected token in set"); advance() }
            }
            return .set(items)
        case "overline":
            return parseArgument().map { .apply("overline", [$0]) }
        case "circ": return .symbol("\\circ")
        case "not", "neg", "lnot": return parsePrimaryIfAny()
        case "%", "decimalpoint", "}", "rfloor", "rceil", "choose":
            warn("stray \\\(c)")
            return nil
        default: break
        }
        if Vocabulary.functions.contains(c) { return parseFunction(c) }
        if Vocabulary.greek.contains(c) { return c == "infty" ? .constant(.infinity) : .symbol(c) }
        if Vocabulary.accents.contains(c) {
            guard let x = parseArgument() else { return .symbol(c) }
            return .apply(c, [x])
        }
        if Vocabulary.bigOperators.contains(c) { return parseBigOperator(c) }
        if Vocabulary.relation(c) != nil { index -= 1; return nil }
        warn("unknown command \\\(c)")
        return .symbol("\\" + c)
    }

    /// A command argument: `{…}` or a single token (one digit of a numeral, one letter of a word).
    mutating func parseArgument(full: Bool = false) -> Expr? {
        if isPunct(123) {
            advance()
            guard let inner = parseGroupContent(closing: 125) else { return .list([]) }
            return inner
        }
        switch current {
        case .number(let n) where n.isInteger && n.integerDigits.count > 1 && n.base == 10:
            let digits = n.integerDigits
            tokens[index] = .number(Numeral(integerDigits: String(digits.dropFirst())))
            return .number(Numeral(integerDigits: String(digits.prefix(1))))
        case .word(let w) where w.count > 1:
            tokens[index] = .word(String(w.dropFirst()))
            let s = String(w.prefix(1))
            return s == "e" ? .constant(.e) : s == "i" ? .constant(.i) : .symbol(s)
        default:
            return full ? parseItem() : parsePostfixNoChain()
        }
    }

    /// One primary for an argument; a sign is allowed.
    mutating func parsePostfixNoChain() -> Expr? {
        guard enter() else { return nil }
        defer { leave() }
        if eat(45) { return parsePostfixNoChain().map { .negate($0) } }
        return parsePrimary()
    }

    /// `\sin^2 x`, `\log_b x`, `\sin(x)`, `\ln x`, `\max(a, b)`.
    mutating func parseFunction(_ name: String) -> Expr? {
        var power: Expr? = nil
        var base: Expr? = nil
        var guardCount = 0
        while guardCount < 4, isPunct(94) || isPunct(95) {
            guardCount += 1
            let isPow = isPunct(94)
            advance()
            let e = parseExponent()
            if isPow { power = e } else { base = e }
        }
        guard let arg = parseFunctionArgument() else {
            return .symbol(name)
        }
        var args: [Expr]
        if case .tuple(let items, "(", ")") = arg.node { args = items } else { args = [arg] }
        if let b = base { args.append(b) }
        let applied = Expr.apply(name == "tg" ? "tan" : name == "ctg" ? "cot" : name == "lg" ? "log10" : name, args)
        if let p = power {
            if p.smallInteger == -1 { return .apply("arc" + name, args) }
            return .power(applied, p)
        }
        return applied
    }

    /// The operand of a function: a parenthesised group or a run of implicit factors (`\sin 2x`).
    mutating func parseFunctionArgument() -> Expr? {
        if isPunct(40) {
            return parseBracketed()
        }
        if isPunct(123) { return parseArgument() }
        guard var acc = parseSignedPostfix() else { return nil }
        var factors: [Expr] = []
        while !atEnd {
            switch current {
            case .number, .word:
                if case .word(let w) = current, Vocabulary.separators.contains(w) || Vocabulary.functions.contains(w) { return .product(factors + [acc]) }
                guard let f = parsePostfix() else { return .product(factors + [acc]) }
                factors.append(acc); acc = f
            default:
                return .product(factors + [acc])
            }
        }
        return .product(factors + [acc])
    }

    /// `\sum_{k=0}^{n} body` kept opaque as `sum(lower, upper, body)`.
    mutating func parseBigOperator(_ name: String) -> Expr? {
        var lower: Expr = .symbol("")
        var upper: Expr = .symbol("")
        var guardCount = 0
        while guardCount < 4, isPunct(94) || isPunct(95) {
            guardCount += 1
            let isUpper = isPunct(94)
            advance()
            let e: Expr?
            if isPunct(123) { advance(); e = parseGroupContent(closing: 125) } else { e = parsePrimary() }
            if isUpper { upper = e ?? upper } else { lower = e ?? lower }
        }
        let body = parseTerm() ?? .symbol("")
        return .apply(name, [lower, upper, body])
    }
}
