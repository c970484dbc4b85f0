import ArgumentParser
import CurateCore
import Foundation
import MathVerify

extension ExtractionPolicyOption: ExpressibleByArgument {}

/// How a whole response's final answer is found (`--policy`).
enum ExtractionPolicyOption: String, CaseIterable {
    /// Last box, "final answer is", last math span, last number.
    case standard
    /// DeepScaleR's reward: only the text after `</think>`, and only a `\boxed{}` there.
    case deepscaler
}

/// `curate grade`: decides whether an answer equals the gold answer, for rewards and checks.
public struct GradeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "grade", abstract: "Grade an answer or a whole model response against the gold answer.",
        discussion: """
            Modes:
              curate grade --gold '\\frac12' --answer 0.5
              curate grade --gold 42 --response response.txt      (or --response - for standard input)
              curate grade --jsonl < pairs.jsonl > verdicts.jsonl

            Exit codes (single pair): 0 equivalent, 1 not equivalent (undecided counts as not equivalent unless \
            --undecided-ok), 2 input error. A gold or answer may start with '-' (--gold -5 --answer -5).

            JSON lines: each input line is {"gold": G, "answer": A} or {"gold": G, "response": R}; G may be a list \
            (equivalent to any). Each output line repeats the input's fields and adds "equivalent", "verdict" \
            (equivalent | different | undecided), "reason" and "extracted". A bad line gives {"line": N, "error": …} \
            in its place and the stream goes on. With --threads 1 (the default) every line is answered as soon as \
            it is read; with more threads, lines are read ahead in blocks of 256.

            An input line may carry "options": {"rounded_decimals": true, "tolerance": 0.01} (and "policy": \
            "standard" | "deepscaler", "strict": true | false) for that line only, over the command line's \
            settings.

            --rounded-decimals accepts a decimal answer that is a correct rounding or truncation of an exact gold \
            (0.33 or 0.333 for \\frac13, 3.14 for \\pi), with at least two significant digits; without it a \
            decimal must equal the gold exactly. Use it when answers are measured or computed to a few places \
            against exact golds; leave it off (the default) for rewards, where 0.33 is not 1/3.

            --policy deepscaler grades only the text after </think> and finds no answer (reward 0) without a \
            \\boxed{} there, as DeepScaleR's reward does. --strict accepts only boxed answers.
            """)

    /// Creates the command (argument-parser needs it).
    public init() {}

    // Values may start with a dash (`--gold -2`): answers are often negative.
    @Option(parsing: .unconditional, help: "The gold (reference) answer (may start with -, as in --gold -2).")
    var gold: String?

    @Option(parsing: .unconditional, help: "The answer to grade (may start with -).")
    var answer: String?

    @Option(help: "A file holding a whole model response to extract the answer from, or - for standard input.")
    var response: String?

    @Flag(help: "Read JSON lines from standard input and write one verdict line per input line.")
    var jsonl = false

    @Option(help: "Threads for --jsonl.")
    var threads: Int = 1

    @Flag(help: "Count an undecided verdict as equivalent for the exit code.")
    var undecidedOk = false

    @Option(help: "How a response's final answer is found: standard or deepscaler.")
    var policy: ExtractionPolicyOption = .standard

    @OptionGroup var grading: GraderOptions

    public func validate() throws {
        if jsonl {
            guard gold == nil, answer == nil, response == nil else { throw ValidationError("--jsonl reads gold and answers from its input lines") }
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
            return
        }
        guard gold != nil else { throw ValidationError("give --gold with --answer or --response, or use --jsonl") }
        guard (answer == nil) != (response == nil) else { throw ValidationError("give exactly one of --answer and --response") }
    }

    var grader: Grader { grading.grader(policy: policy) }

    public func run() async throws {
        if jsonl {
            GradeStream(grader: grader, threads: threads).run()
            return
        }
        guard let gold else { throw ExitCode(2) }
        let verdict: Verdict
        if let answer {
            verdict = grader.grade(gold: gold, answer: answer)
        } else {
            let text: String
            do { text = try GradeCommand.readResponse(response ?? "-") } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
            verdict = grader.grade(gold: gold, response: text)
            print("extracted: \(AnswerExtractor.extract(from: text, options: grader.options.extraction) ?? "(none)")")
        }
        print(verdict)
        if verdict.isEquivalent { return }
        if case .undecided = verdict, undecidedOk { return }
        throw ExitCode(1)
    }

    static func readResponse(_ path: String) throws -> String {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data else { throw CurateError(.io, "cannot read the response", file: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw CurateError(.badInput, "the response is not UTF-8", file: path) }
        return text
    }
}
