/// Command lexing: `\name`, `\{`, `\\`, text arguments, environments.
extension Lexer {
    static let aliases: [String: Token] = [
        "dfrac": .command("frac"), "tfrac": .command("frac"), "cfrac": .command("frac"),
        "dbinom": .command("binom"), "tbinom": .command("binom"),
        "lvert": .punct(124), "rvert": .punct(124), "vert": .punct(124), "|": .punct(124),
        "lbrace": .command("{"), "rbrace": .command("}"), "lbrack": .punct(91), "rbrack": .punct(93),
        "langle": .punct(40), "rangle": .punct(41),
        "leq": .op2("<="), "le": .op2("<="), "leqslant": .op2("<="), "leqq": .op2("<="),
        "geq": .op2(">="), "ge": .op2(">="), "geqslant": .op2(">="), "geqq": .op2(">="),
        "neq": .op2("!="), "ne": .op2("!="), "lt": .punct(60), "gt": .punct(62),
        "colon": .punct(58), "cdot": .punct(42), "times": .punct(42), "ast": .punct(42), "div": .punct(47),
        "dots": .command("ldots"), "cdots": .command("ldots"), "dotsc": .command("ldots"), "dotsb": .command("ldots"),
        "dotsm": .command("ldots"), "vdots": .command("ldots"),
        "infin": .command("infty"), "varnothing": .command("emptyset"), "bigcup": .command("cup"),
        "rightarrow": .command("to"), "Rightarrow": .command("to"), "implies": .command("to"), "iff": .command("to"),
        "Leftrightarrow": .command("to"), "longrightarrow": .command("to"), "mapsto": .command("to"),
        "fbox": .command("boxed"), "bbox": .command("boxed"), "framebox": .command("boxed"),
        "prime": .punct(39), "degree": .command("degree"), "mp": .command("pm"),
        "leftarrow": .command("to"), "gets": .command("to"), "lceil": .command("lceil"), "rceil": .command("rceil"),
    ]
    static let styleCommands: Set<String> = [
        "mathrm", "mathbf", "textbf", "boldsymbol", "mathit", "mathsf", "mathcal", "mathscr", "mathfrak", "bm",
        "pmb", "bold", "mathnormal", "mathtt", "underline", "textstyle", "smash",
    ]

    static let escapedCommands: Set<String> = [
        "frac", "dfrac", "tfrac", "sqrt", "circ", "pi", "le", "ge", "leq", "geq", "text", "boxed", "cdot", "times",
        "infty", "left", "right", "mathrm", "sin", "cos", "tan", "log", "ln", "pm", "in", "cup", "neq", "mathbf",
    ]

    /// How `lexCommand` treats a name, by precedence: skipped, style (dropped), text argument, special handling,
    /// alias token; names absent from `commandKinds` become `.command(name)`.
    enum CommandKind { case skip, style, text, special, alias(Token) }

    /// One lookup for every command name (same precedence as testing the sets, the specials and the aliases in turn).
    static let commandKinds: [String: CommandKind] = {
        var table: [String: CommandKind] = [:]
        for (name, token) in aliases { table[name] = .alias(token) }
        for name in [
            "quad", "qquad", "begin", "end", "operatorname", "color", "hspace", "vspace", "hspace*", "textcolor",
            "vphantom", "hphantom", "mathbb", "Bbb",
        ] { table[name] = .special }
        for name in textCommands { table[name] = .text }
        for name in styleCommands { table[name] = .style }
        for name in skipCommands { table[name] = .skip }
        return table
    }()

    /// Lexes one backslash command.
    mutating func lexCommand() {
        pos += 1
        guard pos < bytes.count else { return }
        let c = bytes[pos]
        if !ByteClass.isASCIILetter(c) {
            pos += 1
            switch c {
            case 92:
                // A doubled backslash before a well-known command is an escaping artefact (`\\frac`).
                if ByteClass.isASCIILetter(peek()) {
                    var end = pos
                    while end < bytes.count, ByteClass.isASCIILetter(bytes[end]) { end += 1 }
                    let word = String(decoding: bytes[pos..<end], as: UTF8.self)
                    if Lexer.escapedCommands.contains(word) {
                        pos -= 1
                        lexCommand()
                        return
                    }
                }
                tokens.append(.rowBreak)
            case 123: depth += 1; tokens.append(.command("{"))
            case 125: depth -= 1; tokens.append(.command("}"))
            case 37: tokens.append(.command("%"))
            case 124: tokens.append(.punct(124))
            case 35, 38, 95: break  // \# \& \_
            default: break  // \, \; \! \  \$ and friends
            }
            return
        }
        let start = pos
        while pos < bytes.count, ByteClass.isASCIILetter(bytes[pos]) { pos += 1 }
        if let token = Lexer.commonCommandToken(bytes[start..<pos]) {
            tokens.append(token)
            return
        }
        let name = String(decoding: bytes[start..<pos], as: UTF8.self)
        let kind = Lexer.commandKinds[name]
        switch kind {
        case .skip?:
            if (name == "left" || name == "right"), peek() == 46 { pos += 1 }  // \left.
            if name == "phantom" || name == "label" || name == "tag" { _ = readBraced() }
            return
        case .style?:
            return
        case .text?:
            skipSpaces()
            if peek() == 123 { tokens.append(.text(readBraced() ?? "")) }
            return
        case .alias(let token)?:
            tokens.append(token)
            return
        case nil:
            tokens.append(.command(name))
            return
        case .special?:
            break
        }
        switch name {
        case "quad", "qquad": tokens.append(.wideSpace)
        case "begin":
            skipSpaces()
            let env = readBraced() ?? ""
            tokens.append(.begin(env))
            if env == "array" || env == "tabular" { skipSpaces(); _ = readBraced() }
        case "end":
            skipSpaces()
            tokens.append(.end(readBraced() ?? ""))
        case "operatorname":
            skipSpaces()
            let f = readBraced() ?? ""
            tokens.append(.command(f.filter { $0 != "*" && $0 != " " }))
        case "color", "hspace", "vspace", "hspace*", "textcolor", "vphantom", "hphantom":
            skipSpaces(); _ = readBraced()
        case "mathbb", "Bbb":
            lexNumberSet()
        default:
            tokens.append(Lexer.aliases[name] ?? .command(name))
        }
    }

    /// The most frequent commands, by their bytes, with the token `commandKinds` gives them (each is a plain command
    /// or an alias, not skipped, styled, text or special): matched on bytes, no name string, no table lookup.
    static let commonCommands: [(name: [UInt8], token: Token)] = ["frac", "sqrt", "cdot", "times", "pi", "dfrac", "pm", "infty"]
        .compactMap { name in
            switch commandKinds[name] {
            case nil: return (Array(name.utf8), .command(name))
            case .alias(let token)?: return (Array(name.utf8), token)
            default: return nil  // handled by the general path
            }
        }

    /// The token of a command name in `commonCommands`, else nil.
    static func commonCommandToken(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Token? {
        guard name.count >= 2, name.count <= 5 else { return nil }
        for entry in commonCommands where entry.name.count == name.count && entry.name.elementsEqual(name) {
            return entry.token
        }
        return nil
    }

    mutating func skipSpaces() {
        while pos < bytes.count, bytes[pos] == 32 || bytes[pos] == 10 || bytes[pos] == 9 { pos += 1 }
    }

    /// Reads `{...}` with nesting (escaped braces do not count) and returns its content, or nil if no `{`.
    mutating func readBraced() -> String? {
        guard peek() == 123 else { return nil }
        pos += 1
        let start = pos
        var level = 1
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 92 { pos += 2; continue }
            if b == 123 { level += 1 }
            if b == 125 {
                level -= 1
                if level == 0 { break }
            }
            pos += 1
        }
        let end = min(pos, bytes.count)
        if pos < bytes.count { pos += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
