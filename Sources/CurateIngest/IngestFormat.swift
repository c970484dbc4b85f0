import CurateCore

/// The source formats `curate ingest` reads; each has one reader.
public enum IngestFormat: String, Sendable, CaseIterable, Codable {
    /// The AIME 1983–2024 CSV (title line, then `ID,Year,Problem Number,Question,Answer,Part`).
    case aimeCSV = "aime-csv"
    /// A JSON array of row objects in the common shapes (problem/question, answer, solution, id, …).
    case json
    /// One JSON object per line, same shapes as `json`.
    case jsonl
    /// Saved AoPS wiki problem pages (HTML), one problem per page.
    case aopsHTML = "aops-html"
    /// A CSV of answer letters joined onto stored problems.
    case answerKey = "answer-key"
    /// Any CSV/JSON/JSONL source described by a mapping file (`--mapping FILE`).
    case mapping

    /// One line for `--help`.
    public var summary: String {
        switch self {
        case .aimeCSV: return "the AIME 1983-2024 CSV"
        case .json: return "a JSON array of problems (DeepScaleR, Qwen, STILL, Omni-MATH shapes)"
        case .jsonl: return "JSON lines, same shapes as json"
        case .aopsHTML: return "saved AoPS wiki problem pages"
        case .answerKey: return "a CSV of answer letters joined onto stored problems"
        case .mapping: return "any CSV/JSON/JSONL source described by --mapping FILE"
        }
    }
}
