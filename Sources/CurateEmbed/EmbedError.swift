import CurateCore
import Foundation

/// An error raised by CurateEmbed: what failed (`code`), a human-readable `message`, and the file involved.
///
/// Example:
/// ```swift
/// do { _ = try SentenceEncoder(modelDirectory: url) }
/// catch let error as EmbedError { print(error.code, error.message) }
/// ```
public struct EmbedError: LocatedError, Equatable, Sendable {
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
    public let file: String?
    /// Never known for these errors (they concern whole files).
    public var line: Int? { nil }

    /// Creates an error value.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: what went wrong.
    ///   - file: the file involved, if any.
    public init(_ code: Code, _ message: String, file: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
    }
}
