import MathSyntax

/// Pulls the final answer out of a model response or a worked solution.
///
/// Order (standard policy): boxes (`\boxed{…}` with nested braces, `\boxed 5`, `\fbox{…}`; boxes separated only by
/// short separator text are joined as a list), "final answer is …", "answer is …", the last math span
/// (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`), the last number. `strict` keeps only boxes; the DeepScaleR policy
/// reads only the text after `</think>` and needs a `\boxed{…}`.
///
/// Example: `AnswerExtractor.extract(from: "so $x = \\boxed{3}$.")` is `"3"`.
public enum AnswerExtractor {
    /// The extracted answer text, or nil when the response has none under the options.
    public static func extract(from response: String, options: ExtractionOptions = ExtractionOptions()) -> String? {
        var bytes = Array(response.utf8)
        // A new chat turn ends the response (at the first marker after the first byte).
        if let cut = firstTurnMarker(in: bytes) { bytes = Array(bytes[..<cut]) }
        if case .deepScaleR = options.policy {
            let marker = Array("</think>".utf8)
            guard let at = ByteScan.firstMatch(of: marker, in: bytes, from: 0) else { return nil }
            let start = at + marker.count
            let end = ByteScan.firstMatch(of: marker, in: bytes, from: start) ?? bytes.count
            bytes = Array(bytes[start..<end])
            guard let box = lastBox(bytes, braceOnly: true) else { return nil }
            return box
        }
        let boxes = allBoxes(bytes)
        if !boxes.isEmpty {
            // A "final answer is" statement written after the last box overrides it.
            if !options.strict, let last = boxes.last, let tail = afterPhrase(Array(bytes[last.end...])) { return tail }
            return joinBoxes(boxes, bytes, options: options)
        }
        if options.strict { return nil }
        if let phrase = afterPhrase(bytes) { return phrase }
        return lastExpression(bytes)
    }

    /// Prepares a gold answer or a short answer: boxes if present, a phrase if present, the last math span when the
    /// text around the math is prose, else the whole text; markdown emphasis or code around the result removed.
    public static func prepareShortAnswer(_ s: String) -> String {
        let prepared = prepareShortAnswerText(s)
        return strippingMarkdown(prepared) ?? prepared
    }

    /// `prepareShortAnswer` before markdown is removed.
    static func prepareShortAnswerText(_ s: String) -> String {
        // Fast path: nothing that could hold a box, a phrase or prose.
        if s.utf8.count <= 24, !ByteScan.containsByte(in: s, where: { $0 == 92 || $0 == 36 || ($0 | 0x20) == 119 }) { return s }
        if hasNoBoxPhraseOrProse(s) { return s }
        let bytes = Array(s.utf8)
        let boxes = allBoxes(bytes)
        if !boxes.isEmpty { return joinBoxes(boxes, bytes, options: ExtractionOptions()) }
        if let phrase = afterPhrase(bytes) { return phrase }
        // Prose around exactly one math span: that span is the answer; with several spans the answer is ambiguous.
        if isProseAroundMath(bytes), mathSpans(bytes).count == 1, let span = lastMathSpan(bytes) { return span }
        return s
    }

    /// True when the text cannot hold a box, an answer phrase or two prose words, which `prepareShortAnswer` looks for:
    /// no `box` (every box command has it), and fewer than six letters (counting each non-ASCII byte as one), since
    /// "answer" has six and two prose words at least three each. One pass over the bytes, no copy.
    static func hasNoBoxPhraseOrProse(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b -> Bool in
            var letters = 0
            for i in b.indices where b[i] >= 128 || ByteClass.isASCIILetter(b[i]) {
                letters += 1
                if letters >= 6 { return false }
                if b[i] == 120, i >= 2, b[i - 1] == 111, b[i - 2] == 98 { return false }  // "box"
            }
            return true
        }
    }

    static let turnMarkers: [[UInt8]] = ["<|im_start|>", "<|endoftext|>", "<|im_end|>"].map { Array($0.utf8) }

    /// The first index ≥ 1 where a chat-turn marker starts. One pass; the same cut as trimming at each marker in turn,
    /// since the markers (`<|…|>`) cannot overlap one another.
    static func firstTurnMarker(in bytes: [UInt8]) -> Int? {
        var i = 1
        while let at = ByteScan.firstIndex(of: 60, in: bytes, from: i), at + 1 < bytes.count {
            if bytes[at + 1] == 124, turnMarkers.contains(where: { matches($0, in: bytes, at: at) }) { return at }
            i = at + 1
        }
        return nil
    }

    /// True when `needle` occurs in `hay` at `at` (no copy).
    static func matches(_ needle: [UInt8], in hay: [UInt8], at: Int) -> Bool {
        guard at >= 0, at + needle.count <= hay.count else { return false }
        var k = 0
        while k < needle.count, hay[at + k] == needle[k] { k += 1 }
        return k == needle.count
    }

    static func lowercased(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// (start of `\boxed`, end after the closing brace, content)
    struct Box { var start: Int; var end: Int; var content: String }

    /// The box commands `allBoxes` looks for (built once, not per call).
    static let boxNames: [[UInt8]] = [Array("\\boxed".utf8), Array("\\fbox".utf8)]
    static let boxedBrace: [UInt8] = Array("\\boxed{".utf8)

    static func allBoxes(_ bytes: [UInt8]) -> [Box] {
        var out: [Box] = []
        var i = 0
        let names = boxNames
        while i < bytes.count {
            guard bytes[i] == 92 else {
                i = ByteScan.firstIndex(of: 92, in: bytes, from: i) ?? bytes.count
                continue
            }
            // Both names start `\b` or `\f`: any other command is passed without trying them.
            let second = i + 1 < bytes.count ? bytes[i + 1] : 0
            guard second == 98 || second == 102 else { i += 1; continue }
            var matched: [UInt8]? = nil
            for n in names where matches(n, in: bytes, at: i) { matched = n }
            guard let name = matched else { i += 1; continue }
            var j = i + name.count
            if j < bytes.count, (bytes[j] | 0x20) >= 97 && (bytes[j] | 0x20) <= 122 { i = j; continue }
            while j < bytes.count, bytes[j] == 32 { j += 1 }
            if j < bytes.count, bytes[j] == 123 {
                let (content, end) = braced(bytes, j)
                out.append(Box(start: i, end: end, content: content))
                i = max(end, i + 1)
            } else {
                var k = j
                while k < bytes.count, bytes[k] != 32, bytes[k] != 36, bytes[k] != 10, bytes[k] != 92 { k += 1 }
                if k > j { out.append(Box(start: i, end: k, content: String(decoding: bytes[j..<k], as: UTF8.self))) }
                i = max(k, i + 1)
            }
        }
        return out
    }

    /// Content of the brace group opening at `open`, and the index after its closing brace.
    static func braced(_ bytes: [UInt8], _ open: Int) -> (String, Int) {
        var level = 0
        var k = open
        while k < bytes.count {
            let b = bytes[k]
            if b == 92 { k += 2; continue }
            if b == 123 { level += 1 }
            if b == 125 {
                level -= 1
                if level == 0 { return (String(decoding: bytes[(open + 1)..<k], as: UTF8.self), k + 1) }
            }
            k += 1
        }
        return (String(decoding: bytes[min(open + 1, bytes.count)...], as: UTF8.self), bytes.count)
    }

    static func lastBox(_ bytes: [UInt8], braceOnly: Bool) -> String? {
        let boxes = allBoxes(bytes).filter { box in
            !braceOnly || matches(boxedBrace, in: bytes, at: box.start)
        }
        return boxes.last?.content
    }

    /// Joins trailing boxes separated by short separator text (`,`, `and`, `\quad`, symbols only).
    static func joinBoxes(_ boxes: [Box], _ bytes: [UInt8], options: ExtractionOptions) -> String {
        var picked = [boxes[boxes.count - 1]]
        var k = boxes.count - 2
        while k >= 0 {
            let gap = bytes[boxes[k].end..<picked[0].start]
            if gap.count > options.maxJoinGap || !isSeparatorGap(Array(gap)) { break }
            picked.insert(boxes[k], at: 0)
            k -= 1
        }
        if picked.count == 1 { return picked[0].content }
        var seen = Set<String>()
        var parts: [String] = []
        for b in picked where seen.insert(b.content.trimmedSpaces).inserted { parts.append(b.content) }
        return parts.count == 1 ? parts[0] : parts.joined(separator: " \\text{ and } ")
    }

    /// `isSeparatorGap` on the bytes of an ASCII gap (letters A–Z, a–z; every other byte, and a CR LF pair, is a
    /// separator); nil for other text.
    static func asciiIsSeparatorGap(_ gap: [UInt8]) -> Bool? {
        guard gap.allSatisfy({ $0 < 128 }) else { return nil }
        var sawWord = false, sawAndOr = false
        var i = 0
        while i < gap.count {
            guard ByteClass.isASCIILetter(gap[i]) else { i += 1; continue }
            let start = i
            while i < gap.count, ByteClass.isASCIILetter(gap[i]) { i += 1 }
            let w = gap[start..<i]
            func spells(_ word: [UInt8]) -> Bool { w.count == word.count && zip(w, word).allSatisfy { lowercased($0) == $1 } }
            if layoutWords.contains(where: spells) { continue }
            sawWord = true
            if spells(andWord) || spells(orWord) { sawAndOr = true }
        }
        return !sawWord || sawAndOr
    }

    /// Layout words a gap between boxes may hold (and, as lowercase bytes, with the joining words).
    static let layoutWordStrings = ["text", "quad", "qquad", "mathrm", "textrm"]
    static let layoutWords: [[UInt8]] = layoutWordStrings.map { Array($0.utf8) }
    static let andWord = Array("and".utf8), orWord = Array("or".utf8)

    static func isSeparatorGap(_ gap: [UInt8]) -> Bool {
        if let ascii = asciiIsSeparatorGap(gap) { return ascii }
        let text = String(decoding: gap, as: UTF8.self).lowercased()
        var words: [Substring] = []
        for w in text.split(whereSeparator: { !$0.isLetter }) where !layoutWordStrings.contains(String(w)) {
            words.append(w)
        }
        if words.isEmpty { return true }
        // Words between boxes join them only through "and"/"or" ("\\boxed{1} and \\boxed{2}"), never through
        // a comma alone ("\\boxed{40}. Wait, actually it is \\boxed{42}").
        return words.contains("and") || words.contains("or")
    }
}
