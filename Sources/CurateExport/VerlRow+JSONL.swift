import Foundation

extension VerlRow {
    /// Appends this row as one JSON object (no newline) with a fixed key order:
    /// `data_source, prompt[{content, role}], ability, reward_model{ground_truth, style},
    /// extra_info{answer_type, index, question, source, source_key, split, url, year}`, the Parquet order.
    /// Absent optionals are written as `null`; non-ASCII text is written as raw UTF-8.
    /// - Complexity: O(bytes of the row).
    public func appendJSON(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"data_source":"#.utf8)
        JSONText.appendString(dataSource, to: &out)
        out.append(contentsOf: #","prompt":["#.utf8)
        for (i, message) in prompt.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"content":"#.utf8)
            JSONText.appendString(message.content, to: &out)
            out.append(contentsOf: #","role":"#.utf8)
            JSONText.appendString(message.role, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #"],"ability":"#.utf8)
        JSONText.appendString(ability, to: &out)
        out.append(contentsOf: #","reward_model":{"ground_truth":"#.utf8)
        JSONText.appendString(rewardModel.groundTruth, to: &out)
        out.append(contentsOf: #","style":"#.utf8)
        JSONText.appendString(rewardModel.style, to: &out)
        out.append(contentsOf: #"},"extra_info":{"answer_type":"#.utf8)
        JSONText.appendOptionalString(extraInfo.answerType, to: &out)
        out.append(contentsOf: #","index":"#.utf8)
        out.append(contentsOf: String(extraInfo.index).utf8)
        out.append(contentsOf: #","question":"#.utf8)
        JSONText.appendOptionalString(extraInfo.question, to: &out)
        out.append(contentsOf: #","source":"#.utf8)
        JSONText.appendString(extraInfo.source, to: &out)
        out.append(contentsOf: #","source_key":"#.utf8)
        JSONText.appendString(extraInfo.sourceKey, to: &out)
        out.append(contentsOf: #","split":"#.utf8)
        JSONText.appendString(extraInfo.split, to: &out)
        out.append(contentsOf: #","url":"#.utf8)
        JSONText.appendOptionalString(extraInfo.url, to: &out)
        out.append(contentsOf: #","year":"#.utf8)
        if let year = extraInfo.year { out.append(contentsOf: String(year).utf8) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: "}}".utf8)
    }

    /// This row as one line of JSON (without the newline).
    public var jsonLine: String {
        var out: [UInt8] = []
        appendJSON(to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Writes `rows` as JSON Lines (one object per line, `\n` after each), keys in a fixed order.
///
/// - Throws: `ExportError(.io)` when the file cannot be written.
/// - Complexity: O(total bytes of the rows).
///
/// Example:
/// ```swift
/// try writeVerlJSONL(rows: rows, to: URL(fileURLWithPath: "train.jsonl"))
/// ```
public func writeVerlJSONL(rows: [VerlRow], to url: URL) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw ExportError(.io, "cannot create file", file: url.path)
    }
    let handle: FileHandle
    do { handle = try FileHandle(forWritingTo: url) } catch {
        throw ExportError(.io, "cannot open for writing: \(error)", file: url.path)
    }
    defer { try? handle.close() }
    let chunkSize = 1 << 20
    var out: [UInt8] = []
    out.reserveCapacity(chunkSize + 64 * 1_024)
    do {
        for row in rows {
            row.appendJSON(to: &out)
            out.append(UInt8(ascii: "\n"))
            if out.count >= chunkSize {
                try handle.write(contentsOf: out)
                out.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: out)
        try handle.close()
    } catch {
        throw ExportError(.io, "cannot write JSONL: \(error)", file: url.path)
    }
}

/// JSON string escaping on UTF-8 bytes (RFC 8259): `"` `\` and control characters are escaped.
enum JSONText {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendOptionalString(_ value: String?, to out: inout [UInt8]) {
        if let value { appendString(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(contentsOf: "u00".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
            if runStart < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
