/// Byte-level lexer for LaTeX / plain-text answers.
///
/// Rules: whitespace and spacing commands (`\,` `\;` `\!` `\ ` `~`) are dropped except between digit groups,
/// where they join thousands (`1\,000`); `1{,}000`, `1,\!000` and `1,000` (depth 0, groups of three) are joined;
/// `$`, `\left`, `\right`, sizing commands and `\displaystyle` vanish; `\text{...}`-like commands keep raw content.
/// Every loop advances the cursor by at least one byte.
struct Lexer {
    /// The input's UTF-8 bytes, borrowed for the duration of `Lexer.lex` (see there).
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    var depth = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    let maxTokens: Int

    static let skipCommands: Set<String> = [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
        "displaystyle", "textstyle", "scriptstyle", ",", ";", ":", "!", " ", "$", "limits", "nolimits", "middle",
        "hfill", "relax", "nonumber", "notag", "qed", "tag", "label", "mathstrut", "strut", "noindent", "centering",
        "bf", "it", "rm", "small", "large", "Large", "normalsize", "footnotesize", "tiny", "huge", "Huge", "phantom", "hline",
    ]
    static let textCommands: Set<String> = [
        "text", "textnormal", "mbox", "textrm", "textit", "texttt", "textup", "emph", "textsf", "hbox", "textsc", "textmd",
    ]

    /// One-letter strings by ASCII code.
    static let singleLetters: [String?] = OneLetterNames.table { $0 }

    private init(_ input: UnsafeBufferPointer<UInt8>, maxTokens: Int) {
        bytes = input
        self.maxTokens = maxTokens
    }

    /// The tokens and diagnostics of `text`, lexed in place over its UTF-8 buffer (no copy of the bytes; the
    /// lexer lives only inside this call, and every token owns its text).
    static func lex(_ text: String, maxTokens: Int = 100_000) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var text = text
        return text.withUTF8 { buffer in
            var lexer = Lexer(buffer, maxTokens: maxTokens)
            let tokens = lexer.run()
            return (tokens, lexer.diagnostics)
        }
    }

    /// Lexes the whole input.
    mutating func run() -> [Token] {
        tokens.reserveCapacity(min(bytes.count / 2 + 4, maxTokens))
        while pos < bytes.count {
            if tokens.count >= maxTokens {
                diagnostics.append(Diagnostic(severity: .error, message: "too many tokens", position: pos))
                break
            }
            let before = pos
            step()
            if pos == before { pos += 1 }  // progress guarantee
        }
        return tokens
    }

    @inline(__always) func peek(_ k: Int = 0) -> UInt8 { pos + k < bytes.count ? bytes[pos + k] : 0 }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private mutating func step() {
        let c = bytes[pos]
        switch c {
        case 32, 9, 10, 13, 36, 126: pos += 1  // space, tab, newline, $, ~
        case 48...57: lexNumber()
        case 46 where Lexer.isDigit(peek(1)): lexNumber()
        case 65...90, 97...122:
            let start = pos
            while pos < bytes.count, ByteClass.isASCIILetter(bytes[pos]) { pos += 1 }
            if pos - start == 1 {
                tokens.append(.word(Lexer.singleLetters[Int(c)]!))  // the usual variable: no string to build
            } else {
                tokens.append(.word(String(decoding: bytes[start..<pos], as: UTF8.self)))
            }
        case 92: lexCommand()
        case 60, 62, 33:  // < > !
            if peek(1) == 61 { tokens.append(.op2(c == 60 ? "<=" : c == 62 ? ">=" : "!=")); pos += 2 } else { tokens.append(.punct(c)); pos += 1 }
        case 40, 91, 123: depth += 1; tokens.append(.punct(c)); pos += 1
        case 41, 93, 125: depth -= 1; tokens.append(.punct(c)); pos += 1
        case 37: tokens.append(.command("%")); pos += 1
        case 0x21...0x7E: tokens.append(.punct(c)); pos += 1
        case 0x80...0xFF: lexUnicode()
        default: pos += 1
        }
    }

    private mutating func lexUnicode() {
        var end = pos + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let s = String(decoding: bytes[pos..<end], as: UTF8.self)
        pos = end
        switch s {
        case "π": tokens.append(.command("pi"))
        case "∞": tokens.append(.command("infty"))
        case "√": tokens.append(.command("sqrt"))
        case "×", "·", "⋅": tokens.append(.punct(42))
        case "÷": tokens.append(.punct(47))
        case "−", "–": tokens.append(.punct(45))
        case "≤", "⩽": tokens.append(.op2("<="))
        case "≥", "⩾": tokens.append(.op2(">="))
        case "≠": tokens.append(.op2("!="))
        case "±": tokens.append(.command("pm"))
        case "∪": tokens.append(.command("cup"))
        case "°": tokens.append(.command("degree"))
        case "\u{00A0}", "\u{2009}", "\u{202F}", "\u{200B}": break
        default: tokens.append(.other(s))
        }
    }
}
