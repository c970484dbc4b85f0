import CMathCurate
import MathVerify

/// Builds and frees the `mathcurate_results` blocks handed to C callers.
///
/// One allocation holds the header and every array, so `mathcurate_results_free` is a single deallocation and a
/// caller can never free half a block.
enum ResultsBlock {
    /// A block holding `outcomes`, owned by the caller until `free`.
    static func make(_ outcomes: UnsafeBufferPointer<GradeOutcome>) -> UnsafeMutablePointer<mathcurate_results> {
        let count = outcomes.count
        var textLength = 0
        for o in outcomes { textLength += o.reason.utf8.count + (o.extracted?.utf8.count ?? 0) }
        let header = MemoryLayout<mathcurate_results>.stride
        let spansAt = align(header + 2 * count, to: 8)
        let textAt = spansAt + (2 * count + 1) * 8
        let raw = UnsafeMutableRawPointer.allocate(byteCount: textAt + textLength, alignment: 16)
        let verdicts = (raw + header).bindMemory(to: Int8.self, capacity: count)
        let hasExtracted = (raw + header + count).bindMemory(to: Int8.self, capacity: count)
        let spans = (raw + spansAt).bindMemory(to: Int64.self, capacity: 2 * count + 1)
        let text = (raw + textAt).bindMemory(to: UInt8.self, capacity: textLength)
        var at = 0
        func append(_ s: String) {
            var s = s
            s.withUTF8 { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                (text + at).update(from: base, count: bytes.count)
                at += bytes.count
            }
        }
        for (i, o) in outcomes.enumerated() {
            verdicts[i] = Int8(verdictCode(o.kind))
            hasExtracted[i] = o.extracted == nil ? 0 : 1
            spans[2 * i] = Int64(at)
            append(o.reason)
            spans[2 * i + 1] = Int64(at)
            if let e = o.extracted { append(e) }
        }
        spans[2 * count] = Int64(at)
        let block = raw.bindMemory(to: mathcurate_results.self, capacity: 1)
        block.initialize(
            to: mathcurate_results(
                count: Int64(count), verdicts: UnsafePointer(verdicts), has_extracted: UnsafePointer(hasExtracted),
                spans: UnsafePointer(spans), text: UnsafePointer(text), text_length: Int64(textLength)))
        return block
    }

    /// Releases a block made by `make`.
    static func free(_ block: UnsafeMutablePointer<mathcurate_results>) {
        UnsafeMutableRawPointer(block).deallocate()
    }

    /// The C verdict code of a kind.
    static func verdictCode(_ kind: VerdictKind) -> Int32 {
        switch kind {
        case .equivalent: return Int32(MATHCURATE_EQUIVALENT)
        case .different: return Int32(MATHCURATE_DIFFERENT)
        case .undecided: return Int32(MATHCURATE_UNDECIDED)
        }
    }

    private static func align(_ n: Int, to a: Int) -> Int { (n + a - 1) / a * a }
}
