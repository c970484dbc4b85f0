/// One member of a JSON object, located in the text it was read from rather than built.
public struct JSONMemberText: Sendable {
    /// The key, decoded.
    public let key: String
    /// The bytes of the key literal, quotes included.
    public let keyRange: Range<Int>
    /// The bytes of the value, without the white space around it.
    public let valueRange: Range<Int>
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
    public static func writeCompact(_ text: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        var inString = false, escaped = false
        for b in text {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                out.append(b)
            } else if b == UInt8(ascii: "\"") {
                inString = true
                out.append(b)
            } else if b != 0x20, b != 0x0A, b != 0x0D, b != 0x09 {
                out.append(b)
            }
        }
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
            let key = try string()
            let keyRange = keyStart..<index
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            skipSpace()
            let valueStart = index
            try skipValue(depth: 1)
            members.append(JSONMemberText(key: key, keyRange: keyRange, valueRange: valueStart..<index))
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

    /// Validates a string: plain ASCII runs are only scanned; one with an escape or a non-ASCII byte is decoded
    /// (which checks its escapes and its UTF-8).
    mutating func skipString() throws {
        let start = index
        index += 1
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; return }
            if b == UInt8(ascii: "\\") || b >= 0x80 { break }
            if b < 0x20 { throw error("a control character inside a string") }
            index += 1
        }
        index = start
        _ = try string()
    }
}
