import CurateCore
import Testing

@Suite struct JSONValueTests {
    @Test func parsesEveryKindAndKeepsNumberLiterals() throws {
        let v = try JSONValue.parse(Array(#" {"a": [1, -2.50, 3e2, true, false, null], "b": {"c": "d"}, "e": ""} "#.utf8))
        #expect(v["a"] == .array([.number("1"), .number("-2.50"), .number("3e2"), .bool(true), .bool(false), .null]))
        #expect(v["b"]?["c"] == .string("d"))
        #expect(v["e"] == .string(""))
    }

    @Test(arguments: [
        (#""a\"b\\c\/d\n\t""#, "a\"b\\c/d\n\t"),
        (#""\u00e9\u4e2d""#, "é中"),
        (#""\ud83d\ude00""#, "😀"),
        (#""plain é text""#, "plain é text"),
    ])
    func decodesEscapes(json: String, text: String) throws {
        #expect(try JSONValue.parse(Array(json.utf8)) == .string(text))
    }

    @Test(arguments: [#"{"a": 1"#, #"{"a" 1}"#, #"[1,]"#, #""\ud800""#, "01x", #"{"a": tru}"#, "", #""abc"#, "[1] 2"])
    func rejectsMalformedText(json: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(json.utf8)) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(deep.utf8)) }
    }

    @Test func invalidUTF8InAStringIsAnError() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0x61, 0xFF, 0x22]) }
    }

    @Test func serialisationRoundTrips() throws {
        let text = #"{"b":[1,"x\"y\n",null],"a":{"k":true},"é":"\u0001"}"#
        let v = try JSONValue.parse(Array(text.utf8))
        #expect(try JSONValue.parse(Array(v.serialized().utf8)) == v)
        #expect(v.serialized(sortedKeys: true).hasPrefix(#"{"a":{"k":true},"b":"#))
        #expect(v.serialized().contains(#""\u0001""#))
    }
}

@Suite struct ParallelMapTests {
    @Test(arguments: [0, 1, 31, 1000, 4097])
    func keepsOrderAndEveryElement(count: Int) {
        let input = Array(0..<count)
        #expect(input.parallelMap(threads: 3, minimumPerThread: 1) { $0 * $0 } == input.map { $0 * $0 })
        #expect(input.parallelMap { String($0) } == input.map { String($0) })
    }
}
