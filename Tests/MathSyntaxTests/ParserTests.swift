import Foundation
import Testing
@testable import MathSyntax

/// Parse cases: input and the expected display form.
let parseCases: [(String, String)] = [
    ("\\frac12", "2^{-1}"),
    ("7\\frac{3}{4}", "7 + 3 \\cdot 4^{-1}"),
    ("1,000", "1000"),
    ("1{,}000", "1000"),
    ("1\\,000", "1000"),
    ("1\\!000", "1000"),
    ("1 000", "1000"),
    ("3.2e5", "3.2e5"),
    ("0.\\overline{3}", "0.\\overline{3}"),
    ("\\sqrt3", "\\sqrt{3}"),
    ("\\sin^2 x", "\\sin(x)^{2}"),
    ("\\log_2 8", "\\log(8, 2)"),
    ("x+1+2", "3 + x"),
    ("-2 \\le x < 7", "-2 \\le x < 7"),
    ("1011_2", "1011_2"),
    ("28\\%", "28\\%"),
    ("90^\\circ", "90^\\circ"),
    ("\\{1,2\\}", "\\{1, 2\\}"),
    ("12\\text{ and }13", "12, 13"),
    ("5.4 \\text{ cents}", "5.4"),
    ("\\left( 3, \\frac{\\pi}{2} \\right)", "(3, \\pi \\cdot 2^{-1})"),
    ("\\boxed{42}", "42"),
    ("|x-2|", "\\abs(x - 2)"),
]

@Test(arguments: parseCases)
func parsesToExpectedForm(input: String, expected: String) {
    let r = Parser.parse(input)
    #expect(r.isSuccess)
    #expect(r.expr?.description == expected)
}

@Test func smartConstructorsNormalise() {
    let a = Parser.parse("x + y + 1").expr
    let b = Parser.parse("1 + (y + x)").expr
    #expect(a == b)
    #expect(Parser.parse("2 \\cdot 3 x").expr == Parser.parse("6x").expr)
}

/// A group or bracket the input ends inside is an error, not read as if it were closed: `\sqrt{4` (a response cut
/// off mid-answer) must not grade as 2.
@Test(arguments: ["\\sqrt{4", "\\frac{1}{2", "x^{2", "a_{1", "\\sqrt[3]{8", "\\boxed{5", "(1,2", "{1,2"])
func anUnclosedGroupIsAnError(input: String) {
    let r = Parser.parse(input)
    #expect(!r.isSuccess)
    #expect(r.diagnostics.contains { $0.severity == .error && $0.message.hasPrefix("unclosed") })
    #expect(r.isSuccessButForUnclosedGroups == !input.hasPrefix("("))
}

/// Hostile inputs must not trap and must finish.
let hostileInputs: [String] = [
    String(repeating: "(", count: 5000),
    String(repeating: "{", count: 5000) + String(repeating: "}", count: 5000),
    String(repeating: "\\frac{", count: 2000),
    String(repeating: "\\sqrt", count: 3000) + "2",
    String(repeating: "x^", count: 3000) + "2",
    "\\begin{pmatrix}" + String(repeating: "&", count: 1000),
    "\\unknowncommand{1}", "$$$$", "\\", "\\\\\\", "{", "}", ")", "|", "||||", "\\left(", "1..2", "\u{0}\u{1}",
    "9^{9^{9^{9^{9^{9}}}}}", String(repeating: "1", count: 100_000),
    String(repeating: "-", count: 30_000) + "1", String(repeating: "\\pm", count: 10_000) + "1",
    String(repeating: "2^-", count: 10_000) + "1", String(repeating: "|", count: 30_000) + "1",
    String(repeating: "\\frac-", count: 10_000) + "1", String(repeating: "\\text{", count: 10_000) + "1",
    String(repeating: "\\sqrt[", count: 10_000) + "1", String(repeating: "\\left(", count: 10_000) + "1",
]

@Test(arguments: hostileInputs)
func survivesHostileInput(input: String) {
    let r = Parser.parse(input)
    _ = r.expr?.description
    #expect(r.diagnostics.count < 100_000)
}

func fixtureURL(_ path: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures").appendingPathComponent(path)
}

@Test(arguments: ["answers/math500_answers.json", "answers/omni_math_sample.json"])
func everyFixtureAnswerParses(file: String) throws {
    let data = try Data(contentsOf: fixtureURL(file))
    let answers = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
    var failures: [String] = []
    // One Omni-MATH gold, `\frac{11}{2^{20}`, ends inside a group: read as closed, as gold answers are.
    for case let a as String in answers where !Parser.parse(a).isSuccessButForUnclosedGroups { failures.append(a) }
    #expect(failures.isEmpty, "failed: \(failures.prefix(5))")
}
