import Testing
@testable import MathVerify

@Test(arguments: [
    ("**73**", "73"), ("__73__", "73"), ("*x*", "x"), ("`73`", "73"), ("***73***", "73"), (" **73**. ", "73"),
    ("```latex\n\\frac{1}{2}\n```", "\\frac{1}{2}"), ("**$\\frac{1}{2}$**", "$\\frac{1}{2}$"),
])
func markdownAroundAnAnswerIsRemoved(text: String, answer: String) {
    #expect(AnswerExtractor.strippingMarkdown(text) == answer)
}

@Test(arguments: ["73", "2*3", "*", "**", "**73", "x_1", "\\frac{1}{2}"])
func textNotWrappedInMarkdownIsLeftAlone(text: String) {
    #expect(AnswerExtractor.strippingMarkdown(text) == nil)
}

@Test func markdownInAResponseIsRemoved() {
    let response = "We count the cases.\n\n**Final answer:** **73**"
    #expect(Grader().grade(gold: "73", response: response).isEquivalent)
    #expect(!Grader().grade(gold: "74", response: response).isEquivalent)
}
