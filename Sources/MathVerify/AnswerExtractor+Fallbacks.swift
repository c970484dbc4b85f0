import MathSyntax

/// Fallback extraction: phrases, math spans and numbers.
extension AnswerExtractor {
    /// Text after the last "final answer" (or "answer is"), up to the end of its line or sentence.
    /// The phrases `afterPhrase` looks for, in order, as bytes (built once).
    static let answerPhrases: [[UInt8]] = ["final answer", "answer is", "answer:"].map { Array($0.utf8) }
    /// Words skipped after the phrase, as bytes (built once).
    static let connectiveWords: [[UInt8]] = ["is", "the", "final", "answer", "be", "would", "will"].map { Array($0.utf8) }

    /// Space, `:`, `*`, newline, tab, `"` and `=`: skipped after the phrase.
    static func isPhrasePunctuation(_ b: UInt8) -> Bool {
        switch b {
        case 32, 58, 42, 10, 9, 34, 61: return true
        default: return false
        }
    }

    static func afterPhrase(_ bytes: [UInt8]) -> String? {
        // Every phrase contains "answer": without it there is nothing to find (and nothing to lowercase).
        guard containsAnswerWord(bytes) else { return nil }
        var start: Int? = nil
        for p in answerPhrases {
            if let at = lastMatchIgnoringCase(p, in: bytes) { start = at + p.count; break }
        }
        guard var s = start else { return nil }
        // Skip connective words and punctuation: ": The final answer is", "**", "is".
        var progressed = true
        var guardCount = 0
        while progressed && guardCount < 20 {
            guardCount += 1
            progressed = false
            while s < bytes.count, isPhrasePunctuation(bytes[s]) { s += 1; progressed = true }
            for wb in connectiveWords {
                if s + wb.count <= bytes.count, matchesIgnoringCase(wb, in: bytes, at: s),
                    s + wb.count == bytes.count || !ByteClass.isASCIILetter(bytes[s + wb.count])
                {
                    s += wb.count; progressed = true
                }
            }
        }
        guard s < bytes.count else { return nil }
        let rest = Array(bytes[s...])
        var e = 0
        while e < rest.count, rest[e] != 10 {
            if rest[e] == 46, e + 1 >= rest.count || rest[e + 1] == 32 || rest[e + 1] == 10 { break }
            e += 1
        }
        var text = String(decoding: rest[..<e], as: UTF8.self)
        text = text.replacingAll("**", with: "").replacingAll("\\\"", with: "").replacingAll("\"", with: "")
        text = text.trimmedSpaces
        if text.hasPrefix("I hope") || text.isEmpty { return nil }
        if let cut = text.range(of: ". I hope") { text = String(text[..<cut.lowerBound]) }
        // "The volume of $V$ is 120" → "120"
        if let r = text.lastRange(of: " is ") { text = String(text[r.upperBound...]).trimmedSpaces }
        return text
    }

    /// Start of the last occurrence of the lowercase `needle` in `bytes` with ASCII letters lowercased.
    /// A needle with a `w` (every answer phrase has one; it is rare in math text) is anchored on the `w`/`W` bytes,
    /// found with `memchr`; another needle is searched byte by byte from the end.
    static func lastMatchIgnoringCase(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        if let anchor = needle.firstIndex(of: 119) {
            for w in ByteScan.indices(ofLetter: 119, in: bytes).reversed() {
                let start = w - anchor
                if start >= 0, start + needle.count <= bytes.count, matchesIgnoringCase(needle, in: bytes, at: start) { return start }
            }
            return nil
        }
        // Unchecked buffers: the scan tests one byte per position before comparing the rest.
        return bytes.withUnsafeBufferPointer { b -> Int? in
            needle.withUnsafeBufferPointer { n -> Int? in
                var i = b.count - n.count
                while i >= 0 {
                    if lowercased(b[i]) == first {
                        var k = 1
                        while k < n.count, lowercased(b[i + k]) == n[k] { k += 1 }
                        if k == n.count { return i }
                    }
                    i -= 1
                }
                return nil
            }
        }
    }

    /// True when the lowercase `needle` occurs at `at` with ASCII letters of `bytes` lowercased.
    static func matchesIgnoringCase(_ needle: [UInt8], in bytes: [UInt8], at: Int) -> Bool {
        guard at >= 0, at + needle.count <= bytes.count else { return false }
        var k = 0
        while k < needle.count, lowercased(bytes[at + k]) == needle[k] { k += 1 }
        return k == needle.count
    }

    /// True when "answer" occurs in any ASCII letter case (the lowercasing of `afterPhrase`): checked around each
    /// `w`/`W` byte (found with `memchr`).
    static func containsAnswerWord(_ bytes: [UInt8]) -> Bool {
        let word: [UInt8] = [97, 110, 115, 119, 101, 114]
        guard bytes.count >= word.count else { return false }
        return ByteScan.indices(ofLetter: 119, in: bytes).contains { w in
            w >= 3 && w + 3 <= bytes.count && matchesIgnoringCase(word, in: bytes, at: w - 3)
        }
    }

    /// Spans of math: `$$…$$`, `$…$`, `\(…\)`, `\[…\]` (escaped `\$` is not a delimiter).
    static func mathSpans(_ bytes: [UInt8]) -> [(Int, Int)] {
        var spans: [(Int, Int)] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 92, i + 1 < bytes.count {
                let n = bytes[i + 1]
                if n == 40 || n == 91 {
                    let close: UInt8 = n == 40 ? 41 : 93
                    var k = i + 2
                    while k + 1 < bytes.count, !(bytes[k] == 92 && bytes[k + 1] == close) { k += 1 }
                    if k + 1 < bytes.count { spans.append((i + 2, k)); i = k + 2; continue }
                }
                i += 2
                continue
            }
            if b == 36 {
                let double = i + 1 < bytes.count && bytes[i + 1] == 36
                var k = i + (double ? 2 : 1)
                let start = k
                while k < bytes.count {
                    if bytes[k] == 92 { k += 2; continue }
                    if bytes[k] == 36 { break }
                    if !double, bytes[k] == 10 { break }
                    k += 1
                }
                if k < bytes.count, bytes[k] == 36 {
                    spans.append((start, k))
                    i = k + (double ? 2 : 1)
                    continue
                }
                i = start
                continue
            }
            i += 1
        }
        return spans.filter { $0.1 > $0.0 && hasVisibleCharacter(bytes[$0.0..<$0.1]) }
    }

    /// True when the bytes decode to some non-whitespace Character. A printable ASCII byte always belongs to one
    /// (it starts its Character, or follows a non-whitespace prepend mark), so the decoding is needed only without one.
    static func hasVisibleCharacter(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.contains(where: { $0 > 32 && $0 < 127 }) { return true }
        return String(decoding: bytes, as: UTF8.self).contains { !$0.isWhitespace }
    }

    /// The later of the last math span and the last number.
    static func lastExpression(_ bytes: [UInt8]) -> String? {
        let span = mathSpans(bytes).last
        guard let (numStart, numEnd) = lastNumberRange(bytes) else {
            return span.map { String(decoding: bytes[$0.0..<$0.1], as: UTF8.self) }
        }
        if let s = span, s.1 >= numEnd || (numStart >= s.0 && numEnd <= s.1) {
            return String(decoding: bytes[s.0..<s.1], as: UTF8.self)
        }
        return String(decoding: bytes[numStart..<numEnd], as: UTF8.self)
    }

    static func lastMathSpan(_ bytes: [UInt8]) -> String? {
        guard let s = mathSpans(bytes).last else { return nil }
        return String(decoding: bytes[s.0..<s.1], as: UTF8.self)
    }

    static func firstMathSpan(_ bytes: [UInt8]) -> String? {
        guard let s = mathSpans(bytes).first else { return nil }
        return String(decoding: bytes[s.0..<s.1], as: UTF8.self)
    }

    /// The last number written in the text (`1,000.99`, `-3`, `.5`).
    static func lastNumber(_ bytes: [UInt8]) -> String? {
        lastNumberRange(bytes).map { String(decoding: bytes[$0.0..<$0.1], as: UTF8.self) }
    }

    /// Range of the last number (`1,000.99`, `-3`, `2/3`).
    static func lastNumberRange(_ bytes: [UInt8]) -> (Int, Int)? {
        var i = bytes.count - 1
        while i >= 0, !(bytes[i] >= 48 && bytes[i] <= 57) { i -= 1 }
        guard i >= 0 else { return nil }
        let end = i + 1
        while i >= 0, (bytes[i] >= 48 && bytes[i] <= 57) || bytes[i] == 46 || (bytes[i] == 44 && i > 0 && bytes[i - 1] >= 48 && bytes[i - 1] <= 57) {
            i -= 1
        }
        var start = i + 1
        if i >= 0, bytes[i] == 47, i > 0, bytes[i - 1] >= 48 && bytes[i - 1] <= 57 {
            i -= 1
            while i >= 0, bytes[i] >= 48 && bytes[i] <= 57 { i -= 1 }
            start = i + 1
        }
        if i >= 0, bytes[i] == 45 { start = i }
        while start < end, bytes[start] == 46 || bytes[start] == 44 { start += 1 }
        var e = end
        while e > start, bytes[e - 1] == 46 || bytes[e - 1] == 44 { e -= 1 }
        if e == end, end < bytes.count, bytes[end] == 37 { e = end + 1 }  // keep a percent sign
        return e > start ? (start, e) : nil
    }

    /// True when the text outside math spans contains real words (not separators or units).
    /// Number of separate digit runs (a thousands/decimal separator between digits does not split a number).
    static func numberCount(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { b -> Int in
            var count = 0
            var i = 0
            while i < b.count {
                if b[i] >= 48 && b[i] <= 57 {
                    count += 1
                    while i < b.count, (b[i] >= 48 && b[i] <= 57) || ((b[i] == 44 || b[i] == 46) && i + 1 < b.count && b[i + 1] >= 48 && b[i + 1] <= 57) {
                        i += 1
                    }
                } else {
                    i += 1
                }
            }
            return count
        }
    }

    static func containsProse(_ s: String) -> Bool {
        guard s.utf8.contains(32) else { return false }
        if let ascii = asciiContainsProse(s) { return ascii }
        let words = s.lowercased().split { $0.isWhitespace }.filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) && !latexWords.contains(String($0)) }
        return s.contains(" ") && (words.count >= 2 || words.contains { $0.count >= 4 })
    }

    /// `containsProse` for ASCII text in bytes (each byte is one Character; whitespace is 9–13 and 32; letters are
    /// A–Z, a–z); nil for other text.
    static func asciiContainsProse(_ s: String) -> Bool? {
        let b = Array(s.utf8)
        guard b.allSatisfy({ $0 < 128 }) else { return nil }
        var words = 0
        var long = false
        var i = 0
        while i < b.count {
            while i < b.count, b[i] == 32 || (b[i] >= 9 && b[i] <= 13) { i += 1 }
            let start = i
            while i < b.count, !(b[i] == 32 || (b[i] >= 9 && b[i] <= 13)) { i += 1 }
            let word = b[start..<i]
            guard word.count >= 3, word.allSatisfy(ByteClass.isASCIILetter) else { continue }
            let lower = String(decoding: word.map(lowercased), as: UTF8.self)
            if latexWords.contains(lower) { continue }
            words += 1
            if word.count >= 4 { long = true }
        }
        return words >= 2 || long
    }

    /// Command names that are not prose.
    static let latexWords: [String] = [
        "text", "quad", "frac", "sqrt", "infty", "left", "right", "cdot", "times", "boxed", "mathrm", "dfrac", "tfrac", "begin",
        "pmatrix", "bmatrix", "textbf", "mbox", "circ",
    ]

    static func isProseAroundMath(_ bytes: [UInt8]) -> Bool {
        let spans = mathSpans(bytes)
        guard !spans.isEmpty else { return false }
        var outside: [UInt8] = []
        var last = 0
        for (s, e) in spans {
            if s - 1 > last { outside += bytes[last..<max(last, s - 1)] }
            last = min(bytes.count, e + 1)
        }
        if last < bytes.count { outside += bytes[last...] }
        if outside.allSatisfy({ $0 < 128 }) {
            // ASCII: words are runs of ASCII letters, so count them on bytes.
            var words = 0
            var i = 0
            while i < outside.count, words < 2 {
                while i < outside.count, !ByteClass.isASCIILetter(outside[i]) { i += 1 }
                let start = i
                while i < outside.count, ByteClass.isASCIILetter(outside[i]) { i += 1 }
                guard i - start >= 3 else { continue }
                let word = String(decoding: outside[start..<i].map(lowercased), as: UTF8.self)
                if !["and", "text", "quad", "the"].contains(word) { words += 1 }
            }
            return words >= 2
        }
        let text = String(decoding: outside, as: UTF8.self).lowercased()
        let words = text.split { !$0.isLetter }.filter { $0.count >= 3 && !["and", "text", "quad", "the"].contains($0) }
        return words.count >= 2
    }
}

extension String {
    /// Replaces every occurrence of `target`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        if let ascii = asciiReplacingAll(target, with: replacement) { return ascii }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    /// Byte-level `replacingAll` for ASCII text and an ASCII target without CR/LF (where every byte is one Character,
    /// so byte matches are Character matches); nil otherwise. Returns `self` untouched when the target does not occur.
    private func asciiReplacingAll(_ target: String, with replacement: String) -> String? {
        // The target's bytes in place (no array copy; a small string is copied to the stack).
        var target = target
        return target.withUTF8 { asciiReplacingAll(bytes: $0, with: replacement) }
    }

    private func asciiReplacingAll(bytes t: UnsafeBufferPointer<UInt8>, with replacement: String) -> String? {
        guard t.allSatisfy({ $0 < 128 && $0 != 10 && $0 != 13 }) else { return nil }
        var result: [UInt8]? = nil
        var copied = 0
        let found: Bool? = utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard b.allSatisfy({ $0 < 128 }) else { return false }
            var i = 0
            while let at = ByteScan.firstMatch(of: t, in: b, from: i) {
                if result == nil { result = [] }
                result?.append(contentsOf: b[copied..<at])
                result?.append(contentsOf: replacement.utf8)
                i = at + t.count
                copied = i
            }
            if result != nil { result?.append(contentsOf: b[copied...]) }
            return true
        }
        guard found == true else { return nil }
        guard let bytes = result else { return self }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    /// First range of `target` (naive search; answers are short).
    func range(of target: String) -> Range<Substring.Index>? {
        if case .decided(let range) = asciiRange(of: target) { return range }
        let t = Array(target)
        guard !t.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            var j = i
            var k = 0
            while k < t.count, j < endIndex, self[j] == t[k] { j = index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = index(after: i)
        }
        return nil
    }
}

extension Substring {
    /// `range(of:)` on the bytes when the text and the target are ASCII without CR (every byte is then one Character,
    /// so a byte match is a Character match at the same offsets).
    func asciiRange(of target: String) -> ByteLevel<Range<Substring.Index>> {
        var target = target
        return target.withUTF8 { t -> ByteLevel<Range<Substring.Index>> in
            guard !t.isEmpty, !t.contains(where: { $0 >= 128 || $0 == 13 }) else { return .notApplicable }
            let outcome = utf8.withContiguousStorageIfAvailable { b -> ByteLevel<Range<Substring.Index>> in
                if b.contains(where: { $0 >= 128 || $0 == 13 }) { return .notApplicable }
                guard let at = ByteScan.firstMatch(of: t, in: b, from: 0) else { return .decided(nil) }
                let lower = utf8.index(startIndex, offsetBy: at)
                return .decided(lower..<utf8.index(lower, offsetBy: t.count))
            }
            return outcome ?? .notApplicable
        }
    }
}

extension String {
    /// Last range of `target`.
    func lastRange(of target: String) -> Range<String.Index>? {
        var found: Range<String.Index>? = nil
        var rest = Substring(self)
        while let r = rest.range(of: target) { found = r; rest = self[r.upperBound...] }
        return found
    }

    /// First range of `target`.
    func range(of target: String) -> Range<String.Index>? {
        Substring(self).range(of: target)
    }
}
