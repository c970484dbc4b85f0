/// The typed values the store keeps as text: each is stored as its raw value, and read back through `init(rawValue:)`.

/// A step of the build, as the `drops`, `similar_pairs` and `build_steps` tables name it.
public enum PipelineStep: String, Sendable, Codable, CaseIterable {
    /// Reading source files into the store.
    case ingest
    /// Final answers for rows without one.
    case extract
    /// Whether each answer can be graded.
    case gradable
    /// Near-duplicate removal among training rows.
    case dedup
    /// Training rows that match evaluation rows.
    case overlap
    /// Writing the training shards.
    case export
}

/// How a build step ended.
public enum StepStatus: String, Sendable, Codable, CaseIterable {
    /// Everything it had to do is done.
    case done
    /// Done as far as it could go (rows left for a model that is not configured).
    case partial
    /// Not configured in this build.
    case skipped
}

/// The kind of a recorded pair of similar rows.
public enum PairKind: String, Sendable, Codable, CaseIterable {
    /// Equal comparison texts (dedup).
    case exactDuplicate = "exact-duplicate"
    /// Above the threshold, numbers and answers agree (dedup).
    case duplicate
    /// Above the threshold, kept apart by the template rule (dedup).
    case templateSibling = "template-sibling"
    /// A training row equal to an evaluation row (overlap).
    case evalExact = "eval-exact"
    /// A training row above the threshold against an evaluation row (overlap).
    case evalNear = "eval-near"
}

/// Why a step dropped a row.
public enum DropReason: String, Sendable, Codable, CaseIterable {
    /// Dedup: the comparison text equals a kept row's.
    case exactDuplicate = "exact-duplicate"
    /// Dedup: joined to a kept row above the threshold.
    case nearDuplicate = "near-duplicate"
    /// Overlap: equal to an evaluation row.
    case evalExact = "eval-exact"
    /// Overlap: above the threshold against an evaluation row.
    case evalNear = "eval-near"
    /// Gradable: the answer is not something the grader can compare.
    case notGradable = "not-gradable"
    /// Extract: a proof problem, no final answer to check.
    case proof
    /// Extract: the model's samples disagree.
    case samplesDisagree = "samples-disagree"
    /// Extract: neither an answer nor a solution to take one from.
    case noAnswer = "no-answer"
    /// Extract: the model call or its reply failed.
    case extractionFailed = "extraction-failed"
}

/// What answer extraction decided about a row.
public enum ExtractionStatus: String, Sendable, Codable, CaseIterable {
    /// It has a final answer.
    case answered
    /// A proof problem.
    case proof
    /// Neither an answer nor a solution.
    case noAnswer = "no-answer"
    /// The call or the reply failed; a later run may try again.
    case failed
    /// Samples disagree: a person should look.
    case review

    /// The drop of a row left in this state, or nil for an answered one.
    public var dropReason: DropReason? {
        switch self {
        case .answered: return nil
        case .proof: return .proof
        case .review: return .samplesDisagree
        case .noAnswer: return .noAnswer
        case .failed: return .extractionFailed
        }
    }
}

/// Where an extraction's answer came from.
public enum ExtractionOrigin: String, Sendable, Codable, CaseIterable {
    /// The last `\boxed{}` of the official solution.
    case solutionBoxed = "solution-boxed"
    /// An answer key joined onto the problem.
    case answerKey = "answer-key"
    /// The value of the chosen multiple-choice option.
    case choiceValue = "choice-value"
    /// A language model.
    case model
    /// Nowhere: the row has no answer (stored as `none`).
    case nowhere = "none"
}
