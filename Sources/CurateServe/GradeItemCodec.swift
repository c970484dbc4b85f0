import CurateCore
import MathVerify

/// The item protocol shared by `curate grade --jsonl` and `POST /grade`.
///
/// An item is `{"gold": G, "answer": A}` or `{"gold": G, "response": R}`, any other members kept as they are (an
/// `"id"`, say); an `"options"` object sets grading options for that item (`GradeItemCodec+Options.swift`). G may be a string, a number or a list of them (equivalent to any). The output repeats the item's
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

    /// The members the output adds (an input member of the same name is replaced).
    static let addedKeys = ["equivalent", "verdict", "reason", "extracted"]

    /// Grades one item given as JSON text and appends the output object's JSON to `out`.
    ///
    /// Only `"gold"`, `"answer"`, `"response"` (and `"id"` for an error) are decoded; every other member is checked
    /// and copied as written, white space outside strings removed.
    /// - Returns: the outcome, or nil when the item was bad (an error object was written).
    @discardableResult
    public func answer(json bytes: UnsafeRawBufferPointer, position: Position, number: Int, into out: inout [UInt8]) -> GradeOutcome? {
        let members: [JSONMemberText]
        do {
            guard let found = try JSONValue.objectMembers(bytes) else {
                writeFailure("an item must be a JSON object", id: nil, position: position, number: number, into: &out)
                return nil
            }
            members = found
        } catch {
            writeFailure("not valid JSON: \(error)", id: nil, position: position, number: number, into: &out)
            return nil
        }
        func member(_ key: String) -> UnsafeRawBufferPointer? {
            members.first { $0.hasKey(key, in: bytes) }.map { UnsafeRawBufferPointer(rebasing: bytes[$0.valueRange]) }
        }
        switch read(gold: member("gold"), answer: member("answer"), response: member("response")) {
        case .failure(let failure):
            writeFailure(failure.message, id: member("id"), position: position, number: number, into: &out)
            return nil
        case .success(let (golds, candidate)):
            let itemGrader: Grader
            switch grader(options: member("options")) {
            case .success(let g): itemGrader = g
            case .failure(let failure):
                writeFailure(failure.message, id: member("id"), position: position, number: number, into: &out)
                return nil
            }
            let outcome = itemGrader.outcome(golds: golds, candidate: candidate)
            out.append(UInt8(ascii: "{"))
            for m in members where !GradeItemCodec.addedKeys.contains(where: { m.hasKey($0, in: bytes) }) {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[m.keyRange]))
                out.append(UInt8(ascii: ":"))
                JSONValue.writeCompact(UnsafeRawBufferPointer(rebasing: bytes[m.valueRange]), into: &out)
                out.append(UInt8(ascii: ","))
            }
            writeVerdict(outcome, into: &out)
            return outcome
        }
    }

    /// A bad item's reason.
    struct ItemError: Error { let message: String }

    /// The golds and candidate from an item's members (their JSON texts), or why it cannot be graded.
    func read(gold: UnsafeRawBufferPointer?, answer: UnsafeRawBufferPointer?, response: UnsafeRawBufferPointer?) -> Result<([String], Candidate), ItemError> {
        func value(_ text: UnsafeRawBufferPointer) -> JSONValue { (try? JSONValue.parseValue(text)) ?? .null }  // already validated
        guard let gold, let golds = GradeItemCodec.texts(value(gold)), !golds.isEmpty else {
            return .failure(ItemError(message: "\"gold\" must be a string, a number or a non-empty list of them"))
        }
        if let answer {
            switch value(answer) {
            case .string(let s): return .success((golds, .answer(s)))
            case .number(let n): return .success((golds, .answer(n)))
            default: return .failure(ItemError(message: "\"answer\" must be a string or a number"))
            }
        }
        if let response {
            guard case .string(let text) = value(response) else { return .failure(ItemError(message: "\"response\" must be a string")) }
            return .success((golds, .response(text)))
        }
        return .failure(ItemError(message: "an item needs \"answer\" or \"response\""))
    }

    /// Writes the verdict fields and closes the object.
    func writeVerdict(_ outcome: GradeOutcome, into out: inout [UInt8]) {
        out.append(contentsOf: outcome.isEquivalent ? #""equivalent":true,"verdict":""#.utf8 : #""equivalent":false,"verdict":""#.utf8)
        out.append(contentsOf: outcome.kind.rawValue.utf8)
        out.append(contentsOf: #"","reason":"#.utf8)
        JSONValue.writeString(outcome.reason, into: &out)
        out.append(contentsOf: #","extracted":"#.utf8)
        if let extracted = outcome.extracted { JSONValue.writeString(extracted, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: "}"))
    }

    /// Writes `{"line": N, "error": …}` (or `"index"`), with the item's `"id"` (its JSON text) when it has one.
    func writeFailure(_ message: String, id: UnsafeRawBufferPointer?, position: Position, number: Int, into out: inout [UInt8]) {
        out.append(contentsOf: "{\"\(position.rawValue)\":\(number),".utf8)
        if let id {
            out.append(contentsOf: #""id":"#.utf8)
            JSONValue.writeCompact(id, into: &out)
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
