/// A decoder for the Apache Thrift *compact* protocol, enough to read Parquet footers and page headers.
///
/// The reader walks a struct field by field (`nextField()` gives the id and type, or nil at the stop byte); the
/// caller reads the fields it knows and `skip`s the rest, so footers written by newer writers (extra fields,
/// statistics, encryption metadata) still read. Every read is bounds-checked: truncated or hostile bytes give
/// `ExportError(.malformed)`, never a crash.
///
/// Example:
/// ```swift
/// var r = ThriftCompactReader([0x15, 0x04, 0x00], location: "footer")
/// while let field = try r.nextField() { if field.id == 1 { print(try r.readI32()) } else { try r.skip(field.type) } }
/// ```
struct ThriftCompactReader {
    typealias TType = ThriftCompactWriter.TType

    private let bytes: [UInt8]
    /// The read position.
    private(set) var position: Int
    private let location: String
    private var lastFieldIDs: [Int16] = [0]
    private var pendingBool: Bool?

    /// Reads `bytes` from `start`; `location` names the file (and part) in errors.
    init(_ bytes: [UInt8], start: Int = 0, location: String) {
        self.bytes = bytes
        self.position = start
        self.location = location
    }

    private func malformed(_ what: String) -> ExportError {
        ExportError(.malformed, "bad Thrift metadata: \(what) at byte \(position)", file: location)
    }

    mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw malformed("unexpected end") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw malformed("varint longer than 10 bytes") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readZigZag() throws -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    mutating func readI32() throws -> Int32 {
        let v = try readZigZag()
        guard let narrow = Int32(exactly: v) else { throw malformed("i32 out of range") }
        return narrow
    }

    mutating func readI64() throws -> Int64 { try readZigZag() }

    /// A boolean field's value (carried in its header) or a boolean list element.
    mutating func readBool() throws -> Bool {
        if let value = pendingBool {
            pendingBool = nil
            return value
        }
        return try readByte() == 1
    }

    mutating func readBinary() throws -> [UInt8] {
        let count = try readVarint()
        guard count <= UInt64(bytes.count - position) else { throw malformed("binary longer than the data") }
        let start = position
        position += Int(count)
        return Array(bytes[start..<position])
    }

    mutating func readString() throws -> String { String(decoding: try readBinary(), as: UTF8.self) }

    /// Enters a struct (top level, or after a struct field's header).
    mutating func beginStruct() {
        lastFieldIDs.append(0)
    }

    /// The next field's id and type, or nil at the struct's stop byte (which also leaves the struct).
    mutating func nextField() throws -> (id: Int16, type: TType)? {
        let header = try readByte()
        if header == 0 {
            if lastFieldIDs.count > 1 { lastFieldIDs.removeLast() }
            return nil
        }
        guard let type = TType(rawValue: header & 0x0F) else { throw malformed("unknown field type \(header & 0x0F)") }
        let delta = Int16(header >> 4)
        let id: Int16
        if delta != 0 {
            id = lastFieldIDs[lastFieldIDs.count - 1] &+ delta
        } else {
            guard let wide = Int16(exactly: try readZigZag()) else { throw malformed("field id out of range") }
            id = wide
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
        switch type {
        case .boolTrue: pendingBool = true
        case .boolFalse: pendingBool = false
        default: pendingBool = nil
        }
        return (id, type)
    }

    /// A list header: element type and count.
    mutating func readListHeader() throws -> (type: TType, count: Int) {
        let header = try readByte()
        guard let type = TType(rawValue: header & 0x0F) else { throw malformed("unknown list element type") }
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint() }
        // Every element takes at least one byte, except booleans packed in their headers (which take one each too).
        guard count <= UInt64(bytes.count - position) else { throw malformed("list longer than the data") }
        return (type, Int(count))
    }

    /// Skips a value of `type` (a whole struct, list, set or map included).
    mutating func skip(_ type: TType, depth: Int = 0) throws {
        guard depth < 64 else { throw malformed("nesting deeper than 64") }
        switch type {
        case .boolTrue, .boolFalse: pendingBool = nil
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard bytes.count - position >= 8 else { throw malformed("unexpected end") }
            position += 8
        case .binary: _ = try readBinary()
        case .list, .set:
            let (element, count) = try readListHeader()
            for _ in 0..<count {
                if element == .boolTrue || element == .boolFalse { _ = try readByte() } else { try skip(element, depth: depth + 1) }
            }
        case .map:
            let count = try readVarint()
            guard count > 0 else { return }
            guard count <= UInt64(bytes.count - position) else { throw malformed("map longer than the data") }
            let kinds = try readByte()
            guard let key = TType(rawValue: kinds >> 4), let value = TType(rawValue: kinds & 0x0F) else {
                throw malformed("unknown map types")
            }
            for _ in 0..<count {
                try skip(key, depth: depth + 1)
                try skip(value, depth: depth + 1)
            }
        case .structure:
            beginStruct()
            while let field = try nextField() { try skip(field.type, depth: depth + 1) }
        }
    }
}
