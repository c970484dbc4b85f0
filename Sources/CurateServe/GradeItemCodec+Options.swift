import CurateCore
import MathVerify

/// Per-item grading options: an item may carry `"options": {"rounded_decimals": true, "tolerance": 0.01}`, which
/// apply to that item only, over the codec's grader (the command line's or the server's settings). A client that grades
/// with options of its own sends them all, so that a server started with others grades as the client would in-process.
///
/// - `policy` ("standard" or "deepscaler"): how a response's final answer is found (`ExtractionOptions.Policy`).
/// - `strict` (bool): only boxed answers count in a response (`ExtractionOptions.strict`).
/// - `rounded_decimals` (bool): accept a terminating decimal that is a correct rounding or truncation of the exact
///   gold (`Grader.Options.acceptRoundedDecimals`), for golds given as exact values where answers are measured.
/// - `tolerance` (number in [0, 1), or null for exact): the relative tolerance (`Grader.Options.relativeTolerance`).
///
/// Example: `{"gold":"\\frac{1}{3}","answer":"0.33","options":{"rounded_decimals":true}}` is equivalent.
extension GradeItemCodec {
    /// The option names an item may give.
    static let optionKeys = ["policy", "strict", "rounded_decimals", "tolerance"]

    /// The grader for an item with `options` (the member's JSON text; nil when the item has none), or why the options
    /// are not valid.
    func grader(options text: UnsafeRawBufferPointer?) -> Result<Grader, ItemError> {
        guard let text else { return .success(grader) }
        guard case .object(let members)? = try? JSONValue.parseValue(text) else {
            return .failure(ItemError(message: "\"options\" must be an object"))
        }
        var g = grader
        for (key, value) in members {
            switch (key, value) {
            case ("policy", .string("standard")):
                g.options.extraction.policy = .standard
            case ("policy", .string("deepscaler")):
                g.options.extraction.policy = .deepScaleR
            case ("policy", _):
                return .failure(ItemError(message: "option \"policy\" must be \"standard\" or \"deepscaler\""))
            case ("strict", .bool(let on)):
                g.options.extraction.strict = on
            case ("strict", _):
                return .failure(ItemError(message: "option \"strict\" must be true or false"))
            case ("rounded_decimals", .bool(let on)):
                g.options.acceptRoundedDecimals = on
            case ("tolerance", .null):
                g.options.relativeTolerance = nil
            case ("tolerance", .number(let n)):
                guard let t = Double(n), Grader.Options.isValidTolerance(t) else {
                    return .failure(ItemError(message: "option \"tolerance\" must be a number in [0, 1)"))
                }
                g.options.relativeTolerance = t
            case ("rounded_decimals", _):
                return .failure(ItemError(message: "option \"rounded_decimals\" must be true or false"))
            case ("tolerance", _):
                return .failure(ItemError(message: "option \"tolerance\" must be a number in [0, 1) or null"))
            default:
                return .failure(ItemError(message: "unknown option \"\(key)\" (known: \(GradeItemCodec.optionKeys.joined(separator: ", ")))"))
            }
        }
        return .success(g)
    }
}
