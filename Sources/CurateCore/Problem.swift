/// One competition problem as read from a source, with everything needed to trace it back there.
///
/// A `Problem` is what every reader produces and what the store keeps in its `problems` table.
/// Example: `Problem(source: "aime", sourceKey: "1983-1", sourceFile: "AIME.csv", problem: "Find …")`.
public struct Problem: Sendable, Equatable, Codable {
    /// The source name chosen at ingest (`--source`), such as `aime` or `omni-math`.
    public var source: String
    /// The row's key inside its source: an id from the file, `file[index]`, `file:line`, or a URL.
    public var sourceKey: String
    /// The file (path as given) the row was read from.
    public var sourceFile: String
    /// The page the problem comes from, where known.
    public var url: String?
    /// The contest, such as `AIME`, `AMC 8`, `AMC 10A`.
    public var contest: String?
    /// The contest year.
    public var year: Int?
    /// The problem number within its contest.
    public var number: Int?
    /// The problem statement (LaTeX kept as written).
    public var problem: String
    /// The official solution(s), sections separated by blank lines.
    public var solution: String?
    /// Multiple-choice options in order (`A` first), when the problem has them.
    public var choices: [String]?
    /// The final answer as written by the source, if it has one.
    public var answer: String?
    /// Where the answer came from (see ``AnswerOrigin``).
    public var answerOrigin: AnswerOrigin?
    /// Fields of the source row that have no column of their own, as a JSON object text.
    public var extraJSON: String?

    /// Creates a problem; every optional field defaults to absent.
    public init(
        source: String, sourceKey: String, sourceFile: String, url: String? = nil,
        contest: String? = nil, year: Int? = nil, number: Int? = nil, problem: String,
        solution: String? = nil, choices: [String]? = nil, answer: String? = nil,
        answerOrigin: AnswerOrigin? = nil, extraJSON: String? = nil
    ) {
        self.source = source
        self.sourceKey = sourceKey
        self.sourceFile = sourceFile
        self.url = url
        self.contest = contest
        self.year = year
        self.number = number
        self.problem = problem
        self.solution = solution
        self.choices = choices
        self.answer = answer
        self.answerOrigin = answerOrigin
        self.extraJSON = extraJSON
    }
}

/// Where a stored answer came from, so a curator can trust or re-check it.
public enum AnswerOrigin: String, Sendable, Codable, CaseIterable {
    /// The source file has an answer field.
    case sourceField = "source-field"
    /// The last `\boxed{}` of the official solution.
    case solutionBoxed = "solution-boxed"
    /// A separate answer key (letters) joined onto the problem.
    case answerKey = "answer-key"
    /// Extracted by a language model.
    case model = "model"
}
