import Foundation
import Testing
@testable import CurateEmbed

@Suite struct SafeTensorsFileTests {
    /// Writes a safetensors file with the given header JSON and payload to a temporary path.
    static func write(header: String, payload: [UInt8]) throws -> URL {
        var bytes: [UInt8] = []
        var length = UInt64(header.utf8.count).littleEndian
        withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        bytes.append(contentsOf: payload)
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("st-\(UUID().uuidString).safetensors")
        try Data(bytes).write(to: url)
        return url
    }

    static func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { v -> [UInt8] in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
    }

    @Test func readsTensorsInPlace() throws {
        let header =
            #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"#
            + #""b":{"dtype":"F32","shape":[2],"data_offsets":[24,32]}}"#
        let url = try Self.write(header: header, payload: Self.floatBytes([1, 2, 3, 4, 5, 6, -1, 0.5]))
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try SafeTensorsFile(url: url)
        #expect(file.tensors.count == 2)
        #expect(file.metadata == ["format": "pt"])
        #expect(try file.floats("a", shape: [2, 3]) == [1, 2, 3, 4, 5, 6])
        #expect(try file.floats("b") == [-1, 0.5])
        let sum = try file.withFloats("a") { $0.reduce(0, +) }
        #expect(sum == 21)
        #expect(throws: EmbedError.self) { _ = try file.floats("a", shape: [3, 2]) }
        #expect(throws: EmbedError.self) { _ = try file.floats("missing") }
    }

    @Test func rejectsOffsetsOutsideTheFile() throws {
        let url = try Self.write(
            header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
            payload: Self.floatBytes([1, 2]))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            _ = try SafeTensorsFile(url: url)
        } throws: { error in
            (error as? EmbedError)?.code == .invalidSafeTensors && (error as? EmbedError)?.file == url.path
        }
    }

    @Test func rejectsShapeSizeMismatch() throws {
        let url = try Self.write(
            header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
            payload: Self.floatBytes([1, 2]))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: EmbedError.self) { _ = try SafeTensorsFile(url: url) }
    }

    @Test func rejectsBadJSONAndShortFiles() throws {
        let bad = try Self.write(header: "{not json", payload: [])
        defer { try? FileManager.default.removeItem(at: bad) }
        #expect(throws: EmbedError.self) { _ = try SafeTensorsFile(url: bad) }
        let short = FileManager.default.temporaryDirectory.appendingPathComponent("st-short-\(UUID().uuidString)")
        try Data([1, 2, 3]).write(to: short)
        defer { try? FileManager.default.removeItem(at: short) }
        #expect(throws: EmbedError.self) { _ = try SafeTensorsFile(url: short) }
    }

    @Test func missingFileIsModelMissing() {
        #expect {
            _ = try SafeTensorsFile(url: URL(fileURLWithPath: "/nonexistent/model.safetensors"))
        } throws: { error in
            (error as? EmbedError)?.code == .modelMissing
        }
    }
}
