import CurateCore

/// A reader for the subset of TOML that `curate.toml` uses: `key = value` pairs, `[table]` and `[[array of
/// tables]]` headers, `#` comments, and values that are basic strings, literal strings, integers, floats,
/// booleans and arrays of those (which may span lines). Anything else is an error naming the line.
///
/// Example: `try TOMLSubset.parse("[dedup]\nthreshold = 0.9")` gives `["dedup": .object([("threshold", .number("0.9"))])]`.
public enum TOMLSubset {
    /// Parses `text` into a JSON-shaped value: tables become objects, arrays of tables become arrays of objects.
    /// - Throws: ``CurateError`` `.badInput` with the 1-based line of the first problem.
    public static func parse(_ text: String, file: String = "curate.toml") throws -> [String: JSONValue] {
        var root: [(String, JSONValue)] = []
        var tables: [String: [(String, JSONValue)]] = [:]
        var arrays: [String: [[(String, JSONValue)]]] = [:]
        var order: [String] = []
        enum Target { case root, table(String), arrayItem(String) }
        var target = Target.root
        var pending: (text: String, line: Int)?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = stripComment(String(raw)).trimmedWhitespace
            var number = index + 1
            if let open = pending {
                // Inside an array that spans lines: gather until its brackets balance.
                pending = nil
                line = open.text + " " + line
                number = open.line
            }
            if line.isEmpty { continue }
            if line.contains("="), !line.hasPrefix("["), bracketDepth(line) > 0 {
                pending = (line, number)
                continue
            }
            func fail(_ message: String) -> CurateError { CurateError(.badInput, message, file: file, line: number) }
            if line.hasPrefix("[[") {
                guard line.hasSuffix("]]") else { throw fail("an array-of-tables header must end with ]]") }
                let name = String(line.dropFirst(2).dropLast(2)).trimmedWhitespace
                guard isBareKey(name) else { throw fail("invalid table name '\(name)'") }
                if arrays[name] == nil { order.append(name) }
                arrays[name, default: []].append([])
                target = .arrayItem(name)
                continue
            }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw fail("a table header must end with ]") }
                let name = String(line.dropFirst().dropLast()).trimmedWhitespace
                guard isBareKey(name) else { throw fail("invalid table name '\(name)'") }
                guard tables[name] == nil else { throw fail("table [\(name)] is defined twice") }
                tables[name] = []
                order.append(name)
                target = .table(name)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { throw fail("expected key = value") }
            let key = String(line[..<equals]).trimmedWhitespace
            guard isBareKey(key) else { throw fail("invalid key '\(key)'") }
            let value = try parseValue(String(line[line.index(after: equals)...]).trimmedWhitespace, fail: fail)
            switch target {
            case .root: root.append((key, value))
            case .table(let name): tables[name]?.append((key, value))
            case .arrayItem(let name):
                var items = arrays[name] ?? []
                items[items.count - 1].append((key, value))
                arrays[name] = items
            }
        }
        if let open = pending {
            throw CurateError(.badInput, "an array opened here never closes", file: file, line: open.line)
        }
        var out: [String: JSONValue] = [:]
        for (key, value) in root { out[key] = value }
        for name in order {
            if let table = tables[name] { out[name] = .object(table) }
            if let items = arrays[name] { out[name] = .array(items.map { .object($0) }) }
        }
        return out
    }

    private static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-" }
    }

    /// How many `[` are still open at the end of `line`, outside strings.
    private static func bracketDepth(_ line: String) -> Int {
        var depth = 0
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped { escaped = false; continue }
            if c == "\\" && quote == "\"" { escaped = true; continue }
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c; continue }
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
        }
        return depth
    }

    /// Removes a `#` comment that is not inside a string.
    private static func stripComment(_ line: String) -> String {
        var quote: Character?
        var escaped = false
        for (offset, c) in line.enumerated() {
            if escaped { escaped = false; continue }
            if c == "\\" && quote == "\"" { escaped = true; continue }
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c; continue }
            if c == "#" { return String(line.prefix(offset)) }
        }
        return line
    }

    private static func parseValue(_ text: String, fail: (String) -> CurateError) throws -> JSONValue {
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { throw fail("text after the end of an array") }
            var inner = String(text.dropFirst().dropLast()).trimmedWhitespace
            if inner.hasSuffix(",") { inner.removeLast() }
            return .array(try splitItems(inner, fail: fail).map { try parseValue($0, fail: fail) })
        }
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\""), let value = try? JSONValue.parse(Array(text.utf8)) else {
                throw fail("invalid string \(text)")
            }
            return value
        }
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else { throw fail("invalid literal string \(text)") }
            return .string(String(text.dropFirst().dropLast()))
        }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        let plain = text.replacingOccurrences(of: "_", with: "")
        if Double(plain) != nil, plain.first.map({ $0.isNumber || $0 == "-" || $0 == "+" }) == true {
            return .number(plain.hasPrefix("+") ? String(plain.dropFirst()) : plain)
        }
        throw fail("unsupported value '\(text)' (strings need quotes)")
    }

    /// Splits the inside of a one-line array at top-level commas.
    private static func splitItems(_ inner: String, fail: (String) -> CurateError) throws -> [String] {
        var items: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for c in inner {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" && quote == "\"" { current.append(c); escaped = true; continue }
            if let q = quote { current.append(c); if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c; current.append(c); continue }
            if c == "[" { throw fail("nested arrays are not supported") }
            if c == "," { items.append(current.trimmedWhitespace); current = ""; continue }
            current.append(c)
        }
        if quote != nil { throw fail("a string in the array does not close") }
        let last = current.trimmedWhitespace
        if !last.isEmpty { items.append(last) }
        return items
    }
}
