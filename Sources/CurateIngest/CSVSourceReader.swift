import CurateCore
import Foundation

/// Reads a CSV source through a ``SourceMapping``: `skipLines` records, a header row, then one problem per row.
struct CSVSourceReader {
    let mapping: SourceMapping
    /// A last touch on each mapped problem (the AIME preset turns its `Part` column into a contest name).
    var adjust: (@Sendable (inout Problem) -> Void)?

    func read(file: String, bytes: [UInt8], source: String, emit: (RowMapper.Outcome) throws -> Void) throws {
        let mapper = RowMapper(mapping: mapping, source: source, file: file)
        let name = (file as NSString).lastPathComponent
        var records = CSVRecords(bytes: bytes)
        for _ in 0..<mapping.skipLines { _ = records.next() }
        guard let headerRecord = records.next(), let header = headerRecord.fields else {
            throw CurateError(.badInput, "no header row (after \(mapping.skipLines) skipped line(s))", file: file)
        }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = mapping.fields.problem.filter { !columns.contains($0) }
        guard missing.count < mapping.fields.problem.count else {
            throw CurateError(
                .badInput, "the header has no problem column (\(mapping.fields.problem.joined(separator: ", ")))",
                file: file, line: headerRecord.line)
        }
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() where index[column] == nil { index[column] = i }
        for record in records {
            if record.isBlank { continue }
            func reject(_ reason: RejectReason, _ detail: String) throws {
                try emit(
                    .reject(
                        RejectedRow(
                            source: source, file: file, location: record.location, reason: reason,
                            detail: detail, raw: record.raw)))
            }
            if let problem = record.problem { try reject(.malformedCSV, problem); continue }
            guard let fields = record.fields else { try reject(.invalidUTF8, "the row holds bytes that are not UTF-8"); continue }
            if fields.count > columns.count, fields[columns.count...].contains(where: { !$0.isEmpty }) {
                try reject(.malformedCSV, "\(fields.count) fields, but the header has \(columns.count)")
                continue
            }
            let outcome = mapper.map(
                lookup: { name in index[name].flatMap { $0 < fields.count && !fields[$0].isEmpty ? .string(fields[$0]) : nil } },
                allFields: columns.enumerated().compactMap { i, c in
                    i < fields.count && !fields[i].isEmpty && !c.isEmpty ? (c, .string(fields[i])) : nil
                },
                location: record.location, fallbackKey: "\(name):\(record.line)", raw: record.raw)
            if case .problem(var problem) = outcome, let adjust {
                adjust(&problem)
                try emit(.problem(problem))
            } else {
                try emit(outcome)
            }
        }
    }
}

extension SourceMapping {
    /// The AIME 1983–2024 CSV: a title line, then `ID,Year,Problem Number,Question,Answer,Part`.
    static let aimeCSV = SourceMapping(
        format: .csv, skipLines: 1,
        fields: FieldNames(
            problem: ["Question"], answer: ["Answer"], id: ["ID"], year: ["Year"],
            number: ["Problem Number"], contest: ["Part"]),
        contest: "AIME", rejectAlternativeAnswers: true)
}

enum AIMEPreset {
    /// `Part` I/II becomes `AIME I` / `AIME II`; no part is plain `AIME`.
    static let adjust: @Sendable (inout Problem) -> Void = { problem in
        if let part = problem.contest, part != "AIME" { problem.contest = "AIME \(part)" }
    }
}
