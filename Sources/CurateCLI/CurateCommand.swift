import ArgumentParser
import Foundation

/// The root of the `curate` command line: builds RL training data for math reasoning models.
public struct CurateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "curate",
        abstract: "Build and check reinforcement-learning training data for math reasoning models.",
        discussion: """
            Sources are ingested into one SQLite store (default ./curate.sqlite); every later stage reads and \
            writes that store, so any stage can be re-run alone.
            """,
        version: VersionText.short,
        subcommands: [
            IngestCommand.self, StatsCommand.self, RejectsCommand.self, ParseCommand.self, ExtractCommand.self, GradableCommand.self,
            GradeCommand.self, ServeCommand.self, EmbedCommand.self, DedupCommand.self, OverlapCommand.self,
            ExportCommand.self, BuildCommand.self, ReportCommand.self,
        ])

    /// Creates the command (argument-parser needs it).
    public init() {}

    /// Runs `curate` with the process arguments. Usage errors exit with code 2 (as `curate grade` documents),
    /// other errors as argument-parser decides.
    public static func runMain() async {
        // The full version text reads /proc/cpuinfo and asks OpenBLAS: only when asked, never at every start.
        if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
            print(VersionText.text)
            return
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitStatus(for: error) == 2 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The status `curate` exits with after `error`: 2 for a usage error (argument-parser's validation failure),
    /// the code of an `ExitCode` (a verdict), otherwise what argument-parser decides.
    public static func exitStatus(for error: any Error) -> Int32 {
        let code = exitCode(for: error)
        return code == .validationFailure ? 2 : code.rawValue
    }
}
