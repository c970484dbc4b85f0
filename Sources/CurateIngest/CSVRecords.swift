import CurateCore

/// One record of a CSV file: its fields, the line it starts on, and its raw bytes.
struct CSVRecord {
    /// The fields, unquoted; nil when the bytes of the record are not UTF-8.
    var fields: [String]?
    /// 1-based line where the record starts.
    var line: Int
    /// 1-based line where the record ends (records may span lines inside quotes).
    var endLine: Int
    /// The raw text (lossily decoded) for rejects.
    var raw: String
    /// Set when the record is broken: a quote that never closes or text after a closing quote.
    var problem: String?
}

/// An RFC 4180 CSV reader over bytes: quoted fields with `""` escapes, CR/LF/CRLF line ends, multi-line fields.
///
/// Rules: a record ends at an unquoted line end; a field that starts with `"` runs to the matching `"`; a quote
/// that never closes breaks only its own first line: the reader reports it and resumes on the next line, so
/// the good rows after it are still read. Every loop advances at least one byte.
/// - Complexity: O(n) in the file size.
struct CSVRecords: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    /// Reads records from the bytes of a CSV file (a leading UTF-8 BOM is skipped).
    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func next() -> CSVRecord? {
        guard position < bytes.count else { return nil }
        let start = position
        let startLine = line
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var problem: String?
        var i = position
        var currentLine = line
        recordLoop: while true {
            if i >= bytes.count { fields.append(field); break }
            if bytes[i] == UInt8(ascii: "\"") && field.isEmpty {
                // A quoted field.
                var j = i + 1
                var closed = false
                while j < bytes.count {
                    let b = bytes[j]
                    if b == UInt8(ascii: "\"") {
                        if j + 1 < bytes.count && bytes[j + 1] == UInt8(ascii: "\"") { field.append(b); j += 2; continue }
                        closed = true
                        j += 1
                        break
                    }
                    if b == UInt8(ascii: "\n") { currentLine += 1 }
                    field.append(b)
                    j += 1
                }
                if !closed {
                    return brokenQuote(
                        start: start, startLine: startLine,
                        detail: "a quoted field opened on line \(startLine) never closes")
                }
                i = j
                // After a closing quote only a separator or a line end may follow.
                if i < bytes.count, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\r") {
                    if currentLine > startLine {
                        // The quote ran over line ends into later rows: it was never closed on its own line.
                        return brokenQuote(
                            start: start, startLine: startLine,
                            detail: "a quoted field opened on line \(startLine) does not close before the next row")
                    }
                    problem = problem ?? "text follows a closing quote on line \(currentLine)"
                }
                continue
            }
            let b = bytes[i]
            switch b {
            case UInt8(ascii: ","):
                fields.append(field); field = []; i += 1
            case UInt8(ascii: "\r"):
                fields.append(field)
                i += (i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n")) ? 2 : 1
                currentLine += 1
                break recordLoop
            case UInt8(ascii: "\n"):
                fields.append(field); i += 1; currentLine += 1
                break recordLoop
            default:
                field.append(b); i += 1
            }
        }
        position = i
        line = currentLine
        let raw = String(decoding: bytes[start..<i], as: UTF8.self)
        var decoded: [String]? = []
        for f in fields {
            guard let s = String(validating: f, as: UTF8.self) else { decoded = nil; break }
            decoded?.append(s)
        }
        let endLine = Swift.max(startLine, currentLine - 1)
        if decoded == nil { return CSVRecord(fields: nil, line: startLine, endLine: endLine, raw: raw, problem: problem) }
        return CSVRecord(fields: decoded, line: startLine, endLine: endLine, raw: raw, problem: problem)
    }
}

extension CSVRecords {
    /// Rejects the first line of a record whose quote does not close, and resumes on the next line.
    private mutating func brokenQuote(start: Int, startLine: Int, detail: String) -> CSVRecord {
        let lineEnd = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
        position = lineEnd
        line = startLine + 1
        let raw = String(decoding: bytes[start..<lineEnd], as: UTF8.self)
        return CSVRecord(fields: nil, line: startLine, endLine: startLine, raw: raw, problem: detail)
    }
}

extension CSVRecord {
    /// `line 12` or `lines 12-14`.
    var location: String { endLine > line ? "lines \(line)-\(endLine)" : "line \(line)" }

    /// True when the record is only an empty line.
    var isBlank: Bool { fields.map { $0.allSatisfy { $0.isEmpty } } ?? false }
}
