/// Word lists the parser consults: function names, Greek letters, units, separators.
enum Vocabulary {
    static let functions: Set<String> = [
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "arccot", "arcsec", "arccsc",
        "sinh", "cosh", "tanh", "coth", "ln", "log", "lg", "exp", "max", "min", "gcd", "lcm", "det", "arg", "sgn",
        "sign", "tg", "ctg", "arctg", "Re", "Im", "deg", "mod", "lim", "sup", "inf",
    ]
    static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "rho", "varrho", "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi",
        "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "ell", "hbar",
        "aleph", "nabla", "partial", "angle", "triangle", "square", "Box", "star", "bullet", "circledast", "dagger",
        "infty", "Pi",
    ]
    static let accents: Set<String> = [
        "hat", "bar", "vec", "tilde", "widehat", "widetilde", "overrightarrow", "overleftarrow", "dot", "ddot", "mathring",
        "check", "breve", "acute", "grave", "overbrace", "underbrace", "overset", "underset", "stackrel",
    ]
    static let bigOperators: Set<String> = ["sum", "prod", "int", "iint", "oint", "bigcap", "coprod", "lim", "limsup", "liminf"]
    static let relations: [String: RelationOp] = [
        "approx": .approx, "in": .member, "equiv": .other, "sim": .other, "simeq": .approx, "cong": .other,
        "to": .other, "subset": .other, "subseteq": .other, "supset": .other, "supseteq": .other, "notin": .other,
        "propto": .other, "perp": .other, "parallel": .other, "mid": .other, "ni": .other, "doteq": .approx,
    ]
    /// `relations[c]`, with the hash lookup only for names whose first letter and length some relation shares
    /// (most commands, `\frac` or `\sqrt`, are ruled out by two byte tests).
    static func relation(_ c: String) -> RelationOp? {
        let u = c.utf8
        guard let first = u.first, u.count < 16, relationShapes[Int(first & 0x7F)] & (1 << u.count) != 0 else { return nil }
        return relations[c]
    }

    /// For each first byte, a bit per length of the relation names starting with it.
    static let relationShapes: [UInt16] = {
        var shapes = [UInt16](repeating: 0, count: 128)
        for name in relations.keys { shapes[Int(name.utf8.first! & 0x7F)] |= 1 << name.utf8.count }
        return shapes
    }()

    static let units: Set<String> = [
        "cm", "mm", "km", "m", "meter", "meters", "metre", "metres", "centimeter", "centimeters", "kilometer",
        "kilometers", "millimeters", "inch", "inches", "foot", "feet", "ft", "yard", "yards", "mile", "miles", "mi",
        "unit", "units", "second", "seconds", "sec", "minute", "minutes", "min", "hour", "hours", "hr", "hrs", "day",
        "days", "week", "weeks", "month", "months", "year", "years", "dollar", "dollars", "cent", "cents", "yuan",
        "euro", "euros", "degree", "degrees", "deg", "radian", "radians", "rad", "kg", "gram", "grams", "pound",
        "pounds", "lb", "lbs", "mph", "kmh", "liter", "liters", "litre", "litres", "ml", "gallon", "gallons", "square",
        "sq", "cubic", "per", "mins", "secs", "people", "persons", "students", "ways", "points", "coins", "marbles",
        "times", "steps", "moves", "pieces", "cookies", "boxes", "apples", "books", "games", "numbers", "integers",
        "digits", "terms", "tiles", "squares", "triangles", "handshakes", "cups", "pages", "rs", "rupees", "km/h",
        "m/s", "cm/s", "p", "am", "pm", "seats", "items", "balls", "cards", "cubes", "chairs", "trees", "blocks",
        "mg", "oz", "ounces", "kj", "ev", "kcal", "cal", "erg", "ergs", "nm", "angstrom", "angstroms", "acre", "acres",
        "hectare", "hectares", "quart", "quarts", "pint", "pints", "tonnes", "usd", "eur", "euro", "kph",
    ]
    static let percentWords: Set<String> = ["percent", "pct", "percentage", "per cent"]
    static let separators: Set<String> = ["and", "or", "also"]

    /// `separators.contains(w.lowercased())` without lowercasing or hashing for short ASCII words.
    static func isSeparator(_ w: String) -> Bool {
        guard let key = asciiKey(w) else { return separators.contains(w.lowercased()) }
        return separatorKeys.contains(key)
    }

    /// The lowercased bytes and the length of an ASCII word of at most 7 bytes, packed; nil otherwise.
    static func asciiKey(_ w: String) -> UInt64? {
        var key: UInt64 = 0
        var n: UInt64 = 0
        for b in w.utf8 {
            if b >= 128 || n == 7 { return nil }
            key = key << 8 | UInt64(b >= 65 && b <= 90 ? b + 32 : b)
            n += 1
        }
        return key << 8 | n
    }

    static let separatorKeys: [UInt64] = separators.compactMap { asciiKey($0) }
    static let functionLetters: Set<String> = ["f", "g", "h", "F", "G", "H", "P", "Q", "W", "p", "q", "R", "T", "S", "N", "A"]
}
