import Foundation
import Testing
@testable import CurateExport

@Suite struct EncodingTests {
    @Test func rleRunForRepeats() {
        #expect(RLEHybridEncoder.encode([1, 1, 1, 1, 1, 1, 1, 1], bitWidth: 1) == [0x10, 0x01])
        #expect(RLEHybridEncoder.encode(Array(repeating: 4, count: 100), bitWidth: 3) == [0xC8, 0x01, 0x04])
    }

    @Test func bitPackedForMixedValues() {
        // Parquet spec example: 0..7 at width 3 is one group: header 0x03, bytes 0x88 0xC6 0xFA.
        #expect(RLEHybridEncoder.encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
        // A short tail is zero-padded to a whole group.
        #expect(RLEHybridEncoder.encode([1, 0, 1], bitWidth: 1) == [0x03, 0x05])
    }

    @Test func mixedRunsDecodeBack() {
        var values: [UInt8] = []
        for i in 0..<500 { values.append(contentsOf: i % 17 == 0 ? Array(repeating: 3, count: 20) : [UInt8(i % 4)]) }
        let encoded = RLEHybridEncoder.encode(values, bitWidth: 2)
        #expect(Self.decode(encoded, bitWidth: 2, count: values.count) == values)
        #expect(encoded.count < values.count)
    }

    @Test func bitWidths() {
        #expect(RLEHybridEncoder.bitWidth(forMaxLevel: 0) == 0)
        #expect(RLEHybridEncoder.bitWidth(forMaxLevel: 1) == 1)
        #expect(RLEHybridEncoder.bitWidth(forMaxLevel: 2) == 2)
        #expect(RLEHybridEncoder.bitWidth(forMaxLevel: 4) == 3)
    }

    @Test func thriftFieldHeadersAndVarints() {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.writeI32(field: 1, 2)
        w.writeI64(field: 20, -1)
        w.endStruct()
        #expect(w.bytes == [0x15, 0x04, 0x06, 0x28, 0x01, 0x00])
    }

    @Test func thriftListAndLongDeltaHeaders() {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.beginListField(2, elementType: .binary, count: 2)
        w.elementString("a")
        w.elementString("bc")
        w.writeBool(field: 3, true)
        w.writeI64(field: 4, 300)
        w.endStruct()
        #expect(w.bytes == [0x29, 0x28, 0x01, 0x61, 0x02, 0x62, 0x63, 0x11, 0x16, 0xD8, 0x04, 0x00])
    }

    @Test func jsonEscapingMatchesPythonRules() {
        var out: [UInt8] = []
        JSONText.appendString("a\"b\\c\n\u{1}é", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""a\"b\\c\n\u0001é""#)
    }

    /// Reference decoder for the hybrid encoding, used only to check the encoder.
    static func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while out.count < count && i < bytes.count {
            var header = 0
            var shift = 0
            while true {
                let b = bytes[i]; i += 1
                header |= Int(b & 0x7F) << shift
                shift += 7
                if b < 0x80 { break }
            }
            if header & 1 == 0 {
                let value = bytes[i]; i += (bitWidth + 7) / 8
                out.append(contentsOf: repeatElement(value, count: header >> 1))
            } else {
                let n = (header >> 1) * 8
                var acc = 0, bits = 0
                for _ in 0..<n {
                    while bits < bitWidth { acc |= Int(bytes[i]) << bits; i += 1; bits += 8 }
                    out.append(UInt8(acc & ((1 << bitWidth) - 1)))
                    acc >>= bitWidth; bits -= bitWidth
                }
            }
        }
        return Array(out.prefix(count))
    }
}
