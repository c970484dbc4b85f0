import CurateCore
import CurateStore
import MathVerify

/// `curate extract --audit`: how far the deterministic pass would get if the sources gave no answers. For every
/// problem with an official solution it takes the solution's last `\boxed{}` and, where the source also has an
/// answer, grades one against the other. Reads the store, writes nothing.
public enum SolutionAudit {
    /// Counts for one source.
    public struct Row: Sendable, Equatable {
        /// The source.
        public var source: String
        /// Problems with a solution.
        public var solutions = 0
        /// Solutions with a boxed final answer (the rest would need the model).
        public var boxed = 0
        /// Boxed answers the engine finds equivalent to the source's answer.
        public var agree = 0
        /// Boxed answers that differ from the source's answer (or are undecided).
        public var differ = 0
        /// Creates empty counts for `source`.
        public init(source: String) { self.source = source }

        /// Solutions without a box: the model's work.
        public var needModel: Int { solutions - boxed }
    }

    /// The audit, one row per source in name order.
    public static func run(store: Store, sources: [String]?) throws -> [Row] {
        let rows = try store.problemsWithSolutions(sources: sources)
        let grader = Grader()
        let findings = rows.parallelMap { row -> (String, Bool, Bool?) in
            guard let boxed = AnswerExtractor.extract(from: row.solution, options: ExtractionOptions(strict: true)) else { return (row.source, false, nil) }
            guard let answer = row.answer, !answer.isEmpty else { return (row.source, true, nil) }
            return (row.source, true, boxed == answer || grader.grade(gold: answer, answer: boxed).isEquivalent)
        }
        var bySource: [String: Row] = [:]
        for (source, boxed, agrees) in findings {
            var row = bySource[source] ?? Row(source: source)
            row.solutions += 1
            if boxed { row.boxed += 1 }
            if agrees == true { row.agree += 1 } else if agrees == false { row.differ += 1 }
            bySource[source] = row
        }
        return bySource.values.sorted { $0.source < $1.source }
    }
}
