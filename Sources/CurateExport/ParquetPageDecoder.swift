/// Decodes the pages of one leaf column, chunk after chunk, into values and levels (see `ParquetFileReader`).
struct ParquetPageDecoder {
    let leaf: ParquetLeafColumn
    let location: String
    private var values: ParquetColumnData.Values
    private var definitionLevels: [UInt8] = []
    private var repetitionLevels: [UInt8] = []

    init(leaf: ParquetLeafColumn, location: String) {
        self.leaf = leaf
        self.location = location
        switch leaf.type {
        case .int32: values = .int32([])
        case .int64: values = .int64([])
        case .float: values = .float([])
        case .double: values = .double([])
        default: values = .byteArray([])
        }
    }

    func result() -> ParquetColumnData {
        ParquetColumnData(leaf: leaf, values: values, definitionLevels: definitionLevels, repetitionLevels: repetitionLevels)
    }

    private func bad(_ what: String) -> ExportError { ExportError(.malformed, what, file: location) }

    /// Decodes one column chunk (its pages, dictionary first when there is one) holding `numValues` level entries.
    mutating func readChunk(_ bytes: [UInt8], codec: Int32, numValues: Int) throws {
        switch leaf.type {
        case .int32, .int64, .float, .double, .byteArray: break
        default:
            throw ExportError(
                .unsupported, "physical type \(leaf.type) is not read (int32, int64, float, double and byte arrays are)",
                file: location)
        }
        var position = 0
        var entries = 0
        var dictionary: ParquetColumnData.Values?
        while entries < numValues {
            guard position < bytes.count else { throw bad("the chunk ends after \(entries) of \(numValues) values") }
            let header = try ParquetPageHeader(bytes, start: position, location: location)
            position += header.headerLength
            guard header.compressedSize <= bytes.count - position else { throw bad("a page runs past its column chunk") }
            if header.kind == .data || header.kind == .dataV2, header.numValues > numValues - entries {
                throw bad("a page holds \(header.numValues) values where the chunk has \(numValues - entries) left")
            }
            let body = Array(bytes[position..<(position + header.compressedSize)])
            position += header.compressedSize
            switch header.kind {
            case .dictionary:
                let plain = try decompress(body, codec: codec, length: header.uncompressedSize)
                guard header.encoding == 0 || header.encoding == 2 else {
                    throw ExportError(.unsupported, "dictionary page encoding \(header.encoding)", file: location)
                }
                var into = emptyValues()
                _ = try decodePlain(plain, from: 0, count: header.numValues, into: &into)
                dictionary = into
            case .data:
                let page = try decompress(body, codec: codec, length: header.uncompressedSize)
                var offset = 0
                let rep = try levels(page, at: &offset, max: leaf.maxRepetitionLevel, count: header.numValues, length: nil)
                let def = try levels(page, at: &offset, max: leaf.maxDefinitionLevel, count: header.numValues, length: nil)
                try appendPage(page, valuesAt: offset, header: header, rep: rep, def: def, dictionary: dictionary)
                entries += header.numValues
            case .dataV2:
                let levelBytes = header.repetitionLevelsLength + header.definitionLevelsLength
                guard levelBytes <= body.count else { throw bad("v2 page levels longer than the page") }
                var offset = 0
                let rep = try levels(
                    body, at: &offset, max: leaf.maxRepetitionLevel, count: header.numValues,
                    length: header.repetitionLevelsLength)
                let def = try levels(
                    body, at: &offset, max: leaf.maxDefinitionLevel, count: header.numValues,
                    length: header.definitionLevelsLength)
                let packed = Array(body[levelBytes...])
                let valueBytes =
                    header.valuesCompressed
                    ? try decompress(packed, codec: codec, length: header.uncompressedSize - levelBytes) : packed
                try appendPage(valueBytes, valuesAt: 0, header: header, rep: rep, def: def, dictionary: dictionary)
                entries += header.numValues
            case .index, nil:
                continue
            }
        }
    }

    private func emptyValues() -> ParquetColumnData.Values {
        switch values {
        case .int32: .int32([])
        case .int64: .int64([])
        case .float: .float([])
        case .double: .double([])
        case .byteArray: .byteArray([])
        }
    }

    private func decompress(_ body: [UInt8], codec: Int32, length: Int) throws -> [UInt8] {
        switch codec {
        case ParquetCodec.uncompressed.rawValue:
            guard body.count == length else { throw bad("uncompressed page of \(body.count) bytes, header says \(length)") }
            return body
        case ParquetCodec.snappy.rawValue:
            return try SnappyDecompressor.decompress(body, expectedLength: length, location: location)
        case ParquetCodec.gzip.rawValue:
            return try GzipDecompressor.decompress(body, length: length, location: location)
        default:
            let names: [Int32: String] = [3: "LZO", 4: "BROTLI", 5: "LZ4", 6: "ZSTD", 7: "LZ4_RAW"]
            throw ExportError(
                .unsupported,
                "codec \(names[codec] ?? "#\(codec)") is not read; write with "
                    + "compression 'snappy', 'gzip' or none (pyarrow: compression='snappy')", file: location)
        }
    }

    /// Reads a level block at `offset`: v1 prefixes it with its 4-byte length, v2 gives `length` in the header.
    private func levels(_ page: [UInt8], at offset: inout Int, max: Int, count: Int, length: Int?) throws -> [UInt8]? {
        guard max > 0 else { return nil }
        var size = length ?? 0
        if length == nil {
            guard offset + 4 <= page.count else { throw bad("a page ends inside its level block") }
            size = Int(page[offset]) | Int(page[offset + 1]) << 8 | Int(page[offset + 2]) << 16 | Int(page[offset + 3]) << 24
            offset += 4
        }
        guard size <= page.count - offset else { throw bad("a level block runs past its page") }
        let decoded = try RLEHybridDecoder.decode(
            page, range: offset..<(offset + size),
            bitWidth: RLEHybridEncoder.bitWidth(forMaxLevel: max),
            count: count, location: location)
        offset += size
        var out = [UInt8](repeating: 0, count: decoded.count)
        for (k, level) in decoded.enumerated() {
            guard level <= UInt32(max) else { throw bad("level \(level) above the maximum \(max)") }
            out[k] = UInt8(level)
        }
        return out
    }

    private mutating func appendPage(
        _ page: [UInt8], valuesAt offset: Int, header: ParquetPageHeader,
        rep: [UInt8]?, def: [UInt8]?, dictionary: ParquetColumnData.Values?
    ) throws {
        let present =
            def.map { levels in levels.reduce(0) { $0 + ($1 == UInt8(leaf.maxDefinitionLevel) ? 1 : 0) } }
            ?? header.numValues
        switch header.encoding {
        case 0:
            _ = try decodePlain(page, from: offset, count: present, into: &values)
        case 2, 8:
            guard let dictionary else { throw bad("a dictionary-encoded page without a dictionary page") }
            guard present > 0 else { break }
            guard offset < page.count else { throw bad("a dictionary page without its index width") }
            let indices = try RLEHybridDecoder.decode(
                page, range: (offset + 1)..<page.count, bitWidth: Int(page[offset]),
                count: present, location: location)
            try gather(indices, from: dictionary)
        default:
            let names: [Int32: String] = [
                5: "DELTA_BINARY_PACKED", 6: "DELTA_LENGTH_BYTE_ARRAY", 7: "DELTA_BYTE_ARRAY",
                9: "BYTE_STREAM_SPLIT",
            ]
            throw ExportError(
                .unsupported,
                "value encoding \(names[header.encoding] ?? "#\(header.encoding)") is not read; "
                    + "write PLAIN or dictionary pages (pyarrow's defaults)", file: location)
        }
        if let def { definitionLevels.append(contentsOf: def) }
        if let rep { repetitionLevels.append(contentsOf: rep) }
    }

    private mutating func gather(_ indices: [UInt32], from dictionary: ParquetColumnData.Values) throws {
        func pick<T>(_ source: [T], into target: inout [T]) throws {
            for index in indices {
                guard Int(index) < source.count else { throw bad("dictionary index \(index) of \(source.count) entries") }
                target.append(source[Int(index)])
            }
        }
        switch (dictionary, values) {
        case (.int32(let d), .int32(var v)): values = .int32([]); try pick(d, into: &v); values = .int32(v)
        case (.int64(let d), .int64(var v)): values = .int64([]); try pick(d, into: &v); values = .int64(v)
        case (.float(let d), .float(var v)): values = .float([]); try pick(d, into: &v); values = .float(v)
        case (.double(let d), .double(var v)): values = .double([]); try pick(d, into: &v); values = .double(v)
        case (.byteArray(let d), .byteArray(var v)): values = .byteArray([]); try pick(d, into: &v); values = .byteArray(v)
        default: throw bad("dictionary of another type than its column")
        }
    }

    /// Appends `count` PLAIN values read from `page[from...]`; returns the offset after them.
    private func decodePlain(_ page: [UInt8], from start: Int, count: Int, into values: inout ParquetColumnData.Values) throws -> Int {
        func fixed<T>(_ width: Int, _ target: inout [T], _ load: (UnsafeRawBufferPointer, Int) -> T) throws -> Int {
            let (size, overflow) = count.multipliedReportingOverflow(by: width)
            guard !overflow, size <= page.count - start else { throw bad("\(count) values do not fit their page") }
            target.reserveCapacity(target.count + count)
            page.withUnsafeBytes { raw in
                for k in 0..<count { target.append(load(raw, start + k * width)) }
            }
            return start + size
        }
        switch values {
        case .int32(var v):
            values = .int32([])
            let end = try fixed(4, &v) { Int32(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: Int32.self)) }
            values = .int32(v)
            return end
        case .int64(var v):
            values = .int64([])
            let end = try fixed(8, &v) { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: Int64.self)) }
            values = .int64(v)
            return end
        case .float(var v):
            values = .float([])
            let end = try fixed(4, &v) { Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: UInt32.self))) }
            values = .float(v)
            return end
        case .double(var v):
            values = .double([])
            let end = try fixed(8, &v) { Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: UInt64.self))) }
            values = .double(v)
            return end
        case .byteArray(var v):
            values = .byteArray([])
            var p = start
            for _ in 0..<count {
                guard p + 4 <= page.count else { throw bad("a byte array's length runs past its page") }
                let n = Int(page[p]) | Int(page[p + 1]) << 8 | Int(page[p + 2]) << 16 | Int(page[p + 3]) << 24
                p += 4
                guard n <= page.count - p else { throw bad("a byte array runs past its page") }
                v.append(Array(page[p..<(p + n)]))
                p += n
            }
            values = .byteArray(v)
            return p
        }
    }
}
