import CurateCore
import Foundation

/// The `manifest.json` written next to exported shards: what was written and how to check it.
///
/// Serialized with sorted keys and no timestamps, so equal exports give equal manifests.
/// Its JSON Schema is `schemas/export/manifest.schema.json`.
///
/// Example:
/// ```json
/// {"codec": "gzip", "format": "parquet", "schema_version": "mathcurate-verl-row/1",
///  "shards": [{"bytes": 1234, "file": "train-00000-of-00001.parquet", "rows": 10, "sha256": "…"}],
///  "split": "train", "total_rows": 10}
/// ```
public struct ExportManifest: Codable, Sendable, Equatable {
    /// One written file.
    public struct Shard: Codable, Sendable, Equatable {
        /// File name relative to the manifest's folder.
        public var file: String
        /// Rows in the file.
        public var rows: Int
        /// File size in bytes.
        public var bytes: Int
        /// Lower-case hex SHA-256 of the file.
        public var sha256: String

        /// Creates a shard entry.
        public init(file: String, rows: Int, bytes: Int, sha256: String) {
            self.file = file
            self.rows = rows
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// `VerlRow.schemaVersion` of the rows.
    public var schemaVersion: String
    /// `parquet` or `jsonl`.
    public var format: String
    /// Codec name for Parquet (`uncompressed`, `gzip`), `none` for JSONL.
    public var codec: String
    /// The split the shards belong to (`train`, `test`).
    public var split: String
    /// Sum of `shards[].rows`.
    public var totalRows: Int
    /// Shards in order.
    public var shards: [Shard]
    /// The build that produced the export, when `curate build` wrote it.
    public var build: BuildInfo?

    /// The config and step counts of a build (no times, so equal builds give equal manifests).
    public struct BuildInfo: Codable, Sendable, Equatable {
        /// The config file as given.
        public var config: String
        /// SHA-256 of the config file's bytes.
        public var configSHA256: String
        /// Each step before the export: name, status, rows in, kept, dropped by reason.
        public var steps: [Step]

        /// One step's counts.
        public struct Step: Codable, Sendable, Equatable {
            /// Step name.
            public var step: String
            /// `done` or `skipped`.
            public var status: String
            /// Rows in.
            public var rowsIn: Int
            /// Rows kept.
            public var kept: Int
            /// Rows dropped, by reason.
            public var dropped: [String: Int]

            enum CodingKeys: String, CodingKey { case step, status, rowsIn = "rows_in", kept, dropped }

            /// Creates a step entry.
            public init(step: String, status: String, rowsIn: Int, kept: Int, dropped: [String: Int]) {
                self.step = step
                self.status = status
                self.rowsIn = rowsIn
                self.kept = kept
                self.dropped = dropped
            }
        }

        enum CodingKeys: String, CodingKey { case config, configSHA256 = "config_sha256", steps }

        /// Creates build information.
        public init(config: String, configSHA256: String, steps: [Step]) {
            self.config = config
            self.configSHA256 = configSHA256
            self.steps = steps
        }
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", format, codec, split, totalRows = "total_rows", shards, build
    }

    /// Creates a manifest.
    public init(schemaVersion: String, format: String, codec: String, split: String, shards: [Shard]) {
        self.schemaVersion = schemaVersion
        self.format = format
        self.codec = codec
        self.split = split
        self.totalRows = shards.reduce(0) { $0 + $1.rows }
        self.shards = shards
    }

    /// Pretty JSON with sorted keys and a trailing newline.
    /// - Throws: an `ExportError(.invalidInput)` if encoding fails.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(self)
            data.append(0x0A)
            return data
        } catch {
            throw ExportError(.invalidInput, "cannot encode manifest: \(error)")
        }
    }

    /// Writes `jsonData()` to `url`.
    /// - Throws: `ExportError(.io)` on a write error.
    public func write(to url: URL) throws {
        let data = try jsonData()
        do { try data.write(to: url) } catch {
            throw ExportError(.io, "cannot write manifest: \(error)", file: url.path)
        }
    }

    /// Builds the entry for an already written file: its size and SHA-256.
    /// - Throws: `ExportError(.io)` when the file cannot be read.
    public static func shardEntry(for url: URL, rows: Int) throws -> Shard {
        let bytes: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            bytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw ExportError(.io, "cannot stat: \(error)", file: url.path)
        }
        return Shard(file: url.lastPathComponent, rows: rows, bytes: bytes, sha256: try SHA256.hex(ofFileAt: url))
    }
}
