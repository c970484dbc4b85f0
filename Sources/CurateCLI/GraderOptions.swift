import ArgumentParser
import MathVerify

/// The grading options `curate grade` and `curate serve` share: boxed-only extraction, a relative tolerance and
/// the rounding mode, checked and turned into a `Grader` in one place. Each command keeps its own `--policy`
/// (their defaults differ: standard for the shell, DeepScaleR's for the reward server).
struct GraderOptions: ParsableArguments {
    @Flag(help: "Only boxed answers count when extracting from a response (the deepscaler policy always needs one).")
    var strict = false

    // `.unconditional`: a negative value (`--tolerance -1`) is read as the value and rejected by `validate()` with
    // the range, not taken for a flag ("missing value").
    @Option(parsing: .unconditional, help: "Accept numbers within this relative tolerance (for gold answers that are measured decimals).")
    var tolerance: Double?

    @Flag(help: "Accept a decimal that is a correct rounding (or truncation) of an exact gold, as 0.33 for 1/3.")
    var roundedDecimals = false

    func validate() throws {
        if let tolerance, !Grader.Options.isValidTolerance(tolerance) { throw ValidationError("--tolerance must be in [0, 1)") }
    }

    /// The grader these options and `policy` describe.
    func grader(policy: ExtractionPolicyOption) -> Grader {
        Grader(
            options: Grader.Options(
                acceptRoundedDecimals: roundedDecimals, relativeTolerance: tolerance,
                extraction: ExtractionOptions(strict: strict, policy: policy == .deepscaler ? .deepScaleR : .standard)))
    }
}
