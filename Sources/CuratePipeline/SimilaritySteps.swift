import CurateCore

/// The steps that decide by text similarity. Each ignores the other's drops when choosing its input rows, so the
/// two give the same decisions in any order and on every rebuild; a row dropped by either is not exported.
enum SimilaritySteps {
    static let names: [PipelineStep] = [.dedup, .overlap]
}
