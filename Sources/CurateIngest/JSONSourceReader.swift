import CurateCore
import Foundation

/// Reads JSON (an array of row objects) and JSONL (one object per line) sources through a ``SourceMapping``.
///
/// Each element or line is parsed on its own: a malformed one, a non-UTF-8 one, or the tail of a truncated file
/// becomes a reject naming its line, and every good row is still read.
struct JSONSourceReader {
    let mapping: SourceMapping
    let lines: Bool

    func read(file: String, bytes: [UInt8], source: String, emit: (RowMapper.Outcome) throws -> Void) throws {
        let mapper = RowMapper(mapping: mapping, source: source, file: file)
        let name = (file as NSString).lastPathComponent
        if lines {
            let rows = JSONSourceReader.lineSlices(bytes)
            try ParallelRows.map(rows, emit: emit) { row in
                mapObject(bytes[row.range], mapper: mapper, location: "line \(row.line)", fallbackKey: "\(name):\(row.line)")
            }
        } else if mapping.records == nil, let elements = JSONArrayElements(bytes: bytes) {
            try ParallelRows.map(Array(elements), emit: emit) { element in
                let location = element.endLine > element.line ? "lines \(element.line)-\(element.endLine)" : "line \(element.line)"
                let slice = bytes[element.range]
                if element.truncated {
                    return .reject(
                        RejectedRow(
                            source: source, file: file, location: location, reason: .malformedJSON,
                            detail: "the file ends inside element \(element.index) (truncated?)", raw: String(decoding: slice, as: UTF8.self)))
                }
                return mapObject(slice, mapper: mapper, location: location, fallbackKey: "\(name)[\(element.index)]")
            }
        } else {
            try readWrapped(bytes: bytes, mapper: mapper, file: file, name: name, emit: emit)
        }
    }

    /// The non-blank lines of a JSONL file (CR before LF dropped), with 1-based line numbers.
    static func lineSlices(_ bytes: [UInt8]) -> [(range: Range<Int>, line: Int)] {
        var out: [(range: Range<Int>, line: Int)] = []
        var start = 0
        var lineNumber = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            var stop = end
            if stop > start, bytes[stop - 1] == 13 { stop -= 1 }
            if bytes[start..<stop].contains(where: { $0 != 32 && $0 != 9 }) { out.append((start..<stop, lineNumber)) }
            start = end + 1
        }
        return out
    }

    /// A top-level object: the rows sit under `mapping.records` (or the only array of objects in it).
    private func readWrapped(
        bytes: [UInt8], mapper: RowMapper, file: String, name: String,
        emit: (RowMapper.Outcome) throws -> Void
    ) throws {
        let object: JSONValue
        do {
            object = try JSONValue.parse(bytes)
        } catch {
            throw CurateError(.badInput, "not valid JSON: \(error)", file: file)
        }
        var rows: JSONValue? = object
        if let path = mapping.records {
            rows = JSONPath.value(in: object, at: path)
        } else if case .object(let members) = object {
            rows = members.first { if case .array(let items) = $0.1, case .object = items.first { return true } else { return false } }?.1
        }
        guard case .array(let list) = rows else {
            throw CurateError(
                .badInput,
                mapping.records.map { "no array of rows at '\($0)'" }
                    ?? "the top level is not an array of rows (set \"records\" in a mapping)", file: file)
        }
        for (index, element) in list.enumerated() {
            let location = "element \(index)"
            guard case .object(let members) = element else {
                try emit(
                    .reject(
                        RejectedRow(
                            source: mapper.source, file: file, location: location, reason: .malformedJSON,
                            detail: "the element is not an object", raw: element.serialized())))
                continue
            }
            try emit(
                mapper.map(
                    lookup: { JSONPath.value(in: element, at: $0) }, allFields: members,
                    location: location, fallbackKey: "\(name)[\(index)]", raw: element.serialized()))
        }
    }

    private func mapObject(_ slice: ArraySlice<UInt8>, mapper: RowMapper, location: String, fallbackKey: String) -> RowMapper.Outcome {
        func reject(_ reason: RejectReason, _ detail: String) -> RowMapper.Outcome {
            .reject(
                RejectedRow(
                    source: mapper.source, file: mapper.file, location: location, reason: reason, detail: detail,
                    raw: String(decoding: slice, as: UTF8.self)))
        }
        guard String(validating: slice, as: UTF8.self) != nil else {
            return reject(.invalidUTF8, "the row holds bytes that are not UTF-8")
        }
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(slice)
        } catch {
            return reject(.malformedJSON, "not valid JSON: \(error)")
        }
        guard case .object(let members) = parsed else { return reject(.malformedJSON, "the row is not a JSON object") }
        return mapper.map(
            lookup: { JSONPath.value(in: parsed, at: $0) }, allFields: members,
            location: location, fallbackKey: fallbackKey, raw: String(decoding: slice, as: UTF8.self))
    }
}

/// Dotted-path access into parsed JSON (`meta.year`); a name that exists as a whole key wins.
enum JSONPath {
    static func value(in object: JSONValue, at path: String) -> JSONValue? {
        if let direct = object[path] { return direct }
        guard path.utf8.contains(UInt8(ascii: ".")) else { return nil }
        var current: JSONValue? = object
        for part in path.split(separator: ".") { current = current?[String(part)] }
        return current
    }
}
