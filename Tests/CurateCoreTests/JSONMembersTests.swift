import CurateCore
import Testing

/// Skimming an object's members: the same validation as a full parse, ranges instead of values.
@Suite struct JSONMembersTests {
    func members(_ text: String) throws -> [JSONMemberText]? {
        try Array(text.utf8).withUnsafeBytes { try JSONValue.objectMembers($0) }
    }

    @Test func membersAreLocatedInTextOrder() throws {
        let text = #" {"id" : 7, "gold": ["a", {"x": null}], "na\u006de": "é\n", "n": -1.5e3 } "#
        let found = try #require(try members(text))
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            #expect(found.map { $0.key(in: raw) } == ["id", "gold", "name", "n"])
            #expect(found[2].hasKey("name", in: raw) && found[1].hasKey("gold", in: raw) && !found[1].hasKey("gol", in: raw))
        }
        #expect(String(decoding: bytes[found[1].valueRange], as: UTF8.self) == #"["a", {"x": null}]"#)
        #expect(String(decoding: bytes[found[2].keyRange], as: UTF8.self) == #""na\u006de""#)
        var out: [UInt8] = []
        bytes.withUnsafeBytes { JSONValue.writeCompact(UnsafeRawBufferPointer(rebasing: $0[found[1].valueRange]), into: &out) }
        #expect(String(decoding: out, as: UTF8.self) == #"["a",{"x":null}]"#)
    }

    @Test func everyTextAFullParseRejectsIsRejected() throws {
        let bad = [
            #"{"a": 1"#, #"{"a" 1}"#, #"{"a": [1,]}"#, #"{"a": "\x"}"#, #"{"a": "\ud800"}"#, #"{"a": tru}"#, #"{"a": 1} x"#,
            "{\"a\": \"\u{1}\"}", String(repeating: "[", count: 600), #"{"a": 01x}"#,
        ]
        for text in bad {
            #expect(throws: JSONParseError.self, "\(text)") { try members(text) }
            #expect(throws: JSONParseError.self, "\(text)") { try JSONValue.parse(Array(text.utf8)) }
        }
        let invalidUTF8: [UInt8] = Array(#"{"a": ""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(throws: JSONParseError.self) { try invalidUTF8.withUnsafeBytes { try JSONValue.objectMembers($0) } }
    }

    @Test func nonObjectsAreNilAndArraysAreSkimmed() throws {
        #expect(try members("[1, 2]") == nil)
        #expect(try members("\"x\"") == nil)
        let elements = try Array(#"[1, {"a": [2]}, "s"]"#.utf8).withUnsafeBytes { try JSONValue.arrayElements($0) }
        #expect(elements == [1..<2, 4..<14, 16..<19])
    }
}

/// The skim's own string check agrees with the decoder on UTF-8 and escapes.
@Suite struct JSONSkimStringTests {
    @Test(
        arguments: [
            [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xE2, 0x82], [0x80], [0xFF], [0xF0, 0x9F, 0x98],
        ] as [[UInt8]])
    func utf8IsCheckedAsTheDecoderChecksIt(_ scalar: [UInt8]) throws {
        let text: [UInt8] = Array(#"{"a": "x"#.utf8) + scalar + Array(#"y", "b": 1}"#.utf8)
        let decoded = (try? JSONValue.parse(text)) != nil
        let skimmed = (try? text.withUnsafeBytes { try JSONValue.objectMembers($0) }) != nil
        #expect(decoded == skimmed, "\(scalar)")
    }

    @Test(arguments: [#"\n"#, #"\u00e9"#, #"\ud83d\ude00"#, #"\ud83d"#, #"\ude00"#, #"\ud83dx"#, #"\q"#, #"\u12"#, #"\/"#])
    func escapesAreCheckedAsTheDecoderChecksThem(_ escape: String) {
        let text = Array(#"{"k": [{"a": "x\#(escape)y"}]}"#.utf8)
        let decoded = (try? JSONValue.parse(text)) != nil
        let skimmed = (try? text.withUnsafeBytes { try JSONValue.objectMembers($0) }) != nil
        #expect(decoded == skimmed, "\(escape)")
    }
}

/// Strings with escapes between plain runs decode run by run.
@Suite struct JSONEscapedStringTests {
    @Test func runsAndEscapesInterleave() throws {
        let text = #"["ab\ncd\u00e9ef\"gh\\ij\ud83d\ude00k", "\\frac{1}{2}", "x\/y"]"#
        #expect(try JSONValue.parse(Array(text.utf8)) == .array([.string("ab\ncdéef\"gh\\ij😀k"), .string("\\frac{1}{2}"), .string("x/y")]))
    }
}
