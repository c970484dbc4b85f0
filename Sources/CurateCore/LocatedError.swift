/// The one shape of MathCurate's errors: a family `code` stable for scripts, a sentence, and the place when known
/// (a file, and a 1-based line in it). `description` is `file:line: message` (or `file: message`, or the message),
/// as compilers print it, whatever the module.
public protocol LocatedError: Error, CustomStringConvertible {
    /// The failure family of the module.
    associatedtype Code: RawRepresentable where Code.RawValue == String
    /// The failure family.
    var code: Code { get }
    /// What went wrong, in a sentence.
    var message: String { get }
    /// The file (or, for a file's part, the file and the part) involved, if any.
    var file: String? { get }
    /// The 1-based line in `file`, if known.
    var line: Int? { get }
}

extension LocatedError {
    /// `file:line: message`, `file: message`, or the message.
    public var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }
}
