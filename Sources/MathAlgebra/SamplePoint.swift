/// Values of the variables at one sample point of the numeric checks: the names (sorted, shared by all the points of
/// one check) and their values in the same order. A check has a few variables, so a lookup is a linear search over
/// short names: no hashing and no dictionary per point.
struct SamplePoint {
    let names: [String]
    let values: [Complex]

    /// True for the point of a constant check (no variables).
    var isEmpty: Bool { names.isEmpty }

    /// The value of `name`, or nil when it is not a variable of this point.
    func value(of name: String) -> Complex? {
        for k in names.indices where names[k] == name { return values[k] }
        return nil
    }
}
