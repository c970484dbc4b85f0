import Foundation
import Testing
@testable import CurateEmbed

@Suite struct WordPieceTokenizerTests {
    static let tokenizer: WordPieceTokenizer? = try? Fixtures.tokenizer()

    @Test func vocabularyHasSpecialTokens() throws {
        let tok = try Fixtures.tokenizer()
        #expect(tok.tokens.count == 30_522)
        #expect(tok.padID == 0)
        #expect(tok.unknownID == 100)
        #expect(tok.classID == 101)
        #expect(tok.separatorID == 102)
    }

    @Test("all 50 reference texts give the reference ids", arguments: Fixtures.reference)
    func matchesReference(_ row: Fixtures.ReferenceRow) throws {
        let tok = try #require(Self.tokenizer)
        let ids = tok.encode(row.text)
        #expect(ids == row.tokenIDs)
        #expect(tok.decodeTokens(ids) == row.tokens)
    }

    @Test("accents are stripped after NFD; ß, ø, ł and ligatures are kept", arguments: Fixtures.rows([17, 18, 49]))
    func accents(_ row: Fixtures.ReferenceRow) throws {
        let tok = try #require(Self.tokenizer)
        #expect(tok.decodeTokens(tok.encode(row.text)) == row.tokens)
    }

    @Test func accentExamples() throws {
        let tok = try #require(Self.tokenizer)
        #expect(tok.decodeTokens(tok.encode("Héllo WORLD!")) == ["[CLS]", "hello", "world", "!", "[SEP]"])
        #expect(WordPieceTokenizer.normalize("Café") == "cafe")
        #expect(WordPieceTokenizer.normalize("ÅNGSTRÖM") == "angstrom")
    }

    @Test("CJK ideographs are split; kana and Hangul are not", arguments: Fixtures.rows([21, 22, 23, 24]))
    func cjk(_ row: Fixtures.ReferenceRow) throws {
        let tok = try #require(Self.tokenizer)
        #expect(tok.encode(row.text) == row.tokenIDs)
    }

    @Test func cjkSplitting() {
        let words = WordPieceTokenizer.basicTokens("数学题abc").map { String(String.UnicodeScalarView($0)) }
        #expect(words == ["数", "学", "题", "abc"])
    }

    @Test("punctuation: ASCII symbol ranges and Unicode P*", arguments: Fixtures.rows([30, 31, 32, 40, 41, 44]))
    func punctuation(_ row: Fixtures.ReferenceRow) throws {
        let tok = try #require(Self.tokenizer)
        #expect(tok.encode(row.text) == row.tokenIDs)
    }

    @Test func punctuationClasses() {
        for ch in "$^+=<>|~`\\!?.,;:()[]{}" {
            #expect(WordPieceTokenizer.isPunctuation(ch.unicodeScalars.first ?? " "), "\(ch)")
        }
        #expect(WordPieceTokenizer.isPunctuation("。"))
        #expect(!WordPieceTokenizer.isPunctuation("a"))
        #expect(!WordPieceTokenizer.isPunctuation("√"))
    }

    @Test("whitespace and control characters", arguments: Fixtures.rows([0, 1, 28, 29, 42]))
    func cleaning(_ row: Fixtures.ReferenceRow) throws {
        let tok = try #require(Self.tokenizer)
        #expect(tok.encode(row.text) == row.tokenIDs)
    }

    @Test("a 101-char word is [UNK]; 100 chars are split", arguments: Fixtures.rows([36, 37, 38, 39]))
    func longWords(_ row: Fixtures.ReferenceRow) throws {
        let tok = try #require(Self.tokenizer)
        #expect(tok.encode(row.text) == row.tokenIDs)
    }

    @Test func longWordLimit() throws {
        let tok = try #require(Self.tokenizer)
        #expect(tok.encode(String(repeating: "a", count: 101)) == [101, 100, 102])
        #expect(tok.encode(String(repeating: "a", count: 100)).count > 3)
    }

    @Test("truncation to 256 ids including [CLS]/[SEP]", arguments: Fixtures.rows([47, 48]))
    func truncation(_ row: Fixtures.ReferenceRow) throws {
        let tok = try #require(Self.tokenizer)
        let ids = tok.encode(row.text)
        #expect(row.truncated)
        #expect(ids.count == 256)
        #expect(ids.last == tok.separatorID)
        #expect(ids == row.tokenIDs)
    }

    @Test func customMaxLength() throws {
        let tok = try WordPieceTokenizer(vocabularyURL: Fixtures.vocabulary, maxLength: 5)
        #expect(tok.decodeTokens(tok.encode("one two three four five")) == ["[CLS]", "one", "two", "three", "[SEP]"])
    }

    @Test func greedyLongestMatchAndUnknownWord() throws {
        let tok = try WordPieceTokenizer(tokens: [
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able",
            "unaff", "##a", "##ble", "x",
        ])
        #expect(tok.decodeTokens(tok.encode("unaffable")) == ["[CLS]", "unaff", "##able", "[SEP]"])
        // "##q" is missing, so the whole word becomes [UNK] while neighbours survive.
        #expect(tok.decodeTokens(tok.encode("x unaffq x")) == ["[CLS]", "x", "[UNK]", "x", "[SEP]"])
    }

    @Test func missingVocabularyNamesFetchScript() {
        #expect(throws: EmbedError.self) {
            _ = try WordPieceTokenizer(vocabularyURL: URL(fileURLWithPath: "/nonexistent/vocab.txt"))
        }
    }
}
