import Foundation
import MathSyntax
import MathVerify
import MathAlgebra

let arguments = CommandLine.arguments.dropFirst()
let command = arguments.first ?? "parse-check"
let dataRoot = ProcessInfo.processInfo.environment["MATHCURATE_DATA"] ?? "/work/shared/data"
switch command {
case "parse-check":
    ParseCheck.run(dataRoot: dataRoot, showFailures: Int(arguments.dropFirst().first ?? "40") ?? 40)
case "parse-loop":
    // `MathBench parse-loop TEXT [N]`: parses TEXT N times (default 1000), for profiling one input under callgrind.
    let xs = Array(arguments.dropFirst())
    guard let text = xs.first else { print("usage: MathBench parse-loop TEXT [N]"); break }
    var n = 0
    for _ in 0..<(xs.count > 1 ? Int(xs[1]) ?? 1000 : 1000) { n &+= Parser.parse(text).expr?.size ?? 0 }
    print(n)
case "parse":
    for s in arguments.dropFirst() {
        let r = Parser.parse(s)
        print("\(s) => \(r.expr.map(\.description) ?? "nil") \(r.diagnostics) \(r.units)")
    }
case "extract":
    for path in arguments.dropFirst() {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? path
        print(AnswerExtractor.extract(from: text) ?? "nil")
    }
case "classify-sample":
    let xs = Array(arguments.dropFirst())
    let answers = DataLoading.answerFile(dataRoot + "/" + xs[0])
    var shown = 0
    for a in answers where shown < (Int(xs[2]) ?? 20) {
        let c = AnswerClassifier.classify(a)
        if c.description.contains(xs[1]) {
            shown += 1
            print(a.debugDescription.prefix(100), "=>", Parser.parse(a).expr.map(\.description)?.prefix(80) ?? "nil")
        }
    }
case "parse-speed":
    var answers: [String] = []
    for f in ["deepscaler/test/math.json", "deepscaler/train/math.json", "omni-math/omni_math_rule_test.jsonl"] {
        answers += DataLoading.answerFile(dataRoot + "/" + f)
    }
    var sum = 0
    let t0 = Speed.now()
    for _ in 0..<20 { for a in answers { sum &+= Parser.parse(a).expr?.size ?? 0 } }
    print(String(format: "parse: %.0f answers/s", Double(answers.count * 20) / (Double(Speed.now() - t0) / 1e9)), sum)
case "grade-speed-different":
    var answers: [String] = []
    for f in ["deepscaler/test/math.json", "deepscaler/train/math.json", "omni-math/omni_math_rule_test.jsonl"] {
        answers += DataLoading.answerFile(dataRoot + "/" + f)
    }
    let grader = Grader()
    var eq = 0
    let t0 = Speed.now()
    for _ in 0..<3 { for k in answers.indices where grader.grade(gold: answers[k], answer: answers[(k + 1) % answers.count]).isEquivalent { eq += 1 } }
    print(String(format: "grade different: %.0f pairs/s", Double(answers.count * 3) / (Double(Speed.now() - t0) / 1e9)), eq)
case "speed":
    Speed.run(dataRoot: dataRoot)
case "self-check":
    for f in [
        "deepscaler/test/math.json", "deepscaler/train/math.json", "omni-math/omni_math_rule_test.jsonl", "deepscaler/test/minerva.json",
        "deepscaler/test/olympiad_bench.json",
    ] {
        Speed.selfCheck(dataRoot: dataRoot, file: f)
    }
case "fuzz":
    Fuzz.run(count: Int(arguments.dropFirst().first ?? "20000") ?? 20000)
case "grade-response":
    let xs = Array(arguments.dropFirst())
    if xs.count >= 2 { print(Grader().grade(gold: xs[0], response: xs[1])) }
case "variants":
    let text = (try? String(contentsOfFile: arguments.dropFirst().first ?? "", encoding: .utf8)) ?? ""
    var stats: [String: (Int, Int)] = [:]
    var shown = 0
    for line in text.split(separator: "\n") {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 4 else { continue }
        let v = Grader().grade(gold: f[0], answer: f[1])
        let ok = v.isEquivalent == (f[2] == "eq")
        var s = stats[f[3]] ?? (0, 0)
        s.1 += 1
        if ok { s.0 += 1 } else if shown < 400 { shown += 1; print("MISS [\(f[3])] \(f[0]) | \(f[1]) -> \(v)") }
        stats[f[3]] = s
    }
    for (k, s) in stats.sorted(by: { $0.key < $1.key }) { print("\(k): \(s.0)/\(s.1)") }
case "eval":
    let xs = Array(arguments.dropFirst())
    if let e = Parser.parse(xs[0]).expr {
        var ev = NumericEvaluator(assignment: ["n": Complex(Double(xs[1]) ?? 1), "x": Complex(Double(xs[1]) ?? 1)])
        print(ev.value(e) ?? Complex(.nan))
        var b = Budget()
        print((try? CanonicalForm.polynomial(e, budget: &b))?.description ?? "no form")
    }
case "random-pairs":
    var answers: [String] = []
    for f in ["deepscaler/test/math.json", "deepscaler/train/math.json", "omni-math/omni_math_rule_test.jsonl", "deepscaler/test/olympiad_bench.json"] {
        answers += DataLoading.answerFile(dataRoot + "/" + f)
    }
    var state: UInt64 = 99
    var found = 0
    for _ in 0..<600_000 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let i = Int(state >> 33) % answers.count
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let j = Int(state >> 33) % answers.count
        let a = answers[i], b = answers[j]
        if a == b || Parser.plainInteger(a) != nil && Parser.plainInteger(b) != nil { continue }
        let v = Grader().grade(gold: a, answer: b)
        if v.isEquivalent {
            found += 1
            if found <= 400 { print("\(a.debugDescription.prefix(60))  ~  \(b.debugDescription.prefix(60))  [\(v)]") }
        }
    }
    print("equivalent non-identical random pairs: \(found)")
case "solutions":
    // Gold vs its own worked solution (should be equivalent) and vs the next problem's solution (should not).
    let path = dataRoot + "/deepscaler/train/aime.json"
    guard let data = FileManager.default.contents(atPath: path),
        let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else { break }
    let grader = Grader()
    var own = 0, cross = 0, crossDifferentGold = 0, total = 0
    for (k, row) in rows.enumerated() {
        guard let gold = row["answer"] as? String, let sol = row["solution"] as? String,
            let nextSol = rows[(k + 1) % rows.count]["solution"] as? String,
            let nextGold = rows[(k + 1) % rows.count]["answer"] as? String
        else { continue }
        total += 1
        if grader.grade(gold: gold, response: sol).isEquivalent {
            own += 1
        } else {
            print("own miss: gold \(gold) extracted \(AnswerExtractor.extract(from: sol) ?? "nil") tail \(sol.suffix(120).debugDescription)")
        }
        if gold != nextGold {
            crossDifferentGold += 1
            if grader.grade(gold: gold, response: nextSol).isEquivalent { cross += 1; print("cross eq: gold \(gold) vs solution of \(nextGold)") }
        }
    }
    print("own solution equivalent: \(own)/\(total); other solution (different gold) equivalent: \(cross)/\(crossDifferentGold)")
case "dev-speed":
    let xs = Array(arguments.dropFirst())
    DevSpeed.run(path: xs.first ?? dataRoot + "/grading/dev.jsonl", seconds: Double(xs.dropFirst().first ?? "3") ?? 3)
case "pgo-train":
    TrainingWorkload.train(dataRoot: dataRoot, rounds: Int(arguments.dropFirst().first ?? "3") ?? 3)
case "dev-passes":
    let xs = Array(arguments.dropFirst())
    DevSpeed.passes(path: xs.first ?? dataRoot + "/grading/dev.jsonl", count: Int(xs.dropFirst().first ?? "1") ?? 1)
case "dev-profile":
    let xs = Array(arguments.dropFirst())
    DevProfile.run(
        path: xs.first ?? dataRoot + "/grading/dev.jsonl", rounds: Int(xs.dropFirst().first ?? "200") ?? 200,
        top: Int(xs.dropFirst(2).first ?? "40") ?? 40, only: xs.dropFirst(3).first.flatMap { Int($0) })
case "parse-dump":
    VerdictDump.parseDump(dataRoot: dataRoot)
case "verdict-dump":
    VerdictDump.run(dataRoot: dataRoot)
case "grade-dev":
    GradeDev.run(path: dataRoot + "/grading/dev.jsonl", verbose: false)
case "grade":
    let xs = Array(arguments.dropFirst())
    if xs.count >= 2 { print(Grader().grade(gold: xs[0], answer: xs[1])) }
default:
    print("usage: MathBench parse-check|parse|grade-dev|speed|fuzz")
}
