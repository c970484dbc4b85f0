import CurateCore
import CurateLLM
import CurateStore
import MathVerify

/// Turns a model's reply to an extraction prompt into the row's decision.
///
/// Each candidate must be one JSON object `{"answer", "kind"}` (plus `"problem"` for a rewrite; a Markdown code
/// fence around it is tolerated). With several samples, every sample asked for must come back readable (a missing
/// or unreadable one sends the row to review); all proofs make a proof, all no-answers a no-answer; final answers
/// must all be equivalent to the first by the equivalence engine (or equal as text), else the row is marked
/// `review` with the samples and kept out of training until a person decides. A multiple-choice rewrite must also
/// agree with the value of the correct choice, when the choices are known: the choice's value is then the answer.
public enum ModelReplyReader {
    /// What the row asked of the model.
    public struct Expectation: Sendable {
        /// Samples requested.
        public var samples: Int
        /// True for a multiple-choice rewrite (the reply must carry `problem`).
        public var rewrite: Bool
        /// The correct choice's value, when the choices are known.
        public var choiceValue: String?

        /// Creates an expectation.
        public init(samples: Int = 1, rewrite: Bool = false, choiceValue: String? = nil) {
            self.samples = samples
            self.rewrite = rewrite
            self.choiceValue = choiceValue
        }
    }

    /// One candidate's reading.
    struct Reading: Equatable {
        var kind: String
        var answer: String?
        var problem: String?
    }

    /// A reply that could not be used, counted among the run's failures by its code.
    public enum UnreadableReply: String, Sendable {
        /// No candidate held the JSON object asked for.
        case notJSON = "reply-not-json"
        /// A final answer whose answer is null.
        case withoutAnswer = "reply-without-answer"
        /// A rewrite without the rewritten statement.
        case withoutProblem = "reply-without-problem"
    }

    /// The decision for `rowID` from `reply`.
    public static func decide(
        rowID: Int64, reply: CompletionReply, expecting expected: Expectation, requestHash: String,
        attempts: Int
    ) -> ExtractionRecord {
        decision(rowID: rowID, reply: reply, expecting: expected, requestHash: requestHash, attempts: attempts).record
    }

    /// The decision for `rowID` from `reply`, and what made the reply unusable when it was.
    public static func decision(
        rowID: Int64, reply: CompletionReply, expecting expected: Expectation, requestHash: String,
        attempts: Int
    ) -> (record: ExtractionRecord, unreadable: UnreadableReply?) {
        let readings = reply.candidates.compactMap { read($0.text) }
        func record(
            _ status: ExtractionStatus, answer: String? = nil, problem: String? = nil,
            reason: String? = nil
        ) -> (record: ExtractionRecord, unreadable: UnreadableReply?) {
            (
                ExtractionRecord(
                    problemID: rowID, status: status, origin: .model, answer: answer, problem: problem, reason: reason,
                    samples: expected.samples > 1 ? readings.map { $0.answer ?? "(\($0.kind))" } : nil,
                    requestHash: requestHash, attempts: attempts), nil
            )
        }
        func unusable(_ what: UnreadableReply, _ detail: String) -> (record: ExtractionRecord, unreadable: UnreadableReply?) {
            (record(.failed, reason: "\(what.rawValue): \(detail)").record, what)
        }
        guard let first = readings.first else {
            return unusable(.notJSON, String(reply.candidates.first?.text.prefix(120) ?? ""))
        }
        if readings.count < expected.samples {
            return record(.review, reason: "only \(readings.count) of \(expected.samples) samples came back readable")
        }
        let kinds = Set(readings.map(\.kind))
        guard kinds.count == 1 else { return record(.review, reason: "samples disagree on the kind: \(kinds.sorted().joined(separator: ", "))") }
        switch first.kind {
        case "proof": return record(.proof, reason: "the model marked it a proof problem")
        case "no-answer": return record(.noAnswer, reason: "the model found no final answer")
        default: break
        }
        guard let answer = first.answer else { return unusable(.withoutAnswer, "final-answer with a null answer") }
        let grader = Grader()
        func same(_ a: String, _ b: String) -> Bool { a == b || grader.grade(gold: a, answer: b).isEquivalent }
        for other in readings.dropFirst() {
            guard let value = other.answer, same(answer, value) else {
                return record(.review, reason: "samples disagree: " + readings.map { $0.answer ?? "null" }.joined(separator: " | "))
            }
        }
        guard expected.rewrite else { return record(.answered, answer: answer) }
        guard let problem = first.problem else { return unusable(.withoutProblem, "a rewrite with no statement") }
        if let choice = expected.choiceValue {
            guard same(choice, answer) else {
                return record(.review, problem: problem, reason: "the rewrite's answer \(answer) is not the correct choice's value \(choice)")
            }
            return record(.answered, answer: choice, problem: problem)
        }
        return record(.answered, answer: answer, problem: problem)
    }

    /// Reads one candidate's JSON; nil when it is not the expected object.
    static func read(_ text: String) -> Reading? {
        var body = text.trimmedWhitespace
        if body.hasPrefix("```") {
            body = String(body.drop { $0 != "\n" })
            if body.hasSuffix("```") { body = String(body.dropLast(3)) }
        }
        guard let json = try? JSONValue.parse(Array(body.utf8)), case .object = json,
            case .string(let kind)? = json["kind"], ["final-answer", "proof", "no-answer"].contains(kind)
        else { return nil }
        func field(_ name: String) -> String? {
            if case .string(let s)? = json[name] { let t = s.trimmedWhitespace; return t.isEmpty ? nil : t }
            return nil
        }
        return Reading(kind: kind, answer: field("answer"), problem: field("problem"))
    }
}
