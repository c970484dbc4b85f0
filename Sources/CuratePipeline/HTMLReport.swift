import CurateCore
import CurateStore

/// Renders ``ReportData`` as one self-contained HTML page: tables and inline SVG bar charts, no script, no network.
public enum HTMLReport {
    /// The page.
    public static func render(_ data: ReportData, title: String = "MathCurate report") -> String {
        var body = "<h1>\(escape(title))</h1>\n"
        let total = data.sources.reduce(0) { $0 + $1.rows }
        let kept = data.sources.reduce(0) { $0 + $1.kept }
        body +=
            "<p class=\"lead\">\(total) problems from \(data.sources.count) sources; \(kept) kept for training, \(total - kept) dropped (kept in the store with their reason).</p>\n"
        if !data.lastBuild.isEmpty {
            body += section(
                "Last build",
                table(
                    ["step", "status", "rows in", "kept", "dropped", "note"],
                    data.lastBuild.map { [$0.step, $0.status, String($0.rowsIn), String($0.kept), droppedText($0.dropped), $0.note] }))
        }
        body += section(
            "Rows by source",
            barChart(data.sources.map { ($0.source, $0.rows, $0.kept) }, legend: ("rows", "kept"))
                + table(["source", "rows", "kept", "with answer"], data.sources.map { [$0.source, String($0.rows), String($0.kept), String($0.answered)] }))
        if !data.extractions.isEmpty {
            body += section(
                "Answer extraction (status / origin)", barChart(data.extractions.map { ("\($0.status) / \($0.origin)", $0.count, nil) }, legend: nil))
        }
        if !data.reviews.isEmpty {
            body += section(
                "Marked for review by extraction",
                table(
                    ["source", "problem", "why"],
                    data.reviews.map { [$0.source, excerpt($0.problem), $0.reason] }))
        }
        body += section("Answer types (gradable answers)", barChart(data.answerTypes.map { ($0.label, $0.count, nil) }, legend: nil))
        body += section("Drops by step and reason", barChart(data.drops.map { ("\($0.step): \($0.reason)", $0.count, nil) }, legend: nil))
        if !data.rejects.isEmpty {
            body += section("Rejected input rows", table(["reason", "rows"], data.rejects.map { [$0.reason, String($0.count)] }))
        }
        if !data.pairs.isEmpty {
            body += section(
                "Similar pairs (dedup clusters and overlap)", table(["step", "kind", "pairs"], data.pairs.map { [$0.step, $0.kind, String($0.count)] }))
        }
        if !data.overlapExamples.isEmpty {
            body += section(
                "Overlap with evaluation sets (strongest matches)",
                table(
                    ["kind", "cos", "training row", "evaluation row"],
                    data.overlapExamples.map {
                        [
                            $0.kind, String(Double(Int($0.cosine * 1000)) / 1000), "[\($0.trainSource)] " + excerpt($0.train),
                            "[\($0.evalSource)] " + excerpt($0.eval),
                        ]
                    }))
        }
        if !data.years.isEmpty {
            body += section("Problems by contest year", barChart(data.years.map { (String($0.year), $0.count, nil) }, legend: nil))
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
            table { border-collapse: collapse; margin: .5em 0; } td, th { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; } td.n { text-align: right; } .lead { font-size: 1.1em; }
            svg text { font: 12px system-ui, sans-serif; }
            </style></head><body>
            \(body)
            </body></html>
            """
    }

    private static func section(_ title: String, _ content: String) -> String { "<h2>\(escape(title))</h2>\n\(content)\n" }

    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        var html = "<table><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            html += "<tr>" + row.map { cell in Int(cell) != nil ? "<td class=\"n\">\(cell)</td>" : "<td>\(escape(cell))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>"
    }

    /// Horizontal bars: one per label, the value as a light bar and the optional second value as a dark one.
    private static func barChart(_ bars: [(String, Int, Int?)], legend: (String, String)?) -> String {
        guard !bars.isEmpty else { return "<p>none</p>" }
        let maxValue = max(1, bars.map(\.1).max() ?? 1)
        let rowHeight = 20, labelWidth = 260, chartWidth = 560
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + chartWidth + 200)\" height=\"\(bars.count * rowHeight + 10)\" role=\"img\">"
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight + 4
            let width = bar.1 * chartWidth / maxValue
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 13)\" text-anchor=\"end\">\(escape(String(bar.0.prefix(40))))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(max(width, 1))\" height=\"\(rowHeight - 6)\" fill=\"#9ecae1\"/>"
            if let second = bar.2 {
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(max(second * chartWidth / maxValue, 1))\" height=\"\(rowHeight - 6)\" fill=\"#3182bd\"/>"
            }
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 13)\">\(bar.1)\(bar.2.map { " (\(legend?.1 ?? "") \($0))" } ?? "")</text>"
        }
        return svg + "</svg>"
    }

    /// `{"reason": n, …}` as `reason: n, …` (or `-`).
    private static func droppedText(_ json: String) -> String {
        guard case .object(let members)? = try? JSONValue.parse(Array(json.utf8)), !members.isEmpty else { return "-" }
        return members.map { "\($0.0): \($0.1.serialized())" }.joined(separator: ", ")
    }

    private static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 200 ? String(flat.prefix(200)) + "…" : flat
    }

    /// Escapes text for HTML.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
