/// An export failure that says what failed and where.
///
/// Example: `throw ExportError(.io, "cannot create file", path: url.path)`.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
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
    /// The file path or component involved, when there is one.
    public var location: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, location: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `code: message (at location)`.
    public var description: String {
        "\(code.rawValue): \(message)" + (location.map { " (at \($0))" } ?? "")
    }
}
