/// A cosine as a drop's evidence prints it (three decimals): the key dedup and overlap pick the strongest of a row's
/// pairs by. The same pair's cosine differs in its last bits between CPUs (each runs its own matrix kernels), so
/// picking by the raw value could cite one row on one host and its exact duplicate on another; at the printed
/// precision such pairs tie, and the caller breaks the tie by row order, so every host records the same evidence.
struct EvidenceCosine: Comparable {
    let thousandths: Int

    init(_ cosine: Float) { thousandths = Int((cosine * 1000).rounded()) }

    static func < (a: EvidenceCosine, b: EvidenceCosine) -> Bool { a.thousandths < b.thousandths }
}
