import MathSyntax
import MathVerify

/// Prints the share of answers that parse without error per file, and lists failures.
enum ParseCheck {
    static func run(dataRoot: String, showFailures: Int) {
        let files = [
            "deepscaler/test/aime.json", "deepscaler/test/amc.json", "deepscaler/test/math.json",
            "deepscaler/test/minerva.json", "deepscaler/test/olympiad_bench.json",
            "deepscaler/train/math.json", "deepscaler/train/aime.json", "omni-math/omni_math_rule_test.jsonl",
        ]
        for file in files {
            let answers = DataLoading.answerFile(dataRoot + "/" + file)
            var failures: [(String, String)] = []
            var text = 0
            var types: [String: Int] = [:]
            var notGradable: [String: Int] = [:]
            for a in answers {
                switch AnswerClassifier.classify(a) {
                case .gradable(let t): types[t.rawValue, default: 0] += 1
                case .notGradable(let why): notGradable[String(why.prefix(40)), default: 0] += 1
                }
                let r = Parser.parse(a)
                if !r.isSuccess {
                    failures.append((a, r.diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "; ")))
                } else if case .text = r.expr?.view {
                    text += 1
                }
            }
            let ok = answers.count - failures.count
            let pct = answers.isEmpty ? 0 : Double(ok) * 100 / Double(answers.count)
            print("\(file): \(ok)/\(answers.count) parsed = \(String(format: "%.2f", pct)) % (whole-text answers: \(text))")
            let g = types.values.reduce(0, +)
            print("   gradable \(g)/\(answers.count): " + types.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            if !notGradable.isEmpty {
                print("   not gradable: " + notGradable.sorted { $0.value > $1.value }.prefix(6).map { "\($0.key) \($0.value)" }.joined(separator: "; "))
            }
            for (a, why) in failures.prefix(showFailures) {
                print("   FAIL \(a.debugDescription.prefix(160)) -> \(why.prefix(120))")
            }
        }
    }
}
