/// Byte and whitespace helpers shared by MathSyntax and MathVerify (`package` access): one home, one definition of
/// an ASCII letter and of the whitespace an answer is trimmed of. Inlinable: the grader calls them on every pair.
package enum ByteClass {
    /// `a`…`z` or `A`…`Z`.
    @inlinable @inline(__always)
    package static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
}

extension String {
    /// `trimmedSpaces` by bytes when only ASCII whitespace (tab…CR, space) is trimmed and printable ASCII remains at
    /// both ends (each such byte is then a Character of its own); nil otherwise.
    @usableFromInline
    var asciiTrimmed: String? {
        let u = utf8
        func isSpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
        var start = u.startIndex, end = u.endIndex
        while start < end, isSpace(u[start]) { start = u.index(after: start) }
        while end > start, isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
        if start == end { return "" }
        let f = u[start], l = u[u.index(before: end)]
        guard f > 32, f < 127, l > 32, l < 127 else { return nil }
        return String(Substring(u[start..<end]))
    }

    /// Without leading and trailing whitespace (every Unicode whitespace character).
    @inlinable
    package var trimmedSpaces: String {
        // Fast path: printable ASCII at both ends starts and ends a non-whitespace Character, so nothing is trimmed.
        var copy = self
        let printableEnds = copy.withUTF8 { b in !b.isEmpty && b[0] > 32 && b[0] < 127 && b[b.count - 1] > 32 && b[b.count - 1] < 127 }
        if printableEnds { return self }
        if let trimmed = asciiTrimmed { return trimmed }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
