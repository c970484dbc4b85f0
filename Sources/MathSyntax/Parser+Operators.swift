/// Binary and unary operator levels of the parser.
extension ParserState {
    /// item := ratio (relop ratio)*
    mutating func parseItem() -> Expr? {
        if let lone = parseLoneOperand() { return lone }
        if let op = relationOperator(), op == .approx || op == .eq { advance() }  // "≈ 8.24", "= 5"
        guard let first = parseRatio() else { return nil }
        if relationOperator() == nil { return first }  // no array for the common single operand
        var operands: [Expr] = []
        operands.reserveCapacity(2)
        operands.append(first)
        var ops: [RelationOp] = []
        while let op = relationOperator() {
            let before = index
            advance()
            guard let next = parseRatio() else {
                index = max(index, before + 1)
                break
            }
            ops.append(op)
            operands.append(next)
        }
        return ops.isEmpty ? first : .relation(operands, ops)
    }

    /// A numeral or a one-letter name that ends its item: the next token is `}`, `)`, `]`, `;`, `,` (unless commas
    /// are decimal commas) or the end. Every level of the descent would find no operator after it and return the
    /// primary as it is, so it is returned without the descent (when the descent's six levels fit under the depth
    /// cap; otherwise nil, and the full descent reports the depth). Nil for anything else.
    mutating func parseLoneOperand() -> Expr? {
        guard options.shortcuts, !aborted, index < tokens.count, depth + 6 <= options.maxDepth else { return nil }
        if index + 1 < tokens.count {
            guard case .punct(let next) = tokens[index + 1],
                next == 125 || next == 41 || next == 93 || next == 59 || next == 44 && !options.decimalComma
            else { return nil }
        }
        switch tokens[index] {
        case .number(let n):
            advance()
            return .number(n)
        case .word(let w) where w.utf8.count == 1:
            advance()
            return w == "e" ? .constant(.e) : w == "i" ? .constant(.i) : .symbol(w)
        default:
            return nil
        }
    }

    func relationOperator() -> RelationOp? {
        switch current {
        case .punct(61): return .eq
        case .punct(60): return .lt
        case .punct(62): return .gt
        case .op2("<="): return .le
        case .op2(">="): return .ge
        case .op2("!="): return .ne
        case .command(let c): return Vocabulary.relation(c)
        default: return nil
        }
    }

    /// ratio := union (':' union)*
    mutating func parseRatio() -> Expr? {
        guard let first = parseUnion() else { return nil }
        if !isPunct(58) { return first }  // `.ratio([first])` is `first`
        var items = [first]
        while isPunct(58) {
            advance()
            guard let next = parseUnion() else { break }
            items.append(next)
        }
        return .ratio(items)
    }

    /// union := additive (\cup additive)*
    mutating func parseUnion() -> Expr? {
        guard let first = parseAdditive() else { return nil }
        if !isSetOperator() { return first }  // `.union([first])` is `first`
        var items = [first]
        while isSetOperator() {
            let op = current
            advance()
            guard let next = parseAdditive() else { break }
            if case .command("cup") = op {
                items.append(next)
            } else {
                let last = items.removeLast()
                if case .command(let name) = op { items.append(.apply(name, [last, next])) }
            }
        }
        return .union(items)
    }

    /// True at `\cup`, `\cap` or `\setminus` (the command name read once).
    func isSetOperator() -> Bool {
        guard !atEnd, case .command(let c) = tokens[index] else { return false }
        return c == "cup" || c == "cap" || c == "setminus"
    }

    /// additive := [sign] term ((+|-|\pm) term)*
    mutating func parseAdditive() -> Expr? {
        guard enter() else { return nil }
        defer { leave() }
        var terms: [Expr] = []
        var pending: Expr? = nil  // left side of a ± once seen
        guard let first = parseFactor() else { return nil }
        if !(isPunct(43) || isPunct(45) || isCommand("pm")) { return .sum(single: first) }
        terms.reserveCapacity(4)
        terms.append(first)
        while !atEnd {
            if eat(43) {
                guard let t = parseTerm() else { break }
                terms.append(t)
            } else if eat(45) {
                guard let t = parseTerm() else { break }
                terms.append(.negate(t))
            } else if isCommand("pm") {
                advance()
                guard let t = parseTerm() else { break }
                let left = Expr.sum(terms)
                pending = .plusMinus(pending.map { .sum([$0, left]) } ?? left, t)
                terms = []
            } else {
                break
            }
        }
        if let pm = pending { return terms.isEmpty ? pm : .sum([pm] + terms) }
        return .sum(terms)
    }

    /// factor := ('-'|'+'|\pm) factor | term-level chain starting with a postfix
    mutating func parseFactor() -> Expr? {
        guard enter() else { return nil }
        defer { leave() }
        if eat(45) { return parseFactor().map { .negate($0) } }
        if eat(43) { return parseFactor() }
        if isCommand("pm") {
            advance()
            return parseFactor().map { .plusMinus(nil, $0) }
        }
        return parseTerm()
    }

    /// term := postfix (op postfix | implicit postfix)*
    mutating func parseTerm() -> Expr? {
        guard enter() else { return nil }
        defer { leave() }
        guard var acc = parseSignedPostfix() else { return nil }
        // The factors before `acc` go straight into the product's builder (what `.product(factors)` would do with them
        // in this order), so no array of their own is built and copied.
        var factors = Expr.ProductBuilder()
        var hasFactors = false
        while !atEnd {
            let before = index
            if eat(42) {
                guard let f = parseSignedPostfix() else { break }
                factors.add(acc); hasFactors = true; acc = f
            } else if eat(47) {
                guard let f = parseSignedPostfix() else { break }
                factors.add(acc)
                acc = .quotient(factors.finish(), f)
                factors = Expr.ProductBuilder()
                hasFactors = false
            } else if consumeTrailingUnit() {
                continue
            } else if canStartImplicitFactor() {
                guard let f = parsePostfix() else {
                    if index == before { break } else { continue }
                }
                factors.add(acc); hasFactors = true; acc = f
            } else {
                break
            }
            if index == before { break }
        }
        if !hasFactors { return acc }
        factors.add(acc)
        return factors.finish()
    }

    mutating func parseSignedPostfix() -> Expr? {
        guard enter() else { return nil }
        defer { leave() }
        if eat(45) { return parseSignedPostfix().map { .negate($0) } }
        if eat(43) { return parseSignedPostfix() }
        if isCommand("pm") {
            advance()
            return parseSignedPostfix().map { .plusMinus(nil, $0) }
        }
        return parsePostfix()
    }

    /// Whether the current token can begin a factor multiplied implicitly.
    func canStartImplicitFactor() -> Bool {
        switch current {
        case .number: return true
        case .word(let w): return w.utf8.count > 4 || !Vocabulary.isSeparator(w)
        case .punct(40), .punct(123): return true
        case .punct(124): return absDepth == 0
        case .punct(91): return false
        case .command(let c):
            return
                !(c == "pm" || c == "choose" || c == "cup" || c == "cap" || c == "setminus" || c == "}" || c == "rfloor" || c == "rceil"
                || c == "%" || c == "degree" || c == "decimalpoint" || c == "ldots" || Vocabulary.relation(c) != nil)
        case .text(let t): return !ParserState.textIsSeparator(t)
        case .begin: return true
        default: return false
        }
    }
}
