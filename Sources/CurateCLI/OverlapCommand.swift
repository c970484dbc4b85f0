import ArgumentParser
import CurateEmbed
import CuratePipeline
import Foundation

/// `curate overlap`: finds training rows that appear in evaluation sets, and drops them.
struct OverlapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overlap", abstract: "Check training rows against evaluation sets; drop contaminated rows.",
        discussion: """
            Every kept row of the other sources is compared with every row of the evaluation sources: exact \
            matches of the normalised text, and near matches with cosine above --threshold. Matching training \
            rows are dropped (step overlap) with the evaluation row as evidence; a rerun replaces the previous \
            decision.

            The store remembers its evaluation sources: the --eval sources join those of earlier checks (or of the \
            last build), and every check compares against all of them; --replace makes --eval the only ones. \
            curate export leaves evaluation sources out of training shards unless they are named in its --sources.

            Example: curate overlap --eval eval-aime24 eval-amc23 eval-math500 --report overlap.json
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var screen: ScreenOptions

    @Option(parsing: .upToNextOption, help: "Evaluation sources (as ingested), added to those the store remembers.")
    var eval: [String]

    @Flag(help: "Make --eval the only evaluation sources (forget those of earlier checks).")
    var replace = false

    @Option(help: "Cosine above which a training row is a near match.")
    var threshold: Float = 0.9

    @Option(help: "Write the findings as JSON to this file.")
    var report: String?

    func validate() throws {
        var stage = OverlapStage(evalSources: eval)
        stage.threshold = threshold
        if let problem = stage.settingProblem() { throw ValidationError(problem.description) }
    }

    func run() async throws {
        let store = try store.openExisting()
        try store.requireSources(eval, flag: "--eval")
        let earlier = replace ? [] : try store.evaluationSources().filter { !eval.contains($0) }
        if !earlier.isEmpty {
            print("overlap: also against the evaluation sources of earlier checks: \(earlier.joined(separator: ", ")) (--replace forgets them)")
        }
        var stage = OverlapStage(evalSources: earlier + eval)
        stage.threshold = threshold
        let progress = RateProgress("embedding")
        let result = try stage.run(
            store: store, cache: try model.cache(for: store, screening: !screen.noScreen),
            progress: progress.update)
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(result).write(to: URL(fileURLWithPath: report))
        }
        let exact = result.findings.filter { $0.kind == .evalExact }.count
        print(
            "overlap: \(result.trainRows) training rows against \(result.evalRows) evaluation rows: \(exact) exact, \(result.findings.count - exact) near (cos > \(threshold)); \(result.findings.count) rows dropped"
        )
        for f in result.findings {
            print(
                """

                [\(f.kind.rawValue), cos \(String(format: "%.3f", f.cosine))] #\(f.trainID) \(f.trainSource) ~ #\(f.evalID) \(f.evalSource)
                  train: \(Self.excerpt(f.trainText))
                  eval:  \(Self.excerpt(f.evalText))
                """)
        }
    }

    static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 160 ? String(flat.prefix(160)) + "…" : flat
    }
}
