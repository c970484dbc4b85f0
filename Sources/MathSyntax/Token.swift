/// One lexical token of an answer.
enum Token: Equatable, Sendable {
    /// A numeral (thousands separators already removed).
    case number(Numeral)
    /// A run of ASCII letters (split into variables or recognised as a keyword by the parser).
    case word(String)
    /// A backslash command without the backslash; `\{` is `"{"`, `\%` is `"%"`.
    case command(String)
    /// Raw content of `\text{...}`-like commands.
    case text(String)
    /// Single ASCII punctuation byte: `( ) [ ] { } + - * / ^ _ = < > , ; ! | ' : & .`
    case punct(UInt8)
    /// Two-character operators `<=`, `>=`, `!=`.
    case op2(String)
    /// `\\` row separator.
    case rowBreak
    /// `\quad`, `\qquad`: wide space that separates list items.
    case wideSpace
    /// `\begin{name}` / `\end{name}`.
    case begin(String), end(String)
    /// Any other character (unicode symbols are mapped when known).
    case other(String)
}

/// A diagnostic message from the lexer or parser (never a trap).
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable { case warning, error }
    /// Severity.
    public var severity: Severity
    /// Human-readable message.
    public var message: String
    /// Byte offset in the input (token index for parser messages).
    public var position: Int
    /// The causes a caller decides by (most diagnostics have none).
    public enum Cause: Sendable, Hashable {
        /// The input ends inside a `{…}` or `[…]` group: `\frac{11}{2^{20}`, a gold the source cut off before its
        /// last brace, or a model's response cut off mid-answer.
        case inputEndsInsideGroup
    }
    /// Why, where a caller decides by it; nil for the rest.
    public var cause: Cause? = nil
    /// `severity: message @position`.
    public var description: String { "\(severity.rawValue): \(message) @\(position)" }
}
