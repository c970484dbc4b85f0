import CurateCore
import CurateStore
import Foundation

/// Why dedup decided as it did about one row (`curate dedup --explain ID`), read from the store's last dedup run:
/// the row's cluster (the rows joined to it through exact duplicates and near-duplicate pairs), each member's
/// comparison text and fate, every pair among them with its cosine and the rule that joined it, and the template
/// siblings kept apart from the cluster with the numbers or answers that differ.
public struct DedupExplanation: Sendable {
    /// One row of the cluster, or a sibling kept apart.
    public struct Member: Sendable {
        /// The curated record (its comparison text is what dedup compared).
        public var problem: StoredProblem
        /// The row's drop by dedup, if dedup dropped it.
        public var drop: Drop?
        /// Steps other than dedup that dropped the row.
        public var droppedElsewhere: [PipelineStep]
    }

    /// A recorded pair with the rule that decided it.
    public struct Link: Sendable {
        /// The pair as dedup stored it.
        public var pair: SimilarPair
        /// Why: `equal comparison texts`, `numbers and answers agree`, or the template rule's difference.
        public var rule: String
    }

    /// The row asked about.
    public var row: Int64
    /// The cluster, keeper first (one member when the row joined nothing).
    public var cluster: [Member]
    /// Pairs inside the cluster: those that joined it, then template siblings inside it.
    public var links: [Link]
    /// Rows similar to a cluster member but kept apart by the template rule, each with the pairs that say so.
    public var siblings: [(member: Member, links: [Link])]

    /// Reads the explanation of `row` from `store`.
    /// - Throws: `CurateError` when the row does not exist, or from the store.
    public init(store: Store, row: Int64) throws {
        guard try !store.curatedProblems(ids: [row]).isEmpty else {
            throw CurateError(.badInput, "no problem #\(row) in the store (`curate stats` lists what it holds)")
        }
        self.row = row
        // The cluster: rows reachable from `row` through joined pairs (everything but template siblings).
        var ids: Set<Int64> = [row]
        var frontier = [row]
        var joined: [SimilarPair] = []
        var apart: [SimilarPair] = []
        while !frontier.isEmpty {
            let pairs = try store.similarPairs(step: .dedup, touching: frontier)
            frontier = []
            for pair in pairs {
                guard pair.kind != .templateSibling else {
                    if !apart.contains(pair) { apart.append(pair) }
                    continue
                }
                if !joined.contains(pair) { joined.append(pair) }
                for id in [pair.a, pair.b] where ids.insert(id).inserted { frontier.append(id) }
            }
        }
        // Siblings inside the cluster (joined through other rows) are listed with its pairs.
        let inside = apart.filter { ids.contains($0.a) && ids.contains($0.b) }
        apart.removeAll { ids.contains($0.a) && ids.contains($0.b) }
        let siblingIDs = apart.flatMap { [$0.a, $0.b] }.filter { !ids.contains($0) }
        let members = try Self.members(store: store, ids: Array(ids) + siblingIDs)
        cluster = ids.compactMap { members[$0] }.sorted { ($0.drop != nil ? 1 : 0, $0.problem.id) < ($1.drop != nil ? 1 : 0, $1.problem.id) }
        links =
            joined.sorted { ($0.cosine, $1.a) > ($1.cosine, $0.a) }.map { pair in
                Link(pair: pair, rule: pair.kind == .exactDuplicate ? "equal comparison texts" : "numbers and answers agree")
            } + inside.map { Self.siblingLink($0, members) }
        var apartLinks: [Int64: [Link]] = [:]
        for pair in apart {
            apartLinks[ids.contains(pair.a) ? pair.b : pair.a, default: []].append(Self.siblingLink(pair, members))
        }
        siblings = apartLinks.keys.sorted().compactMap { id in members[id].map { ($0, apartLinks[id] ?? []) } }
    }

    /// A template-sibling pair with the numbers or answers that differ.
    private static func siblingLink(_ pair: SimilarPair, _ members: [Int64: Member]) -> Link {
        let rule = members[pair.a].flatMap { a in
            members[pair.b].flatMap { b in
                TemplateRule.difference(
                    a.problem.comparison, b.problem.comparison,
                    answerA: a.problem.answer, answerB: b.problem.answer)
            }
        }
        return Link(pair: pair, rule: rule ?? "no longer siblings (the store changed since dedup ran)")
    }

    /// Why the asked row was kept: the first kept row of its cluster, or a sibling of another kept row.
    private var keptBecause: String {
        let keptOthers = Set(cluster.filter { $0.drop == nil && $0.problem.id != row }.map(\.problem.id))
        let sibling = links.first { link in
            link.pair.kind == .templateSibling && [link.pair.a, link.pair.b].contains(row)
                && (keptOthers.contains(link.pair.a) || keptOthers.contains(link.pair.b))
        }
        guard let sibling else { return "kept: the keeper of its cluster" }
        let other = sibling.pair.a == row ? sibling.pair.b : sibling.pair.a
        return "kept: a template sibling of kept #\(other), joined to the cluster only through dropped rows"
    }

    private static func members(store: Store, ids: [Int64]) throws -> [Int64: Member] {
        var drops: [Int64: (dedup: Drop?, elsewhere: [PipelineStep])] = [:]
        for (step, drop) in try store.drops(of: ids) {
            if step == .dedup {
                drops[drop.problemID, default: (nil, [])].dedup = drop
            } else {
                drops[drop.problemID, default: (nil, [])].elsewhere.append(step)
            }
        }
        return Dictionary(
            uniqueKeysWithValues: try store.curatedProblems(ids: ids).map {
                ($0.id, Member(problem: $0, drop: drops[$0.id]?.dedup, droppedElsewhere: drops[$0.id]?.elsewhere ?? []))
            })
    }

    /// The explanation as `curate dedup --explain` prints it.
    public var text: String {
        var lines: [String] = []
        let asked = cluster.first { $0.problem.id == row }
        if cluster.count == 1 {
            lines.append("#\(row) (\(asked?.problem.source ?? "?")): no exact or near duplicate in the last dedup run")
        } else {
            let fate = asked?.drop.map { "dropped: \($0.evidence)" } ?? keptBecause
            lines.append("#\(row) (\(asked?.problem.source ?? "?")) \(fate)")
            lines.append("cluster of \(cluster.count) rows:")
        }
        for member in cluster { lines += Self.describe(member) }
        if !links.isEmpty {
            lines.append("pairs among them:")
            for link in links { lines.append("  \(Self.describe(link))") }
        }
        if !siblings.isEmpty {
            lines.append("kept apart as template siblings:")
            for (member, links) in siblings {
                lines += Self.describe(member)
                for link in links { lines.append("    \(Self.describe(link))") }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ member: Member) -> [String] {
        let p = member.problem
        var fate = member.drop.map { "dropped (\($0.reason.rawValue))" } ?? "kept"
        if !member.droppedElsewhere.isEmpty { fate += "; also dropped by \(member.droppedElsewhere.map(\.rawValue).joined(separator: ", "))" }
        return ["  #\(p.id) \(p.source), answer \(p.answer ?? "none"), \(fate)", "    comparison: \(p.comparison)"]
    }

    private static func describe(_ link: Link) -> String {
        let cosine = link.pair.kind == .exactDuplicate ? "" : " cos \(String(format: "%.3f", link.pair.cosine))"
        return "#\(link.pair.a) - #\(link.pair.b)\(cosine) \(link.pair.kind.rawValue): \(link.rule)"
    }
}
