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
    func map(lookup: (String) -> Any?, allFields: [(String, Any)], location: String, fallbackKey: String,
             raw: @autoclosure () -> String) -> Outcome {
        let fields = mapping.fields
        func first(_ names: [String]) -> Any? {
            for name in names { if let v = lookup(name), !(v is NSNull) { return v } }
            return nil
        }
        func reject(_ reason: RejectReason, _ detail: String) -> Outcome {
            .reject(RejectedRow(source: source, file: file, location: location, reason: reason, detail: detail, raw: raw()))
        }
        guard let problemText = first(fields.problem).flatMap({ FieldValue.text($0, joiner: "\n\n") })?
            .trimmingCharacters(in: .whitespacesAndNewlines), !problemText.isEmpty else {
            return reject(.missingProblem, "no problem text in field \(fields.problem.map { "'\($0)'" }.joined(separator: " or "))")
        }
        let answer = first(fields.answer).flatMap { FieldValue.text($0, joiner: ", ") }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if mapping.rejectAlternativeAnswers, let answer, FieldValue.listsAlternatives(answer) {
            return reject(.multipleAnswers, "the answer lists alternatives (\(answer)); store one answer per problem")
        }
        var yearValue: Int?
        if let raw = first(fields.year) {
            guard let y = FieldValue.integer(raw) else { return reject(.invalidField, "year '\(raw)' is not a whole number") }
            yearValue = y
        }
        var numberValue: Int?
        if let raw = first(fields.number) {
            guard let n = FieldValue.integer(raw) else { return reject(.invalidField, "problem number '\(raw)' is not a whole number") }
            numberValue = n
        }
        let id = first(fields.id).flatMap { FieldValue.text($0, joiner: ",") }
        let key = id.map { "\(fileName)#\($0)" } ?? fallbackKey
        let choices = first(fields.choices).flatMap(FieldValue.list)
        var extra: [String: Any] = [:]
        for (name, value) in allFields where !mappedNames.contains(name) && !(value is NSNull) {
            if let s = value as? String, s == problemText { continue }
            extra[name] = value
        }
        let nonEmptyAnswer = (answer?.isEmpty ?? true) ? nil : answer
        return .problem(Problem(
            source: source, sourceKey: key, sourceFile: file,
            url: first(fields.url).flatMap { FieldValue.text($0, joiner: " ") },
            contest: first(fields.contest).flatMap { FieldValue.text($0, joiner: " ") } ?? mapping.contest,
            year: yearValue, number: numberValue, problem: problemText,
            solution: first(fields.solution).flatMap { FieldValue.text($0, joiner: "\n\n") },
            choices: choices, answer: nonEmptyAnswer, answerOrigin: nonEmptyAnswer == nil ? nil : .sourceField,
            extraJSON: extra.isEmpty ? nil : FieldValue.json(extra)))
    }
}

/// Conversions of raw JSON/CSV values into the store's column types.
enum FieldValue {
    /// Text of a value: strings as they are, whole numbers without `.0`, lists joined, objects as JSON.
    static func text(_ value: Any, joiner: String) -> String? {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return number(n)
        case let list as [Any]:
            let parts = list.compactMap { text($0, joiner: joiner) }
            return parts.isEmpty ? nil : parts.joined(separator: joiner)
        case is NSNull: return nil
        default: return json(value)
        }
    }

    /// A whole number from a number or numeric text.
    static func integer(_ value: Any) -> Int? {
        if let n = value as? NSNumber {
            let d = n.doubleValue
            return d == d.rounded() && abs(d) < 1e15 ? Int(d) : nil
        }
        if let s = value as? String { return Int(s.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    /// A list of strings from a JSON list, or nil.
    static func list(_ value: Any) -> [String]? {
        guard let items = value as? [Any] else { return nil }
        let texts = items.compactMap { text($0, joiner: ", ") }
        return texts.isEmpty ? nil : texts
    }

    /// `142.0` → `"142"`, `0.5` → `"0.5"`.
    static func number(_ n: NSNumber) -> String {
        let d = n.doubleValue
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return n.stringValue
    }

    /// Compact JSON with sorted keys (stable content hashes).
    static func json(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject(value),
              let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return String(describing: value) }
        return String(decoding: data, as: UTF8.self)
    }

    /// True for answers such as `080 or 081 (both were accepted)`.
    static func listsAlternatives(_ answer: String) -> Bool {
        let lower = answer.lowercased()
        return lower.contains(" or ") && lower.contains("accepted")
    }
}
