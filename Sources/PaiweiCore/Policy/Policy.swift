/// A district's admission rules (SPEC §3): who may be admitted, and the ordered stages that place them.
///
/// Read from JSON (``Policy/parse(_:file:)``), or chosen by name among ``PolicyPreset``.
/// Every field has the default of SPEC §3, so a minimal policy is `{"year": 2023, "stages": [...]}`.
public struct Policy: Sendable, Equatable {
    public var name: String
    public var level: AdmissionLevel
    public var year: Int
    public var screening: Screening
    public var stages: [Stage]

    public init(name: String = "", level: AdmissionLevel = .middle, year: Int, screening: Screening = Screening(), stages: [Stage]) {
        self.name = name
        self.level = level
        self.year = year
        self.screening = screening
        self.stages = stages
    }

}

/// The screening rules, run once before any stage (SPEC §3, "Screening").
public struct Screening: Sendable, Equatable {
    /// Non-local children need a passed material review (材料审核).
    public var nonlocalRequiresReview: Bool
    /// Housing that never qualifies (过道房 地下室 车库房 空挂户).
    public var ineligibleHousing: [Housing]
    /// Children born after this day are too young (primary entry); born on it is fine.
    public var birthDateCutoff: CalendarDate?
    /// One seat per address: an address used at this level less than this many years ago gives no zone right.
    public var addressLockYears: Int
    /// Students matching any of these have no zone right.
    public var noZoneRight: [StudentRule]
    /// Students of a single zone with a parent matching any of these are placed with the parent multi zone.
    public var redirectToParent: [StudentRule]

    public init(nonlocalRequiresReview: Bool = true, ineligibleHousing: [Housing] = [.passage, .basement, .garage, .nominal],
                birthDateCutoff: CalendarDate? = nil, addressLockYears: Int = 0,
                noZoneRight: [StudentRule] = [], redirectToParent: [StudentRule] = []) {
        self.nonlocalRequiresReview = nonlocalRequiresReview
        self.ineligibleHousing = ineligibleHousing
        self.birthDateCutoff = birthDateCutoff
        self.addressLockYears = addressLockYears
        self.noZoneRight = noZoneRight
        self.redirectToParent = redirectToParent
    }
}

/// A condition on a student's registration; every key given must hold. `{}` matches everyone.
public struct StudentRule: Sendable, Equatable {
    /// Property certificate issued strictly after this day (an empty date never matches).
    public var propertyDateAfter: CalendarDate?
    /// Property certificate issued strictly before this day (an empty date never matches).
    public var propertyDateBefore: CalendarDate?
    /// true: no property date was given; false: one was.
    public var propertyDateMissing: Bool?
    public var housing: [Housing]?
    public var hukou: [Hukou]?

    public init(propertyDateAfter: CalendarDate? = nil, propertyDateBefore: CalendarDate? = nil, propertyDateMissing: Bool? = nil,
                housing: [Housing]? = nil, hukou: [Hukou]? = nil) {
        self.propertyDateAfter = propertyDateAfter
        self.propertyDateBefore = propertyDateBefore
        self.propertyDateMissing = propertyDateMissing
        self.housing = housing
        self.hukou = hukou
    }

    public func matches(_ student: Student) -> Bool {
        if let after = propertyDateAfter {
            guard let date = student.propertyDate, date > after else { return false }
        }
        if let before = propertyDateBefore {
            guard let date = student.propertyDate, date < before else { return false }
        }
        if let missing = propertyDateMissing, missing != (student.propertyDate == nil) { return false }
        if let housing, !housing.contains(student.housing) { return false }
        if let hukou, !hukou.contains(student.hukou) { return false }
        return true
    }
}

extension Array where Element == StudentRule {
    /// A rule list matches when any of its rules does.
    public func anyMatches(_ student: Student) -> Bool { contains { $0.matches(student) } }
}

public enum StageKind: String, Sendable, CaseIterable {
    case singleChoiceLottery = "single_choice_lottery"
    case feeder
    case singleZone = "single_zone"
    case multiZone = "multi_zone"
    case overflow
}

/// Which seats of a school a stage draws on.
public enum SeatPool: String, Sendable, CaseIterable {
    case general, batch1
}

/// What happens to the students a stage took in but did not place.
public enum LoserRule: String, Sendable, CaseIterable {
    /// They go on to later stages.
    case `continue`
    /// Only `overflow` stages may still place them (Jilin: public or private, not both).
    case overflowOnly = "overflow_only"
}

/// Whether twins and other siblings of one cohort (same `family_id`) are admitted together.
public enum FamilyRule: String, Sendable, CaseIterable {
    /// Each sibling on their own (they still share one lottery number).
    case separate
    /// A family applying to the same school in the same stage (and round) is admitted as one unit or
    /// not at all; when the unit does not fit in the seats left, the school goes on to the next applicant
    /// who fits.
    case together
}

/// How a `multi_zone` stage matches students to the zone's schools.
public enum Mechanism: String, Sendable, CaseIterable {
    /// 志愿优先, the Boston mechanism: round k admits k-th choices for good.
    case immediateAcceptance = "immediate_acceptance"
    /// Student-proposing deferred acceptance (Gale–Shapley): the student-optimal stable matching.
    case deferredAcceptance = "deferred_acceptance"
    /// The Chinese parallel mechanism (平行志愿; Chen and Kesten 2017): deferred acceptance over blocks of
    /// `choices_per_round` preferences, seats final at the end of each round.
    case parallel
    /// School-choice top trading cycles (Abdulkadiroğlu and Sönmez 2003): Pareto-efficient, not stable.
    case topTradingCycles = "top_trading_cycles"
}

extension Mechanism {
    /// Whether the mechanism can admit siblings as one unit (`families: together`). Immediate acceptance
    /// admits round by round, for good, so a unit either fits or the school goes on; with units a stable
    /// (or an efficient) outcome need not exist (Roth 1984), so deferred acceptance, the parallel mechanism
    /// and trading cycles have nothing to converge to.
    public var admitsFamilyUnits: Bool { self == .immediateAcceptance }
}

/// A mechanism as a comparison names it: `immediate_acceptance`, `deferred_acceptance`, `parallel:E`
/// (E counted preferences per round) or `top_trading_cycles` (`paiwei simulate --mechanisms`).
public struct MechanismChoice: Sendable, Hashable, CustomStringConvertible {
    public let mechanism: Mechanism
    /// E of `parallel:E`; nil for every other mechanism.
    public let choicesPerRound: Int?

    public static let immediateAcceptance = MechanismChoice(mechanism: .immediateAcceptance, choicesPerRound: nil)
    public static let deferredAcceptance = MechanismChoice(mechanism: .deferredAcceptance, choicesPerRound: nil)
    public static let topTradingCycles = MechanismChoice(mechanism: .topTradingCycles, choicesPerRound: nil)
    public static func parallel(_ choicesPerRound: Int) -> MechanismChoice {
        precondition(choicesPerRound >= 1, "the parallel mechanism takes at least one choice per round")
        return MechanismChoice(mechanism: .parallel, choicesPerRound: choicesPerRound)
    }

    private init(mechanism: Mechanism, choicesPerRound: Int?) {
        self.mechanism = mechanism
        self.choicesPerRound = choicesPerRound
    }

    /// Reads `immediate_acceptance`, `deferred_acceptance`, `parallel:E` (E ≥ 1) or `top_trading_cycles`.
    public init?(_ text: String) {
        if text.hasPrefix("parallel:") {
            let digits = text.dropFirst("parallel:".count)
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let e = Int(digits), e >= 1 else { return nil }
            self = .parallel(e)
            return
        }
        guard let mechanism = Mechanism(rawValue: text), mechanism != .parallel else { return nil }
        self.init(mechanism: mechanism, choicesPerRound: nil)
    }

    /// A stage's mechanism, as a comparison would name it.
    public init(_ mechanism: MultiZoneMechanism) {
        switch mechanism {
        case .immediateAcceptance: self = .immediateAcceptance
        case .deferredAcceptance: self = .deferredAcceptance
        case .parallel(let e): self = .parallel(e)
        case .topTradingCycles: self = .topTradingCycles
        }
    }

    public var description: String {
        choicesPerRound.map { "parallel:\($0)" } ?? mechanism.rawValue
    }
}

/// A stage that cannot run under a mechanism someone asked for (a comparison, a what-if): refused by
/// name rather than run under a rule nobody wrote.
public struct MechanismRefusal: BilingualError, Equatable, Sendable, CustomStringConvertible {
    public let stage: String
    public let mechanism: MechanismChoice

    public var message: Message {
        Message("stage '\(stage)' admits families together (families: together), which \(mechanism) cannot do: with families admitted as units a stable or efficient outcome need not exist. Compare on a copy of the policy with families: separate, or leave this stage's mechanism as it is.",
                "阶段“\(stage)”以家庭为单位录取（families: together），而 \(mechanism) 做不到：以家庭为单位录取时，稳定或有效的结果不一定存在。请在 families: separate 的政策副本上比较，或保留此阶段原来的机制。")
    }

    public var description: String { message.english }
}

extension Policy {
    /// The policy with every `multi_zone` stage under `mechanism`, each keeping its tie-break, losers and
    /// (under immediate acceptance) families rule.
    /// - Throws: ``MechanismRefusal`` for the first stage whose other rules the mechanism cannot follow:
    ///   `families: together` under any mechanism but immediate acceptance. Never silently changed.
    public func replacingMultiZoneMechanism(with choice: MechanismChoice) throws(MechanismRefusal) -> Policy {
        var changed = self
        for i in changed.stages.indices {
            guard case .multiZone(var multi) = changed.stages[i].rule else { continue }
            let families = multi.mechanism.families
            if families == .together && !choice.mechanism.admitsFamilyUnits {
                throw MechanismRefusal(stage: changed.stages[i].name, mechanism: choice)
            }
            switch choice.mechanism {
            case .immediateAcceptance: multi.mechanism = .immediateAcceptance(families: families)
            case .deferredAcceptance: multi.mechanism = .deferredAcceptance
            case .parallel: multi.mechanism = .parallel(choicesPerRound: choice.choicesPerRound!)
            case .topTradingCycles: multi.mechanism = .topTradingCycles
            }
            changed.stages[i].rule = .multiZone(multi)
        }
        return changed
    }

}

/// How a stage orders applicants of the same priority tier (SPEC §3, stage option `order`).
public enum AdmissionOrder: String, Sendable, CaseIterable {
    /// Lottery number, then `student_id`.
    case lottery
    /// `points` descending (积分入学: more points first), then lottery number, then `student_id`.
    case pointsThenLottery = "points_then_lottery"
}

/// Whether a `multi_zone` student holds one number in the zone, or one per school.
public enum TieBreak: String, Sendable, CaseIterable {
    case single, multiple
}

public enum OverflowMethod: String, Sendable, CaseIterable {
    /// In admission order, each student takes the nearest school with a free seat.
    case nearestByLottery = "nearest_by_lottery"
    /// An assignment of least total distance, exact (docs/overflow-optimizer.md).
    case minTotalDistance = "min_total_distance"
}

/// What a `min_total_distance` overflow stage minimises.
public enum OverflowObjective: String, Sendable, CaseIterable {
    /// The sum of home-to-school distances.
    case total
    /// First the longest distance any student travels, then, among assignments with that longest
    /// distance, the sum (for bureaus that care most about the worst-off child).
    case maxThenTotal = "max_then_total"
}

/// The schools an overflow stage may place a student into.
public enum OverflowScope: String, Sendable, CaseIterable {
    /// The student's service area: the parent of a single zone that has one, else the zone itself.
    case zone
    /// Schools with the same `district` string as the student.
    case district
    /// Every school.
    case all
}

/// Limits the schools a stage places into; nil keys do not filter.
public struct SchoolFilter: Sendable, Equatable {
    public var kinds: [SchoolKind]?
    public var lotteryGroups: [Int]?

    public init(kinds: [SchoolKind]? = nil, lotteryGroups: [Int]? = nil) {
        self.kinds = kinds
        self.lotteryGroups = lotteryGroups
    }

    public func admits(_ school: School) -> Bool {
        if let kinds, !kinds.contains(school.kind) { return false }
        if let lotteryGroups {
            guard let group = school.lotteryGroup, lotteryGroups.contains(group) else { return false }
        }
        return true
    }
}

/// A rule that puts students meeting it ahead of those who do not (an earlier rule is a higher tier).
public enum PriorityRule: Sendable, Hashable, CustomStringConvertible {
    /// 残疾儿童少年.
    case disabled
    /// Any 优抚 category.
    case care
    case careCategory(CareCategory)
    /// Same `district` string as the school.
    case inDistrict
    /// The student's primary feeds the school.
    case feeder
    /// The school serves the student's zone (never for students without zone right).
    case zone
    /// The student's `sibling_school` is the school: a brother or sister is enrolled there now (同胞/兄弟姐妹).
    case sibling

    public init?(_ text: String) {
        switch text {
        case "disabled": self = .disabled
        case "care": self = .care
        case "in_district": self = .inDistrict
        case "feeder": self = .feeder
        case "zone": self = .zone
        case "sibling": self = .sibling
        default:
            guard text.hasPrefix("care:"), let category = CareCategory(rawValue: String(text.dropFirst(5))) else { return nil }
            self = .careCategory(category)
        }
    }

    public var description: String {
        switch self {
        case .disabled: "disabled"
        case .care: "care"
        case .careCategory(let category): "care:" + category.rawValue
        case .inDistrict: "in_district"
        case .feeder: "feeder"
        case .zone: "zone"
        case .sibling: "sibling"
        }
    }

    /// Overflow coordination knows no school in advance, so only the student's own conditions count there.
    public var appliesToOverflow: Bool {
        switch self {
        case .disabled, .care, .careCategory: true
        case .inDistrict, .feeder, .zone, .sibling: false
        }
    }
}

/// One step of the placement: its name, the schools it may place into, the priority tiers of its
/// admission order — what every stage has — and its kind's own rule (``StageRule``), which can hold
/// only the options that kind has.
public struct Stage: Sendable, Equatable {
    /// Unique in the policy, non-empty, without `/`: it starts every lottery label (``Policy/validate()``).
    public var name: String
    public var schoolFilter: SchoolFilter
    public var priority: [PriorityRule]
    /// What orders applicants of the same tier: the lottery alone, or points first.
    public var order: AdmissionOrder
    public var rule: StageRule

    public init(name: String? = nil, schoolFilter: SchoolFilter = SchoolFilter(), priority: [PriorityRule] = [],
                order: AdmissionOrder = .lottery, rule: StageRule) {
        self.name = name ?? rule.kind.rawValue
        self.schoolFilter = schoolFilter
        self.priority = priority
        self.order = order
        self.rule = rule
    }

    /// Whether the deciding key holds the students' points.
    public var ordersByPoints: Bool { order == .pointsThenLottery }

    public var kind: StageKind { rule.kind }

    /// The column a single-choice lottery reads; nil for every other kind.
    public var choice: ChoiceColumn? {
        if case .singleChoice(let column, _, _) = rule { return column }
        return nil
    }

    /// The seats the stage draws on: a single-choice lottery's pool, `general` for every other kind.
    public var pool: SeatPool {
        if case .singleChoice(_, let pool, _) = rule { return pool }
        return .general
    }

    /// Whether siblings are admitted as one unit; `separate` wherever the kind cannot admit units.
    public var families: FamilyRule {
        switch rule {
        case .singleChoice(_, _, let admission), .feeder(let admission), .singleZone(let admission): admission.families
        case .multiZone(let multi): multi.mechanism.families
        case .overflow: .separate
        }
    }

    /// What becomes of the students the stage took in and did not place; overflow stages bar nobody.
    public var losers: LoserRule {
        switch rule {
        case .singleChoice(_, _, let admission), .feeder(let admission), .singleZone(let admission): admission.losers
        case .multiZone(let multi): multi.losers
        case .overflow: .continue
        }
    }

    /// Whether a school's deciding order starts with the round in which the student applied there
    /// (SPEC §3: immediate acceptance), rather than with the priority tier alone.
    public var decidesByRound: Bool {
        if case .multiZone(let multi) = rule { return multi.mechanism.decidesByRound }
        return false
    }
}

/// The part of a stage that depends on its kind.
public enum StageRule: Sendable, Equatable {
    /// `single_choice_lottery`: the one school the student named in `column`, on the seats of `pool`.
    case singleChoice(column: ChoiceColumn, pool: SeatPool, Admission)
    /// `feeder`: the nine-year school the student's primary school feeds.
    case feeder(Admission)
    /// `single_zone`: the one school of the student's single zone.
    case singleZone(Admission)
    /// `multi_zone`: the schools of the student's multi zone, by preference.
    case multiZone(MultiZoneRule)
    /// `overflow`: the schools with free seats within a scope, by distance.
    case overflow(OverflowRule)

    public var kind: StageKind {
        switch self {
        case .singleChoice: .singleChoiceLottery
        case .feeder: .feeder
        case .singleZone: .singleZone
        case .multiZone: .multiZone
        case .overflow: .overflow
        }
    }

    /// A kind's rule with every option at its default (SPEC §3).
    public static func defaults(for kind: StageKind) -> StageRule {
        switch kind {
        case .singleChoiceLottery: .singleChoice(column: .privateChoice, pool: .general, Admission())
        case .feeder: .feeder(Admission())
        case .singleZone: .singleZone(Admission())
        case .multiZone: .multiZone(MultiZoneRule())
        case .overflow: .overflow(OverflowRule())
        }
    }
}

/// How a stage that admits at each school on its own treats siblings and those it does not place.
public struct Admission: Sendable, Equatable {
    public var families: FamilyRule
    public var losers: LoserRule

    public init(families: FamilyRule = .separate, losers: LoserRule = .continue) {
        self.families = families
        self.losers = losers
    }
}

/// A `multi_zone` stage's matching.
public struct MultiZoneRule: Sendable, Equatable {
    public var mechanism: MultiZoneMechanism
    public var tieBreak: TieBreak
    public var losers: LoserRule

    public init(mechanism: MultiZoneMechanism = .immediateAcceptance(families: .separate), tieBreak: TieBreak = .single, losers: LoserRule = .continue) {
        self.mechanism = mechanism
        self.tieBreak = tieBreak
        self.losers = losers
    }
}

/// How a `multi_zone` stage matches students to the zone's schools, with the options that mechanism has:
/// only immediate acceptance can admit siblings as one unit (``Mechanism/admitsFamilyUnits``), only the
/// parallel mechanism has choices per round (at least 1: ``Policy/validate(naming:priorityPath:)``).
public enum MultiZoneMechanism: Sendable, Equatable {
    case immediateAcceptance(families: FamilyRule)
    case deferredAcceptance
    /// 平行志愿: deferred acceptance over each unplaced student's next `choicesPerRound` counted preferences,
    /// round by round, seats final at the end of each round.
    case parallel(choicesPerRound: Int)
    /// School-choice top trading cycles: schools point to their first remaining applicant, students to
    /// their best remaining school with a free seat, cycles trade.
    case topTradingCycles

    /// The mechanism's name, as the policy writes it.
    public var name: Mechanism {
        switch self {
        case .immediateAcceptance: .immediateAcceptance
        case .deferredAcceptance: .deferredAcceptance
        case .parallel: .parallel
        case .topTradingCycles: .topTradingCycles
        }
    }

    /// E of the parallel mechanism; nil for every other one.
    public var choicesPerRound: Int? {
        if case .parallel(let e) = self { return e }
        return nil
    }

    public var families: FamilyRule {
        if case .immediateAcceptance(let families) = self { return families }
        return .separate
    }

    /// Whether admissions are final round by round, so that the round is part of a school's deciding order.
    public var decidesByRound: Bool { name == .immediateAcceptance || name == .parallel }
}

/// An `overflow` stage's coordination.
public struct OverflowRule: Sendable, Equatable {
    public var assignment: OverflowAssignment
    public var scope: OverflowScope

    public init(assignment: OverflowAssignment = .nearestByLottery, scope: OverflowScope = .district) {
        self.assignment = assignment
        self.scope = scope
    }
}

/// How an overflow stage picks each student's school; only `min_total_distance` minimises anything, so
/// only it has an objective.
public enum OverflowAssignment: Sendable, Equatable {
    case nearestByLottery
    case minTotalDistance(OverflowObjective)

    public var method: OverflowMethod {
        switch self {
        case .nearestByLottery: .nearestByLottery
        case .minTotalDistance: .minTotalDistance
        }
    }

    /// What is minimised; `total` for nearest-by-lottery, which the policy JSON writes so.
    public var objective: OverflowObjective {
        if case .minTotalDistance(let objective) = self { return objective }
        return .total
    }
}

extension Stage {
    /// The overflow method; `nearest_by_lottery` outside overflow stages.
    public var method: OverflowMethod { overflowRule?.assignment.method ?? .nearestByLottery }
    /// The overflow objective; `total` outside `min_total_distance` stages.
    public var objective: OverflowObjective { overflowRule?.assignment.objective ?? .total }
    /// The overflow scope; `district` outside overflow stages.
    public var scope: OverflowScope { overflowRule?.scope ?? .district }
    /// The multi-zone mechanism's name; nil outside multi-zone stages.
    public var mechanism: Mechanism? { multiZoneRule?.mechanism.name }
    /// The multi-zone tie-break; `single` outside multi-zone stages.
    public var tieBreak: TieBreak { multiZoneRule?.tieBreak ?? .single }

    public var overflowRule: OverflowRule? {
        if case .overflow(let rule) = rule { return rule }
        return nil
    }

    public var multiZoneRule: MultiZoneRule? {
        if case .multiZone(let rule) = rule { return rule }
        return nil
    }
}
