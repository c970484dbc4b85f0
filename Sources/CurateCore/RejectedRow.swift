/// An input row that could not become a ``Problem``, kept with where it was and why.
///
/// Rejects are stored, never dropped: `curate rejects` lists them.
/// Example: `RejectedRow(source: "aime", file: "a.csv", location: "line 12", reason: .missingProblem, raw: "…")`.
public struct RejectedRow: Sendable, Equatable {
    /// The source name chosen at ingest.
    public var source: String
    /// The file the row was read from.
    public var file: String
    /// Where in the file: `line 12`, `lines 12-14`, `element 7`, or `page`.
    public var location: String
    /// Why the row was rejected.
    public var reason: RejectReason
    /// A human-readable detail of the reason.
    public var detail: String
    /// The raw text of the row (cut to a few kilobytes).
    public var raw: String

    /// Creates a reject; `raw` is cut to 4,096 characters.
    public init(source: String, file: String, location: String, reason: RejectReason, detail: String, raw: String) {
        self.source = source
        self.file = file
        self.location = location
        self.reason = reason
        self.detail = detail
        self.raw = raw.count > 4096 ? String(raw.prefix(4096)) + "…" : raw
    }

    /// `file:location: reason: detail`, the form printed to users.
    public var message: String { "\(file): \(location): \(reason.rawValue): \(detail)" }
}

/// The reasons an input row is rejected; stable strings used in the store and in `curate stats`.
public enum RejectReason: String, Sendable, Codable, CaseIterable {
    /// The row has no problem text.
    case missingProblem = "missing-problem"
    /// The row is not valid JSON (or the file ends inside it).
    case malformedJSON = "malformed-json"
    /// A CSV row whose quotes do not close, or whose fields do not fit the header.
    case malformedCSV = "malformed-csv"
    /// The bytes are not UTF-8.
    case invalidUTF8 = "invalid-utf8"
    /// An HTML page without a recognisable problem.
    case noProblemOnPage = "no-problem-on-page"
    /// An answer that holds several accepted values (kept as a reject, see README).
    case multipleAnswers = "multiple-answers"
    /// A row whose key is already stored with different content; the stored row is kept.
    case conflictsWithStored = "conflicts-with-stored"
    /// An answer-key line that names no stored problem yet.
    case unmatchedAnswerKey = "unmatched-answer-key"
    /// A row with a field of the wrong type or an unusable value.
    case invalidField = "invalid-field"
}
