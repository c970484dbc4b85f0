import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only, memory-mapped safetensors file: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw row-major little-endian tensor data.
///
/// The mapping lives as long as the object and is unmapped in `deinit`; tensor bytes are read in place
/// (`withFloats(_:_:)`) or copied out (`floats(_:)`).
///
/// Example:
/// ```swift
/// let file = try SafeTensorsFile(url: dir.appendingPathComponent("model.safetensors"))
/// let bias = try file.floats("encoder.layer.0.output.dense.bias")   // 384 values
/// ```
public final class SafeTensorsFile: @unchecked Sendable {
    /// The element type of a tensor, as spelled in the header.
    public enum DType: String, Sendable {
        /// Floating-point and integer element types as named by the format.
        case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
        /// Integer and boolean element types.
        case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8", u8 = "U8", bool = "BOOL"

        /// Bytes per element.
        public var byteSize: Int {
            switch self {
            case .f64, .i64: return 8
            case .f32, .i32: return 4
            case .f16, .bf16, .i16: return 2
            case .i8, .u8, .bool: return 1
            }
        }
    }

    /// One header entry: dtype, shape and byte range relative to the start of the data section.
    public struct TensorInfo: Sendable, Equatable {
        /// The tensor's name in the header.
        public let name: String
        /// Its element type.
        public let dtype: DType
        /// Its shape, outermost dimension first.
        public let shape: [Int]
        /// Byte range within the data section.
        public let byteRange: Range<Int>
        /// The number of elements (product of `shape`).
        public var elementCount: Int { shape.reduce(1, *) }
    }

    /// The file this object maps.
    public let path: String
    /// Tensor entries by name (the `__metadata__` entry is excluded).
    public let tensors: [String: TensorInfo]
    /// The `__metadata__` string map, if present.
    public let metadata: [String: String]

    // The one unsafe handle: the mapping's base address and length, owned by this object.
    private let base: UnsafeRawPointer
    private let mappedLength: Int
    private let dataOffset: Int

    /// Maps the file and parses its header.
    /// - Parameter url: the `.safetensors` file.
    /// - Throws: `EmbedError` with code `.modelMissing` if absent, `.io` if it cannot be mapped,
    ///   `.invalidSafeTensors` if the header is malformed or a tensor lies outside the file.
    public init(url: URL) throws {
        let path = url.path
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw EmbedError(.modelMissing, "no such file", file: path)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw EmbedError(.io, "open failed (errno \(errno))", file: path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw EmbedError(.io, "fstat failed (errno \(errno))", file: path) }
        let length = Int(st.st_size)
        guard length >= 8 else {
            throw EmbedError(.invalidSafeTensors, "file is \(length) bytes, shorter than the 8-byte header length", file: path)
        }
        guard let raw = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), raw != MAP_FAILED else {
            throw EmbedError(.io, "mmap failed (errno \(errno))", file: path)
        }
        let base = UnsafeRawPointer(raw)
        do {
            let header = try Self.parseHeader(base: base, length: length, path: path)
            self.tensors = header.tensors
            self.metadata = header.metadata
            self.dataOffset = header.dataOffset
        } catch {
            munmap(raw, length)
            throw error
        }
        self.base = base
        self.mappedLength = length
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
    }

    /// The entry for `name`.
    /// - Throws: `EmbedError(.tensorMismatch)` if the file has no such tensor.
    public func info(_ name: String) throws -> TensorInfo {
        guard let info = tensors[name] else {
            throw EmbedError(.tensorMismatch, "tensor '\(name)' not found", file: path)
        }
        return info
    }

    /// Calls `body` with the F32 data of tensor `name`, read in place from the mapping.
    /// - Parameters:
    ///   - name: the tensor name.
    ///   - shape: when given, the tensor's shape must equal it.
    ///   - body: receives the elements; the pointer must not escape.
    /// - Throws: `EmbedError(.tensorMismatch)` for a missing tensor, a dtype other than F32 or a wrong shape.
    public func withFloats<R>(
        _ name: String, shape: [Int]? = nil,
        _ body: (UnsafeBufferPointer<Float>) throws -> R
    ) throws -> R {
        let info = try info(name)
        guard info.dtype == .f32 else {
            throw EmbedError(.tensorMismatch, "tensor '\(name)' is \(info.dtype.rawValue), expected F32", file: path)
        }
        if let shape, shape != info.shape {
            throw EmbedError(.tensorMismatch, "tensor '\(name)' has shape \(info.shape), expected \(shape)", file: path)
        }
        let start = base + dataOffset + info.byteRange.lowerBound
        // Offsets are validated at parse time; F32 data at a 4-byte-aligned offset can be bound directly.
        if Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 {
            let typed = start.assumingMemoryBound(to: Float.self)
            return try body(UnsafeBufferPointer(start: typed, count: info.elementCount))
        }
        var copy = [Float](repeating: 0, count: info.elementCount)
        copy.withUnsafeMutableBytes { dst in
            dst.copyMemory(from: UnsafeRawBufferPointer(start: start, count: info.byteRange.count))
        }
        return try copy.withUnsafeBufferPointer(body)
    }

    /// A copy of the F32 data of tensor `name`.
    /// - Throws: as `withFloats(_:shape:_:)`.
    public func floats(_ name: String, shape: [Int]? = nil) throws -> [Float] {
        try withFloats(name, shape: shape) { Array($0) }
    }

    /// Calls `body` with the raw bytes of tensor `name` (any dtype).
    /// - Throws: `EmbedError(.tensorMismatch)` if absent.
    public func withBytes<R>(_ name: String, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let info = try info(name)
        return try body(
            UnsafeRawBufferPointer(
                start: base + dataOffset + info.byteRange.lowerBound,
                count: info.byteRange.count))
    }
}
