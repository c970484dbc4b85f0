import Foundation

/// Splits `rows` into consecutive shards of at most `shardRows` rows (the last may be shorter).
///
/// No rows give no shards; a non-positive `shardRows` gives one shard of everything.
///
/// Example: `shard([1, 2, 3, 4, 5], shardRows: 2)` is `[[1, 2], [3, 4], [5]]`.
/// - Complexity: O(n).
public func shard<Row>(_ rows: [Row], shardRows: Int) -> [[Row]] {
    guard !rows.isEmpty else { return [] }
    guard shardRows > 0 else { return [rows] }
    return stride(from: 0, to: rows.count, by: shardRows).map { Array(rows[$0..<min(rows.count, $0 + shardRows)]) }
}

/// The Hugging Face-style shard name: `train-00000-of-00003.parquet`.
///
/// Example: `shardFileName(split: "train", index: 0, count: 3)`.
public func shardFileName(split: String, index: Int, count: Int, extension ext: String = "parquet") -> String {
    func pad(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
    return "\(split)-\(pad(index))-of-\(pad(count)).\(ext)"
}

/// Deletes the shards of `split` an earlier export left in `directory` (`SPLIT-NNNNN-of-NNNNN.parquet|jsonl`): with
/// another shard count their names differ from the new ones, and a reader globbing `SPLIT-*` would read both. Other
/// files, and other splits' shards, are left alone.
func removeEarlierShards(of split: String, in directory: URL) throws {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for name in names where isShardName(name, split: split) {
        do {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        } catch {
            throw ExportError(.io, "cannot remove the earlier shard \(name): \(error.localizedDescription)", file: directory.path)
        }
    }
}

/// Whether `name` is `SPLIT-NNNNN-of-NNNNN.parquet` or `.jsonl` (five digits or more each), as `shardFileName` writes.
func isShardName(_ name: String, split: String) -> Bool {
    guard name.hasPrefix(split + "-") else { return false }
    var rest = Substring(name.dropFirst(split.count + 1))
    for ext in [".parquet", ".jsonl"] where rest.hasSuffix(ext) { rest = rest.dropLast(ext.count) }
    guard rest.count < name.count - split.count - 1 else { return false }  // no known extension
    let numbers = rest.split(separator: "-", omittingEmptySubsequences: false)
    func isIndex(_ s: Substring) -> Bool { s.count >= 5 && s.allSatisfy { $0.isASCII && $0.isNumber } }
    return numbers.count == 3 && numbers[1] == "of" && isIndex(numbers[0]) && isIndex(numbers[2])
}

/// Exports `rows` as Parquet shards plus `manifest.json` into `directory` (created if missing), and/or as JSONL.
///
/// The manifest is authoritative: shards of an earlier export with another shard count are not
/// removed (their names differ), so export into a fresh directory. No rows give no shards.
///
/// - Parameters:
///   - rows: the rows, in output order.
///   - directory: the output folder; files of the same names are overwritten.
///   - split: the split name used in file names and the manifest.
///   - shardRows: rows per file.
///   - options: Parquet options (codec, row group size).
///   - parquet: write `<shard>.parquet` files (default true).
///   - jsonl: write `<shard>.jsonl` files; their manifest is `manifest.jsonl.json` beside Parquet shards, or
///     `manifest.json` when they are the only format.
/// - Returns: the Parquet manifest, or the JSONL one when only JSONL was written.
/// - Throws: `ExportError` on IO or codec failure.
///
/// Example:
/// ```swift
/// let m = try exportVerlShards(rows: rows, to: dir, split: "train", shardRows: 50_000, options: .init())
/// print(m.shards.map(\.file))  // ["train-00000-of-00001.parquet"]
/// ```
@discardableResult
public func exportVerlShards(
    rows: [VerlRow], to directory: URL, split: String, shardRows: Int,
    options: ParquetWriterOptions = .init(), parquet: Bool = true,
    jsonl: Bool = false
) throws -> ExportManifest {
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
        throw ExportError(.io, "cannot create directory: \(error)", file: directory.path)
    }
    try removeEarlierShards(of: split, in: directory)
    let parts = shard(rows, shardRows: shardRows)
    var parquetEntries: [ExportManifest.Shard] = []
    var jsonlEntries: [ExportManifest.Shard] = []
    for (i, part) in parts.enumerated() {
        if parquet {
            let url = directory.appendingPathComponent(shardFileName(split: split, index: i, count: parts.count))
            try writeVerlParquet(rows: part, to: url, options: options)
            parquetEntries.append(try ExportManifest.shardEntry(for: url, rows: part.count))
        }
        if jsonl {
            let jsonURL = directory.appendingPathComponent(
                shardFileName(split: split, index: i, count: parts.count, extension: "jsonl"))
            try writeVerlJSONL(rows: part, to: jsonURL)
            jsonlEntries.append(try ExportManifest.shardEntry(for: jsonURL, rows: part.count))
        }
    }
    let jsonlManifest = ExportManifest(
        schemaVersion: VerlRow.schemaVersion, format: "jsonl", codec: "none",
        split: split, shards: jsonlEntries)
    guard parquet else {
        try jsonlManifest.write(to: directory.appendingPathComponent("manifest.json"))
        return jsonlManifest
    }
    let manifest = ExportManifest(
        schemaVersion: VerlRow.schemaVersion, format: "parquet", codec: options.codec.name,
        split: split, shards: parquetEntries)
    try manifest.write(to: directory.appendingPathComponent("manifest.json"))
    if jsonl { try jsonlManifest.write(to: directory.appendingPathComponent("manifest.jsonl.json")) }
    return manifest
}
