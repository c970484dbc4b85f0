import Foundation
import Testing
@testable import CurateExport

@Suite struct VerlSchemaTests {
    /// verl's columns must match the pandas/pyarrow reference: names, order, nullability, types, levels.
    @Test func verlColumnsMatchReferenceFile() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("ours.parquet")
        try writeVerlParquet(rows: TestSupport.edgeRows(), to: url)
        let ours = try TestSupport.pyarrowJSON("schema", url)
        let reference = try TestSupport.pyarrowJSON("schema", TestSupport.referenceFile)
        let ourFields = ours["fields"] as? [String: [String: Any]] ?? [:]
        let refFields = reference["fields"] as? [String: [String: Any]] ?? [:]
        let ourLeaves = ours["leaves"] as? [String: [String: Any]] ?? [:]
        let refLeaves = reference["leaves"] as? [String: [String: Any]] ?? [:]
        let verlFields = [
            "data_source", "prompt", "ability", "reward_model",
            "extra_info.index", "extra_info.question", "extra_info.split",
        ]
        for name in verlFields {
            #expect(refFields[name] != nil, "reference lacks \(name)")
            #expect(ourFields[name]?["arrow"] as? String == refFields[name]?["arrow"] as? String, "arrow type of \(name)")
            #expect(ourFields[name]?["nullable"] as? Bool == refFields[name]?["nullable"] as? Bool, "nullability of \(name)")
        }
        let verlLeaves = refLeaves.keys.filter { !$0.hasPrefix("extra_info.") } + ["extra_info.index", "extra_info.question", "extra_info.split"]
        #expect(verlLeaves.count == 9)
        for path in verlLeaves {
            for key in ["physical", "logical", "converted", "max_def", "max_rep"] {
                #expect("\(ourLeaves[path]?[key] ?? "missing")" == "\(refLeaves[path]?[key] ?? "absent")", "\(path) \(key)")
            }
        }
    }

    @Test func topLevelOrderMatchesReference() throws {
        let reference = try TestSupport.run([
            TestSupport.python, "-c",
            "import pyarrow.parquet as pq,sys; print(','.join(pq.read_schema(sys.argv[1]).names))",
            TestSupport.referenceFile.path,
        ])
        #expect(
            reference.trimmingCharacters(in: .whitespacesAndNewlines)
                == VerlRow.parquetSchema.fields.map(\.name).joined(separator: ","))
    }

    @Test func leafLevelsFromSchema() {
        let leaves = VerlRow.parquetSchema.leaves
        #expect(leaves.count == 14)
        #expect(leaves[1].path == ["prompt", "list", "element", "content"])
        #expect(leaves[1].maxDefinitionLevel == 4 && leaves[1].maxRepetitionLevel == 1)
        #expect(leaves[13].path == ["extra_info", "year"] && leaves[13].maxDefinitionLevel == 2)
    }
}

/// The reference rows themselves, rebuilt as `VerlRow`s, written by us and read back by pyarrow,
/// give the same verl values as the reference file.
@Test func referenceRowsRoundTripThroughOurWriter() throws {
    let dir = try TestSupport.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lines = try TestSupport.pyarrow("rows", TestSupport.referenceFile).split(separator: "\n")
    #expect(lines.count == 5)
    let reference = try lines.map { line -> [String: Any] in
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
    }
    let rows = reference.map { r -> VerlRow in
        let prompt = (r["prompt"] as? [[String: String]] ?? []).map {
            VerlRow.Message(role: $0["role"] ?? "?", content: $0["content"] ?? "?")
        }
        let reward = r["reward_model"] as? [String: String] ?? [:]
        let extra = r["extra_info"] as? [String: Any] ?? [:]
        let index = (extra["index"] as? NSNumber)?.int64Value ?? -1
        return VerlRow(
            dataSource: r["data_source"] as? String ?? "?", prompt: prompt,
            ability: r["ability"] as? String ?? "?",
            rewardModel: .init(groundTruth: reward["ground_truth"] ?? "?", style: reward["style"] ?? "?"),
            extraInfo: .init(
                index: index, split: extra["split"] as? String ?? "?",
                source: "deepscaler", sourceKey: "aime8-\(index)",
                question: extra["question"] as? String))
    }
    #expect(rows.allSatisfy { !$0.prompt.isEmpty && $0.extraInfo.question != nil })
    let url = dir.appendingPathComponent("reference-rewritten.parquet")
    try writeVerlParquet(rows: rows, to: url, options: .init(codec: .snappy))
    let back = try TestSupport.pyarrow("rows", url).split(separator: "\n").map { line -> [String: Any] in
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
    }
    #expect(back.count == 5)
    for (ours, ref) in zip(back, reference) {
        for key in ["data_source", "prompt", "ability", "reward_model"] {
            #expect((ours[key] as? NSObject) == (ref[key] as? NSObject), "\(key)")
        }
        let ourExtra = ours["extra_info"] as? [String: Any] ?? [:]
        let refExtra = ref["extra_info"] as? [String: Any] ?? [:]
        for key in ["index", "question", "split"] {
            #expect((ourExtra[key] as? NSObject) == (refExtra[key] as? NSObject), "extra_info.\(key)")
        }
    }
}
