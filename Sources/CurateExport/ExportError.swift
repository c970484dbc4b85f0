import CurateCore

/// An export failure that says what failed and where.
///
/// Example: `throw ExportError(.io, "cannot create file", file: url.path)`.
public struct ExportError: LocatedError, Sendable, Equatable {
    /// Broad failure categories.
    public enum Code: String, Sendable {
        /// Reading or writing a file failed.
        case io
        /// zlib returned an error.
        case compression
        /// The input cannot be represented (too large, invalid option).
        case invalidInput
        /// A file to read is not valid Parquet (truncated, bad metadata, values that do not add up).
        case malformed
        /// A valid file uses a feature this reader does not implement (a codec, an encoding, a column shape).
        case unsupported
    }

    /// The category.
    public var code: Code
    /// What went wrong.
    public var message: String
    /// The file involved (or the Parquet column, as `a.b.c`), when there is one.
    public var file: String?
    /// Never known for these errors (Parquet has no lines).
    public var line: Int? { nil }

    /// Creates an error.
    public init(_ code: Code, _ message: String, file: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
    }
}
