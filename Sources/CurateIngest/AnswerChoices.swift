import Foundation

/// Multiple-choice handling for AoPS statements: splitting `(A) … (E) …` out of the statement, and reading the
/// chosen letter from a solution's `\boxed{}`.
enum AnswerChoices {
    static let letters: [Character] = ["A", "B", "C", "D", "E"]

    /// The marker spellings of one letter, as AoPS writes them.
    static func markers(_ letter: Character) -> [String] {
        [
            "(\(letter))", "(\\mathrm{\(letter)})", "(\\text{\(letter)})", "(\\textbf{\(letter)})", "(\\textrm{\(letter)})",
            "(\\mathrm \(letter))", "( \(letter) )",
        ]
    }

    /// Splits a statement into its text and its five choices; `choices` is nil when the statement has no full
    /// `(A)`…`(E)` run. The run chosen is the last `(A)` followed by `(B)`…`(E)` in order.
    static func split(_ statement: String) -> (text: String, choices: [String]?) {
        let s = statement
        let aPositions = markers("A").flatMap { s.ranges(of: $0) }.sorted { $0.lowerBound > $1.lowerBound }
        for aRange in aPositions {
            var bounds: [Range<String.Index>] = [aRange]
            var cursor = aRange.upperBound
            for letter in letters.dropFirst() {
                let next = markers(letter).compactMap { s[cursor...].range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
                guard let next else { break }
                bounds.append(next)
                cursor = next.upperBound
            }
            guard bounds.count == letters.count else { continue }
            var choices: [String] = []
            for (i, bound) in bounds.enumerated() {
                let end = i + 1 < bounds.count ? bounds[i + 1].lowerBound : s.endIndex
                choices.append(clean(String(s[bound.upperBound..<end])))
            }
            let text = trimWrapperTail(String(s[..<aRange.lowerBound]))
            return (text.isEmpty ? statement : text, choices)
        }
        return (statement, nil)
    }

    /// The letter answered by the last `\boxed{}` of the solutions: a letter marker inside it, a lone letter, or
    /// a value equal to one of the choices.
    static func letter(inSolutions text: String, choices: [String]?) -> String? {
        guard let boxed = lastBoxed(in: text) else { return nil }
        for letter in letters where markers(letter).contains(where: { boxed.contains($0) }) { return String(letter) }
        let bare = strip(boxed, prefixes: ["\\textbf{", "\\text{", "\\mathrm{", "\\mathbf{"]).filter { $0 != "}" && $0 != " " }
        if bare.count == 1, let c = bare.first, letters.contains(c) { return String(c) }
        if let choices {
            let value = boxed.filter { !$0.isWhitespace }
            for (i, choice) in choices.enumerated() where choice.filter({ !$0.isWhitespace }) == value {
                return String(letters[i])
            }
        }
        return nil
    }

    /// The argument of the last `\boxed{…}` (braces matched) or `\boxed x`.
    static func lastBoxed(in text: String) -> String? {
        guard let range = text.ranges(of: "\\boxed").last else { return nil }
        var i = range.upperBound
        while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
        guard i < text.endIndex else { return nil }
        if text[i] != "{" {
            let token = text[i...].prefix { !$0.isWhitespace && $0 != "$" }
            return token.isEmpty ? nil : String(token)
        }
        var depth = 0
        var j = i
        while j < text.endIndex {
            if text[j] == "{" { depth += 1 }
            if text[j] == "}" {
                depth -= 1
                if depth == 0 { return String(text[text.index(after: i)..<j]) }
            }
            j = text.index(after: j)
        }
        return nil
    }

    /// Removes the wrapper left around a choice by the markers' own braces and the spacing between choices.
    static func clean(_ raw: String) -> String {
        var s = Substring(raw)
        var changed = true
        while changed {
            changed = false
            s = s.drop { $0.isWhitespace || $0 == "~" }
            for prefix in ["}", "\\ ", "\\quad", "$", "\\;", "\\,"] where s.hasPrefix(prefix) {
                if prefix == "}" && s.filter({ $0 == "{" }).count >= s.filter({ $0 == "}" }).count { continue }
                s = s.dropFirst(prefix.count); changed = true
            }
            while let last = s.last, last.isWhitespace || last == "~" { s = s.dropLast(); changed = true }
            // A wrapper that closes after the value: `\mathrm{(A) \ 4 }`.
            if s.hasSuffix("}"), s.filter({ $0 == "}" }).count > s.filter({ $0 == "{" }).count { s = s.dropLast(); changed = true }
            for suffix in ["\\qquad", "\\quad", "\\textbf{", "\\text{", "\\mathrm{", "\\textrm{", "\\mathbf{", "\\ ", "\\\\", "$", "\\;", "\\,", "\\hspace{"]
            where s.hasSuffix(suffix) {
                s = s.dropLast(suffix.count); changed = true
            }
        }
        return String(s)
    }

    /// Drops what the choice markers' wrapper leaves at the end of the statement (`$\text{`), keeping any `$`
    /// that closes the statement's own math.
    private static func trimWrapperTail(_ text: String) -> String {
        var s = Substring(text)
        var changed = true
        while changed {
            changed = false
            for suffix in ["\\textbf{", "\\text{", "\\mathrm{", "\\textrm{", "\\qquad", "\\quad"] where s.hasSuffix(suffix) {
                s = s.dropLast(suffix.count); changed = true
            }
            while let last = s.last, last.isWhitespace { s = s.dropLast(); changed = true }
        }
        if s.hasSuffix("$"), s.filter({ $0 == "$" }).count % 2 == 1 { s = s.dropLast() }
        return String(s).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func strip(_ text: String, prefixes: [String]) -> String {
        var s = text
        for p in prefixes where s.hasPrefix(p) { s.removeFirst(p.count) }
        return s
    }
}
