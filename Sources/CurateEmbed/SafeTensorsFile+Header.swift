import Foundation

extension SafeTensorsFile {
    struct ParsedHeader {
        var tensors: [String: TensorInfo]
        var metadata: [String: String]
        var dataOffset: Int
    }

    /// Parses the length prefix and JSON header of a mapped safetensors file and validates every byte range.
    /// - Complexity: O(header size + number of tensors).
    static func parseHeader(base: UnsafeRawPointer, length: Int, path: String) throws -> ParsedHeader {
        var headerLength: UInt64 = 0
        withUnsafeMutableBytes(of: &headerLength) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: 8)) }
        headerLength = UInt64(littleEndian: headerLength)
        guard headerLength > 0, headerLength <= UInt64(length - 8), headerLength < 100_000_000 else {
            throw EmbedError(.invalidSafeTensors, "header length \(headerLength) does not fit a \(length)-byte file", file: path)
        }
        let dataOffset = 8 + Int(headerLength)
        let headerData = Data(bytes: base + 8, count: Int(headerLength))
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: headerData)
        } catch {
            throw EmbedError(.invalidSafeTensors, "header is not valid JSON: \(error)", file: path)
        }
        guard let entries = object as? [String: Any] else {
            throw EmbedError(.invalidSafeTensors, "header is not a JSON object", file: path)
        }
        let dataLength = length - dataOffset
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in entries {
            if name == "__metadata__" {
                if let map = value as? [String: Any] {
                    for (k, v) in map { metadata[k] = v as? String ?? "\(v)" }
                }
                continue
            }
            guard let entry = value as? [String: Any] else {
                throw EmbedError(.invalidSafeTensors, "entry '\(name)' is not an object", file: path)
            }
            guard let dtypeName = entry["dtype"] as? String, let dtype = DType(rawValue: dtypeName) else {
                throw EmbedError(.invalidSafeTensors, "entry '\(name)' has a missing or unknown dtype", file: path)
            }
            guard let shapeValues = entry["shape"] as? [Any],
                let offsets = entry["data_offsets"] as? [Any], offsets.count == 2
            else {
                throw EmbedError(.invalidSafeTensors, "entry '\(name)' lacks shape or data_offsets", file: path)
            }
            let shape = try shapeValues.map { value -> Int in
                guard let n = Self.integer(value), n >= 0 else {
                    throw EmbedError(.invalidSafeTensors, "entry '\(name)' has a bad shape \(shapeValues)", file: path)
                }
                return n
            }
            guard let begin = Self.integer(offsets[0]), let end = Self.integer(offsets[1]),
                begin >= 0, begin <= end, end <= dataLength
            else {
                throw EmbedError(
                    .invalidSafeTensors,
                    "entry '\(name)' has data_offsets \(offsets) outside the \(dataLength)-byte data section",
                    file: path)
            }
            let expected = shape.reduce(1, *) * dtype.byteSize
            guard expected == end - begin else {
                throw EmbedError(
                    .invalidSafeTensors,
                    "entry '\(name)' spans \(end - begin) bytes but shape \(shape) × \(dtype.rawValue) needs \(expected)",
                    file: path)
            }
            tensors[name] = TensorInfo(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
        }
        return ParsedHeader(tensors: tensors, metadata: metadata, dataOffset: dataOffset)
    }

    private static func integer(_ value: Any) -> Int? {
        if let n = value as? Int { return n }
        if let n = value as? NSNumber { return n.intValue }
        return nil
    }
}
