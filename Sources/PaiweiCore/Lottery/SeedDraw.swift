/// How a run's seed came about, as recorded in its audit file (SPEC §4): a published hex seed, or a
/// public ceremony, optionally with several candidate runs and a drawn index choosing the one that stands
/// (Jilin, attachment 3: "由4～6号家长依次下达派位指令 … 由5号家长随机抽取 … 确定采用第几次派位结果").
public struct SeedDraw: Sendable, Equatable {
    /// The seed given with `--seed`, or derived from ``ceremony``.
    public let base: LotterySeed
    /// Ceremony contributions, in order; empty for a hex seed.
    public let ceremony: [String]
    /// Number of candidate runs (0: the base seed stands).
    public let candidateRuns: Int
    /// 1-based index of the candidate that stands, drawn in public.
    public let drawnIndex: Int

    public init(seed: LotterySeed) {
        base = seed
        ceremony = []
        candidateRuns = 0
        drawnIndex = 0
    }

    /// A hex seed with candidate runs.
    public init(seed: LotterySeed, candidateRuns: Int, drawnIndex: Int) throws(SeedDrawError) {
        try self.init(base: seed, ceremony: [], candidateRuns: candidateRuns, drawnIndex: drawnIndex)
    }

    /// - Throws: ``SeedDrawError`` when the contributions, the number of runs or the index are not usable.
    public init(ceremony contributions: [String], candidateRuns: Int = 0, drawnIndex: Int = 0) throws(SeedDrawError) {
        let seed: LotterySeed
        do {
            seed = try LotterySeed(ceremony: contributions)
        } catch {
            throw .ceremony(error)
        }
        try self.init(base: seed, ceremony: contributions, candidateRuns: candidateRuns, drawnIndex: drawnIndex)
    }

    init(base: LotterySeed, ceremony: [String], candidateRuns: Int, drawnIndex: Int) throws(SeedDrawError) {
        guard candidateRuns >= 0, candidateRuns <= 100 else { throw .candidateRuns(candidateRuns) }
        if candidateRuns == 0 {
            guard drawnIndex == 0 else { throw .indexWithoutRuns }
        } else {
            guard (1...candidateRuns).contains(drawnIndex) else { throw .drawnIndex(drawnIndex, of: candidateRuns) }
        }
        self.base = base
        self.ceremony = ceremony
        self.candidateRuns = candidateRuns
        self.drawnIndex = drawnIndex
    }

    /// The seed of candidate run `k` (1-based): `SHA-256(base ‖ "candidate" ‖ k as 8 bytes little-endian)`.
    public func candidate(_ k: Int) -> LotterySeed {
        base.derived("candidate", UInt64(k))
    }

    /// The seed whose placement stands.
    public var standing: LotterySeed {
        candidateRuns == 0 ? base : candidate(drawnIndex)
    }
}

public enum SeedDrawError: Error, Equatable, CustomStringConvertible {
    case ceremony(CeremonyError)
    case candidateRuns(Int)
    case drawnIndex(Int, of: Int)
    case indexWithoutRuns

    public var description: String {
        switch self {
        case .ceremony(let error): error.description
        case .candidateRuns(let n): "the number of candidate runs must be from 1 to 100, not \(n)"
        case .drawnIndex(let index, let runs): "the drawn index must be from 1 to \(runs) (the candidate runs), not \(index)"
        case .indexWithoutRuns: "a drawn index needs --candidate-runs"
        }
    }
}
