import CLibXML2
import Foundation

/// The sections of an AoPS wiki article, as text with LaTeX restored from the images' alt text.
struct AoPSSections {
    /// The problem statement, or nil when the page has none.
    private(set) var problem: String?
    /// Each solution section's text, in page order.
    private(set) var solutions: [String] = []

    init(article: xmlNodePtr) {
        var buffers: [(heading: String?, text: String)] = [(nil, "")]
        for child in HTMLNode.children(article) {
            let name = HTMLNode.elementName(child)
            if name == "h2" || name == "h3" {
                let heading = HTMLNode.content(child).trimmingCharacters(in: .whitespacesAndNewlines)
                if heading.lowercased().hasPrefix("see also") { break }
                buffers.append((heading, ""))
                continue
            }
            if name == "table" || name == "script" || name == "style" { continue }
            if HTMLNode.elementName(child) == "div", HTMLNode.classes(child).contains("toc") { continue }
            buffers[buffers.count - 1].text += AoPSText.render(child)
        }
        let sections = buffers.map { (heading: $0.heading, text: AoPSText.tidy($0.text)) }
        problem = sections.first { $0.heading.map { $0.lowercased().hasPrefix("problem") } ?? false }?.text
        if problem == nil || problem?.isEmpty == true {
            // No "Problem" heading: the text before the first solution is the statement.
            problem = sections.prefix { !($0.heading?.lowercased().hasPrefix("solution") ?? false) }
                .map(\.text).filter { !$0.isEmpty }.joined(separator: "\n\n")
        }
        solutions = sections.filter { $0.heading?.lowercased().hasPrefix("solution") ?? false }
            .map(\.text).filter { !$0.isEmpty }
    }
}

/// Renders article nodes to text: text nodes as they are, LaTeX images as their alt text, paragraphs and line
/// breaks as new lines.
enum AoPSText {
    static func render(_ node: xmlNodePtr, depth: Int = 0) -> String {
        if let text = HTMLNode.text(node) { return text }
        guard let name = HTMLNode.elementName(node), depth < 64 else { return "" }
        switch name {
        case "img":
            let classes = HTMLNode.classes(node)
            guard let alt = HTMLNode.attribute(node, "alt") else { return "" }
            if classes.contains("latexcenter") { return "\n" + alt + "\n" }
            return alt
        case "br": return "\n"
        case "script", "style", "table": return ""
        default:
            let inner = HTMLNode.children(node).map { render($0, depth: depth + 1) }.joined()
            switch name {
            case "p", "div", "li", "ul", "ol", "dl", "dd", "pre", "blockquote", "center": return inner + "\n"
            default: return inner
            }
        }
    }

    /// Trims each line's trailing spaces, folds runs of blank lines into one, trims the ends.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        var blank = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = Substring(line.replacingOccurrences(of: "\u{A0}", with: " ")).trimmingSuffixSpaces()
            if t.trimmingCharacters(in: .whitespaces).isEmpty {
                blank = !lines.isEmpty
                continue
            }
            if blank { lines.append(""); blank = false }
            lines.append(t)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension Substring {
    fileprivate func trimmingSuffixSpaces() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[startIndex..<end]
    }
}
