/// An error that says what failed and where: a code, a message, and the file and line when known.
///
/// Example: `throw CurateError(.badInput, "header has no 'problem' column", file: "x.csv", line: 1)`.
public struct CurateError: LocatedError, Sendable {
    /// Families of failure, stable for scripts.
    public enum Code: String, Sendable {
        /// A user-supplied file or argument is unusable.
        case badInput = "bad-input"
        /// A file could not be read or written.
        case io = "io"
        /// The store refused an operation.
        case store = "store"
        /// A mapping file is invalid.
        case badMapping = "bad-mapping"
        /// A remote server (the model API) refused the requests or could not be reached.
        case remote = "remote"
    }

    /// The failure family.
    public var code: Code
    /// What went wrong, in a sentence.
    public var message: String
    /// The file involved, if any.
    public var file: String?
    /// The 1-based line in `file`, if known.
    public var line: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }
}
