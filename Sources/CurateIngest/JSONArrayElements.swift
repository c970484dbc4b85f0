/// Splits the bytes of a top-level JSON array into its elements without parsing them, so each element is parsed,
/// accepted or rejected on its own: a truncated file still yields every complete element before the cut.
///
/// Rules: skip white space; expect `[`; an element runs until a `,` or `]` at depth 0 outside strings (`\` escapes
/// honoured). Every step advances one byte.
/// - Complexity: O(n) in the file size.
struct JSONArrayElements: Sequence, IteratorProtocol {
    /// One element: its byte range, its index, and the line it starts on.
    struct Element {
        var range: Range<Int>
        var index: Int
        var line: Int
        var endLine: Int
        /// Set when the file ends inside the element.
        var truncated: Bool
    }

    private let bytes: [UInt8]
    private var position: Int
    private var line = 1
    private var index = 0
    private var finished = false

    /// Nil when the bytes do not start (after white space) with `[`.
    init?(bytes: [UInt8]) {
        self.bytes = bytes
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while i < bytes.count, Self.isSpace(bytes[i]) { if bytes[i] == 10 { line += 1 }; i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        self.position = i + 1
        self.line = line
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    mutating func next() -> Element? {
        guard !finished else { return nil }
        var i = position
        while i < bytes.count, Self.isSpace(bytes[i]) || bytes[i] == UInt8(ascii: ",") { if bytes[i] == 10 { line += 1 }; i += 1 }
        guard i < bytes.count else {
            finished = true
            return nil
        }
        if bytes[i] == UInt8(ascii: "]") { finished = true; return nil }
        let start = i
        let startLine = line
        var depth = 0
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false }
                if b == 10 { line += 1 }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    // The closing bracket of the array itself.
                    position = i
                    defer { index += 1 }
                    return Element(range: start..<trimmedEnd(start, i), index: index, line: startLine, endLine: line, truncated: false)
                }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 {
                    position = i + 1
                    defer { index += 1 }
                    return Element(range: start..<trimmedEnd(start, i), index: index, line: startLine, endLine: line, truncated: false)
                }
            case 10: line += 1
            default: break
            }
            i += 1
        }
        finished = true
        defer { index += 1 }
        return Element(range: start..<Swift.min(i, bytes.count), index: index, line: startLine, endLine: line, truncated: true)
    }

    private func trimmedEnd(_ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start, Self.isSpace(bytes[e - 1]) { e -= 1 }
        return e
    }
}
