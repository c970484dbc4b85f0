import CLibXML2
import CurateCore
import Foundation

/// Reads a saved AoPS wiki problem page: the statement with its LaTeX restored, the answer choices, every
/// solution, and the answer letter from the solutions' `\boxed{}`; contest, year and number from the title.
///
/// The page's math is only in `<img class="latex|latexcenter" alt="$…$">`; libxml2 decodes the alt text's
/// entities. Sections are the `h2`/`h3` headings of the article: `Problem` (or, when a page has no such heading,
/// whatever precedes the first solution), `Solution…` sections, and nothing from `See Also` on.
struct AoPSPageReader {
    func read(file: String, bytes: [UInt8], source: String, emit: (RowMapper.Outcome) throws -> Void) throws {
        func reject(_ detail: String) throws {
            try emit(
                .reject(
                    RejectedRow(
                        source: source, file: file, location: "page", reason: .noProblemOnPage,
                        detail: detail, raw: String(decoding: bytes.prefix(2048), as: UTF8.self))))
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            try emit(
                .reject(
                    RejectedRow(
                        source: source, file: file, location: "page", reason: .invalidUTF8,
                        detail: "the page holds bytes that are not UTF-8", raw: String(decoding: bytes.prefix(2048), as: UTF8.self))))
            return
        }
        let doc = try HTMLDocument(data: Data(bytes), name: file)
        let title =
            doc.select("//h1[@id='firstHeading']").first.map(HTMLNode.content)
            ?? doc.select("//title").last.map(HTMLNode.content) ?? ""
        guard
            let article = doc.select("//div[contains(concat(' ', @class, ' '), ' mw-parser-output ')]").first
                ?? doc.select("//div[@id='mw-content-text']").first
        else {
            try reject("no article content (mw-parser-output) on the page")
            return
        }
        let sections = AoPSSections(article: article)
        guard let statement = sections.problem, !statement.isEmpty else {
            try reject("the article has no problem statement")
            return
        }
        let parsedTitle = AoPSTitle(title)
        let (text, choices) = AnswerChoices.split(statement)
        let solutions = sections.solutions
        let solutionText = solutions.isEmpty ? nil : solutions.joined(separator: "\n\n")
        let answer = solutionText.flatMap { AnswerChoices.letter(inSolutions: $0, choices: choices) }
        let url = parsedTitle.map { "https://artofproblemsolving.com/wiki/index.php/\($0.slug)" }
        try emit(
            .problem(
                Problem(
                    source: source, sourceKey: url ?? (file as NSString).lastPathComponent, sourceFile: file, url: url,
                    contest: parsedTitle?.contest, year: parsedTitle?.year, number: parsedTitle?.number,
                    problem: text, solution: solutionText, choices: choices, answer: answer,
                    answerOrigin: answer == nil ? nil : .solutionBoxed)))
    }
}

/// `1999 AMC 8 Problems/Problem 1` → year 1999, contest `AMC 8`, number 1.
struct AoPSTitle {
    var year: Int
    var contest: String
    var number: Int
    /// The wiki page name, spaces as underscores.
    var slug: String

    init?(_ raw: String) {
        let title = raw.replacingOccurrences(of: " - AoPS Wiki", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let marker = title.range(of: " Problems/Problem ") else { return nil }
        let head = title[..<marker.lowerBound]
        guard let space = head.firstIndex(of: " "), let year = Int(head[..<space]),
            let number = Int(title[marker.upperBound...].trimmingCharacters(in: .whitespaces))
        else { return nil }
        self.year = year
        self.contest = String(head[head.index(after: space)...])
        self.number = number
        self.slug = title.replacingOccurrences(of: " ", with: "_")
    }
}
