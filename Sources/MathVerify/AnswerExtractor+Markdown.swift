import MathSyntax

/// Markdown formatting around a final answer, as models write it: emphasis and code spans.
extension AnswerExtractor {
    /// The wrappers removed, longest first.
    static let markdownWrappers: [[UInt8]] = ["```", "**", "__", "`", "*", "_"].map { Array($0.utf8) }

    /// The answer inside markdown emphasis or code that wraps all of it (`**73**`, `__73__`, `*x*`, `` `73` ``,
    /// nested `***x***`; a period after the closing mark dropped), or nil when the text is not wrapped.
    ///
    /// Only the first byte is read unless the text starts with `*`, `_` or a backquote, which no answer in LaTeX or
    /// plain math begins with.
    ///
    /// Example: `strippingMarkdown("**73**.") == "73"`, `strippingMarkdown("2*3") == nil`.
    static func strippingMarkdown(_ s: String) -> String? {
        guard let first = s.utf8.first(where: { $0 != 32 && $0 != 10 }), first == 42 || first == 95 || first == 96 else {
            return nil
        }
        var b = Array(s.utf8)
        func trim() {
            while let f = b.first, f == 32 || f == 10 || f == 9 { b.removeFirst() }
            while let l = b.last, l == 32 || l == 10 || l == 9 { b.removeLast() }
        }
        trim()
        if b.count >= 2, b[b.count - 1] == 46, [42, 95, 96].contains(b[b.count - 2]) { b.removeLast() }
        var changed = false
        var rounds = 0
        while rounds < 4 {
            rounds += 1
            guard
                let w = markdownWrappers.first(where: { w in
                    b.count > 2 * w.count && b.starts(with: w) && Array(b.suffix(w.count)) == w
                })
            else { break }
            b = Array(b[w.count..<(b.count - w.count)])
            // A code block's language tag (```latex) stays out of the answer.
            if w.count == 3, let newline = b.firstIndex(of: 10), b[..<newline].allSatisfy(ByteClass.isASCIILetter) {
                b.removeSubrange(...newline)
            }
            trim()
            changed = true
        }
        return changed && !b.isEmpty ? String(decoding: b, as: UTF8.self) : nil
    }
}
