/// The version of MathCurate's grader, reported by `curate --version`, `curate serve`'s `/health`, the C library
/// and the Python package.
public enum MathCurateVersion {
    /// Semantic version, e.g. `"0.6.0"`.
    public static let string = "0.6.0"
}
