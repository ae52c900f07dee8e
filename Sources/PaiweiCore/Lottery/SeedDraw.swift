/// How a run's seed came about, as recorded in its audit file (SPEC §4): a published hex seed, or a
/// public ceremony, optionally with several candidate runs and a drawn index choosing the one that stands
/// (Jilin, attachment 3: "由4～6号家长依次下达派位指令 … 由5号家长随机抽取 … 确定采用第几次派位结果").
public struct SeedDraw: Sendable, Equatable {
    /// The seed given with `--seed`, or derived from ``ceremony``.
    public let base: LotterySeed
    /// Ceremony contributions, in order; empty for a hex seed.
    public let ceremony: [String]
    /// The commitment (64 lowercase hex digits) the ceremony is bound to: the base seed is then seed v2
    /// of SPEC §4, else seed v1. Nil for a hex seed or an unbound ceremony.
    public let commitment: String?
    /// Number of candidate runs (0: the base seed stands).
    public let candidateRuns: Int
    /// 1-based index of the candidate that stands, drawn in public.
    public let drawnIndex: Int

    public init(seed: LotterySeed) {
        base = seed
        ceremony = []
        commitment = nil
        candidateRuns = 0
        drawnIndex = 0
    }

    /// A hex seed with candidate runs.
    public init(seed: LotterySeed, candidateRuns: Int, drawnIndex: Int) throws(SeedDrawError) {
        try self.init(base: seed, ceremony: [], candidateRuns: candidateRuns, drawnIndex: drawnIndex)
    }

    /// A ceremony: seed v1 of the contributions, or seed v2 when bound to `commitment`; optionally with
    /// candidate runs (Jilin) derived from that seed.
    /// - Throws: ``SeedDrawError`` when the contributions, the commitment, the number of runs or the index
    ///   are not usable.
    public init(ceremony contributions: [String], commitment: String? = nil, candidateRuns: Int = 0, drawnIndex: Int = 0) throws(SeedDrawError) {
        let seed: LotterySeed
        do throws(CeremonyError) {
            if let commitment {
                seed = try LotterySeed(ceremony: contributions, commitment: commitment)
            } else {
                seed = try LotterySeed(ceremony: contributions)
            }
        } catch {
            throw .ceremony(error)
        }
        try self.init(base: seed, ceremony: contributions, commitment: commitment, candidateRuns: candidateRuns, drawnIndex: drawnIndex)
    }

    init(base: LotterySeed, ceremony: [String], commitment: String? = nil, candidateRuns: Int, drawnIndex: Int) throws(SeedDrawError) {
        guard candidateRuns >= 0, candidateRuns <= 100 else { throw .candidateRuns(candidateRuns) }
        if candidateRuns == 0 {
            guard drawnIndex == 0 else { throw .indexWithoutRuns }
        } else {
            guard (1...candidateRuns).contains(drawnIndex) else { throw .drawnIndex(drawnIndex, of: candidateRuns) }
        }
        self.base = base
        self.ceremony = ceremony
        self.commitment = commitment
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

public enum SeedDrawError: BilingualError, Equatable, CustomStringConvertible {
    case ceremony(CeremonyError)
    case candidateRuns(Int)
    case drawnIndex(Int, of: Int)
    case indexWithoutRuns

    public var message: Message {
        switch self {
        case .ceremony(let error): error.message
        case .candidateRuns(let n):
            Message("the number of candidate runs must be from 1 to 100, not \(n)", "候选派位次数须在 1 到 100 之间，而不是 \(n)")
        case .drawnIndex(let index, let runs):
            Message("the drawn index must be from 1 to \(runs) (the candidate runs), not \(index)",
                    "抽取的序号须在 1 到 \(runs)（候选派位次数）之间，而不是 \(index)")
        case .indexWithoutRuns:
            Message("a drawn index needs --candidate-runs", "抽取序号（--drawn-index）须与 --candidate-runs 一起给出")
        }
    }

    public var description: String { message.english }
}
