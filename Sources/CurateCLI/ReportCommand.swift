import ArgumentParser
import CuratePipeline
import Foundation

/// `curate report`: one self-contained HTML page with the store's numbers and charts.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write an HTML report (no network, inline SVG charts) of the store.",
        discussion:
            "Rows by source, answer types, drops per step and reason, rejects, dedup and overlap pairs with the strongest overlap matches, problems by year, and the last build's steps."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The HTML file to write.")
    var out: String = "report.html"

    func run() async throws {
        let html = HTMLReport.render(try store.openExisting().reportData())
        try Data(html.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        print("wrote \(out) (\(html.utf8.count) bytes)")
    }
}
