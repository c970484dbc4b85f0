import Foundation
import MathSyntax
import Testing
@testable import MathVerify

/// One row of `fixtures/grading/units.jsonl`: a real answer with a unit against an equal or a different quantity.
struct UnitCase: CustomStringConvertible, Sendable {
    var gold: String
    var answer: String
    var equivalent: Bool
    var dimension: String
    var description: String { "[\(dimension)] \(gold) vs \(answer)" }
}

func unitTable() -> [UnitCase] {
    guard let text = try? String(contentsOf: fixtureURL("grading/units.jsonl"), encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { line in
        guard let row = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let gold = row["gold"] as? String, let answer = row["answer"] as? String,
            let equivalent = row["equivalent"] as? Bool
        else { return nil }
        return UnitCase(gold: gold, answer: answer, equivalent: equivalent, dimension: row["dimension"] as? String ?? "?")
    }
}

@Test(arguments: unitTable())
func unitTableHolds(c: UnitCase) {
    let v = Grader().grade(gold: c.gold, answer: c.answer)
    #expect(v.isEquivalent == c.equivalent, "\(c): \(v)")
}

@Test func unitTableIsLargeBalancedAndHasNoFalsePositive() {
    let table = unitTable()
    #expect(table.count >= 60)
    #expect(table.filter(\.equivalent).count * 2 == table.count)
    #expect(Set(table.map(\.dimension)).isSuperset(of: ["length", "mass", "time", "angle", "area", "volume", "currency", "percent"]))
    let grader = Grader()
    let falsePositives = table.filter { !$0.equivalent && grader.grade(gold: $0.gold, answer: $0.answer).isEquivalent }
    #expect(falsePositives.isEmpty, "\(falsePositives)")
}

@Test(arguments: [
    // A bare number against a unit, and words that are not units, keep the values' verdict.
    ("5 \\text{ cm}", "5", true), ("5", "5 \\text{ cm}", true), ("5 \\text{ apples}", "5", true),
    ("5 \\text{ apples}", "6", false), ("5 \\text{ apples}", "5 \\text{ cm}", false),
    ("21\\text{ units}", "21 \\text{ cm}", true), ("20\\text{ square units}", "20", true),
    // The examples.
    ("5 \\text{ cm}", "5 \\text{ m}", false), ("3 \\text{ weeks}", "3 \\text{ days}", false),
    ("7 \\text{ hours}", "7 \\text{ minutes}", false), ("6 \\text{ km}", "6000 \\text{ m}", true),
    ("12 \\text{ inches}", "1 \\text{ foot}", true),
    // Angles: degrees against radians and against a bare number in either.
    ("30^\\circ", "\\frac{\\pi}{6} \\text{ radians}", true), ("30 \\text{ degrees}", "30", true),
    ("30^\\circ", "30 \\text{ radians}", false),
    // Calendar against clock units do not convert exactly; several units on one side are not read as one.
    ("1 \\text{ year}", "365 \\text{ days}", false), ("1 \\text{ year}", "12 \\text{ months}", true),
    ("2 \\text{ hours } 30 \\text{ minutes}", "60", false),
])
func unitRules(gold: String, answer: String, equivalent: Bool) {
    let v = Grader().grade(gold: gold, answer: answer)
    #expect(v.isEquivalent == equivalent, "\(gold) vs \(answer): \(v)")
}

@Test func unitPhrasesRead() {
    func reading(_ text: String, exponent: Int = 1) -> UnitReading { UnitReading([UnitMark(text: text, exponent: exponent)]) }
    let inch = UnitVocabulary.unit(named: "inch")!
    #expect(reading(" square inches") == .known(inch.power(2)!))
    #expect(reading(" inches", exponent: 2) == .known(inch.power(2)!))
    #expect(reading("cm^2") == reading("cm", exponent: 2))
    #expect(reading(" miles per hour") == .known(UnitVocabulary.unit(named: "mph")!))
    #expect(reading(" km/h") == .known(UnitVocabulary.unit(named: "kmh")!))
    #expect(reading(" square units") == .generic)
    #expect(reading(" apples") == .unknown)
    #expect(reading(" cm long") == .known(UnitVocabulary.unit(named: "cm")!))
    #expect(UnitVocabulary.unit(named: "M") == nil)
    #expect(UnitVocabulary.unit(named: "Feet") == UnitVocabulary.unit(named: "ft"))
}

@Test func parserKeepsTheUnitsItStrips() {
    let r = Parser.parse("300 \\mathrm{~km} / \\mathrm{s}^{-1}")
    #expect(r.expr?.description == "300")
    #expect(r.units.map(\.text) == ["km", "s"])
    #expect(r.units.map(\.divides) == [false, true])
    #expect(r.units.map(\.exponent) == [1, -1])
    let adjacent = Parser.parse("15000 \\text{ kcal m}^{-2} \\text{yr}^{-1}").units
    #expect(adjacent.map(\.joinsPrevious) == [false, true])
    // A one-letter unit in braces only after a number or a unit.
    #expect(Parser.parse("a{s}").units.isEmpty)
    #expect(Parser.parse("2\\mathrm{m}").units.map(\.text) == ["m"])
}
