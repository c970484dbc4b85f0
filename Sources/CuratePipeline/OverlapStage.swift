import CurateCore
import CurateEmbed
import CurateStore
import Foundation

/// The train/test overlap check: every training row against the evaluation sets, by equal comparison text and by
/// embedding cosine. Contaminated training rows are dropped (step `overlap`), never deleted.
public struct OverlapStage: Sendable {
    /// One contaminated training row and the evaluation row it matches best.
    public struct Finding: Sendable, Codable, Equatable {
        /// `eval-exact` (the same comparison text) or `eval-near` (cosine above the threshold).
        public var kind: PairKind
        /// The cosine of the two embeddings.
        public var cosine: Float
        /// The training row.
        public var trainID: Int64
        /// Its source.
        public var trainSource: String
        /// Its text.
        public var trainText: String
        /// The evaluation row.
        public var evalID: Int64
        /// Its source.
        public var evalSource: String
        /// Its text.
        public var evalText: String
    }

    /// What an overlap run found.
    public struct Report: Sendable, Codable {
        /// Training rows checked.
        public var trainRows: Int
        /// Evaluation rows checked against.
        public var evalRows: Int
        /// Texts embedded exactly in this run.
        public var embedded: Int
        /// Texts the fast pass embedded in this run, to screen for candidates.
        public var screened: Int
        /// One finding per contaminated training row, best match first by cosine.
        public var findings: [Finding]
    }

    /// The evaluation sources.
    public var evalSources: [String]
    /// Cosine above which a training row counts as a near match.
    public var threshold: Float = 0.9

    /// Creates a stage checking against `evalSources`.
    public init(evalSources: [String]) { self.evalSources = evalSources }

    /// Runs the check, replaces the previous overlap decision in the store, and records `evalSources` as the store's
    /// evaluation sets (``Store/evaluationSources()``).
    public func run(store: Store, cache: EmbeddingCache, progress: ((Int, Int) -> Void)? = nil) throws -> Report {
        let evalSet = Set(evalSources)
        let train = try store.keptProblems(ignoringDropsOf: SimilaritySteps.names).filter { !evalSet.contains($0.source) }
        let evals = try store.keptProblems(sources: evalSources, ignoringDropsOf: nil)
        let found = try ScreenedSearch(cache: cache, threshold: threshold).run(train, evals, progress: progress) { a, b, cut in
            NearDuplicateSearch(threshold: cut).queryPairs(queries: a, corpus: b ?? a)
        }
        // Each training row's best evaluation match: the highest cosine as printed, then the first evaluation row.
        var best: [Int: (j: Int, cosine: Float)] = [:]
        for pair in found.pairs {
            if let current = best[pair.i] {
                let mine = EvidenceCosine(pair.cosine), theirs = EvidenceCosine(current.cosine)
                guard mine > theirs || (mine == theirs && pair.j < current.j) else { continue }
            }
            best[pair.i] = (pair.j, pair.cosine)
        }
        var evalByHash: [String: Int] = [:]
        for (j, row) in evals.enumerated() where evalByHash[row.comparisonHash] == nil { evalByHash[row.comparisonHash] = j }
        var findings: [Finding] = []
        for (i, row) in train.enumerated() {
            let exact = evalByHash[row.comparisonHash]
            guard let j = exact ?? best[i]?.j else { continue }
            let cosine = exact != nil ? dot(found.exact[row.comparisonHash], found.exact[evals[j].comparisonHash]) : best[i]?.cosine ?? 0
            findings.append(
                Finding(
                    kind: exact != nil ? .evalExact : .evalNear, cosine: cosine,
                    trainID: row.id, trainSource: row.source, trainText: row.problem,
                    evalID: evals[j].id, evalSource: evals[j].source, evalText: evals[j].problem))
        }
        findings.sort { ($0.kind.rawValue, -$0.cosine, $0.trainID) < ($1.kind.rawValue, -$1.cosine, $1.trainID) }
        let drops = findings.map { f in
            Drop(
                problemID: f.trainID, reason: f.kind == .evalExact ? .evalExact : .evalNear,
                evidence: f.kind == .evalExact
                    ? "same text as \(f.evalSource) #\(f.evalID)"
                    : "cos \(String(format: "%.3f", f.cosine)) to \(f.evalSource) #\(f.evalID)")
        }
        let pairs = findings.map { SimilarPair(a: $0.trainID, b: $0.evalID, cosine: $0.cosine, kind: $0.kind) }
        try store.replaceDecisions(step: .overlap, drops: drops, pairs: pairs)
        try store.setEvaluationSources(evalSources)
        return Report(
            trainRows: train.count, evalRows: evals.count, embedded: found.embedded,
            screened: found.screened, findings: findings)
    }

    /// The cosine of two unit vectors (0 when either is missing).
    private func dot(_ a: [Float]?, _ b: [Float]?) -> Float {
        guard let a, let b else { return 0 }
        return zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
