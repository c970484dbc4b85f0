/// Options of the answer parser.
public struct ParseOptions: Sendable {
    /// Maximum nesting of brackets, groups and operators before the parser gives up with a diagnostic.
    public var maxDepth: Int
    /// Maximum number of tokens lexed.
    public var maxTokens: Int
    /// Read `1,22` as a decimal comma (used as an alternative reading by the grader).
    public var decimalComma: Bool
    /// Take the parser's shortcuts (tests turn them off to compare with the general path).
    var shortcuts = true
    /// Creates options.
    public init(maxDepth: Int = 64, maxTokens: Int = 20_000, decimalComma: Bool = false) {
        self.maxDepth = maxDepth
        self.maxTokens = maxTokens
        self.decimalComma = decimalComma
    }
}

/// The result of parsing one answer.
public struct ParseResult: Sendable {
    /// The expression, nil if nothing could be parsed.
    public var expr: Expr?
    /// Warnings (unknown command, stripped unit) and errors (unbalanced bracket, depth cap).
    public var diagnostics: [Diagnostic]
    /// The unit phrases stripped after quantities, in order (empty for most answers).
    public var units: [UnitMark]
    /// True when a unit word was stripped.
    public var strippedUnit: Bool { !units.isEmpty }
    /// True when parsing produced an expression and no error diagnostic.
    public var isSuccess: Bool { expr != nil && !diagnostics.contains { $0.severity == .error } }
    /// True when there is an expression and its only errors are groups the input ends inside (`\frac{11}{2^{20}`):
    /// the tree reads them as closed at the end, which is right for a gold answer cut off before its last brace.
    public var isSuccessButForUnclosedGroups: Bool {
        expr != nil && !diagnostics.contains { $0.severity == .error && $0.cause != .inputEndsInsideGroup }
    }
}

/// Recursive-descent parser for final answers written in LaTeX or plain text.
///
/// Grammar (lowest to highest precedence):
/// ```
/// list     := item ((',' | ';' | 'and' | 'or' | '\quad') item)*
/// item     := ratio (relop ratio)*            relop: = < > \le \ge \neq \approx \in ...
/// ratio    := union (':' union)*
/// union    := additive (\cup additive)*
/// additive := [+|-|\pm] term ((+|-|\pm) term)*
/// term     := factor (('*'|'/'|\cdot|\times|\div) factor | implicit postfix)*
/// factor   := ('-'|'+'|\pm) factor | postfix
/// postfix  := primary ('^' exponent | '_' subscript | '!' | \% | ^\circ | unit)*
/// primary  := number | word | command | (…) | […] | {…} | \{…\} | |…| | matrix | \text{…}
/// ```
/// Every loop checks that it consumed a token; nesting deeper than `maxDepth` stops with an error diagnostic.
///
/// Example: `Parser.parse("\\frac{1}{2}").expr` is `1 · 2^{-1}`.
public enum Parser {
    /// Parses an answer string.
    /// - Parameters:
    ///   - input: LaTeX or plain text.
    ///   - options: limits and readings.
    /// - Returns: the expression (if any) with diagnostics.
    /// - Complexity: O(n) tokens for inputs without backtracking constructs.
    public static func parse(_ input: String, options: ParseOptions = ParseOptions()) -> ParseResult {
        if let fast = plainInteger(input) { return ParseResult(expr: fast, diagnostics: [], units: []) }
        return lexAndParse(input, options: options)
    }

    private static func lexAndParse(_ input: String, options: ParseOptions) -> ParseResult {
        let lexed = Lexer.lex(input, maxTokens: options.maxTokens)
        return parse(lexed.tokens, lexerDiagnostics: lexed.diagnostics, options: options)
    }

    /// Parses two answers, lexing each once; when both lex to the same tokens (they differ only in spacing, `$`,
    /// sizing commands or aliases such as `\dfrac` for `\frac`), the second is not parsed again: its result is the
    /// first's, and `sameTokens` is true.
    ///
    /// Example: `Parser.parsePair("$\\dfrac{1}{2}$", "\\frac{1}{2}").sameTokens == true`.
    public static func parsePair(
        _ first: String, _ second: String,
        options: ParseOptions = ParseOptions()
    ) -> (first: ParseResult, second: ParseResult, sameTokens: Bool) {
        let fast1 = plainInteger(first), fast2 = plainInteger(second)
        if fast1 != nil || fast2 != nil {
            func result(_ fast: Expr?, _ input: String) -> ParseResult {
                fast.map { ParseResult(expr: $0, diagnostics: [], units: []) } ?? lexAndParse(input, options: options)
            }
            return (result(fast1, first), result(fast2, second), false)
        }
        let lexed1 = Lexer.lex(first, maxTokens: options.maxTokens)
        let lexed2 = Lexer.lex(second, maxTokens: options.maxTokens)
        let r1 = parse(lexed1.tokens, lexerDiagnostics: lexed1.diagnostics, options: options)
        if lexed1.diagnostics.isEmpty, lexed2.diagnostics.isEmpty, lexed1.tokens == lexed2.tokens { return (r1, r1, true) }
        return (r1, parse(lexed2.tokens, lexerDiagnostics: lexed2.diagnostics, options: options), false)
    }

    private static func parse(_ tokens: [Token], lexerDiagnostics: [Diagnostic], options: ParseOptions) -> ParseResult {
        var state = ParserState(tokens: tokens, options: options)
        state.diagnostics = lexerDiagnostics
        let expr = state.parseTop()
        return ParseResult(expr: expr, diagnostics: state.diagnostics, units: state.units)
    }
}

extension Parser {
    /// Fast path: an optionally signed run of at most 18 ASCII digits (surrounding spaces allowed), else nil.
    ///
    /// Example: `Parser.plainInteger(" -42 ")` is the negation of `42`.
    public static func plainInteger(_ input: String) -> Expr? {
        // Byte offsets over the UTF-8 buffer (a copy only for a non-contiguous string).
        var text = input
        return text.withUTF8 { b -> Expr? in
            var start = 0, end = b.count
            while start < end, b[start] == 32 { start += 1 }
            while end > start, b[end - 1] == 32 || b[end - 1] == 10 { end -= 1 }
            var negative = false
            if start < end, b[start] == 45 { negative = true; start += 1 }
            guard end > start, end - start <= 18 else { return nil }
            for k in start..<end where b[k] < 48 || b[k] > 57 { return nil }
            let n = Expr.number(Numeral(integerDigits: String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)))
            return negative ? .negate(n) : n
        }
    }
}

/// Mutable cursor over tokens.
struct ParserState {
    var tokens: [Token]
    var index = 0
    var depth = 0
    var absDepth = 0
    var diagnostics: [Diagnostic] = []
    /// Unit phrases stripped so far (`Parser+Units.swift`).
    var units: [UnitMark] = []
    /// The token index just after the last stripped unit, to tell a unit written right after another.
    var unitEnd = -1
    var aborted = false
    let options: ParseOptions

    init(tokens: [Token], options: ParseOptions) {
        self.tokens = tokens
        self.options = options
    }

    var atEnd: Bool { index >= tokens.count || aborted }
    var current: Token? { atEnd ? nil : tokens[index] }
    func peek(_ k: Int) -> Token? { index + k < tokens.count ? tokens[index + k] : nil }
    mutating func advance() { index += 1 }

    mutating func error(_ message: String, cause: Diagnostic.Cause? = nil) {
        diagnostics.append(Diagnostic(severity: .error, message: message, position: index, cause: cause))
    }
    mutating func warn(_ message: String) {
        diagnostics.append(Diagnostic(severity: .warning, message: message, position: index))
    }

    /// The token tests read the array element in place (no copy of the current token and its payload).
    func isPunct(_ c: UInt8) -> Bool {
        guard !atEnd else { return false }
        if case .punct(let p) = tokens[index] { return p == c }
        return false
    }
    mutating func eat(_ c: UInt8) -> Bool {
        if isPunct(c) { advance(); return true }
        return false
    }
    func isCommand(_ name: String) -> Bool {
        guard !atEnd else { return false }
        if case .command(let c) = tokens[index] { return c == name }
        return false
    }

    /// Enters one nesting level; false (and abort) past the cap.
    @inline(__always) mutating func enter() -> Bool {
        depth += 1
        return depth <= options.maxDepth || tooDeep()
    }

    /// Records the depth error once and aborts; false.
    mutating func tooDeep() -> Bool {
        if !aborted { error("nesting deeper than \(options.maxDepth)") }
        aborted = true
        return false
    }
    mutating func leave() { depth -= 1 }

    /// True when the current token separates list items at the top level.
    func isListSeparator() -> Bool {
        switch current {
        case .punct(44), .punct(59), .wideSpace: return true
        case .word(let w): return w.utf8.count <= 4 && Vocabulary.isSeparator(w)
        case .text(let t): return ParserState.textIsSeparator(t)
        default: return false
        }
    }

    static func textIsSeparator(_ t: String) -> Bool {
        if let ascii = asciiTextIsSeparator(t) { return ascii }
        let words = t.lowercased().split { !$0.isLetter }
        return words.contains { $0 == "and" || $0 == "or" } || (words.isEmpty && t.contains(","))
    }

    /// list := item (sep item)*
    mutating func parseTop() -> Expr? {
        var list = ItemList()
        while !atEnd {
            let before = index
            while !atEnd, isListSeparator() || isPunct(46) { advance() }
            if atEnd { break }
            if case .end = current { advance(); continue }
            if let item = parseItem() { list.append(item) }
            if index == before {
                error("unexpected token \(String(describing: current))")
                advance()
            }
        }
        return list.expr()
    }
}

/// The items of a list as they are parsed: the usual single item is kept out of an array until a second one arrives
/// (`.list([x])` is `x` unless x is itself a list); then room for a few is reserved.
struct ItemList {
    private(set) var single: Expr? = nil
    private(set) var items: [Expr] = []

    mutating func append(_ item: Expr) {
        if items.isEmpty, single == nil {
            single = item
            return
        }
        if let first = single {
            items.reserveCapacity(4)
            items.append(first)
            single = nil
        }
        items.append(item)
    }

    /// The items as one expression: a lone item as itself (a lone list wrapped, so it stays one item), several as a
    /// list, none as nil.
    consuming func expr() -> Expr? {
        if let only = single { return only.kind == .list ? .list([only]) : only }
        return items.isEmpty ? nil : .list(items)
    }
}

extension ParserState {
    /// `textIsSeparator` on the bytes of ASCII text without `\r` (where every byte is one Character and letters are
    /// A–Z, a–z): a word "and"/"or" in any case, or no letters and a comma. Nil for other text.
    static func asciiTextIsSeparator(_ t: String) -> Bool? {
        var sawLetter = false, sawComma = false
        var key: UInt32 = 0
        var length = 0
        func isAndOr() -> Bool { (length == 3 && key == 0x61_6E_64) || (length == 2 && key == 0x6F_72) }
        for b in t.utf8 {
            if b >= 128 || b == 13 { return nil }
            if ByteClass.isASCIILetter(b) {
                sawLetter = true
                if length < 4 { key = key << 8 | UInt32(b | 0x20) }
                length += 1
            } else {
                if isAndOr() { return true }
                key = 0
                length = 0
                if b == 44 { sawComma = true }
            }
        }
        if isAndOr() { return true }
        return !sawLetter && sawComma
    }

    /// `looksLikeUnitText` on the bytes of ASCII text without `\r` (words split at spaces and newlines; letters
    /// A–Z, a–z and digits 0–9 are the ASCII letters and numbers). Nil for other text.
    static func asciiLooksLikeUnitText(_ t: String) -> Bool? {
        var words = 0
        var inWord = false
        var valid = true
        for b in t.utf8 {
            if b >= 128 || b == 13 { return nil }
            if b == 32 || b == 10 { inWord = false; continue }
            if !inWord {
                inWord = true
                words += 1
                if !ByteClass.isASCIILetter(b) { valid = false }
            } else if !(ByteClass.isASCIILetter(b) || b == 47 || b == 94 || b == 46 || Lexer.isDigit(b)) {
                valid = false
            }
        }
        guard words > 0, words <= 4 else { return false }
        if textIsSeparator(t) { return false }
        return valid
    }
}
