import Foundation
import Testing
@testable import MathSyntax

// Fast paths of the lexer and parser must give exactly what the general paths give.

/// Pairs that lex to the same tokens, and pairs that do not.
let sameTokenPairs: [(String, String)] = [
    ("$\\dfrac{1}{2}$", "\\frac{1}{2}"), ("x^2 + 1", "x^2+1"), ("\\left( 3, 4 \\right)", "(3,4)"),
    ("1\\,000 + x", "1000+x"), ("\\tfrac83", "\\frac83"),
]
let differentTokenPairs: [(String, String)] = [
    ("10/9", "\\frac{10}{9}"), ("x+1", "1+x"), ("0.5", "\\frac12"), ("(1,2)", "[1,2]"), ("5", "5.0"),
    ("x^2 + 1", "x^{2}+1"), ("1000", "1\\,000"),  // a plain integer on either side is parsed on its own
]

@Test(arguments: sameTokenPairs)
func sameTokensShareOneParse(first: String, second: String) {
    let (a, b, same) = Parser.parsePair(first, second)
    #expect(same)
    #expect(a.expr == Parser.parse(first).expr)
    #expect(b.expr == Parser.parse(second).expr)
}

@Test(arguments: differentTokenPairs)
func differentTokensParseEachSide(first: String, second: String) {
    let (a, b, same) = Parser.parsePair(first, second)
    #expect(!same)
    #expect(a.expr == Parser.parse(first).expr && a.diagnostics == Parser.parse(first).diagnostics)
    #expect(b.expr == Parser.parse(second).expr && b.diagnostics == Parser.parse(second).diagnostics)
}

@Test func commonCommandsLexAsTheGeneralPathDoes() {
    for (name, token) in Lexer.commonCommands {
        let text = String(decoding: name, as: UTF8.self)
        let general: Token
        switch Lexer.commandKinds[text] {
        case nil: general = .command(text)
        case .alias(let t)?: general = t
        default:
            Issue.record("\(text) is handled specially by the general path")
            continue
        }
        #expect(token == general, "\\\(text)")
        #expect(Lexer.lex("\\" + text + "{x}").tokens.first == general)
    }
    // A longer name with a common prefix is not taken for the common one.
    #expect(Lexer.lex("\\fracx").tokens == [.command("fracx")])
}

@Test func oneLetterWordsAreTheLetters() {
    for code in UInt8(65)...UInt8(122) where ByteClass.isASCIILetter(code) {
        let letter = String(UnicodeScalar(code))
        #expect(Lexer.lex(letter).tokens == [.word(letter)])
    }
}

@Test func numeralsKeepTheirDigitsAndValues() {
    #expect(Numeral(integerDigits: "007").integerDigits == "7")
    #expect(Numeral(integerDigits: "0").plainIntegerValue == 0)
    #expect(Numeral(integerDigits: "").integerDigits == "0")
    #expect(Numeral(integerDigits: "999999999999999999").plainIntegerValue == 999_999_999_999_999_999)
    #expect(Numeral(integerDigits: "1000000000000000000").plainIntegerValue == nil)  // 19 digits
    #expect(Numeral(integerDigits: "1000000000000000").smallIntegerValue == nil)  // 10^15
    #expect(Numeral(integerDigits: "1011", base: 2).plainIntegerValue == nil)
    let half = Numeral(integerDigits: "0", fractionDigits: "50")
    #expect(half.fractionDigits == "5" && !half.isInteger && half.plainIntegerValue == nil)
    #expect(Numeral(integerDigits: "0", fractionDigits: "1", repeatingDigits: "00") == Numeral(integerDigits: "0", fractionDigits: "1"))
    #expect(Numeral(integerDigits: "3", exponent10: 5) != Numeral(integerDigits: "3"))
    #expect(Set([Numeral(integerDigits: "12"), Numeral(integerDigits: "012"), Numeral(integerDigits: "12", fractionDigits: "0")]).count == 1)
    #expect(Expr.number(Numeral(integerDigits: "5")) == Expr.integer(5))
    #expect(Expr.integer(-7) == Expr.negate(Expr.number(Numeral(integerDigits: "7"))))
}

@Test func operandSortIsTheStableSort() {
    let pool = ["x", "2", "\\pi", "y^2", "\\sin(x)", "x y", "a + b", "-z", "3!", "e", "\\sqrt{2}", "10", "x"]
        .compactMap { Parser.parse($0).expr }
    var state: UInt64 = 7
    for _ in 0..<200 {
        var xs: [Expr] = []
        for _ in 0..<(Int(state % 9) + 2) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            xs.append(pool[Int(state >> 33) % pool.count])
        }
        var fast = xs
        Expr.sortOperands(&fast)
        #expect(fast == xs.sorted(by: Expr.precedes))
    }
}

/// Parses with and without the parser's shortcuts; both must give the same tree, diagnostics and unit flag.
func expectShortcutsChangeNothing(_ input: String, maxDepth: Int = 64, decimalComma: Bool = false) {
    var general = ParseOptions(maxDepth: maxDepth, decimalComma: decimalComma)
    general.shortcuts = false
    let fast = Parser.parse(input, options: ParseOptions(maxDepth: maxDepth, decimalComma: decimalComma))
    let slow = Parser.parse(input, options: general)
    #expect(fast.expr == slow.expr, "\(input) (maxDepth \(maxDepth))")
    #expect(fast.diagnostics == slow.diagnostics, "\(input) (maxDepth \(maxDepth))")
    #expect(fast.strippedUnit == slow.strippedUnit, "\(input)")
}

@Test(arguments: ["answers/math500_answers.json", "answers/omni_math_sample.json"])
func shortcutsParseFixtureAnswersAsTheGeneralPath(file: String) throws {
    let data = try Data(contentsOf: fixtureURL(file))
    let answers = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
    for case let a as String in answers {
        expectShortcutsChangeNothing(a)
        expectShortcutsChangeNothing(a, decimalComma: true)
    }
}

@Test func loneOperandsKeepTheDepthCapAndEveryReading() {
    let inputs = [
        "{3}", "{{x}}", "(1,2)", "[a;b]", "\\frac{\\sqrt{3}}{2}", "x^{e}", "f(i)", "1,5", "1,22", "(x", "{7",
        "\\{1, 2\\}", "|x|", "3\\frac{1}{2}", "{5}\\%", "(0.5, 1)", "x_{1}", "\\sqrt[3]{2}",
    ]
    for input in inputs {
        for depth in 0...12 { expectShortcutsChangeNothing(input, maxDepth: depth) }
        expectShortcutsChangeNothing(input, decimalComma: true)
    }
}
