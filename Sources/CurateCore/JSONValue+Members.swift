/// One member of a JSON object, located in the text it was read from rather than built.
public struct JSONMemberText: Sendable {
    /// The bytes of the key literal, quotes included.
    public let keyRange: Range<Int>
    /// The bytes of the value, without the white space around it.
    public let valueRange: Range<Int>
    /// True when the key has an escape, so its bytes are not its text.
    let keyHasEscape: Bool

    /// True when the key is `name` (compared byte by byte when the key has no escape).
    public func hasKey(_ name: String, in text: UnsafeRawBufferPointer) -> Bool {
        if keyHasEscape { return key(in: text) == name }
        let inner = UnsafeRawBufferPointer(rebasing: text[(keyRange.lowerBound + 1)..<(keyRange.upperBound - 1)])
        return name.utf8.elementsEqual(inner)
    }

    /// The key, decoded.
    public func key(in text: UnsafeRawBufferPointer) -> String {
        (try? JSONValue.parseValue(UnsafeRawBufferPointer(rebasing: text[keyRange]))).flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""
    }
}

extension JSONValue {
    /// The members of the object that fills `bytes`, validated as `parse` validates them but not built: a caller
    /// that needs a few members decodes just those (`parse` on their `valueRange`) and copies the rest as text.
    /// - Returns: the members in text order, or nil when the text is valid JSON but not an object.
    /// - Throws: ``JSONParseError`` as `parse` does.
    /// - Complexity: O(n), with no allocation per skipped value beyond its small number or key strings.
    public static func objectMembers(_ bytes: UnsafeRawBufferPointer) throws -> [JSONMemberText]? {
        var parser = JSONParser(bytes: bytes.bindMemory(to: UInt8.self))
        parser.skipSpace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") else {
            _ = try parseValue(bytes)  // a non-object: valid JSON, or the error that says why not
            return nil
        }
        let members = try parser.skimObject()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the value") }
        return members
    }

    /// The element ranges of the array that fills `bytes`, validated but not built.
    /// - Returns: nil when the text is valid JSON but not an array.
    public static func arrayElements(_ bytes: UnsafeRawBufferPointer) throws -> [Range<Int>]? {
        var parser = JSONParser(bytes: bytes.bindMemory(to: UInt8.self))
        parser.skipSpace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "[") else {
            _ = try parseValue(bytes)
            return nil
        }
        let elements = try parser.skimArray()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the value") }
        return elements
    }

    /// Parses the value that fills `bytes` (the non-generic form of `parse`).
    public static func parseValue(_ bytes: UnsafeRawBufferPointer) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes.bindMemory(to: UInt8.self))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the value") }
        return value
    }

    /// Appends valid JSON text compactly: the white space outside strings dropped, everything else as written.
    /// Runs without such white space (most values) are copied in one step.
    public static func writeCompact(_ text: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        var inString = false, escaped = false, runStart = 0
        for (i, b) in text.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                if i > runStart { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[runStart..<i])) }
                runStart = i + 1
            }
        }
        if text.count > runStart { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[runStart...])) }
    }
}

extension JSONParser {
    /// Validates the object at `index` and returns its members' ranges.
    mutating func skimObject() throws -> [JSONMemberText] {
        index += 1
        var members: [JSONMemberText] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return members }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
            let keyStart = index
            let keyHasEscape = try skipStringReportingEscapes()
            let keyRange = keyStart..<index
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            skipSpace()
            let valueStart = index
            try skipValue(depth: 1)
            members.append(JSONMemberText(keyRange: keyRange, valueRange: valueStart..<index, keyHasEscape: keyHasEscape))
            skipSpace()
            guard index < bytes.count else { throw error("the text ends inside an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return members }
            throw error("expected ',' or '}' in an object")
        }
    }

    /// Validates the array at `index` and returns its elements' ranges.
    mutating func skimArray() throws -> [Range<Int>] {
        index += 1
        var elements: [Range<Int>] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return elements }
        while true {
            skipSpace()
            let start = index
            try skipValue(depth: 1)
            elements.append(start..<index)
            skipSpace()
            guard index < bytes.count else { throw error("the text ends inside an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return elements }
            throw error("expected ',' or ']' in an array")
        }
    }

    /// Validates one value without building it (the same rules and errors as `value(depth:)`).
    mutating func skipValue(depth: Int) throws {
        guard depth < 512 else { throw error("nesting deeper than 512") }
        guard index < bytes.count else { throw error("the text ends where a value should start") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
                try skipString()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
                index += 1
                skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw error("the text ends inside an object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return }
                throw error("expected ',' or '}' in an object")
            }
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
            while true {
                skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw error("the text ends inside an array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                throw error("expected ',' or ']' in an array")
            }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    /// Validates a string without decoding it: its escapes (surrogate pairs matched) and its UTF-8.
    mutating func skipString() throws { _ = try skipStringReportingEscapes() }

    /// `skipString`, telling whether the string had an escape.
    mutating func skipStringReportingEscapes() throws -> Bool {
        index += 1
        var escaped = false
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; return escaped }
            if b < 0x20 { throw error("a control character inside a string") }
            if b == UInt8(ascii: "\\") {
                escaped = true
                try skipEscape()
            } else if b >= 0x80 {
                try skipUTF8Scalar()
            } else {
                index += 1
            }
        }
        throw error("the text ends inside a string")
    }

    /// Checks one escape at `index` (a backslash) and moves past it.
    private mutating func skipEscape() throws {
        guard index + 1 < bytes.count else { throw error("the text ends inside a string") }
        let e = bytes[index + 1]
        index += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            let scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("a lone high surrogate")
                }
                index += 2
                guard (0xDC00..<0xE000).contains(try hex4()) else { throw error("a high surrogate without its low half") }
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("a lone low surrogate")
            }
        default: throw error("an invalid escape '\\\(Character(Unicode.Scalar(e)))'")
        }
    }

    /// Checks one multi-byte UTF-8 sequence at `index` and moves past it.
    private mutating func skipUTF8Scalar() throws {
        guard let length = JSONParser.utf8ScalarLength(bytes, at: index) else { throw error("a string that is not UTF-8") }
        index += length
    }

    /// The length of the well-formed multi-byte UTF-8 sequence at `i` (RFC 3629: no overlong forms, no surrogates, at
    /// most U+10FFFF), or nil.
    static func utf8ScalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let length: Int, low: UInt8, high: UInt8  // the allowed range of the second byte
        switch bytes[i] {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return nil
        }
        guard i + length <= bytes.count, (low...high).contains(bytes[i + 1]) else { return nil }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// True when `bytes` is well-formed UTF-8.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 { i += 1; continue }
            guard let length = utf8ScalarLength(bytes, at: i) else { return false }
            i += length
        }
        return true
    }
}
