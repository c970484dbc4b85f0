import ArgumentParser
import CurateEmbed
import CurateExport
import CuratePipeline
import Foundation

/// `curate dedup`: drops near-duplicate problems, keeping one per cluster.
struct DedupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup", abstract: "Drop near-duplicate problems (MiniLM cosine), one keeper per cluster.",
        discussion: """
            Every stage compares the curated record (the problem as extraction left it). Dedup compares its \
            comparison text: the problem without diagram code ([asy], TikZ), image file names, URLs, trailing \
            credits and signatures, with LaTeX spellings folded (\\dfrac to \\frac, 43/99 to a fraction, \
            \\left and \\right dropped, spacing). Rows with equal comparison texts are exact duplicates, joined \
            with no model. The other kept rows (those no other step dropped) are embedded (cached in the store by \
            comparison text), compared all-pairs in cache-sized blocks, and joined into clusters by union-find. \
            The keeper of a cluster is the row whose source comes first in --priority (unlisted sources after, by \
            name), then the oldest row. The others are dropped with the evidence "near-duplicate of #K, cos \
            0.943" or "exact duplicate of #K"; nothing is deleted, and a rerun replaces the previous decision (with \
            --sources, only the decisions about those sources' rows).

            Template rule: two similar problems are template siblings when each comparison text has a number the \
            other lacks (13-14-15 versus 5-12-13; a copy that only adds numbers is the same problem), or when \
            both have answers and the grader finds them different. Siblings are different problems, both kept, \
            unless --merge-templates: a row that is a sibling of a kept row and joins its cluster only through \
            dropped rows stays.

            --explain ID prints what the last dedup run decided about one row: its cluster, each member's \
            comparison text, the pairs with their cosines and the rule that joined them, and the siblings kept \
            apart with the numbers that differ. It reads the store only.

            Vectors from elsewhere: --embeddings FILE (or a folder of .parquet files, as Ray and Spark write them) \
            takes each row's vector by problem id from an `id` + `embedding` table, such as a cluster's \
            mathcurate.ray.embed output or `curate embed --parquet`; no model is loaded and the store's cache is \
            not touched. Every row dedup compares must have a unit vector there.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var screen: ScreenOptions

    @Option(help: "Cosine above which two problems are near-duplicates.")
    var threshold: Float = 0.9

    @Option(help: "Above this many rows, search with k-means partitions (multi-probe) instead of all pairs; 0: always.")
    var partitionAbove: Int = DedupStage.defaultPartitionAbove

    @Option(
        help: ArgumentHelp(
            "Take the vectors from this Parquet file or folder (id + embedding) instead of the model.",
            valueName: "path"))
    var embeddings: String?

    @Flag(help: "Treat template siblings as duplicates too.")
    var mergeTemplates = false

    @Option(help: "Comma-separated sources in keeper order (first wins).")
    var priority: String?

    @Option(
        parsing: .upToNextOption,
        help: "Only these sources (default: all); the rows of other sources keep what earlier runs decided.")
    var sources: [String] = []

    @Option(help: ArgumentHelp("Explain the last dedup decision about this problem id instead of running dedup.", valueName: "id"))
    var explain: Int64?

    func validate() throws {
        var stage = DedupStage()
        stage.threshold = threshold
        stage.partitionAbove = partitionAbove
        if let problem = stage.settingProblem() { throw ValidationError(problem.description) }
    }

    func run() async throws {
        let store = try store.openExisting()
        if let explain {
            print(try DedupExplanation(store: store, row: explain).text)
            return
        }
        try store.requireSources(sources, flag: "--sources")
        var stage = DedupStage()
        stage.threshold = threshold
        stage.mergeTemplates = mergeTemplates
        stage.partitionAbove = partitionAbove
        stage.sourcePriority = priority.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        stage.sources = sources.isEmpty ? nil : sources
        let started = Date()
        let report: DedupStage.Report
        if let embeddings {
            let url = URL(fileURLWithPath: embeddings)
            report = try stage.run(store: store, vectors: try EmbeddingParquet.read(from: url), file: url.path)
        } else {
            let progress = RateProgress("embedding")
            report = try stage.run(
                store: store, cache: try model.cache(for: store, screening: !screen.noScreen),
                progress: progress.update)
        }
        print(
            """
            dedup: \(report.rows) rows (\(embeddings.map { "vectors from \($0)" } ?? "\(report.embedded) embedded exactly now, \(report.screened) screened by the fast pass, the rest cached")), \(report.exactDuplicates) exact duplicates, \
            \(report.pairs) pairs with cos > \(threshold), \
            \(report.templateSiblings) template siblings kept apart, \(report.clusters) clusters, \(report.dropped) rows dropped \
            as duplicates (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)
            """)
    }
}
