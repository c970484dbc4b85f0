import Foundation
import Testing
@testable import MathVerify

func fixtureURL(_ path: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures").appendingPathComponent(path)
}

struct EquivalenceCase: CustomStringConvertible, Sendable {
    var gold: String
    var answer: String
    var equivalent: Bool
    var description: String { "\(gold) vs \(answer)" }
}

func equivalenceTable() -> [EquivalenceCase] {
    guard let text = try? String(contentsOf: fixtureURL("grading/equivalence.tsv"), encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { line in
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 3 else { return nil }
        return EquivalenceCase(gold: f[0], answer: f[1], equivalent: f[2] == "eq")
    }
}

/// The table above is read when the tests are listed, where a missing file can only give zero cases: this test fails
/// instead when the file is missing, short, or has a line that is not `gold<TAB>answer<TAB>eq|ne`.
@Test func equivalenceTableIsPresentAndWellFormed() throws {
    let text = try String(contentsOf: fixtureURL("grading/equivalence.tsv"), encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.count >= 80)
    let malformed = lines.filter { line in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        return fields.count != 3 || !["eq", "ne"].contains(fields[2])
    }
    #expect(malformed.isEmpty, "malformed lines: \(malformed)")
    #expect(equivalenceTable().count == lines.count)
}

@Test(arguments: equivalenceTable())
func equivalenceTableHolds(c: EquivalenceCase) {
    let v = Grader().grade(gold: c.gold, answer: c.answer)
    #expect(v.isEquivalent == c.equivalent, "\(c): \(v)")
}

@Test func devSampleHasNoFalsePositives() throws {
    let data = try String(contentsOf: fixtureURL("grading/dev_sample.jsonl"), encoding: .utf8)
    var correct = 0, total = 0, falsePositives: [String] = []
    let grader = Grader()
    for line in data.split(separator: "\n") {
        let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let gold = row["gold"] as? String ?? "", answer = row["answer"] as? String ?? ""
        let expected = row["equivalent"] as? Bool ?? false
        let v = row["kind"] as? String == "response" ? grader.grade(gold: gold, response: answer) : grader.grade(gold: gold, answer: answer)
        total += 1
        if v.isEquivalent == expected { correct += 1 }
        if v.isEquivalent && !expected { falsePositives.append("\(gold) vs \(answer)") }
    }
    #expect(falsePositives.isEmpty, "\(falsePositives)")
    #expect(Double(correct) >= 0.95 * Double(total))
}

@Test(arguments: [
    ("so $x = \\boxed{3}$.", "3"),
    ("\\boxed{\\frac{1}{2}}", "\\frac{1}{2}"),
    ("the answer is \\boxed 5 indeed", "5"),
    ("\\boxed{1}, \\boxed{2}", "1 \\text{ and } 2"),
    ("\\boxed{1} no no no no no \\boxed{2}", "2"),
    ("Final Answer: The final answer is $28\\%$. I hope it is correct.", "$28\\%$"),
    ("Answer \\[ 9 \\]", " 9 "),
    ("the number is 1,000.99m²", "1,000.99"),
])
func extraction(response: String, expected: String) {
    #expect(AnswerExtractor.extract(from: response) == expected)
}

@Test func deepScaleRPolicy() {
    let options = ExtractionOptions(policy: .deepScaleR)
    #expect(AnswerExtractor.extract(from: "<think>\\boxed{1}</think> so \\boxed{2}", options: options) == "2")
    #expect(AnswerExtractor.extract(from: "no think \\boxed{2}", options: options) == nil)
    #expect(AnswerExtractor.extract(from: "<think>x</think> the answer is 2", options: options) == nil)
    #expect(AnswerExtractor.extract(from: "<think>x</think> \\fbox{2}", options: options) == nil)
}

@Test(arguments: [
    ("42", "integer"), ("\\frac{3}{4}", "rational"), ("0.25", "decimal"), ("2\\sqrt{3}", "closed form"),
    ("x^2+1", "expression"), ("[0,1)", "interval"), ("\\{1,2\\}", "set"), ("(1,2,3)", "tuple"),
    ("\\begin{pmatrix}1\\\\2\\end{pmatrix}", "matrix"), ("y=2x+3", "equation"), ("x \\le 5", "inequality"),
    ("(C)", "multiple choice"), ("\\text{Evelyn}", "text"),
])
func classification(answer: String, type: String) {
    #expect(AnswerClassifier.classify(answer) == .gradable(AnswerType(rawValue: type) ?? .text))
}

@Test func notGradable() {
    if case .gradable = AnswerClassifier.classify("") { Issue.record("empty answer gradable") }
    if case .gradable = AnswerClassifier.classify("1, 2, \\ldots, n") { Issue.record("open sequence gradable") }
}

/// An answer the input ends inside a group of (a response cut off mid-answer) never earns the reward, though its
/// tree reads the group as closed; a gold cut off before its last brace (4 Omni-MATH answers) is read as closed.
@Test func aGroupTheInputEndsInsideProvesNothingInTheAnswerButIsReadInTheGold() {
    for (gold, answer) in [("2", "\\sqrt{4"), ("\\frac{1}{2}", "\\frac{1}{2"), ("x^2", "x^{2"), ("\\sqrt[3]{8}", "\\sqrt[3]{8")] {
        #expect(Grader().grade(gold: gold, answer: answer) == .different("answer has syntax errors"), "\(answer)")
    }
    #expect(!Grader().grade(gold: "2", response: "so the answer is $\\sqrt{4").isEquivalent)
    #expect(Grader().grade(gold: "\\frac{11}{2^{20}", answer: "\\frac{11}{2^{20}}").isEquivalent)
    #expect(AnswerClassifier.classify("\\frac{11}{2^{20}") == .gradable(.rational))
    #expect(AnswerClassifier.classify("\\frac{2 k n}{n+k-1}-2 \\frac{k!n!}{(k+n-1)!") == .gradable(.expression))
    if case .gradable = AnswerClassifier.classify("(1,2") { Issue.record("an unclosed bracket is gradable") }
}

/// Deep or huge inputs must grade without trapping (Swift Testing runs these on secondary threads with small stacks).
@Test(arguments: [
    String(repeating: "-", count: 30_000) + "1", String(repeating: "(", count: 20_000), String(repeating: "\\{", count: 10_000),
    String(repeating: "\\boxed{", count: 10_000) + "1", "9^{9^{9^{9}}}", "10^{100000}!", "\\binom{10^{9}}{5\\cdot 10^{8}}",
    String(repeating: "x+", count: 20_000) + "1", String(repeating: "(1,", count: 5_000),
])
func gradesHostileInput(input: String) {
    let v = Grader().grade(gold: input, answer: input + "+1")
    #expect(!v.isEquivalent, "\(input.prefix(40))…: \(v)")  // X and X+1 are never equal, however deep X is
    #expect(!v.description.isEmpty)
    _ = AnswerClassifier.classify(input)
}

/// A boxed answer that names several choices, or denies one, is no choice: the letters in it or around it must not
/// earn the reward (found by exploratory testing: each of these was graded equivalent to `A`).
@Test(arguments: [
    "\\boxed{A, B, C, D}", "\\boxed{\\text{Not (A)}}", "\\boxed{\\text{either A or C}}", "A is right: \\boxed{(A) or (C)}",
    "\\boxed{(A)\\text{ and }(B)}",
])
func aBoxNamingNoSingleChoiceIsNotTheChoice(response: String) {
    let v = Grader().grade(gold: "A", response: response)
    #expect(!v.isEquivalent, "\(response): \(v)")
}

/// A boxed choice with its value after it still counts, and the box overrules letters elsewhere in the text.
@Test func aBoxedChoiceDecides() {
    #expect(Grader().grade(gold: "C", response: "B looks tempting, but \\boxed{\\textbf{(C) }12}").isEquivalent)
    #expect(!Grader().grade(gold: "B", response: "B looks tempting, but \\boxed{(C)}").isEquivalent)
    #expect(!Grader().grade(gold: "A", answer: "(A) or (B)").isEquivalent)
}

/// An empty (or blank) gold is a missing label: nothing is equivalent to it, an empty box least of all.
@Test(arguments: [("", "\\boxed{}"), (" ", "\\boxed{ }"), ("", "")])
func anEmptyGoldRewardsNothing(gold: String, response: String) {
    let v = Grader().grade(gold: gold, response: response)
    #expect(v == .undecided("gold answer is empty"), "\(v)")
    #expect(Grader().grade(gold: gold, answer: response) == .undecided("gold answer is empty"))
}
