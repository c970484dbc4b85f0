import CurateCore
import Foundation
import MathVerify

/// The `curate grade --jsonl` protocol: JSON lines in, one verdict line out per input line, in order.
struct GradeStream {
    let grader: Grader
    let threads: Int

    /// Reads standard input to its end; never stops on a bad line.
    func run() {
        var lineNumber = 0
        let block = threads == 1 ? 1 : 256
        var pending: [(Int, String)] = []
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            pending.append((lineNumber, line))
            if pending.count >= block { flush(&pending) }
        }
        flush(&pending)
    }

    private func flush(_ pending: inout [(Int, String)]) {
        guard !pending.isEmpty else { return }
        let outputs = pending.parallelMap(threads: threads, minimumPerThread: 1) { answer(line: $0.1, number: $0.0) }
        FileHandle.standardOutput.write(Data((outputs.joined(separator: "\n") + "\n").utf8))
        pending.removeAll(keepingCapacity: true)
    }

    /// The output line for one input line.
    func answer(line: String, number: Int) -> String {
        func failure(_ message: String) -> String {
            JSONValue.object([("line", .number(String(number))), ("error", .string(message))]).serialized()
        }
        let value: JSONValue
        do { value = try JSONValue.parse(Array(line.utf8)) } catch { return failure("not valid JSON: \(error)") }
        guard case .object(var members) = value else { return failure("a line must be a JSON object") }
        guard let goldValue = value["gold"], let golds = GradeStream.texts(goldValue), !golds.isEmpty else {
            return failure("\"gold\" must be a string, a number or a list of them")
        }
        let verdict: Verdict
        let extracted: String?
        if let answerValue = value["answer"] {
            if case .array = answerValue { return failure("\"answer\" must be a string or a number") }
            guard let answer = GradeStream.texts(answerValue)?.first else {
                return failure("\"answer\" must be a string or a number")
            }
            extracted = answer
            verdict = best(golds.map { grader.grade(gold: $0, answer: answer) })
        } else if let responseValue = value["response"] {
            guard case .string(let response) = responseValue else { return failure("\"response\" must be a string") }
            extracted = AnswerExtractor.extract(from: response, options: grader.options.extraction)
            verdict = best(golds.map { grader.grade(gold: $0, response: response) })
        } else {
            return failure("a line needs \"answer\" or \"response\"")
        }
        let added = ["equivalent", "verdict", "reason", "extracted"]
        members.removeAll { added.contains($0.0) }
        let (kind, reason) = GradeStream.describe(verdict)
        members.append(("equivalent", .bool(verdict.isEquivalent)))
        members.append(("verdict", .string(kind)))
        members.append(("reason", .string(reason)))
        members.append(("extracted", extracted.map(JSONValue.string) ?? .null))
        return JSONValue.object(members).serialized()
    }

    /// Equivalent to any gold wins; else undecided if any; else the first verdict.
    func best(_ verdicts: [Verdict]) -> Verdict {
        if let yes = verdicts.first(where: \.isEquivalent) { return yes }
        if let maybe = verdicts.first(where: { if case .undecided = $0 { return true } else { return false } }) { return maybe }
        return verdicts[0]
    }

    /// Strings (numbers as written) from a string, a number, or a list of them.
    static func texts(_ value: JSONValue) -> [String]? {
        switch value {
        case .string(let s): return [s]
        case .number(let n): return [n]
        case .array(let items):
            let parts = items.compactMap { texts($0)?.first }
            return parts.count == items.count ? parts : nil
        default: return nil
        }
    }

    /// The verdict's kind and reason, as the protocol writes them.
    static func describe(_ verdict: Verdict) -> (String, String) {
        switch verdict {
        case .equivalent(let strategy): return ("equivalent", strategy.rawValue)
        case .different(let reason): return ("different", reason)
        case .undecided(let reason): return ("undecided", reason)
        }
    }
}
