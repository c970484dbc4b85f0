import CurateCore
import CurateStore
import Foundation

/// Reads an answer key CSV into ``AnswerKeyEntry`` lines.
///
/// Two shapes: a key with its own columns `contest,year,number,answer` (contest without the year, e.g. `AMC 10A`),
/// or the AMC 10 files: `problem_id,answer` joined on `problem_id` with an index CSV
/// (`problem_id,year,version,problem_num,contest_label,…,problem_url`); the index is `--key-index` or the sibling
/// file whose name has `index` in place of `answers`.
struct AnswerKeyReader {
    /// The index file, when the key has only problem ids.
    var indexPath: String?

    func read(file: String, bytes: [UInt8], source: String, reject: (RejectedRow) throws -> Void) throws -> [AnswerKeyEntry] {
        let table = try CSVTable(file: file, bytes: bytes)
        if table.has("contest"), table.has("year"), table.has("number"), table.has("answer") {
            return try table.rows(reject: { try reject($0.with(source: source)) }).compactMap { row in
                guard let year = Int(row["year"]), let number = Int(row["number"]), !row["answer"].isEmpty else {
                    try reject(
                        RejectedRow(
                            source: source, file: file, location: row.location, reason: .invalidField,
                            detail: "year, number and answer must be present", raw: row.raw))
                    return nil
                }
                return AnswerKeyEntry(source: source, contest: row["contest"], year: year, number: number, answer: row["answer"])
            }
        }
        guard table.has("problem_id"), table.has("answer") else {
            throw CurateError(.badInput, "an answer key needs columns contest,year,number,answer or problem_id,answer", file: file)
        }
        let indexFile = indexPath ?? AnswerKeyReader.siblingIndex(of: file)
        guard let indexFile, let indexBytes = FileManager.default.contents(atPath: indexFile) else {
            throw CurateError(.badInput, "a problem_id answer key needs its index CSV (--key-index FILE)", file: file)
        }
        let index = try CSVTable(file: indexFile, bytes: Array(indexBytes))
        var byID: [String: (contest: String, year: Int, number: Int, url: String?)] = [:]
        for row in try index.rows(reject: { try reject($0.with(source: source)) }) {
            guard let year = Int(row["year"]), let number = Int(row["problem_num"]) else { continue }
            let label = row["contest_label"]
            let contest = label.hasPrefix("\(year) ") ? String(label.dropFirst("\(year) ".count)) : label
            byID[row["problem_id"]] = (contest, year, number, row["problem_url"].isEmpty ? nil : row["problem_url"])
        }
        return try table.rows(reject: { try reject($0.with(source: source)) }).compactMap { row in
            guard let entry = byID[row["problem_id"]], !row["answer"].isEmpty else {
                try reject(
                    RejectedRow(
                        source: source, file: file, location: row.location, reason: .unmatchedAnswerKey,
                        detail: "problem_id \(row["problem_id"]) is not in \(indexFile)", raw: row.raw))
                return nil
            }
            return AnswerKeyEntry(
                source: source, contest: entry.contest, year: entry.year, number: entry.number,
                answer: row["answer"], url: entry.url)
        }
    }

    static func siblingIndex(of file: String) -> String? {
        let name = (file as NSString).lastPathComponent
        guard name.contains("answers") else { return nil }
        let dir = (file as NSString).deletingLastPathComponent
        let sibling = (dir as NSString).appendingPathComponent(name.replacingOccurrences(of: "answers", with: "index"))
        return FileManager.default.fileExists(atPath: sibling) ? sibling : nil
    }
}

/// A small CSV table by header name, for answer keys and their indexes.
struct CSVTable {
    struct Row {
        let values: [String: String]
        let location: String
        let raw: String
        subscript(_ column: String) -> String { values[column]?.trimmingCharacters(in: .whitespaces) ?? "" }
    }

    let file: String
    private let header: [String]
    private var records: CSVRecords

    init(file: String, bytes: [UInt8]) throws {
        self.file = file
        records = CSVRecords(bytes: bytes)
        guard let first = records.next(), let header = first.fields else {
            throw CurateError(.badInput, "no header row", file: file, line: 1)
        }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func has(_ column: String) -> Bool { header.contains(column) }

    /// Every data row; broken rows go to `reject` (their source is filled in by the caller).
    func rows(reject: (RejectedRow) throws -> Void) throws -> [Row] {
        var out: [Row] = []
        var iterator = records
        while let record = iterator.next() {
            if record.isBlank { continue }
            guard record.problem == nil, let fields = record.fields else {
                try reject(
                    RejectedRow(
                        source: "", file: file, location: record.location,
                        reason: record.fields == nil && record.problem == nil ? .invalidUTF8 : .malformedCSV,
                        detail: record.problem ?? "the row holds bytes that are not UTF-8", raw: record.raw))
                continue
            }
            var values: [String: String] = [:]
            for (i, name) in header.enumerated() where i < fields.count { values[name] = fields[i] }
            out.append(Row(values: values, location: record.location, raw: record.raw))
        }
        return out
    }
}

extension RejectedRow {
    func with(source: String) -> RejectedRow {
        var copy = self
        copy.source = source
        return copy
    }
}
