import CurateCore
import MathVerify

/// Per-item grading options: an item may carry `"options": {"rounded_decimals": true, "tolerance": 0.01}`, which
/// apply to that item only, over the codec's grader (the command line's or the server's settings).
///
/// - `rounded_decimals` (bool): accept a terminating decimal that is a correct rounding or truncation of the exact
///   gold (`Grader.Options.acceptRoundedDecimals`), for golds given as exact values where answers are measured.
/// - `tolerance` (number in [0, 1), or null for exact): the relative tolerance (`Grader.Options.relativeTolerance`).
///
/// Example: `{"gold":"\\frac{1}{3}","answer":"0.33","options":{"rounded_decimals":true}}` is equivalent.
extension GradeItemCodec {
    /// The option names an item may give.
    static let optionKeys = ["rounded_decimals", "tolerance"]

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
