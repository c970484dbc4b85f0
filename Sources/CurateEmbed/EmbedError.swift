import Foundation

/// An error raised by CurateEmbed: what failed (`code`), a human-readable `message`, and the file involved.
///
/// Example:
/// ```swift
/// do { _ = try SentenceEncoder(modelDirectory: url) }
/// catch let error as EmbedError { print(error.code, error.message) }
/// ```
public struct EmbedError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// The model directory or one of its files is absent.
        case modelMissing
        /// A file could not be opened, measured or memory-mapped.
        case io
        /// A safetensors file is malformed (header length, JSON, offsets).
        case invalidSafeTensors
        /// A tensor is absent, or has an unexpected dtype or shape.
        case tensorMismatch
        /// The vocabulary file is malformed (missing special tokens, empty).
        case invalidVocabulary
        /// The model configuration is unsupported.
        case invalidConfig
        /// Arguments to an API are inconsistent (e.g. a vector count that is not a multiple of the dimension).
        case invalidArgument
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, in words.
    public let message: String
    /// The file the failure concerns, when there is one.
    public let path: String?

    /// Creates an error value.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: what went wrong.
    ///   - path: the file involved, if any.
    public init(_ code: Code, _ message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// `code: message (path)`.
    public var description: String {
        if let path { return "\(code.rawValue): \(message) [\(path)]" }
        return "\(code.rawValue): \(message)"
    }
}
