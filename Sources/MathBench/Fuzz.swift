import Foundation
import MathSyntax
import MathVerify

/// Seeded random LaTeX-ish inputs: no trap, no hang; reports the slowest parse+classify+grade.
enum Fuzz {
    static let pieces: [String] = [
        "\\frac{", "}", "{", "\\sqrt", "[", "]", "(", ")", "^", "_", "\\left(", "\\right)", "\\{", "\\}", "x", "y", "1", "2",
        "9", "0.5", "\\pi", "e", "i", "+", "-", "\\cdot", "/", "=", "<", "\\le", ",", "\\pm", "\\infty", "\\cup", "|",
        "\\begin{pmatrix}", "\\end{pmatrix}", "&", "\\\\", "\\text{ cm}", "\\%", "^\\circ", "!", "\\binom", "\\sin", "\\log_",
        "\\boxed{", "\\overline{3}", "9^{9^{9^{9}}}", "10^{100000}", "1{,}000", " ", "and", "\\unknown", "$", "\\lfloor", "\\rceil",
        "99999999999999999999", "2^{2^{2^{2^{2}}}}", "!!!!", "(((((", "\\sqrt[", "{{{{",
    ]

    static func run(count: Int) {
        var state: UInt64 = 12345
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        let grader = Grader()
        var slowest: (UInt64, String) = (0, "")
        var slow: [(UInt64, String)] = []
        var over5ms = 0
        let start = Speed.now()
        for k in 0..<count {
            let n = k % 97 == 0 ? 400 : 1 + next() % 24
            var s = ""
            for _ in 0..<n { s += pieces[next() % pieces.count] }
            if k % 101 == 0 { s = String(repeating: "(", count: 3000) + s }
            // Time of one parse + classify + grade; slow cases are re-timed (min of 3) to filter preemption noise.
            func once() -> UInt64 {
                let t = Speed.now()
                _ = Parser.parse(s)
                _ = AnswerClassifier.classify(s)
                _ = grader.grade(gold: s, answer: s + "+1")
                return Speed.now() - t
            }
            var d = once()
            if d > 2_000_000 { d = min(d, once(), once()) }
            if d > 5_000_000 { over5ms += 1; if slow.count < 8 { slow.append((d, s)) } }
            if d > slowest.0 { slowest = (d, s) }
        }
        let total = Double(Speed.now() - start) / 1e9
        print(String(format: "fuzz: %d inputs in %.2f s, slowest %.3f ms, %d over 5 ms", count, total, Double(slowest.0) / 1e6, over5ms))
        print("slowest input: \(slowest.1.debugDescription.prefix(200))")
        for (d, s) in slow { print(String(format: "  %.2f ms ", Double(d) / 1e6) + s.debugDescription.prefix(150)) }
    }
}
