import Foundation
import Testing
@testable import MathVerify

// Byte-level fast paths of the grader must give exactly what the Character-level paths give.

let choiceTexts: [String] = [
    "C", "(C)", "\\text{(C)}", "\\textbf{(C) }12", "$\\textbf{(B)}$", "(D) 7", "E.", "A)", "(A", "AB", "A1", "(A)1",
    "A_1", "B^2", "  C  ", "\\mathrm{D}", "\\qquad\\textbf{(E)}\\quad", "~(A)~", "\\textit{A}", "{(C)}\\ 12", "x = A",
    "F_n = 3", "W(x)=1", "\\text{Even}", "(C) \\frac{1}{2}", "C\t", "(c)",
]

@Test(arguments: choiceTexts)
func choiceLettersOnBytesMatchCharacters(text: String) {
    let general = ChoiceGrading.characterLetter(of: text)
    switch ChoiceGrading.asciiLetter(of: text) {
    case .decided(let found): #expect(general?.0 == found?.0 && general?.1 == found?.1, "\(text)")
    case .notApplicable: Issue.record("ASCII text \(text) not handled on bytes")
    }
}

@Test func choiceLettersOutsideASCIIUseCharacters() {
    if case .notApplicable = ChoiceGrading.asciiLetter(of: "(C)\u{00A0}") {} else { Issue.record("non-ASCII taken on bytes") }
    if case .notApplicable = ChoiceGrading.asciiLetter(of: "(C)\r\n") {} else { Issue.record("CR taken on bytes") }
    #expect(ChoiceGrading.letter(of: "(C)\u{00A0}")?.0 == "C")
}

@Test func byteSearchFindsTheCharacterRanges() {
    let cases: [(String, String)] = [
        ("the answer is 5. I hope it is correct", ". I hope"), ("x is 3 is 4", " is "), ("abc", "abcd"), ("aaab", "aab"),
        ("", "a"), ("no match here", "zz"), ("ends with is ", " is "),
    ]
    for (text, target) in cases {
        let sub = Substring(text)
        let expected = characterRange(of: target, in: sub)
        switch sub.asciiRange(of: target) {
        case .decided(let r): #expect(r == expected, "\(text) / \(target)")
        case .notApplicable: Issue.record("ASCII \(text) not searched on bytes")
        }
    }
    if case .notApplicable = Substring("x\r\ny").asciiRange(of: "y") {} else { Issue.record("CR searched on bytes") }
    #expect("é is 5".lastRange(of: " is ").map { String("é is 5"[$0.upperBound...]) } == "5")
}

/// The Character-by-Character search `range(of:)` does for other text.
func characterRange(of target: String, in s: Substring) -> Range<Substring.Index>? {
    let t = Array(target)
    var i = s.startIndex
    while i < s.endIndex {
        var j = i, k = 0
        while k < t.count, j < s.endIndex, s[j] == t[k] { j = s.index(after: j); k += 1 }
        if k == t.count { return i..<j }
        i = s.index(after: i)
    }
    return nil
}

@Test func answerPhrasesFoundAroundTheirW() {
    let texts = [
        "so the Final Answer: 7", "ANSWER IS 4", "answer: 3 and the answer is 9", "no phrase", "wwww answer",
        "The answer isn't", "aNsWeR", "answe", String(repeating: "w", count: 300) + "answer is 2",
    ]
    for text in texts {
        let bytes = Array(text.utf8)
        let lower = text.lowercased()
        #expect(AnswerExtractor.containsAnswerWord(bytes) == lower.contains("answer"), "\(text)")
        for phrase in AnswerExtractor.answerPhrases {
            let p = String(decoding: phrase, as: UTF8.self)
            let expected = lower.ranges(of: p).last.map { lower.utf8.distance(from: lower.startIndex, to: $0.lowerBound) }
            #expect(AnswerExtractor.lastMatchIgnoringCase(phrase, in: bytes) == expected, "\(text) / \(p)")
        }
    }
}

@Test func shortTextWithoutBoxOrWordsIsItsOwnAnswer() {
    // What the quick test lets through must be what the full preparation would return: no box, phrase or prose.
    for text in ["$\\frac{1}{2}$", "$x^2/4 + y^2/3 = 1$", "\\sqrt{2}+1", "$(1, 2)$", "$\\{a, b\\}$"] {
        #expect(AnswerExtractor.hasNoBoxPhraseOrProse(text), "\(text)")
        let bytes = Array(text.utf8)
        #expect(AnswerExtractor.allBoxes(bytes).isEmpty && AnswerExtractor.afterPhrase(bytes) == nil)
        #expect(!AnswerExtractor.isProseAroundMath(bytes))
    }
    for text in ["$\\boxed{5}$", "\\fbox{3}", "the answer 4", "$x$ is the value of $y$", "\\sqrt{2}+\\sqrt{3}"] {
        #expect(!AnswerExtractor.hasNoBoxPhraseOrProse(text), "\(text)")
    }
}

@Test func setsMatchOneToOneOrMergeDuplicates() {
    let g = Grader()
    #expect(g.grade(gold: "\\{1, 2\\}", answer: "\\{2, 1\\}").isEquivalent)
    #expect(g.grade(gold: "\\{1, 1, 2\\}", answer: "\\{2, 1\\}").isEquivalent)
    #expect(g.grade(gold: "\\{1, 2\\}", answer: "\\{1, 1.0, 2\\}").isEquivalent)
    #expect(!g.grade(gold: "\\{1, 2\\}", answer: "\\{1, 1\\}").isEquivalent)
    #expect(!g.grade(gold: "\\{1, 2, 3\\}", answer: "\\{1, 2\\}").isEquivalent)
    #expect(g.grade(gold: "x = 1 \\text{ or } x = \\frac{1}{2}", answer: "0.5, 1").isEquivalent)
}

@Test func equationsWithTheSameNameCompareRightSides() {
    let g = Grader()
    #expect(g.grade(gold: "y = 2x", answer: "y = x + x").isEquivalent)
    #expect(!g.grade(gold: "x = 2", answer: "x = 3").isEquivalent)
    #expect(g.grade(gold: "f(x) = (1, 2)", answer: "f(x) = (1, 2)").isEquivalent)
}

@Test func boxNamesStartWithTheBytesAllBoxesLooksFor() {
    // allBoxes tries the names only after `\b` or `\f`.
    #expect(AnswerExtractor.boxNames.allSatisfy { $0.count > 2 && $0[0] == 92 && ($0[1] == 98 || $0[1] == 102) })
    #expect(
        AnswerExtractor.allBoxes(Array("\\frac12 \\fbox{3} \\boxed 4 \\big \\boxed{\\frac{1}{2}}".utf8)).map(\.content)
            == ["3", "4", "\\frac{1}{2}"])
}

@Test func byteMatchFindsWhatANaiveSearchFinds() {
    func naive(_ n: [UInt8], _ h: [UInt8], _ from: Int) -> Int? {
        guard !n.isEmpty, from >= 0 else { return nil }
        var i = from
        while i + n.count <= h.count { if Array(h[i..<(i + n.count)]) == n { return i }; i += 1 }
        return nil
    }
    let hays = ["", "a", "aaab", "</think> x </think>", "abcabcabd", "\\boxed{1} \\boxed{2}"].map { Array($0.utf8) }
    let needles = ["a", "ab", "aab", "abd", "</think>", "\\boxed", "zz", ""].map { Array($0.utf8) }
    for h in hays {
        for n in needles {
            for from in -1...(h.count + 1) {
                #expect(ByteScan.firstMatch(of: n, in: h, from: from) == naive(n, h, from), "\(n) in \(h) from \(from)")
            }
        }
    }
}
