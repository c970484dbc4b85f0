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
        #expect(found.map(\.key) == ["id", "gold", "name", "n"])
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[found[1].valueRange], as: UTF8.self) == #"["a", {"x": null}]"#)
        #expect(String(decoding: bytes[found[2].keyRange], as: UTF8.self) == #""na\u006de""#)
        var out: [UInt8] = []
        bytes.withUnsafeBytes { JSONValue.writeCompact(UnsafeRawBufferPointer(rebasing: $0[found[1].valueRange]), into: &out) }
        #expect(String(decoding: out, as: UTF8.self) == #"["a",{"x":null}]"#)
    }

    @Test func everyTextAFullParseRejectsIsRejected() throws {
        let bad = [#"{"a": 1"#, #"{"a" 1}"#, #"{"a": [1,]}"#, #"{"a": "\x"}"#, #"{"a": "\ud800"}"#, #"{"a": tru}"#, #"{"a": 1} x"#,
                   "{\"a\": \"\u{1}\"}", String(repeating: "[", count: 600), #"{"a": 01x}"#]
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
