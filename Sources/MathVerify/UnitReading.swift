import MathSyntax

/// What the unit phrases of one answer say, read with `UnitVocabulary`.
///
/// Marks written one after another (`\mathrm{kcal}\,\mathrm{m}^{-2}`, `\mathrm{km} / \mathrm{h}`) form one unit;
/// every quantity of the answer must carry the same unit for it to be `known`.
///
/// Example: the marks of `6\text{ km}` read as `.known(kilometre)`; those of `5 \text{ apples}` as `.unknown`.
enum UnitReading: Equatable {
    /// No unit written.
    case none
    /// `units`, `square units`: a placeholder, compared as a bare number.
    case generic
    /// One unit of the vocabulary, the same for every quantity of the answer.
    case known(PhysicalUnit)
    /// Words the vocabulary does not know (`apples`, `ways`).
    case unknown
    /// Different units on different quantities (`2 hours 30 minutes`).
    case mixed

    /// Reads the marks of one answer.
    init(_ marks: [UnitMark]) {
        guard !marks.isEmpty else { self = .none; return }
        var groups: [UnitReading] = []
        var current: UnitReading? = nil
        for mark in marks {
            let r = UnitReading.mark(mark)
            if let c = current, mark.joinsPrevious || mark.divides {
                current = UnitReading.join(c, r, dividing: mark.divides)
            } else {
                if let c = current { groups.append(c) }
                current = r
            }
        }
        if let c = current { groups.append(c) }
        self = groups.allSatisfy { $0 == groups[0] } ? groups[0] : .mixed
    }

    /// Two parts of one compound unit (the second multiplies, or divides, the first).
    static func join(_ a: UnitReading, _ b: UnitReading, dividing: Bool) -> UnitReading {
        switch (a, b) {
        case (.known(let x), .known(let y)):
            guard let z = dividing ? y.power(-1) : y else { return .unknown }
            return .known(x * z)
        case (.unknown, _), (_, .unknown): return .unknown
        case (.known, _): return a
        case (_, .known): return dividing ? .unknown : b
        default: return a
        }
    }

    /// One mark: its words in order (`square feet`, `km/h`, `miles per hour`, `cm^2`), then its written exponent.
    static func mark(_ mark: UnitMark) -> UnitReading {
        var unit: PhysicalUnit? = nil
        var sawGeneric = false
        var pendingPower = 1
        var dividing = false
        for piece in pieces(mark.text) {
            switch piece {
            case .slash:
                dividing = true
            case .exponent(let k):
                // `cm^2` inside the text: the whole unit so far to the power (a single unit in practice).
                guard let u = unit, let p = u.power(k) else { return .unknown }
                unit = p
            case .word(let w):
                guard let meaning = UnitVocabulary.word(w) else { return .unknown }
                switch meaning {
                case .filler: continue
                case .generic: sawGeneric = true
                case .power(let k): pendingPower = k
                case .per: dividing = true
                case .unit(let u):
                    guard let powered = u.power(dividing ? -pendingPower : pendingPower) else { return .unknown }
                    unit = unit.map { $0 * powered } ?? powered
                    pendingPower = 1
                    dividing = false
                }
            }
        }
        guard let u = unit else { return sawGeneric ? .generic : .unknown }
        guard let powered = u.power(mark.exponent) else { return .unknown }
        return .known(powered)
    }

    /// A piece of a unit phrase.
    enum Piece: Equatable {
        case word(String)
        case slash
        case exponent(Int)
    }

    /// Splits a phrase into words (letters and the symbols `$ % ° ¢ € µ Å`), `/` and `^k` exponents; spaces, `~`,
    /// dots, commas and backslash commands separate. A word ending in digits (`cm2`) is the word and an exponent.
    static func pieces(_ text: String) -> [Piece] {
        var out: [Piece] = []
        var word = ""
        var chars = Array(text)
        chars.append(" ")
        var i = 0
        func flush() {
            guard !word.isEmpty else { return }
            if let digitStart = word.firstIndex(where: { $0.isNumber }), digitStart != word.startIndex,
                let k = Int(word[digitStart...])
            {
                out.append(.word(String(word[..<digitStart])))
                out.append(.exponent(k))
            } else {
                out.append(.word(word))
            }
            word = ""
        }
        while i < chars.count {
            let c = chars[i]
            if c.isLetter || "$%°¢€".contains(c) || (c.isNumber && !word.isEmpty) {
                word.append(c)
            } else if c == "^" {
                flush()
                var j = i + 1
                var digits = ""
                while j < chars.count, "{}-+".contains(chars[j]) || chars[j].isNumber {
                    if chars[j] != "{" && chars[j] != "}" && chars[j] != "+" { digits.append(chars[j]) }
                    j += 1
                }
                out.append(.exponent(Int(digits) ?? 1))
                i = j
                continue
            } else if c == "\\" {
                flush()
                // A command (`\,`, `\mu`): skip its name; `\mu` before a unit is the micro prefix, kept as a word.
                var j = i + 1
                var name = ""
                while j < chars.count, chars[j].isLetter { name.append(chars[j]); j += 1 }
                if name.isEmpty { j += 1 }
                if name == "mu" { word = "µ" }
                i = j
                continue
            } else {
                flush()
                if c == "/" { out.append(.slash) }
            }
            i += 1
        }
        return out
    }
}
