/// A minimal encoder for the Apache Thrift *compact* protocol, enough to write Parquet metadata.
///
/// Rules implemented (from the Thrift compact protocol specification):
/// - integers are zigzag-encoded ULEB128 varints (i16, i32, i64 alike);
/// - a field header is one byte `(delta << 4) | type` when the id grows by 1...15 since the last field
///   of the same struct, else the type byte followed by the zigzag varint id;
/// - booleans in fields carry their value in the type nibble (1 = true, 2 = false);
/// - a list header is `(size << 4) | elementType` for size < 15, else `0xF0 | elementType` + varint size;
/// - binary/string is a varint length followed by the bytes; a struct ends with a stop byte `0x00`.
///
/// Example:
/// ```swift
/// var w = ThriftCompactWriter()
/// w.beginStruct()
/// w.writeI32(field: 1, 2)
/// w.endStruct()
/// // w.bytes == [0x15, 0x04, 0x00]
/// ```
public struct ThriftCompactWriter: Sendable {
    /// Compact-protocol type codes for field headers and list element types.
    public enum TType: UInt8, Sendable {
        case boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6
        case double = 7, binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    /// The encoded bytes so far.
    public private(set) var bytes: [UInt8] = []
    /// Last field id per open struct (the innermost last).
    private var lastFieldIDs: [Int16] = [0]

    /// Creates an empty writer.
    public init() {}

    // MARK: Primitive encodings

    /// Appends an unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends a zigzag-encoded signed varint.
    public mutating func writeZigZag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    private mutating func writeFieldHeader(_ id: Int16, _ type: UInt8) {
        let last = lastFieldIDs[lastFieldIDs.count - 1]
        let delta = Int(id) - Int(last)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta << 4) | type)
        } else {
            bytes.append(type)
            writeZigZag(Int64(id))
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
    }

    // MARK: Structs

    /// Opens a struct (top-level or after `beginStructField`): field ids restart from 0.
    public mutating func beginStruct() {
        lastFieldIDs.append(0)
    }

    /// Closes the innermost struct with the stop byte.
    public mutating func endStruct() {
        bytes.append(0)
        if lastFieldIDs.count > 1 { lastFieldIDs.removeLast() }
    }

    /// Writes the header of a struct-valued field and opens the struct; close it with `endStruct()`.
    public mutating func beginStructField(_ id: Int16) {
        writeFieldHeader(id, TType.structure.rawValue)
        beginStruct()
    }

    // MARK: Fields

    /// Writes a boolean field (value in the header's type nibble).
    public mutating func writeBool(field id: Int16, _ value: Bool) {
        writeFieldHeader(id, value ? TType.boolTrue.rawValue : TType.boolFalse.rawValue)
    }

    /// Writes an i16 field.
    public mutating func writeI16(field id: Int16, _ value: Int16) {
        writeFieldHeader(id, TType.i16.rawValue)
        writeZigZag(Int64(value))
    }

    /// Writes an i32 field (also used for Thrift enums).
    public mutating func writeI32(field id: Int16, _ value: Int32) {
        writeFieldHeader(id, TType.i32.rawValue)
        writeZigZag(Int64(value))
    }

    /// Writes an i64 field.
    public mutating func writeI64(field id: Int16, _ value: Int64) {
        writeFieldHeader(id, TType.i64.rawValue)
        writeZigZag(value)
    }

    /// Writes a binary field.
    public mutating func writeBinary(field id: Int16, _ value: [UInt8]) {
        writeFieldHeader(id, TType.binary.rawValue)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes a string field as UTF-8 binary.
    public mutating func writeString(field id: Int16, _ value: String) {
        writeBinary(field: id, Array(value.utf8))
    }

    /// Writes a list field header; the caller then writes `count` elements with the `element…` methods.
    public mutating func beginListField(_ id: Int16, elementType: TType, count: Int) {
        writeFieldHeader(id, TType.list.rawValue)
        if count < 15 {
            bytes.append(UInt8(count << 4) | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    // MARK: List elements

    /// Writes an i32 list element.
    public mutating func elementI32(_ value: Int32) {
        writeZigZag(Int64(value))
    }

    /// Writes a string list element.
    public mutating func elementString(_ value: String) {
        let utf8 = Array(value.utf8)
        writeVarint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}
