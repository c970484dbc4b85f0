/// A stage setting out of its range, found by the stage's `settingProblem()`: the one place where the ranges are
/// decided, so the command line (`--partition-above`) and `curate.toml` (`dedup.partition_above`) refuse the same
/// values with the same reason.
public struct SettingProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting's name in snake case, as in `curate.toml` (`threshold`, `partition_above`, `shard_rows`).
    public var key: String
    /// What it must be, e.g. `must be between 0 and 1 (exclusive), got 1.5`.
    public var reason: String

    /// A problem with `key`.
    public init(_ key: String, _ reason: String) {
        self.key = key
        self.reason = reason
    }

    /// The option's name on the command line: `--partition-above`.
    public var optionName: String { "--" + key.replacingOccurrences(of: "_", with: "-") }

    /// `--partition-above must be 0 or more, got -1`, as the command line says it.
    public var description: String { "\(optionName) \(reason)" }

    /// The message for the key in a `curate.toml` table: `dedup.partition_above must be 0 or more, got -1`.
    public func inTable(_ table: String) -> String { "\(table).\(key) \(reason)" }

    /// The problem of a cosine threshold, which must lie strictly between 0 and 1.
    static func threshold(_ value: Float) -> SettingProblem? {
        value > 0 && value < 1 ? nil : SettingProblem("threshold", "must be between 0 and 1 (exclusive), got \(value)")
    }
}

extension DedupStage {
    /// The first setting out of range, or nil.
    public func settingProblem() -> SettingProblem? {
        if let problem = SettingProblem.threshold(threshold) { return problem }
        if partitionAbove < 0 { return SettingProblem("partition_above", "must be 0 or more, got \(partitionAbove)") }
        return nil
    }
}

extension OverlapStage {
    /// The first setting out of range, or nil.
    public func settingProblem() -> SettingProblem? {
        if evalSources.isEmpty { return SettingProblem("eval", "must name at least one evaluation source") }
        return SettingProblem.threshold(threshold)
    }
}

extension ExportStage {
    /// The first setting out of range, or nil.
    public func settingProblem() -> SettingProblem? {
        if shardRows < 1 { return SettingProblem("shard_rows", "must be 1 or more, got \(shardRows)") }
        if split.isEmpty || !split.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
            return SettingProblem("split", "must be a plain name such as train or test, got \"\(split)\"")
        }
        return nil
    }
}

extension ExtractConfig {
    /// The first setting out of range, or nil.
    public func settingProblem() -> SettingProblem? {
        if !(1...256).contains(concurrency) { return SettingProblem("concurrency", "must be between 1 and 256, got \(concurrency)") }
        if let rpm = requestsPerMinute, rpm < 1 { return SettingProblem("rpm", "must be 1 or more, got \(rpm)") }
        if let base = baseURL, !(base.hasPrefix("http://") || base.hasPrefix("https://")) {
            return SettingProblem("base_url", "must start with http:// or https://, got \"\(base)\"")
        }
        return nil
    }
}
