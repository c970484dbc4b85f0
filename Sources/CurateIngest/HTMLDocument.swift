import CLibXML2
import CurateCore
import Foundation

/// A parsed HTML page: owns libxml2's `xmlDoc` and frees it in `deinit`.
///
/// Parsing never touches the network and recovers from broken markup, as browsers do.
/// Example: `let doc = try HTMLDocument(data: bytes, name: "page.html"); let nodes = doc.select("//h1")`.
final class HTMLDocument {
    private let doc: xmlDocPtr
    /// The file name, used in errors.
    let name: String

    /// Parses `data` as UTF-8 HTML.
    /// - Throws: ``CurateError`` when libxml2 produces no document at all.
    init(data: Data, name: String) throws {
        self.name = name
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let parsed: xmlDocPtr? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            return htmlReadMemory(base, Int32(raw.count), name, "UTF-8", options)
        }
        guard let parsed else { throw CurateError(.badInput, "libxml2 could not parse the page as HTML", file: name) }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    /// The element nodes matching an XPath 1.0 expression, in document order (empty on any XPath error).
    func select(_ xpath: String, from node: xmlNodePtr? = nil) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(doc) else { return [] }
        defer { xmlXPathFreeContext(context) }
        if let node { context.pointee.node = node }
        guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let tab = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { tab[$0] }
    }
}

/// Read-only helpers over libxml2 nodes.
enum HTMLNode {
    /// The lower-case element name, or nil for non-elements.
    static func elementName(_ node: xmlNodePtr) -> String? {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return nil }
        return String(cString: name).lowercased()
    }

    /// An attribute's value (entities already decoded by libxml2).
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// The text of a text node.
    static func text(_ node: xmlNodePtr) -> String? {
        guard node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE,
            let content = node.pointee.content
        else { return nil }
        return String(cString: content)
    }

    /// All text under a node, as libxml2 concatenates it.
    static func content(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// The node's children, in order.
    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            out.append(current)
            child = current.pointee.next
        }
        return out
    }

    /// The CSS classes of an element.
    static func classes(_ node: xmlNodePtr) -> [Substring] {
        (attribute(node, "class") ?? "").split(separator: " ")
    }
}
