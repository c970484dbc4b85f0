/// One training row in verl's layout, plus MathCurate's provenance inside `extra_info`.
///
/// Field order in files follows the pandas/pyarrow-written reference files
/// (`/work/shared/data/verl-parquet/*.parquet`): struct children sorted by name, so
/// `prompt` elements are `{content, role}` and `reward_model` is `{ground_truth, style}`.
///
/// Example:
/// ```swift
/// let row = VerlRow(dataSource: "aops", prompt: [.init(role: "user", content: "What is 1+1?")],
///                   ability: "math", rewardModel: .init(groundTruth: "2"),
///                   extraInfo: .init(index: 0, split: "train", source: "aops", sourceKey: "p1"))
/// ```
public struct VerlRow: Sendable, Equatable, Hashable {
    /// One chat message of the prompt.
    public struct Message: Sendable, Equatable, Hashable {
        /// Message text.
        public var content: String
        /// `user`, `system` or `assistant`.
        public var role: String

        /// Creates a message.
        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }
    }

    /// verl's `reward_model` struct.
    public struct RewardModel: Sendable, Equatable, Hashable {
        /// The reference answer the reward function grades against.
        public var groundTruth: String
        /// The grading style; `rule` for rule-based math rewards.
        public var style: String

        /// Creates a reward spec.
        public init(groundTruth: String, style: String = "rule") {
            self.groundTruth = groundTruth
            self.style = style
        }
    }

    /// verl's `extra_info` struct: `index` and `split` as verl uses them, plus provenance.
    public struct ExtraInfo: Sendable, Equatable, Hashable {
        /// Our answer-type label (e.g. `integer`, `expression`), if known.
        public var answerType: String?
        /// Row index within its split.
        public var index: Int64
        /// The bare problem text without the instruction suffix (as in the reference files), if given.
        public var question: String?
        /// The source collection (e.g. `aops-wiki`).
        public var source: String
        /// The row's key in its source.
        public var sourceKey: String
        /// `train` or `test`.
        public var split: String
        /// Where the problem was found, if known.
        public var url: String?
        /// The contest year, if known.
        public var year: Int64?

        /// Creates extra info.
        public init(
            index: Int64, split: String, source: String, sourceKey: String, question: String? = nil,
            url: String? = nil, year: Int64? = nil, answerType: String? = nil
        ) {
            self.answerType = answerType
            self.index = index
            self.question = question
            self.source = source
            self.sourceKey = sourceKey
            self.split = split
            self.url = url
            self.year = year
        }
    }

    /// Dataset tag verl uses to pick a reward function.
    public var dataSource: String
    /// The chat prompt.
    public var prompt: [Message]
    /// Task family, `math`.
    public var ability: String
    /// What the reward function needs.
    public var rewardModel: RewardModel
    /// Index, split and provenance.
    public var extraInfo: ExtraInfo

    /// Creates a row.
    public init(
        dataSource: String, prompt: [Message], ability: String = "math", rewardModel: RewardModel,
        extraInfo: ExtraInfo
    ) {
        self.dataSource = dataSource
        self.prompt = prompt
        self.ability = ability
        self.rewardModel = rewardModel
        self.extraInfo = extraInfo
    }
}

extension VerlRow {
    /// DeepScaleR's instruction, appended to the problem after one space.
    public static let deepScaleRInstruction = "Let's think step by step and output the final answer within \\boxed{}."

    /// A math row the way DeepScaleR's exporter builds it: one user message
    /// `"\(problem) \(instruction)"`, ability `math`, style `rule`, and the bare problem kept as
    /// `extra_info.question`.
    ///
    /// Example:
    /// ```swift
    /// let row = VerlRow.math(problem: "What is $1+1$?", answer: "2", index: 0, split: "train",
    ///                        source: "aops-wiki", sourceKey: "p1", dataSource: "mathcurate")
    /// // row.prompt[0].content == "What is $1+1$? Let's think step by step and output the final answer within \\boxed{}."
    /// ```
    public static func math(
        problem: String, answer: String, index: Int64, split: String, source: String,
        sourceKey: String, dataSource: String, instruction: String = deepScaleRInstruction,
        url: String? = nil, year: Int64? = nil, answerType: String? = nil
    ) -> VerlRow {
        let content = instruction.isEmpty ? problem : problem + " " + instruction
        return VerlRow(
            dataSource: dataSource, prompt: [Message(role: "user", content: content)], ability: "math",
            rewardModel: RewardModel(groundTruth: answer, style: "rule"),
            extraInfo: ExtraInfo(
                index: index, split: split, source: source, sourceKey: sourceKey,
                question: problem, url: url, year: year, answerType: answerType))
    }

    /// Version tag of the row layout, written into manifests and file metadata.
    public static let schemaVersion = "mathcurate-verl-row/1"

    /// The Parquet schema: every field optional, as pandas writes it; strings annotated STRING (UTF8).
    public static let parquetSchema = ParquetSchema(fields: [
        .string("data_source"),
        .list("prompt", element: .group("element", [.string("content"), .string("role")])),
        .string("ability"),
        .group("reward_model", [.string("ground_truth"), .string("style")]),
        .group(
            "extra_info",
            [
                .string("answer_type"), .int64("index"), .string("question"), .string("source"),
                .string("source_key"), .string("split"), .string("url"), .int64("year"),
            ]),
    ])
}
