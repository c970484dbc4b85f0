import CurateCore
import Foundation

/// How the rows of a CSV, JSON or JSONL source become problems: which field holds what.
///
/// A mapping file is this struct as JSON (documented in `schemas/mapping.schema.json` and the README), so a new
/// source is ingested without code:
/// ```json
/// {"format": "csv", "skip_lines": 1, "contest": "AIME",
///  "fields": {"problem": "Question", "answer": "Answer", "id": "ID", "year": "Year", "number": "Problem Number"}}
/// ```
/// Each field names one column or key, or a list of candidates (the first present wins); a dotted name such as
/// `meta.year` reaches into nested JSON objects.
public struct SourceMapping: Sendable, Codable, Equatable {
    /// The file formats a mapping can describe.
    public enum Format: String, Sendable, Codable {
        /// Comma-separated values with a header row.
        case csv
        /// One JSON array of row objects (or an object holding one, see ``records``).
        case json
        /// One JSON object per line.
        case jsonl
    }

    /// The format; when absent it comes from the file extension.
    public var format: Format?
    /// CSV only: lines to skip before the header row (a title line, say).
    public var skipLines: Int
    /// JSON only: the dotted key of the row array when the file's top level is an object.
    public var records: String?
    /// Which field holds each part of a problem.
    public var fields: FieldNames
    /// A contest name for every row, when no field holds one.
    public var contest: String?
    /// Reject answers that list alternatives ("080 or 081 (both were accepted)") instead of storing them.
    public var rejectAlternativeAnswers: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, records, fields, contest
        case skipLines = "skip_lines"
        case rejectAlternativeAnswers = "reject_alternative_answers"
    }

    /// Creates a mapping.
    public init(
        format: Format? = nil, skipLines: Int = 0, records: String? = nil, fields: FieldNames,
        contest: String? = nil, rejectAlternativeAnswers: Bool = true
    ) {
        self.format = format
        self.skipLines = skipLines
        self.records = records
        self.fields = fields
        self.contest = contest
        self.rejectAlternativeAnswers = rejectAlternativeAnswers
    }

    /// Decodes a mapping, defaulting every optional key.
    public init(from decoder: any Decoder) throws {
        try MappingKey.rejectUnknown(in: decoder, keys: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(Format.self, forKey: .format)
        skipLines = try c.decodeIfPresent(Int.self, forKey: .skipLines) ?? 0
        guard skipLines >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .skipLines, in: c, debugDescription: "must be 0 or more, got \(skipLines)")
        }
        records = try c.decodeIfPresent(String.self, forKey: .records)
        fields = try c.decode(FieldNames.self, forKey: .fields)
        contest = try c.decodeIfPresent(String.self, forKey: .contest)
        rejectAlternativeAnswers = try c.decodeIfPresent(Bool.self, forKey: .rejectAlternativeAnswers) ?? true
    }

    /// The common shapes of DeepScaleR, Qwen, STILL, Omni-MATH and OlympiadBench files.
    public static let commonJSON = SourceMapping(
        fields: FieldNames(
            problem: ["problem", "question", "Question", "prompt"],
            answer: ["answer", "final_answer", "Answer", "gt_answer"],
            solution: ["solution", "solutions", "Solution"],
            id: ["id", "unique_id", "idx", "ID", "problem_id"],
            year: ["year", "Year"], number: ["problem_number", "Problem Number", "number"],
            contest: ["contest"], url: ["url", "link"], choices: ["choices", "options"]))

    /// Reads a mapping file.
    /// - Throws: ``CurateError`` `.badMapping` naming the file and what is wrong.
    public static func load(from path: String) throws -> SourceMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CurateError(.io, "cannot read the mapping file", file: path)
        }
        do {
            let mapping = try JSONDecoder().decode(SourceMapping.self, from: data)
            guard !mapping.fields.problem.isEmpty else {
                throw CurateError(.badMapping, "fields.problem must name at least one field", file: path)
            }
            return mapping
        } catch let error as DecodingError {
            throw CurateError(.badMapping, "not a valid mapping: \(error.plainDescription)", file: path)
        }
    }
}

/// The field names of a ``SourceMapping``: each a list of candidates, first present wins.
public struct FieldNames: Sendable, Codable, Equatable {
    /// The problem statement (required).
    public var problem: [String]
    /// The final answer.
    public var answer: [String]
    /// The official solution.
    public var solution: [String]
    /// The row's id in its source.
    public var id: [String]
    /// The contest year.
    public var year: [String]
    /// The problem number.
    public var number: [String]
    /// The contest name.
    public var contest: [String]
    /// The problem's page.
    public var url: [String]
    /// Multiple-choice options (a list, or text with `(A) … (B) …`).
    public var choices: [String]

    /// Creates field names; any list may be empty.
    public init(
        problem: [String], answer: [String] = [], solution: [String] = [], id: [String] = [],
        year: [String] = [], number: [String] = [], contest: [String] = [], url: [String] = [],
        choices: [String] = []
    ) {
        self.problem = problem
        self.answer = answer
        self.solution = solution
        self.id = id
        self.year = year
        self.number = number
        self.contest = contest
        self.url = url
        self.choices = choices
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case problem, answer, solution, id, year, number, contest, url, choices }

    /// Decodes each field from a string or a list of strings.
    public init(from decoder: any Decoder) throws {
        try MappingKey.rejectUnknown(in: decoder, keys: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func names(_ key: CodingKeys) throws -> [String] {
            if let one = try? c.decode(String.self, forKey: key) { return [one] }
            return try c.decodeIfPresent([String].self, forKey: key) ?? []
        }
        problem = try names(.problem)
        answer = try names(.answer)
        solution = try names(.solution)
        id = try names(.id)
        year = try names(.year)
        number = try names(.number)
        contest = try names(.contest)
        url = try names(.url)
        choices = try names(.choices)
    }

    /// Every name used by some field.
    var all: Set<String> { Set(problem + answer + solution + id + year + number + contest + url + choices) }
}

/// Any key of a mapping object, to find the ones the mapping does not know: a misspelt key ("answr") must be an
/// error, not a field silently left empty (and its rows stored without answers).
struct MappingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    /// Throws a `DecodingError` naming the first key of the decoder's object that is not one of `keys`.
    static func rejectUnknown<Keys: CodingKey & CaseIterable>(in decoder: any Decoder, keys: Keys.Type) throws {
        let known = Keys.allCases.map(\.stringValue)
        let c = try decoder.container(keyedBy: MappingKey.self)
        if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: c.codingPath + [MappingKey(stringValue: unknown)],
                    debugDescription: "unknown key (known: \(known.joined(separator: ", ")))"))
        }
    }
}

extension DecodingError {
    /// A one-line description naming the key path.
    var plainDescription: String {
        switch self {
        case .keyNotFound(let key, let ctx):
            return "missing key '\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case .typeMismatch(_, let ctx), .dataCorrupted(let ctx):
            return "\(ctx.codingPath.map(\.stringValue).joined(separator: ".")): \(ctx.debugDescription)"
        case .valueNotFound(_, let ctx):
            return "\(ctx.codingPath.map(\.stringValue).joined(separator: ".")): value missing"
        @unknown default:
            return "\(self)"
        }
    }
}
