/// Values of the variables: a sample point of the numeric checks, or the assignment an evaluator was given. The
/// names (sorted; the points of one check share them) and their values in the same order. An expression has a few
/// variables, so a lookup is a linear search over short names: no hashing and no dictionary per point.
struct SamplePoint {
    let names: [String]
    let values: [Complex]

    init(names: [String], values: [Complex]) {
        self.names = names
        self.values = values
    }

    /// The values of a dictionary, by sorted name.
    init(_ assignment: [String: Complex]) {
        if assignment.isEmpty {
            self.init(names: [], values: [])
        } else {
            let names = assignment.keys.sorted()
            self.init(names: names, values: names.map { assignment[$0]! })
        }
    }

    /// True for the point of a constant check (no variables).
    var isEmpty: Bool { names.isEmpty }

    /// The value of `name`, or nil when it is not a variable of this point.
    func value(of name: String) -> Complex? {
        for k in names.indices where names[k] == name { return values[k] }
        return nil
    }
}
