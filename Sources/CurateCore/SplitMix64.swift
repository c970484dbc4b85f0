/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seeded generator whose outputs pass BigCrush, and its output
/// mixer as a stand-alone 64-bit hash finaliser. Used where runs must repeat exactly (benchmark data, the test
/// server's error draws, test vectors) and by ``ContentHash`` to finish its fingerprint.
///
/// Example: `var rng = SplitMix64(seed: 42); let x = Float.random(in: -1...1, using: &rng)`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The step added to the state before each output (2⁶⁴ divided by the golden ratio).
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The current state.
    public private(set) var state: UInt64

    /// A generator whose first output is `mix(seed + increment)`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= SplitMix64.increment
        return SplitMix64.mix(state)
    }

    /// The output mixer: a bijection of 64-bit words with full avalanche.
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
