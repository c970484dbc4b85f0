import CurateCore
import MathVerify

/// `POST /grade`: a batch of items in one body, as `{"items": [...]}` (answered `{"results": [...]}`) or as JSON
/// lines (answered as JSON lines, one per non-blank input line, in order). Items follow `GradeItemCodec`.
struct GradeBatch {
    let codec: GradeItemCodec
    /// Threads one batch is spread over (batches of fewer than 256 items stay on one).
    let threads: Int

    /// The reply body and each item's outcome (nil: a bad item), or why the body cannot be read.
    func answerJSON(_ body: UnsafeRawBufferPointer) -> Result<([UInt8], [GradeOutcome?]), RequestError> {
        let items: [Range<Int>]
        do {
            guard let members = try JSONValue.objectMembers(body), let list = members.first(where: { $0.hasKey("items", in: body) }),
                let elements = try JSONValue.arrayElements(UnsafeRawBufferPointer(rebasing: body[list.valueRange]))
            else {
                return .failure(RequestError("the body must be a JSON object with an \"items\" list"))
            }
            items = elements.map { ($0.lowerBound + list.valueRange.lowerBound)..<($0.upperBound + list.valueRange.lowerBound) }
        } catch {
            return .failure(RequestError("the body is not valid JSON: \(error)"))
        }
        let answers = Array(items.indices).parallelMap(threads: threads, minimumPerThread: 128) { i in
            var out: [UInt8] = []
            let outcome = codec.answer(json: UnsafeRawBufferPointer(rebasing: body[items[i]]), position: .index, number: i, into: &out)
            return (out, outcome)
        }
        var out: [UInt8] = Array(#"{"results":["#.utf8)
        out.reserveCapacity(answers.reduce(16) { $0 + $1.0.count + 1 })
        for (i, answer) in answers.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: answer.0)
        }
        out.append(contentsOf: "]}\n".utf8)
        return .success((out, answers.map(\.1)))
    }

    /// The reply for a JSON-lines body: one output line per non-blank input line.
    func answerLines(_ body: UnsafeRawBufferPointer) -> ([UInt8], [GradeOutcome?]) {
        let lines = JSONLines.split(body).lines
        let answers = lines.parallelMap(threads: threads, minimumPerThread: 128) { line in
            var out: [UInt8] = []
            let outcome = codec.answer(json: UnsafeRawBufferPointer(rebasing: body[line.range]), position: .line, number: line.number, into: &out)
            out.append(UInt8(ascii: "\n"))
            return (out, outcome)
        }
        var out: [UInt8] = []
        out.reserveCapacity(answers.reduce(0) { $0 + $1.0.count })
        for answer in answers { out.append(contentsOf: answer.0) }
        return (out, answers.map(\.1))
    }
}

/// Splitting a buffer into JSON lines.
public enum JSONLines {
    /// One non-blank line: its byte range (without the line break) and 1-based line number.
    public struct Line: Sendable {
        /// The bytes of the line, `\r` and the newline excluded.
        public let range: Range<Int>
        /// 1-based line number in the buffer.
        public let number: Int
    }

    /// The non-blank lines of `bytes` (lines of only spaces, tabs or `\r` are skipped).
    /// - Parameter firstNumber: the number of the buffer's first line.
    /// - Returns: the lines, and the number the line after the buffer would have.
    public static func split(_ bytes: UnsafeRawBufferPointer, firstNumber: Int = 1) -> (lines: [Line], nextNumber: Int) {
        var lines: [Line] = []
        var start = 0, number = firstNumber
        let n = bytes.count
        while start < n {
            var end = start
            while end < n, bytes[end] != 0x0A { end += 1 }
            var last = end
            while last > start, bytes[last - 1] == 0x0D { last -= 1 }
            var blank = true
            for i in start..<last where bytes[i] != 0x20 && bytes[i] != 0x09 && bytes[i] != 0x0D { blank = false; break }
            if !blank { lines.append(Line(range: start..<last, number: number)) }
            number += 1
            start = end + 1
        }
        return (lines, number)
    }
}
