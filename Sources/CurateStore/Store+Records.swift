import CurateCore
import GRDB

// GRDB record types of the store's rows: each reads itself from a row of its table (or of `curated_problems`), and
// typed columns decode with an error that names the column instead of trapping.

extension StoredProblem: FetchableRecord {
    /// A row of `curated_problems` (`id`, `source`, `problem`, `answer`): the one record every stage reads.
    public init(row: Row) throws {
        self.init(id: row["id"], source: row["source"], problem: row["problem"], answer: row["answer"])
    }
}

extension SimilarPair: FetchableRecord {
    /// A row of `similar_pairs` (`a`, `b`, `cosine`, `kind`).
    public init(row: Row) throws {
        self.init(a: row["a"], b: row["b"], cosine: Float(row["cosine"] as Double), kind: try row.decode(PairKind.self, forColumn: "kind"))
    }
}

extension ExtractionRecord: FetchableRecord {
    /// A row of `extractions`.
    public init(row: Row) throws {
        self.init(
            problemID: row["problem_id"], status: try row.decode(ExtractionStatus.self, forColumn: "status"),
            origin: try row.decode(ExtractionOrigin.self, forColumn: "origin"), answer: row["answer"],
            problem: row["problem"], reason: row["reason"], samples: Store.strings(fromJSON: row["samples"]),
            requestHash: row["request_hash"], attempts: row["attempts"])
    }
}

extension StoredReject: FetchableRecord {
    /// A row of `rejects`.
    public init(row: Row) throws {
        self.init(
            id: row["id"], source: row["source"], file: row["file"], location: row["location"],
            reason: row["reason"], detail: row["detail"], raw: row["raw"])
    }
}
