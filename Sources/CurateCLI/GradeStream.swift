import CurateCore
import CurateServe
import Foundation
import MathVerify

/// The `curate grade --jsonl` protocol: JSON lines in, one verdict line out per non-blank input line, in order
/// (items as `GradeItemCodec` reads them; a bad line gives `{"line": N, "error": …}` and the stream goes on).
///
/// Standard input is read in blocks of up to 256 KiB as they arrive, and the answers to a block's complete lines are
/// written with one `write`: an interactive user gets each line answered as soon as it is typed, a pipe is answered
/// a block at a time. With several threads a block's lines are graded in parallel.
struct GradeStream {
    let grader: Grader
    let threads: Int

    static let blockSize = 256 << 10

    /// Reads standard input to its end; never stops on a bad line.
    func run() {
        run(input: 0, output: 1)
    }

    /// Reads `input` (a file descriptor) to its end and writes the answers to `output`.
    func run(input: Int32, output: Int32) {
        let codec = GradeItemCodec(grader: grader)
        var pending: [UInt8] = []
        var block = [UInt8](repeating: 0, count: GradeStream.blockSize)
        var lineNumber = 1
        while true {
            let n = block.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            pending.append(contentsOf: block[0..<n])
            guard let lastNewline = pending.lastIndex(of: 0x0A) else { continue }
            answer(pending[0...lastNewline], codec: codec, lineNumber: &lineNumber, output: output)
            pending.removeFirst(lastNewline + 1)
        }
        if !pending.isEmpty { answer(pending[...], codec: codec, lineNumber: &lineNumber, output: output) }
    }

    /// Answers every complete line of `text` with one write.
    private func answer(_ text: ArraySlice<UInt8>, codec: GradeItemCodec, lineNumber: inout Int, output: Int32) {
        let out: [UInt8] = text.withUnsafeBytes { bytes in
            let (lines, next) = JSONLines.split(bytes, firstNumber: lineNumber)
            lineNumber = next
            if threads == 1 {
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count + lines.count * 96)
                for line in lines { answer(line, of: bytes, codec: codec, into: &out) }
                return out
            }
            let parts = lines.parallelMap(threads: threads, minimumPerThread: 16) { line in
                var out: [UInt8] = []
                out.reserveCapacity(line.range.count + 160)
                answer(line, of: bytes, codec: codec, into: &out)
                return out
            }
            var out: [UInt8] = []
            out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for part in parts { out.append(contentsOf: part) }
            return out
        }
        GradeStream.writeAll(out, to: output)
    }

    /// Appends the answer line (with its newline) for one input line.
    private func answer(_ line: JSONLines.Line, of bytes: UnsafeRawBufferPointer, codec: GradeItemCodec, into out: inout [UInt8]) {
        codec.answer(json: UnsafeRawBufferPointer(rebasing: bytes[line.range]), position: .line, number: line.number, into: &out)
        out.append(0x0A)
    }

    /// Writes every byte, retrying short writes and interrupted calls.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
