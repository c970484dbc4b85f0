import Foundation

/// The BERT uncased WordPiece tokenizer of all-MiniLM-L6-v2, matching Hugging Face `BertTokenizerFast` as
/// sentence-transformers calls it (`[CLS] … [SEP]`, truncation to `maxLength` ids, no padding).
///
/// Steps: clean text (drop NUL, U+FFFD and Cc/Cf/Co/Cs except tab/newline/CR, map White_Space to a space), pad CJK
/// ideographs with spaces, NFD and drop Mn marks, lowercase each scalar, split on whitespace and isolate punctuation
/// (ASCII 33–47, 58–64, 91–96, 123–126 or category P*), then greedy longest-match WordPiece with `##` pieces; a word
/// of more than 100 scalars, or one with an unmatchable piece, becomes `[UNK]`.
///
/// Example:
/// ```swift
/// let tok = try WordPieceTokenizer(vocabularyURL: dir.appendingPathComponent("vocab.txt"))
/// tok.encode("Héllo WORLD!")   // [101, 7592, 2088, 999, 102]
/// ```
public struct WordPieceTokenizer: Sendable {
    /// Token id by vocabulary entry.
    public let vocabulary: [String: Int32]
    /// Vocabulary entry by token id.
    public let tokens: [String]
    /// Id of `[UNK]`.
    public let unknownID: Int32
    /// Id of `[CLS]`.
    public let classID: Int32
    /// Id of `[SEP]`.
    public let separatorID: Int32
    /// Id of `[PAD]`.
    public let padID: Int32
    /// Maximum number of ids produced by `encode`, including `[CLS]` and `[SEP]` (sentence-transformers uses 256).
    public let maxLength: Int
    /// Words longer than this many scalars become `[UNK]`.
    public let maxInputCharsPerWord: Int

    /// Loads `vocab.txt` (one entry per line, id = line number).
    /// - Parameters:
    ///   - vocabularyURL: the vocabulary file.
    ///   - maxLength: truncation length including `[CLS]`/`[SEP]`; at least 2.
    /// - Throws: `EmbedError(.modelMissing)` if the file is absent, `.invalidVocabulary` if a special token is missing.
    public init(vocabularyURL: URL, maxLength: Int = 256) throws {
        let path = vocabularyURL.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw EmbedError(.modelMissing, "vocabulary file not found; run scripts/fetch-model.sh", file: path)
        }
        let text: String
        do { text = try String(contentsOf: vocabularyURL, encoding: .utf8) } catch {
            throw EmbedError(.io, "cannot read vocabulary: \(error)", file: path)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        try self.init(tokens: lines, maxLength: maxLength, source: path)
    }

    /// Builds a tokenizer from an in-memory vocabulary (id = index).
    /// - Throws: `EmbedError(.invalidVocabulary)` if `[UNK]`, `[CLS]`, `[SEP]` or `[PAD]` is missing or `maxLength < 2`.
    public init(tokens: [String], maxLength: Int = 256, source: String? = nil) throws {
        var vocabulary: [String: Int32] = [:]
        vocabulary.reserveCapacity(tokens.count)
        for (i, token) in tokens.enumerated() where vocabulary[token] == nil {
            vocabulary[token] = Int32(i)
        }
        func special(_ name: String) throws -> Int32 {
            guard let id = vocabulary[name] else {
                throw EmbedError(.invalidVocabulary, "vocabulary lacks \(name)", file: source)
            }
            return id
        }
        guard maxLength >= 2 else { throw EmbedError(.invalidArgument, "maxLength must be at least 2") }
        self.vocabulary = vocabulary
        self.tokens = tokens
        self.unknownID = try special("[UNK]")
        self.classID = try special("[CLS]")
        self.separatorID = try special("[SEP]")
        self.padID = try special("[PAD]")
        self.maxLength = maxLength
        self.maxInputCharsPerWord = 100
    }

    /// Token ids for `text`: `[CLS]`, at most `maxLength - 2` WordPiece ids, `[SEP]`.
    /// - Complexity: O(n · w) for n scalars and longest word w (≤ 100).
    public func encode(_ text: String) -> [Int32] {
        var ids: [Int32] = [classID]
        let budget = maxLength - 2
        for word in Self.basicTokens(text) {
            appendWordPieces(of: word, to: &ids)
            if ids.count > budget { break }
        }
        if ids.count - 1 > budget { ids.removeLast(ids.count - 1 - budget) }
        ids.append(separatorID)
        return ids
    }

    /// The vocabulary strings for `ids` (out-of-range ids give `[UNK]`).
    public func decodeTokens(_ ids: [Int32]) -> [String] {
        ids.map { id in Int(id) >= 0 && Int(id) < tokens.count ? tokens[Int(id)] : "[UNK]" }
    }

    /// Greedy longest-match-first WordPiece split of one basic token, appending ids (or one `[UNK]`).
    func appendWordPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
        if word.count > maxInputCharsPerWord {
            ids.append(unknownID)
            return
        }
        let mark = ids.count
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                var piece = start > 0 ? "##" : ""
                piece.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = vocabulary[piece] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.removeLast(ids.count - mark)
                ids.append(unknownID)
                return
            }
            ids.append(id)
            start = end  // end > start, so the loop progresses
        }
    }
}
