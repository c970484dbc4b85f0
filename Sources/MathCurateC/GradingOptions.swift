import CMathCurate
import MathVerify

/// Reads a C `mathcurate_options` block into grader options, checking every field.
enum GradingOptions {
    /// The defaults `mathcurate_options_init` writes.
    static let defaults = mathcurate_options(
        struct_size: Int32(MemoryLayout<mathcurate_options>.size), policy: Int32(MATHCURATE_POLICY_STANDARD),
        strict: 0, accept_rounded_decimals: 0, relative_tolerance: 0)

    /// The first step of every grading call: clears the result slot `out` (which must not be NULL) and reads the
    /// options, or returns the status code that rejects them.
    static func prepare(
        _ options: UnsafePointer<mathcurate_options>?,
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<mathcurate_results>?>?
    ) -> Result<Grader, ABIStatus> {
        guard let out else { return .failure(.invalidArgument) }
        out.pointee = nil
        return grader(options)
    }

    /// The grader for `options` (nil: defaults), or the status code that rejects them.
    static func grader(_ options: UnsafePointer<mathcurate_options>?) -> Result<Grader, ABIStatus> {
        let o = options?.pointee ?? defaults
        guard o.struct_size == Int32(MemoryLayout<mathcurate_options>.size) else { return .failure(.abiMismatch) }
        let policy: ExtractionOptions.Policy
        switch o.policy {
        case Int32(MATHCURATE_POLICY_STANDARD): policy = .standard
        case Int32(MATHCURATE_POLICY_DEEPSCALER): policy = .deepScaleR
        default: return .failure(.invalidArgument)
        }
        guard Grader.Options.isValidTolerance(o.relative_tolerance) else { return .failure(.invalidArgument) }
        return .success(
            Grader(
                options: Grader.Options(
                    acceptRoundedDecimals: o.accept_rounded_decimals != 0,
                    relativeTolerance: o.relative_tolerance > 0 ? o.relative_tolerance : nil,
                    extraction: ExtractionOptions(strict: o.strict != 0, policy: policy))))
    }
}

/// The status codes of the C ABI (`MATHCURATE_OK`, ...), with their messages.
enum ABIStatus: Int32, Error {
    case ok = 0
    case invalidArgument = 1
    case abiMismatch = 2

    /// A static, NUL-terminated English description.
    var message: StaticString {
        switch self {
        case .ok: return "ok"
        case .invalidArgument: return "invalid argument: a NULL pointer, a negative length or count, decreasing offsets, or an option out of range"
        case .abiMismatch: return "ABI mismatch: the options block was not made by this version's mathcurate_options_init"
        }
    }
}
