import MathAlgebra

/// The units the grader knows by name: length, mass, time, angle, area, volume, speed, energy, currency and percent,
/// singular, plural and abbreviated. A one-letter name is matched with its case (`m` is the metre, `M` is not a
/// unit here); longer names in any case.
///
/// Example: `UnitVocabulary.unit(named: "Inches")` is the inch, `254/10000` m.
enum UnitVocabulary {
    /// What a word of a unit phrase is.
    enum Word: Equatable {
        case unit(PhysicalUnit)
        /// `unit`, `units`: a placeholder that stands for whatever unit the problem uses.
        case generic
        /// `square`, `sq`, `cubic`: the next unit to this power.
        case power(Int)
        /// `per` (and `/`): the next unit divides.
        case per
        /// Words that say nothing about the unit (`long`, `each`, `of`).
        case filler
    }

    /// The meaning of one word of a unit phrase, nil for a word that is not in the vocabulary.
    static func word(_ w: String) -> Word? {
        if let u = units[w] { return .unit(u) }
        guard w.utf8.count > 1 else { return nil }
        let lower = w.lowercased()
        if let u = units[lower] { return .unit(u) }
        return others[lower]
    }

    /// The unit named `w`, if any.
    static func unit(named w: String) -> PhysicalUnit? {
        if case .unit(let u)? = word(w) { return u }
        return nil
    }

    static let others: [String: Word] = {
        var table: [String: Word] = [
            "unit": .generic, "units": .generic, "square": .power(2), "sq": .power(2),
            "cubic": .power(3), "cu": .power(3), "per": .per,
        ]
        for w in [
            "of", "long", "wide", "tall", "high", "deep", "each", "total", "in total", "approximately", "about",
            "exactly", "roughly", "approx", "only", "away", "apart", "old", "a", "an", "the", "is", "are",
        ] {
            table[w] = .filler
        }
        return table
    }()

    /// Names (lower case, except one-letter names and a few case-sensitive symbols) to units.
    static let units: [String: PhysicalUnit] = {
        var table: [String: PhysicalUnit] = [:]
        func add(_ names: [String], _ unit: PhysicalUnit) { for n in names { table[n] = unit } }
        // Length (metre).
        add(["mm", "millimeter", "millimeters", "millimetre", "millimetres"], PhysicalUnit(.length, 1, 1000))
        add(["cm", "centimeter", "centimeters", "centimetre", "centimetres"], PhysicalUnit(.length, 1, 100))
        add(["dm", "decimeter", "decimeters", "decimetre", "decimetres"], PhysicalUnit(.length, 1, 10))
        add(["m", "meter", "meters", "metre", "metres"], PhysicalUnit(.length, 1))
        add(["km", "kilometer", "kilometers", "kilometre", "kilometres"], PhysicalUnit(.length, 1000))
        add(
            ["µm", "μm", "um", "micrometer", "micrometers", "micrometre", "micrometres", "micron", "microns"],
            PhysicalUnit(.length, 1, 1_000_000))
        add(["nm", "nanometer", "nanometers", "nanometre", "nanometres"], PhysicalUnit(.length, 1, 1_000_000_000))
        add(["angstrom", "angstroms", "å", "Å"], PhysicalUnit(.length, 1, 10_000_000_000))
        add(["in", "inch", "inches"], PhysicalUnit(.length, 254, 10_000))
        add(["ft", "foot", "feet"], PhysicalUnit(.length, 3048, 10_000))
        add(["yd", "yds", "yard", "yards"], PhysicalUnit(.length, 9144, 10_000))
        add(["mi", "mile", "miles"], PhysicalUnit(.length, 1_609_344, 1000))
        // Mass (kilogram).
        add(["mg", "milligram", "milligrams"], PhysicalUnit(.mass, 1, 1_000_000))
        add(["g", "gram", "grams", "gramme", "grammes"], PhysicalUnit(.mass, 1, 1000))
        add(["kg", "kilogram", "kilograms", "kilo", "kilos"], PhysicalUnit(.mass, 1))
        add(["tonne", "tonnes"], PhysicalUnit(.mass, 1000))
        add(["lb", "lbs", "pound", "pounds"], PhysicalUnit(.mass, 45_359_237, 100_000_000))
        add(["oz", "ounce", "ounces"], PhysicalUnit(.mass, 45_359_237, 1_600_000_000))
        // Time (second); months and years are calendar time.
        add(["ms", "millisecond", "milliseconds"], PhysicalUnit(.time, 1, 1000))
        add(["s", "sec", "secs", "second", "seconds"], PhysicalUnit(.time, 1))
        add(["min", "mins", "minute", "minutes"], PhysicalUnit(.time, 60))
        add(["h", "hr", "hrs", "hour", "hours"], PhysicalUnit(.time, 3600))
        add(["day", "days"], PhysicalUnit(.time, 86_400))
        add(["week", "weeks", "wk", "wks"], PhysicalUnit(.time, 604_800))
        add(["month", "months"], PhysicalUnit(.calendarTime, 1))
        add(["yr", "yrs", "year", "years"], PhysicalUnit(.calendarTime, 12))
        add(["decade", "decades"], PhysicalUnit(.calendarTime, 120))
        add(["century", "centuries"], PhysicalUnit(.calendarTime, 1200))
        // Angle (radian).
        add(["rad", "rads", "radian", "radians"], PhysicalUnit(.angle, 1))
        add(["deg", "degree", "degrees", "°"], PhysicalUnit(.angle, 1, 180, piPower: 1))
        add(["rev", "revs", "revolution", "revolutions"], PhysicalUnit(.angle, 2, 1, piPower: 1))
        // Area and volume with names of their own.
        let m2 = PhysicalUnit(.length, 1).power(2)!, m3 = PhysicalUnit(.length, 1).power(3)!
        add(["acre", "acres"], m2 * PhysicalUnit.number(Rational(40_468_564_224, 10_000_000)))
        add(["hectare", "hectares", "ha"], m2 * PhysicalUnit.number(Rational(10_000)))
        add(["l", "L", "liter", "liters", "litre", "litres"], m3 * PhysicalUnit.number(Rational(1, 1000)))
        add(
            ["ml", "mL", "milliliter", "milliliters", "millilitre", "millilitres", "cc"],
            m3 * PhysicalUnit.number(Rational(1, 1_000_000)))
        let gallon = Rational(3_785_411_784, 1_000_000_000_000)
        add(["gal", "gallon", "gallons"], m3 * PhysicalUnit.number(gallon))
        add(["quart", "quarts", "qt"], m3 * PhysicalUnit.number(gallon * Rational(1, 4)))
        add(["pint", "pints", "pt"], m3 * PhysicalUnit.number(gallon * Rational(1, 8)))
        add(["cup", "cups"], m3 * PhysicalUnit.number(gallon * Rational(1, 16)))
        // Speed.
        add(["mph"], PhysicalUnit(.length, 1_609_344, 1000) * PhysicalUnit(.time, 3600).power(-1)!)
        add(["kmh", "kph"], PhysicalUnit(.length, 1000) * PhysicalUnit(.time, 3600).power(-1)!)
        // Energy (joule = kg m² s⁻²).
        let joule = PhysicalUnit(.mass, 1) * m2 * PhysicalUnit(.time, 1).power(-2)!
        add(["J", "joule", "joules"], joule)
        add(["kJ", "kj", "kilojoule", "kilojoules"], joule * PhysicalUnit.number(Rational(1000)))
        add(["cal", "calorie", "calories"], joule * PhysicalUnit.number(Rational(4184, 1000)))
        add(["kcal", "kilocalorie", "kilocalories"], joule * PhysicalUnit.number(Rational(4184)))
        add(["erg", "ergs"], joule * PhysicalUnit.number(Rational(1, 10_000_000)))
        let electronVolt = Rational(1_602_176_634, 1_000_000_000) * (Rational(10).power(-19, maxBits: 128) ?? .zero)
        add(["eV", "ev", "electronvolt", "electronvolts"], joule * PhysicalUnit.number(electronVolt))
        // Currencies.
        add(["$", "dollar", "dollars", "usd", "bucks"], PhysicalUnit(.dollar, 1))
        add(["cent", "cents", "¢"], PhysicalUnit(.dollar, 1, 100))
        add(["euro", "euros", "eur", "€"], PhysicalUnit(.euro, 1))
        add(["yuan", "rmb", "cny"], PhysicalUnit(.yuan, 1))
        add(["rupee", "rupees", "rs", "inr"], PhysicalUnit(.rupee, 1))
        // Percent.
        add(["percent", "percentage", "pct", "%"], PhysicalUnit(.percent, 1))
        return table
    }()
}

extension PhysicalUnit {
    /// The pure number `s` (no dimension), for scaling a unit by a constant.
    fileprivate static func number(_ s: Rational) -> PhysicalUnit { PhysicalUnit(dimension: .none, scale: s, piPower: 0) }
}
