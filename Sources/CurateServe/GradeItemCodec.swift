import CurateCore
import MathVerify

/// The item protocol shared by `curate grade --jsonl` and `POST /grade`.
///
/// An item is `{"gold": G, "answer": A}` or `{"gold": G, "response": R}`, any other members kept as they are (an
/// `"id"`, say). G may be a string, a number or a list of them (equivalent to any). The output repeats the item's
/// members and adds `"equivalent"`, `"verdict"` (equivalent | different | undecided), `"reason"` and `"extracted"`.
/// A bad item gives `{<position key>: N, "id": …, "error": "…"}` in its place.
///
/// Example: `{"id":7,"gold":"1/2","answer":"0.5"}` gives
/// `{"id":7,"gold":"1/2","answer":"0.5","equivalent":true,"verdict":"equivalent","reason":"exact value","extracted":"0.5"}`.
public struct GradeItemCodec: Sendable {
    /// How an error output names its item: by input line (`"line"`, 1-based) or by batch index (`"index"`, 0-based).
    public enum Position: String, Sendable {
        case line
        case index
    }

    /// The grader used for every item.
    public let grader: Grader

    /// Creates a codec.
    public init(grader: Grader) { self.grader = grader }

    /// The members the output adds; an input member of the same name is replaced.
    static let addedKeys: Set<String> = ["equivalent", "verdict", "reason", "extracted"]

    /// Grades one JSON text (a line) and appends the output object's JSON to `out`.
    /// - Returns: the outcome, or nil when the item was bad (an error object was written).
    @discardableResult
    public func answer(json bytes: UnsafeRawBufferPointer, position: Position, number: Int, into out: inout [UInt8]) -> GradeOutcome? {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch {
            writeFailure("not valid JSON: \(error)", id: nil, position: position, number: number, into: &out)
            return nil
        }
        return answer(value, position: position, number: number, into: &out)
    }

    /// Grades one parsed item and appends the output object's JSON to `out`.
    /// - Returns: the outcome, or nil when the item was bad (an error object was written).
    @discardableResult
    public func answer(_ value: JSONValue, position: Position, number: Int, into out: inout [UInt8]) -> GradeOutcome? {
        switch read(value) {
        case .failure(let failure):
            writeFailure(failure.message, id: value["id"], position: position, number: number, into: &out)
            return nil
        case .success(let (golds, candidate)):
            let outcome = grader.outcome(golds: golds, candidate: candidate)
            write(outcome, for: value, into: &out)
            return outcome
        }
    }

    /// A bad item's reason.
    struct ItemError: Error { let message: String }

    /// The golds and candidate of an item, or why it cannot be graded.
    func read(_ value: JSONValue) -> Result<([String], Candidate), ItemError> {
        guard case .object = value else { return .failure(ItemError(message: "an item must be a JSON object")) }
        guard let goldValue = value["gold"], let golds = GradeItemCodec.texts(goldValue), !golds.isEmpty else {
            return .failure(ItemError(message: "\"gold\" must be a string, a number or a non-empty list of them"))
        }
        if let answerValue = value["answer"] {
            switch answerValue {
            case .string(let s): return .success((golds, .answer(s)))
            case .number(let n): return .success((golds, .answer(n)))
            default: return .failure(ItemError(message: "\"answer\" must be a string or a number"))
            }
        }
        if let responseValue = value["response"] {
            guard case .string(let response) = responseValue else { return .failure(ItemError(message: "\"response\" must be a string")) }
            return .success((golds, .response(response)))
        }
        return .failure(ItemError(message: "an item needs \"answer\" or \"response\""))
    }

    /// Writes the item's members and the verdict fields.
    func write(_ outcome: GradeOutcome, for item: JSONValue, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if case .object(let members) = item {
            for (key, member) in members where !GradeItemCodec.addedKeys.contains(key) {
                JSONValue.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.write(into: &out, sortedKeys: false)
                out.append(UInt8(ascii: ","))
            }
        }
        out.append(contentsOf: outcome.isEquivalent ? #""equivalent":true,"verdict":""#.utf8 : #""equivalent":false,"verdict":""#.utf8)
        out.append(contentsOf: outcome.kind.rawValue.utf8)
        out.append(contentsOf: #"","reason":"#.utf8)
        JSONValue.writeString(outcome.reason, into: &out)
        out.append(contentsOf: #","extracted":"#.utf8)
        if let extracted = outcome.extracted { JSONValue.writeString(extracted, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: "}"))
    }

    /// Writes `{"line": N, "error": …}` (or `"index"`), with the item's `"id"` when it has one.
    func writeFailure(_ message: String, id: JSONValue?, position: Position, number: Int, into out: inout [UInt8]) {
        out.append(contentsOf: "{\"\(position.rawValue)\":\(number),".utf8)
        if let id {
            out.append(contentsOf: #""id":"#.utf8)
            id.write(into: &out, sortedKeys: false)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""error":"#.utf8)
        JSONValue.writeString(message, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Strings (numbers as written) from a string, a number, or a list of them.
    static func texts(_ value: JSONValue) -> [String]? {
        switch value {
        case .string(let s): return [s]
        case .number(let n): return [n]
        case .array(let items):
            var parts: [String] = []
            for item in items {
                switch item {
                case .string(let s): parts.append(s)
                case .number(let n): parts.append(n)
                default: return nil
                }
            }
            return parts
        default: return nil
        }
    }
}
