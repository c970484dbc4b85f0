import Foundation
import CurateCore
import CurateLLM

/// A model prompt from `prompts/NAME.md` (compiled in): a system part and a user template with `{{field}}` slots,
/// split by `<!-- system -->` and `<!-- user -->` lines. Its version is a hash of the file, so editing a prompt
/// makes new cache keys and never reuses replies to the old one.
public struct ExtractionPrompt: Sendable {
    /// The file name without extension, e.g. `extract-answer`.
    public let name: String
    /// The system instruction.
    public let system: String
    /// The user message template.
    public let userTemplate: String
    /// `NAME@` + the first 12 hex digits of the file's SHA-256.
    public let version: String

    /// The compiled-in prompt `prompts/NAME.md`.
    /// - Throws: ``CurateError`` when no prompt of that name was compiled in.
    public static func named(_ name: String) throws -> ExtractionPrompt {
        guard let text = embeddedPrompts.first(where: { $0.name == name })?.text, !text.isEmpty else {
            throw CurateError(.badInput, "no prompt \(name).md is compiled in (prompts/: \(embeddedPrompts.map(\.name).joined(separator: ", ")))")
        }
        return ExtractionPrompt(name: name, text: text)
    }

    /// Parses a prompt file's text.
    public init(name: String, text: String) {
        self.name = name
        version = name + "@" + String(SHA256.hex(of: Array(text.utf8)).prefix(12))
        let afterSystem = text.components(separatedBy: "<!-- system -->").dropFirst().joined()
        let parts = afterSystem.components(separatedBy: "<!-- user -->")
        system = (parts.first ?? "").trimmedWhitespace
        userTemplate = parts.dropFirst().joined(separator: "<!-- user -->").trimmedWhitespace
    }

    /// The user message with each `{{key}}` of the template replaced by its value, in one pass over the template:
    /// a value that itself contains `{{…}}` is left as written.
    public func user(_ values: [String: String]) -> String {
        var out = ""
        var rest = userTemplate[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let key = String(rest[open.upperBound..<close.lowerBound])
            out += values[key] ?? "{{\(key)}}"
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The reply shape asked of the model (Gemini `responseSchema`): `answer`, `kind`, and for a rewrite `problem`.
    public var responseSchema: JSONValue {
        let nullableString = JSONValue.object([("type", .string("STRING")), ("nullable", .bool(true))])
        var properties: [(String, JSONValue)] = [
            ("answer", nullableString),
            ("kind", .object([("type", .string("STRING")), ("enum", .array([.string("final-answer"), .string("proof"), .string("no-answer")]))])),
        ]
        if userTemplate.contains("{{choices}}") { properties.insert(("problem", nullableString), at: 0) }
        return .object([("type", .string("OBJECT")), ("properties", .object(properties)), ("required", .array([.string("kind")]))])
    }
}
