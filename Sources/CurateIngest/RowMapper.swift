import CurateCore
import Foundation

/// Turns one source row (a JSON object or a CSV row by header) into a ``Problem`` or a ``RejectedRow``,
/// following a ``SourceMapping``.
struct RowMapper {
    /// The result of mapping one row.
    enum Outcome {
        case problem(Problem)
        case reject(RejectedRow)
    }

    let mapping: SourceMapping
    let source: String
    let file: String
    private let fileName: String
    private let mappedNames: Set<String>

    init(mapping: SourceMapping, source: String, file: String) {
        self.mapping = mapping
        self.source = source
        self.file = file
        self.fileName = (file as NSString).lastPathComponent
        self.mappedNames = mapping.fields.all
    }

    /// Maps a row. `lookup` returns the raw value of a field name (dotted names reach into objects);
    /// `allFields` lists the row's top-level fields for `extra`; `fallbackKey` names the row when it has no id.
    func map(
        lookup: (String) -> JSONValue?, allFields: [(String, JSONValue)], location: String, fallbackKey: String,
        raw: @autoclosure () -> String
    ) -> Outcome {
        let fields = mapping.fields
        func first(_ names: [String]) -> JSONValue? {
            for name in names { if let v = lookup(name), v != .null { return v } }
            return nil
        }
        func reject(_ reason: RejectReason, _ detail: String) -> Outcome {
            .reject(RejectedRow(source: source, file: file, location: location, reason: reason, detail: detail, raw: raw()))
        }
        guard let problemText = first(fields.problem).flatMap({ FieldValue.text($0, joiner: "\n\n") })?.trimmedWhitespace,
            !problemText.isEmpty
        else {
            return reject(.missingProblem, "no problem text in field \(fields.problem.map { "'\($0)'" }.joined(separator: " or "))")
        }
        let answer = first(fields.answer).flatMap { FieldValue.text($0, joiner: ", ") }?.trimmedWhitespace
        if mapping.rejectAlternativeAnswers, let answer, FieldValue.listsAlternatives(answer) {
            return reject(.multipleAnswers, "the answer lists alternatives (\(answer)); store one answer per problem")
        }
        var yearValue: Int?
        if let raw = first(fields.year) {
            guard let y = FieldValue.integer(raw) else {
                return reject(.invalidField, "year \(raw.serialized()) is not a whole number")
            }
            yearValue = y
        }
        var numberValue: Int?
        if let raw = first(fields.number) {
            guard let n = FieldValue.integer(raw) else {
                return reject(.invalidField, "problem number \(raw.serialized()) is not a whole number")
            }
            numberValue = n
        }
        let id = first(fields.id).flatMap { FieldValue.text($0, joiner: ",") }
        let key = id.map { "\(fileName)#\($0)" } ?? fallbackKey
        let choices = first(fields.choices).flatMap(FieldValue.list)
        var extra: [(String, JSONValue)] = []
        for (name, value) in allFields where !mappedNames.contains(name) && value != .null {
            if case .string(let s) = value, s == problemText { continue }
            extra.append((name, value))
        }
        let nonEmptyAnswer = (answer?.isEmpty ?? true) ? nil : answer
        return .problem(
            Problem(
                source: source, sourceKey: key, sourceFile: file,
                url: first(fields.url).flatMap { FieldValue.text($0, joiner: " ") },
                contest: first(fields.contest).flatMap { FieldValue.text($0, joiner: " ") } ?? mapping.contest,
                year: yearValue, number: numberValue, problem: problemText,
                solution: first(fields.solution).flatMap { FieldValue.text($0, joiner: "\n\n") },
                choices: choices, answer: nonEmptyAnswer, answerOrigin: nonEmptyAnswer == nil ? nil : .sourceField,
                extraJSON: extra.isEmpty ? nil : JSONValue.object(extra).serialized(sortedKeys: true)))
    }
}

/// Conversions of raw JSON/CSV values into the store's column types.
enum FieldValue {
    /// Text of a value: strings as they are, whole numbers without `.0`, lists joined, objects as JSON.
    static func text(_ value: JSONValue, joiner: String) -> String? {
        switch value {
        case .string(let s): return s
        case .number(let literal): return number(literal)
        case .bool(let b): return b ? "true" : "false"
        case .array(let items):
            let parts = items.compactMap { text($0, joiner: joiner) }
            return parts.isEmpty ? nil : parts.joined(separator: joiner)
        case .null: return nil
        case .object: return value.serialized(sortedKeys: true)
        }
    }

    /// A whole number from a number or numeric text.
    static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .number(let literal): return Int(number(literal))
        case .string(let s): return Int(s.trimmedWhitespace)
        default: return nil
        }
    }

    /// A list of strings from a JSON list, or nil.
    static func list(_ value: JSONValue) -> [String]? {
        guard case .array(let items) = value else { return nil }
        let texts = items.compactMap { text($0, joiner: ", ") }
        return texts.isEmpty ? nil : texts
    }

    /// A number literal as answer text: `142.0` → `142` (a whole value written as a float), anything else as written.
    static func number(_ literal: String) -> String {
        let bytes = literal.utf8
        guard bytes.contains(UInt8(ascii: ".")), !bytes.contains(UInt8(ascii: "e")), !bytes.contains(UInt8(ascii: "E")) else {
            return literal
        }
        var digits = Substring(literal)
        while digits.hasSuffix("0") { digits = digits.dropLast() }
        if digits.hasSuffix(".") { digits = digits.dropLast() }
        return digits == "-0" ? "0" : String(digits)
    }

    /// True for answers such as `080 or 081 (both were accepted)`.
    static func listsAlternatives(_ answer: String) -> Bool {
        guard answer.utf8.count > 8 else { return false }
        let lower = answer.lowercased()
        return lower.contains(" or ") && lower.contains("accepted")
    }
}
