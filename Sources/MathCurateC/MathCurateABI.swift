import CMathCurate
import MathVerify

// The exported functions of libmathcurate; include/mathcurate.h (in the CMathCurate target) documents each one.
// Every function checks its arguments and returns a status code: no traps on bad input, no global state.

private let versionText: StaticString = "0.6.0"

/// `mathcurate_version`: the library's version (a static string).
@_cdecl("mathcurate_version")
public func mathcurate_version() -> UnsafePointer<CChar> {
    UnsafeRawPointer(versionText.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// `mathcurate_abi_version`: the ABI version the library was built with.
@_cdecl("mathcurate_abi_version")
public func mathcurate_abi_version() -> Int32 { Int32(MATHCURATE_ABI_VERSION) }

/// `mathcurate_status_message`: a static description of a status code.
@_cdecl("mathcurate_status_message")
public func mathcurate_status_message(_ status: Int32) -> UnsafePointer<CChar> {
    let message: StaticString = ABIStatus(rawValue: status)?.message ?? "unknown status code"
    return UnsafeRawPointer(message.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// `mathcurate_options_init`: writes the default options.
@_cdecl("mathcurate_options_init")
public func mathcurate_options_init(_ options: UnsafeMutablePointer<mathcurate_options>?) {
    options?.pointee = GradingOptions.defaults
}

/// `mathcurate_grade`: grades one pair.
@_cdecl("mathcurate_grade")
public func mathcurate_grade(
    _ options: UnsafePointer<mathcurate_options>?, _ gold: UnsafePointer<CChar>?, _ goldLength: Int64,
    _ candidate: UnsafePointer<CChar>?, _ candidateLength: Int64, _ isResponse: Int32,
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<mathcurate_results>?>?
) -> Int32 {
    let grader: Grader
    switch GradingOptions.prepare(options, out) {
    case .success(let g): grader = g
    case .failure(let status): return status.rawValue
    }
    guard let goldText = CText.string(gold, goldLength), let candidateText = CText.string(candidate, candidateLength) else {
        return ABIStatus.invalidArgument.rawValue
    }
    let outcome = grader.outcome(gold: goldText, candidate: isResponse != 0 ? .response(candidateText) : .answer(candidateText))
    out?.pointee = [outcome].withUnsafeBufferPointer { ResultsBlock.make($0) }
    return ABIStatus.ok.rawValue
}

/// `mathcurate_grade_batch`: grades `count` pairs packed as bytes + offsets.
@_cdecl("mathcurate_grade_batch")
public func mathcurate_grade_batch(
    _ options: UnsafePointer<mathcurate_options>?, _ count: Int64,
    _ goldBytes: UnsafePointer<CChar>?, _ goldOffsets: UnsafePointer<Int64>?,
    _ candidateBytes: UnsafePointer<CChar>?, _ candidateOffsets: UnsafePointer<Int64>?,
    _ isResponse: Int32, _ threads: Int32,
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<mathcurate_results>?>?
) -> Int32 {
    let grader: Grader
    switch GradingOptions.prepare(options, out) {
    case .success(let g): grader = g
    case .failure(let status): return status.rawValue
    }
    guard count >= 0, let golds = CText.PackedStrings(goldBytes, goldOffsets, count: Int(count)),
        let candidates = CText.PackedStrings(candidateBytes, candidateOffsets, count: Int(count))
    else {
        return ABIStatus.invalidArgument.rawValue
    }
    let n = Int(count)
    let response = isResponse != 0
    let outcomes = UnsafeMutableBufferPointer<GradeOutcome>.allocate(capacity: n)
    defer { outcomes.deinitialize().deallocate() }
    ParallelGrading.run(count: n, workers: ParallelGrading.workers(requested: Int(threads), count: n), into: outcomes) { i in
        let text = candidates[i]
        return grader.outcome(gold: golds[i], candidate: response ? .response(text) : .answer(text))
    }
    out?.pointee = ResultsBlock.make(UnsafeBufferPointer(outcomes))
    return ABIStatus.ok.rawValue
}

/// `mathcurate_results_free`: releases a results block (NULL allowed).
@_cdecl("mathcurate_results_free")
public func mathcurate_results_free(_ results: UnsafeMutablePointer<mathcurate_results>?) {
    if let results { ResultsBlock.free(results) }
}
