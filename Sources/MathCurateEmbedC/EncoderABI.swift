import CMathCurate
import CurateEmbed
import Foundation

// The exported functions of libmathcurate_embed; include/mathcurate_embed.h documents each one. Every function
// checks its arguments and returns a status code; errors from the model files are written to the caller's buffer.

/// `mathcurate_encoder_open`: loads the model.
@_cdecl("mathcurate_encoder_open")
public func mathcurate_encoder_open(
    _ modelDirectory: UnsafePointer<CChar>?, _ length: Int64, _ threads: Int32,
    _ out: UnsafeMutablePointer<OpaquePointer?>?, _ errorBuffer: UnsafeMutablePointer<CChar>?, _ errorCapacity: Int64
) -> Int32 {
    guard let out else { return Int32(MATHCURATE_INVALID_ARGUMENT) }
    out.pointee = nil
    guard length > 0, let modelDirectory else {
        EncoderErrors.write("the model folder is empty", into: errorBuffer, capacity: errorCapacity)
        return Int32(MATHCURATE_INVALID_ARGUMENT)
    }
    let path = modelDirectory.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
        String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self)
    }
    do {
        let encoder = try SentenceEncoder(modelDirectory: URL(fileURLWithPath: path), threadCount: threads > 0 ? Int(threads) : nil)
        out.pointee = OpaquePointer(Unmanaged.passRetained(encoder).toOpaque())
        return Int32(MATHCURATE_OK)
    } catch {
        EncoderErrors.write("\(error)", into: errorBuffer, capacity: errorCapacity)
        return Int32(MATHCURATE_MODEL_ERROR)
    }
}

/// `mathcurate_encoder_dimension`: the embedding length.
@_cdecl("mathcurate_encoder_dimension")
public func mathcurate_encoder_dimension(_ encoder: OpaquePointer?) -> Int32 {
    guard let encoder else { return 0 }
    return Int32(EncoderErrors.encoder(encoder).config.hiddenSize)
}

/// `mathcurate_encoder_embed`: embeds a packed batch into the caller's float buffer.
@_cdecl("mathcurate_encoder_embed")
public func mathcurate_encoder_embed(
    _ encoder: OpaquePointer?, _ count: Int64, _ bytes: UnsafePointer<CChar>?, _ offsets: UnsafePointer<Int64>?,
    _ out: UnsafeMutablePointer<Float>?
) -> Int32 {
    guard let encoder, count >= 0, let offsets, offsets[0] >= 0 else { return Int32(MATHCURATE_INVALID_ARGUMENT) }
    let n = Int(count)
    if n == 0 { return Int32(MATHCURATE_OK) }
    guard let out else { return Int32(MATHCURATE_INVALID_ARGUMENT) }
    for i in 0..<n where offsets[i + 1] < offsets[i] { return Int32(MATHCURATE_INVALID_ARGUMENT) }
    if offsets[n] > offsets[0], bytes == nil { return Int32(MATHCURATE_INVALID_ARGUMENT) }
    let texts: [String] = (0..<n).map { i in
        let start = Int(offsets[i]), end = Int(offsets[i + 1])
        guard end > start, let bytes else { return "" }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: end) {
            String(decoding: UnsafeBufferPointer(start: $0 + start, count: end - start), as: UTF8.self)
        }
    }
    let model = EncoderErrors.encoder(encoder)
    guard let vectors = try? model.embed(texts) else { return Int32(MATHCURATE_INVALID_ARGUMENT) }
    let dimension = model.config.hiddenSize
    for (i, vector) in vectors.enumerated() {
        vector.withUnsafeBufferPointer { (out + i * dimension).update(from: $0.baseAddress!, count: dimension) }
    }
    return Int32(MATHCURATE_OK)
}

/// `mathcurate_encoder_free`: releases an encoder (NULL allowed).
@_cdecl("mathcurate_encoder_free")
public func mathcurate_encoder_free(_ encoder: OpaquePointer?) {
    guard let encoder else { return }
    Unmanaged<SentenceEncoder>.fromOpaque(UnsafeRawPointer(encoder)).release()
}

/// Helpers of the encoder ABI: the handle's object, and error text for the caller's buffer.
enum EncoderErrors {
    /// The encoder behind a handle made by `mathcurate_encoder_open`.
    static func encoder(_ handle: OpaquePointer) -> SentenceEncoder {
        Unmanaged<SentenceEncoder>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
    }

    /// Writes `message` NUL-terminated into `buffer`, cut at a character boundary to fit `capacity` bytes.
    static func write(_ message: String, into buffer: UnsafeMutablePointer<CChar>?, capacity: Int64) {
        guard let buffer, capacity > 0 else { return }
        var bytes = Array(message.utf8.prefix(Int(capacity) - 1))
        while let last = bytes.last, last & 0xC0 == 0x80 || last >= 0xC0 { bytes.removeLast(); if last >= 0xC0 { break } }
        for (i, b) in bytes.enumerated() { buffer[i] = CChar(bitPattern: b) }
        buffer[bytes.count] = 0
    }
}
