import MathSyntax

/// Multiple-choice answers: a gold letter against a letter (or the choice text written with it).
enum ChoiceGrading {
    /// The choice letter of a short answer such as `C`, `(C)`, `\text{(C)}`, `\textbf{(C) }12`, and the rest.
    static func letter(of s: String) -> (Character, String)? {
        guard s.utf8.count <= 60, ByteScan.containsByte(in: s, where: { $0 >= 65 && $0 <= 90 }) else { return nil }
        if case .decided(let found) = asciiLetter(of: s) { return found }
        return characterLetter(of: s)
    }

    /// `letter(of:)` on Characters (any text): the layout replaced in turn, then the letter read.
    static func characterLetter(of s: String) -> (Character, String)? {
        var t = s
        for junk in layoutStrings { t = t.replacingAll(junk, with: " ") }
        t = t.trimmedSpaces
        var rest = Substring(t)
        var paren = false
        if rest.first == "(" { rest = rest.dropFirst(); paren = true }
        guard let ch = rest.first, ch.isUppercase, ch.isASCII, ch.isLetter else { return nil }
        rest = rest.dropFirst()
        if paren { guard rest.first == ")" else { return nil }; rest = rest.dropFirst() }
        if let n = rest.first, n.isLetter || n.isNumber && !paren || n == "_" || n == "^" { return nil }
        if !paren, !String(rest).trimmedSpaces.isEmpty, !rest.hasPrefix(".") && !rest.hasPrefix(")") { return nil }
        return (ch, String(rest).trimmedSpaces)
    }

    static func isChoiceLetter(_ s: String) -> Bool { letter(of: s) != nil }

    /// The layout `letter(of:)` removes, in order: each longer name before its prefix (`\textbf` before `\text`).
    static let layoutStrings = ["\\textbf", "\\text", "\\mathrm", "\\mathbf", "$", "{", "}", "\\qquad", "\\quad", "~"]
    /// `layoutStrings` as bytes.
    static let layout: [[UInt8]] = layoutStrings.map { Array($0.utf8) }

    /// `letter(of:)` on the bytes of ASCII text without CR, where every byte is one Character. The layout is replaced
    /// by spaces in one pass: no two layout strings overlap (the names start with a backslash and hold only letters),
    /// and a space creates no new match, so this is the text the replacements in turn would leave.
    static func asciiLetter(of s: String) -> ByteLevel<(Character, String)> {
        var s = s
        return s.withUTF8 { b -> ByteLevel<(Character, String)> in
            if b.contains(where: { $0 >= 128 || $0 == 13 }) { return .notApplicable }
            var t: [UInt8] = []
            t.reserveCapacity(b.count)
            var i = 0
            scan: while i < b.count {
                for junk in layout
                where b[i] == junk[0] && i + junk.count <= b.count
                    && junk.indices.allSatisfy({ b[i + $0] == junk[$0] })
                {
                    t.append(32)
                    i += junk.count
                    continue scan
                }
                t.append(b[i])
                i += 1
            }
            func isSpace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
            func trimmed(_ x: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
                var x = x
                while let f = x.first, isSpace(f) { x = x.dropFirst() }
                while let l = x.last, isSpace(l) { x = x.dropLast() }
                return x
            }
            var rest = trimmed(t[...])
            var paren = false
            if rest.first == 40 { rest = rest.dropFirst(); paren = true }
            guard let ch = rest.first, ch >= 65, ch <= 90 else { return .decided(nil) }
            rest = rest.dropFirst()
            if paren {
                guard rest.first == 41 else { return .decided(nil) }
                rest = rest.dropFirst()
            }
            if let n = rest.first, ByteClass.isASCIILetter(n) || (n >= 48 && n <= 57) && !paren || n == 95 || n == 94 {
                return .decided(nil)
            }
            let tail = trimmed(rest)
            if !paren, !tail.isEmpty, rest.first != 46, rest.first != 41 { return .decided(nil) }
            return .decided((Character(UnicodeScalar(ch)), String(decoding: tail, as: UTF8.self)))
        }
    }

    /// Short answer vs gold letter; nil when the gold is not a choice letter.
    static func grade(gold: String, answer: String) -> Verdict? {
        guard let (g, goldRest) = letter(of: gold) else { return nil }
        if let (a, rest) = letter(of: answer) { return compare(a, rest: rest, to: g) }
        if !goldRest.isEmpty { return nil }
        return .different("answer is not a choice letter")
    }

    /// Whole response vs gold letter. The last box decides when there is one: `\boxed{A, B, C, D}`,
    /// `\boxed{\text{Not (A)}}` and `\boxed{(A) or (B)}` name no single choice, whatever letters the text around
    /// them holds. Without a box, as Math-Verify reads choices: the letter after "answer is" or "answer:", else the
    /// first standalone capital letter (so an unboxed "A is incorrect" still reads as A: `deepscaler` and `--strict`
    /// require the box).
    static func gradeResponse(gold: String, response: String) -> Verdict {
        guard let (g, _) = letter(of: gold) else { return .undecided("not a choice") }
        if let box = AnswerExtractor.allBoxes(Array(response.utf8)).last {
            guard let (a, rest) = letter(of: box.content) else { return .different("the boxed answer is not a choice letter") }
            return compare(a, rest: rest, to: g)
        }
        let chars = Array(response)
        let lower = response.lowercased()
        if let r = lower.range(of: "answer is") ?? lower.range(of: "answer:") {
            var i = lower.distance(from: lower.startIndex, to: r.upperBound)
            while i < chars.count, chars[i] == " " || chars[i] == "(" || chars[i] == "$" || chars[i] == "*" { i += 1 }
            if i < chars.count, isStandaloneCapital(chars, at: i) {
                return chars[i] == g ? .equivalent(.choice) : .different("different choice")
            }
        }
        for i in chars.indices where isStandaloneCapital(chars, at: i) && chars[i] != "I" {
            return chars[i] == g ? .equivalent(.choice) : .different("different choice")
        }
        return .different("no choice letter found")
    }

    /// A letter read with the text after it against the gold letter: the text may hold the choice's value, not a
    /// second letter (`(A) or (B)`).
    private static func compare(_ letter: Character, rest: String, to gold: Character) -> Verdict {
        let after = Array(rest)
        if after.indices.contains(where: { isStandaloneCapital(after, at: $0) && after[$0] != "I" }) {
            return .different("more than one choice letter")
        }
        return letter == gold ? .equivalent(.choice) : .different("different choice")
    }

    /// An uppercase ASCII letter with no letter on either side (`B` in "(B) 12", not in "Bob").
    private static func isStandaloneCapital(_ chars: [Character], at i: Int) -> Bool {
        chars[i].isUppercase && chars[i].isASCII && (i == 0 || !chars[i - 1].isLetter)
            && (i + 1 >= chars.count || !chars[i + 1].isLetter)
    }
}
