import ArgumentParser

/// The root of the `curate` command line: builds RL training data for math reasoning models.
public struct CurateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "curate",
        abstract: "Build and check reinforcement-learning training data for math reasoning models.",
        discussion: """
            Sources are ingested into one SQLite store (default ./curate.sqlite); every later stage reads and
            writes that store, so any stage can be re-run alone.
            """,
        subcommands: [IngestCommand.self, StatsCommand.self, RejectsCommand.self])

    /// Creates the command (argument-parser needs it).
    public init() {}
}
