import ArgumentParser
import MathSyntax
import MathVerify

/// `curate parse 'ANSWER'`: shows how the engine reads an answer, its type, and any diagnostics.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Show the parsed form and type of an answer (LaTeX or plain text).",
        discussion: """
            Example:
              curate parse '\\frac{\\sqrt{12}}{2}'
            prints the normalised expression, the answer type (or why it is not gradable) and the parser's \
            diagnostics. Exit code 0 when the answer parses, 1 when it does not.
            """)

    // Collected as unrecognised input so that an answer starting with a dash (`curate parse -2`) is an answer,
    // not an unknown option; several words are one answer (`curate parse 1 + 2`).
    @Argument(parsing: .allUnrecognized, help: "The answer to parse (may start with -, as in curate parse -2).")
    var words: [String] = []

    private var answer: String { words.joined(separator: " ") }

    func validate() throws {
        guard !words.isEmpty else { throw ValidationError("Missing expected argument '<answer>'.") }
    }

    func run() async throws {
        let prepared = AnswerExtractor.prepareShortAnswer(answer)
        let parsed = Parser.parse(prepared)
        if prepared != answer { print("answer:      \(prepared)") }
        print("parsed:      \(parsed.expr.map { "\($0)" } ?? "(nothing)")")
        print("type:        \(AnswerClassifier.classify(answer))")
        for diagnostic in parsed.diagnostics { print("diagnostic:  \(diagnostic)") }
        if !parsed.isSuccess { throw ExitCode(1) }
    }
}
