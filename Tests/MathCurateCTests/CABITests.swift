import CMathCurate
@testable import MathCurateC
import MathVerify
import Testing

/// The C ABI, called as C callers call it: pointer + length strings, packed batches, results blocks.
@Suite struct CABITests {
    /// Grades one pair through `mathcurate_grade` and reads the block back.
    func gradeOne(
        _ gold: String, _ candidate: String, response: Bool = false,
        options: mathcurate_options? = nil
    ) -> (status: Int32, verdict: Int8, reason: String, extracted: String?) {
        var out: UnsafeMutablePointer<mathcurate_results>?
        var gold = gold, candidate = candidate
        let status: Int32 = gold.withUTF8 { g in
            candidate.withUTF8 { c in
                g.withMemoryRebound(to: CChar.self) { g in
                    c.withMemoryRebound(to: CChar.self) { c in
                        if var o = options {
                            return MathCurateC.mathcurate_grade(&o, g.baseAddress, Int64(g.count), c.baseAddress, Int64(c.count), response ? 1 : 0, &out)
                        }
                        return MathCurateC.mathcurate_grade(nil, g.baseAddress, Int64(g.count), c.baseAddress, Int64(c.count), response ? 1 : 0, &out)
                    }
                }
            }
        }
        guard status == MATHCURATE_OK, let block = out else { return (status, -1, "", nil) }
        defer { MathCurateC.mathcurate_results_free(block) }
        let r = read(block.pointee)
        return (status, r[0].verdict, r[0].reason, r[0].extracted)
    }

    /// The results of a block as Swift values.
    func read(_ r: mathcurate_results) -> [(verdict: Int8, reason: String, extracted: String?)] {
        let text = UnsafeBufferPointer(start: r.text, count: Int(r.text_length))
        func slice(_ a: Int64, _ b: Int64) -> String { String(decoding: text[Int(a)..<Int(b)], as: UTF8.self) }
        return (0..<Int(r.count)).map { i in
            (
                r.verdicts[i], slice(r.spans[2 * i], r.spans[2 * i + 1]),
                r.has_extracted[i] != 0 ? slice(r.spans[2 * i + 1], r.spans[2 * i + 2]) : nil
            )
        }
    }

    /// Packs strings as bytes + count+1 offsets.
    func pack(_ strings: [String]) -> ([CChar], [Int64]) {
        var bytes: [CChar] = [], offsets: [Int64] = [0]
        for s in strings {
            bytes.append(contentsOf: s.utf8.map { CChar(bitPattern: $0) })
            offsets.append(Int64(bytes.count))
        }
        return (bytes, offsets)
    }

    func gradeBatch(_ golds: [String], _ candidates: [String], response: Bool, threads: Int32) -> [(verdict: Int8, reason: String, extracted: String?)] {
        let (gb, go) = pack(golds), (cb, co) = pack(candidates)
        var out: UnsafeMutablePointer<mathcurate_results>?
        let status = MathCurateC.mathcurate_grade_batch(nil, Int64(golds.count), gb, go, cb, co, response ? 1 : 0, threads, &out)
        #expect(status == MATHCURATE_OK)
        guard let block = out else { return [] }
        defer { MathCurateC.mathcurate_results_free(block) }
        return read(block.pointee)
    }

    @Test func gradesOnePair() {
        let r = gradeOne("\\frac12", "0.5")
        #expect(r.status == MATHCURATE_OK && r.verdict == Int8(MATHCURATE_EQUIVALENT) && r.reason == "exact value" && r.extracted == "0.5")
        let wrong = gradeOne("42", "41")
        #expect(wrong.verdict == Int8(MATHCURATE_DIFFERENT) && wrong.reason == "different integers")
    }

    @Test func extractsFromResponsesAndReportsNoAnswer() {
        let r = gradeOne("42", "so the answer is \\boxed{42}", response: true)
        #expect(r.verdict == Int8(MATHCURATE_EQUIVALENT) && r.extracted == "42")
        var options = mathcurate_options()
        MathCurateC.mathcurate_options_init(&options)
        options.policy = Int32(MATHCURATE_POLICY_DEEPSCALER)
        let none = gradeOne("42", "<think>\\boxed{42}</think> the answer is 42", response: true, options: options)
        #expect(none.verdict == Int8(MATHCURATE_DIFFERENT) && none.extracted == nil && none.reason == "no final answer found")
    }

    @Test func badArgumentsGetAStatusNotATrap() {
        var out: UnsafeMutablePointer<mathcurate_results>?
        #expect(MathCurateC.mathcurate_grade(nil, nil, 3, nil, 0, 0, &out) == MATHCURATE_INVALID_ARGUMENT && out == nil)
        #expect(MathCurateC.mathcurate_grade(nil, "1", -1, "1", 1, 0, &out) == MATHCURATE_INVALID_ARGUMENT)
        #expect(MathCurateC.mathcurate_grade(nil, "1", 1, "1", 1, 0, nil) == MATHCURATE_INVALID_ARGUMENT)
        var options = mathcurate_options()
        MathCurateC.mathcurate_options_init(&options)
        options.struct_size = 8
        #expect(MathCurateC.mathcurate_grade(&options, "1", 1, "1", 1, 0, &out) == MATHCURATE_ABI_MISMATCH)
        MathCurateC.mathcurate_options_init(&options)
        options.policy = 7
        #expect(MathCurateC.mathcurate_grade(&options, "1", 1, "1", 1, 0, &out) == MATHCURATE_INVALID_ARGUMENT)
        options.policy = 0
        options.relative_tolerance = 1.5
        #expect(MathCurateC.mathcurate_grade(&options, "1", 1, "1", 1, 0, &out) == MATHCURATE_INVALID_ARGUMENT)
        let decreasing: [Int64] = [0, 2, 1]
        #expect(MathCurateC.mathcurate_grade_batch(nil, 2, "abc", decreasing, "abc", decreasing, 0, 1, &out) == MATHCURATE_INVALID_ARGUMENT)
        #expect(String(cString: MathCurateC.mathcurate_status_message(1)).hasPrefix("invalid argument"))
        #expect(String(cString: MathCurateC.mathcurate_status_message(99)) == "unknown status code")
    }

    @Test func anEmptyBatchIsAnEmptyBlock() {
        #expect(gradeBatch([], [], response: false, threads: 2).isEmpty)
    }

    @Test func batchesMatchSinglePairsOnAnyThreadCount() {
        let golds = (0..<500).map { i in ["\\frac{\(i)}{4}", "x^2+\(i)", "(\(i), \(i + 1))", "\(i)"][i % 4] }
        let answers = (0..<500).map { i in ["\(Double(i) / 4)", "\(i)+x^2", "(\(i + 1), \(i))", "\\text{\(i)}"][i % 4] }
        let single = zip(golds, answers).map { gradeOne($0, $1) }
        for threads: Int32 in [1, 2, 0] {
            let batch = gradeBatch(golds, answers, response: false, threads: threads)
            #expect(batch.count == 500)
            for i in 0..<500 {
                #expect(
                    batch[i].verdict == single[i].verdict && batch[i].reason == single[i].reason && batch[i].extracted == single[i].extracted,
                    "pair \(i) with \(threads) threads")
            }
        }
    }

    @Test func invalidUTF8AndNULBytesAreRead() {
        var out: UnsafeMutablePointer<mathcurate_results>?
        let bytes: [CChar] = [0x34, 0x00, 0x32]  // "4\02"
        let bad: [CChar] = [CChar(bitPattern: 0xFF), 0x31]
        #expect(MathCurateC.mathcurate_grade(nil, bytes, 3, bad, 2, 0, &out) == MATHCURATE_OK)
        #expect(out?.pointee.count == 1)
        MathCurateC.mathcurate_results_free(out)
        MathCurateC.mathcurate_results_free(nil)
    }

    @Test func versionsAgree() {
        #expect(String(cString: MathCurateC.mathcurate_version()) == MathCurateVersion.string)
        #expect(MathCurateC.mathcurate_abi_version() == MATHCURATE_ABI_VERSION)
    }
}
