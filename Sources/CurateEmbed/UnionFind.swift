/// Disjoint sets over `0..<count` (union by size, path halving), for turning near-duplicate pairs into clusters.
///
/// Example:
/// ```swift
/// var sets = UnionFind(count: 5)
/// sets.union(0, 3); sets.union(3, 4)
/// sets.clusters()   // [[0, 3, 4]]  (singletons omitted)
/// ```
public struct UnionFind: Sendable {
    private var parent: [Int]
    private var size: [Int]
    /// The number of disjoint sets.
    public private(set) var setCount: Int

    /// `count` singleton sets.
    public init(count: Int) {
        parent = Array(0..<Swift.max(0, count))
        size = Array(repeating: 1, count: Swift.max(0, count))
        setCount = Swift.max(0, count)
    }

    /// The number of elements.
    public var count: Int { parent.count }

    /// The representative of `x`'s set.
    /// - Complexity: amortised O(α(n)).
    public mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Merges the sets of `a` and `b`; returns false if they were already one set.
    /// - Complexity: amortised O(α(n)).
    @discardableResult
    public mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return false }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
        setCount -= 1
        return true
    }

    /// Whether `a` and `b` are in one set.
    public mutating func connected(_ a: Int, _ b: Int) -> Bool { find(a) == find(b) }

    /// Sets with at least `minimumSize` members, each sorted ascending, ordered by their smallest member.
    /// - Complexity: O(n α(n) + n log n).
    public mutating func clusters(minimumSize: Int = 2) -> [[Int]] {
        var groups: [Int: [Int]] = [:]
        for x in 0..<parent.count { groups[find(x), default: []].append(x) }
        return groups.values.filter { $0.count >= minimumSize }.sorted { $0[0] < $1[0] }
    }
}
