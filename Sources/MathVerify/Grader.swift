import MathAlgebra
import MathSyntax

/// Grades answers against gold answers: extraction, parsing and ordered equivalence strategies.
///
/// Strategies in order: identical text; structural match; exact rational value; canonical algebraic form;
/// numeric check at seeded points (guarded by exact forms, so `2^{100}` vs `2^{100}+1` and `1/2^{99}` vs
/// `1/2^{98}` differ); tuples (ordered), sets and solution lists (unordered), intervals with bracket types,
/// interval ≡ inequality or `x \in` form, matrices, equations equal up to a non-zero factor, `\pm` as both roots,
/// percent/degree conventions, multiple-choice letters. When unsure the verdict is `different` or `undecided`.
///
/// Conventions: `p\%` ≡ p and ≡ p/100; `x^\circ` ≡ x and ≡ xπ/180; `name = v` ≡ v for a name-like left side
/// (`x`, `f(x)`, `(p,q)`, `|AB|`); a chain `a = b = c` compares its first and last members; decimals equal exact
/// values only when exactly equal unless `acceptRoundedDecimals` or `relativeTolerance` is set.
///
/// Example: `Grader().grade(gold: "\\frac{1}{2}", answer: "0.5").isEquivalent == true`.
public struct Grader: Sendable {
    /// Grading options.
    public struct Options: Sendable {
        /// Accept a terminating decimal that is a correct rounding (or truncation) of the exact value.
        public var acceptRoundedDecimals: Bool
        /// Accept numbers within this relative tolerance (nil: exact only); see `isValidTolerance`.
        public var relativeTolerance: Double?

        /// Whether `t` can be a relative tolerance: in [0, 1). The one check behind `--tolerance`, the per-item
        /// `"tolerance"` option and the C ABI's `relative_tolerance`.
        public static func isValidTolerance(_ t: Double) -> Bool { t >= 0 && t < 1 }
        /// Budget for each algebraic comparison.
        public var budget: Budget
        /// Extraction options for `grade(gold:response:)`.
        public var extraction: ExtractionOptions

        /// Creates options.
        public init(
            acceptRoundedDecimals: Bool = false, relativeTolerance: Double? = nil, budget: Budget = Budget(),
            extraction: ExtractionOptions = ExtractionOptions()
        ) {
            self.acceptRoundedDecimals = acceptRoundedDecimals
            self.relativeTolerance = relativeTolerance
            self.budget = budget
            self.extraction = extraction
        }
    }

    /// The options in use.
    public var options: Options

    /// Creates a grader.
    public init(options: Options = Options()) { self.options = options }

    /// Grades a final answer against the gold answer.
    /// - Parameters:
    ///   - gold: reference answer (LaTeX or plain; a worked solution with `\boxed{}` is reduced to its box).
    ///   - answer: candidate final answer.
    /// - Returns: the verdict.
    public func grade(gold: String, answer: String) -> Verdict {
        grade(gold: gold, answer: answer, goldIsPrepared: false)
    }

    /// `grade(gold:answer:)`; `goldIsPrepared` says that `prepareShortAnswer` already returned this gold unchanged
    /// (so it would again).
    func grade(gold: String, answer: String, goldIsPrepared: Bool) -> Verdict {
        let trimmedGold = gold.trimmedSpaces
        // A missing label must not reward an empty answer (`\boxed{}` against "").
        if trimmedGold.isEmpty { return .undecided("gold answer is empty") }
        if trimmedGold == answer.trimmedSpaces { return .equivalent(.identicalText) }
        if let x = Parser.plainInteger(gold), let y = Parser.plainInteger(answer) {
            return x == y ? .equivalent(.exactValue) : .different("different integers")
        }
        let g = goldIsPrepared ? gold : AnswerExtractor.prepareShortAnswer(gold)
        let a = AnswerExtractor.prepareShortAnswer(answer)
        if let choice = ChoiceGrading.grade(gold: g, answer: a) { return choice }
        let (first, unitsDecided) = gradePreparedWithUnits(gold: g, answer: a)
        if first.isEquivalent || unitsDecided { return first }  // a unit verdict is not undone by a reading without units
        // `\textbf{(C)}\ 12` against a value gold: compare the value written after the letter.
        if let (_, rest) = ChoiceGrading.letter(of: a), !rest.isEmpty {
            let second = gradePrepared(gold: g, answer: rest)
            if second.isEquivalent { return second }
        }
        // Fallback: an answer with prose around it is reduced to its last number or math span.
        // (Cheap byte scans first; the word split of containsProse runs only when they pass.)
        if a == answer, AnswerExtractor.numberCount(a) == 1, AnswerExtractor.mathSpans(Array(a.utf8)).isEmpty,
            AnswerExtractor.containsProse(a), let alt = AnswerExtractor.extract(from: a), alt != a
        {
            let second = gradePrepared(gold: g, answer: alt)
            if second.isEquivalent { return second }
        }
        return first
    }

    /// Grades a whole model response: extracts the final answer first (see `ExtractionOptions`).
    /// - Returns: `.different("no final answer found")` when nothing can be extracted.
    public func grade(gold: String, response: String) -> Verdict {
        grade(gold: gold, response: response) { AnswerExtractor.extract(from: response, options: options.extraction) }
    }

    /// `grade(gold:response:)` with the extraction supplied by the caller (called at most once, and not at all
    /// for a multiple-choice gold under the standard policy), so a caller that also reports the extracted answer
    /// extracts it once.
    func grade(gold: String, response: String, extracted: () -> String?) -> Verdict {
        if gold.trimmedSpaces.isEmpty { return .undecided("gold answer is empty") }
        let g = AnswerExtractor.prepareShortAnswer(gold)
        if ChoiceGrading.isChoiceLetter(g), case .standard = options.extraction.policy, !options.extraction.strict {
            return ChoiceGrading.gradeResponse(gold: g, response: response)
        }
        guard let answer = extracted() else { return .different("no final answer found") }
        return grade(gold: g, answer: answer, goldIsPrepared: g == gold)
    }

    /// Parses and compares prepared texts.
    func gradePrepared(gold: String, answer: String) -> Verdict { gradePreparedWithUnits(gold: gold, answer: answer).verdict }

    /// `gradePrepared`, and whether the units written decided the verdict (then the grader's fallback readings of
    /// the answer, which drop the words around its number, must not overrule it).
    func gradePreparedWithUnits(gold: String, answer: String) -> (verdict: Verdict, unitsDecided: Bool) {
        if gold.trimmedSpaces == answer.trimmedSpaces { return (.equivalent(.identicalText), false) }
        let (pg, pa, sameTokens) = Parser.parsePair(gold, answer)
        guard let ge = pg.expr else { return (.undecided("gold answer does not parse"), false) }
        if sameTokens { return (.equivalent(.structural), false) }  // one parse, shared: the trees are equal
        guard let ae = pa.expr else { return (.different("answer does not parse"), false) }
        // A tree recovered from an answer with syntax errors may have lost part of it (an unclosed bracket, nesting
        // past the limit stops the parse): it never proves equality, whatever the gold's parse.
        if !pa.isSuccess {
            return (pg.isSuccess ? .different("answer has syntax errors") : .undecided("both answers have syntax errors"), false)
        }
        var context = Comparison(options: options)
        context.listTexts = (gold, answer)
        let verdict = context.compare(ge, ae)
        // Units (rare: only when a side wrote one) can overrule the values' verdict.
        if pg.strippedUnit || pa.strippedUnit,
            let v = context.unitVerdict(gold: ge, goldMarks: pg.units, answer: ae, answerMarks: pa.units, base: verdict)
        {
            return (v, true)
        }
        if verdict.isEquivalent { return (verdict, false) }
        // Decimal comma reading (`1,22` for 1.22) when the other side is a non-integer decimal.
        if let alt = decimalCommaAlternative(gold: gold, answer: answer, ge: ge, ae: ae) { return (alt, false) }
        if case .text = ge.view, TextGrading.rawKey(gold) == TextGrading.rawKey(answer), !TextGrading.rawKey(gold).isEmpty {
            return (.equivalent(.text), false)
        }
        if case .text = ae.view, TextGrading.rawKey(gold) == TextGrading.rawKey(answer), !TextGrading.rawKey(gold).isEmpty {
            return (.equivalent(.text), false)
        }
        if case .undecided = verdict, !pg.isSuccess { return (.undecided("gold answer has syntax errors"), false) }
        return (verdict, false)
    }

    func decimalCommaAlternative(gold: String, answer: String, ge: Expr, ae: Expr) -> Verdict? {
        func isDecimal(_ e: Expr) -> Bool {
            if case .number(let n) = e.view { return !n.fractionDigits.isEmpty }
            if case .negate(let x) = e.view { return isDecimal(x) }
            return false
        }
        func isPair(_ e: Expr) -> Bool { if case .list(let xs) = e.view { return xs.count == 2 }; return false }
        // Only `1,22` written without a space and with a single comma reads as a decimal comma.
        func commaOK(_ s: String) -> Bool { !s.contains(", ") && s.utf8.filter { $0 == 44 }.count == 1 }
        // The shape tests first: the comma test (a Foundation substring search) only for a decimal against a pair.
        guard isDecimal(ge) && isPair(ae) || isDecimal(ae) && isPair(ge) else { return nil }
        guard commaOK(isDecimal(ge) ? answer : gold) else { return nil }
        var context = Comparison(options: options)
        let opts = ParseOptions(decimalComma: true)
        if isDecimal(ge), isPair(ae), let alt = Parser.parse(answer, options: opts).expr {
            let v = context.compare(ge, alt)
            return v.isEquivalent ? v : nil
        }
        if isDecimal(ae), isPair(ge), let alt = Parser.parse(gold, options: opts).expr {
            let v = context.compare(alt, ae)
            return v.isEquivalent ? v : nil
        }
        return nil
    }
}

/// Decides whether a list answer is a set of solutions (order irrelevant) or an ordered sequence.
enum ListOrder {
    /// Unordered when joined by words ("and", "or"), by several boxes, or written as a set.
    static func isUnordered(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isUnordered(bytes: $0) }
    }

    /// `isUnordered` on the string's UTF-8 bytes in place.
    static func isUnordered(bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        func isLetter(_ i: Int) -> Bool { i >= 0 && i < b.count && ByteClass.isASCIILetter(b[i]) }
        for i in b.indices {
            if b[i] == 59 { return true }
            if b[i] == 92, i + 1 < b.count, b[i + 1] == 123 { return true }
            let c = b[i] | 0x20
            if c == 97, i + 2 < b.count, b[i + 1] | 0x20 == 110, b[i + 2] | 0x20 == 100, !isLetter(i - 1), !isLetter(i + 3) { return true }
            if c == 111, i + 1 < b.count, b[i + 1] | 0x20 == 114, !isLetter(i - 1), !isLetter(i + 2) { return true }
        }
        return false
    }
}
