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
}

extension Mechanism {
    /// Whether the mechanism can admit siblings as one unit (`families: together`). Immediate acceptance
    /// admits round by round, for good, so a unit either fits or the school goes on; with units a stable
    /// matching need not exist (Roth 1984), so deferred acceptance has nothing to converge to.
    public var admitsFamilyUnits: Bool { self == .immediateAcceptance }
}

/// A stage that cannot run under a mechanism someone asked for (a comparison, a what-if): refused by
/// name rather than run under a rule nobody wrote.
public struct MechanismRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public let stage: String
    public let mechanism: Mechanism

    public var description: String {
        "stage '\(stage)' admits families together (families: together), which \(mechanism.rawValue) cannot do: with families admitted as units a stable matching need not exist. Compare on a copy of the policy with families: separate, or leave this stage's mechanism as it is."
    }
}

extension Policy {
    /// The policy with every `multi_zone` stage under `mechanism`.
    /// - Throws: ``MechanismRefusal`` for the first stage whose other rules the mechanism cannot follow.
    public func replacingMultiZoneMechanism(with mechanism: Mechanism) throws(MechanismRefusal) -> Policy {
        var changed = self
        for i in changed.stages.indices where changed.stages[i].kind == .multiZone {
            if changed.stages[i].families == .together && !mechanism.admitsFamilyUnits {
                throw MechanismRefusal(stage: changed.stages[i].name, mechanism: mechanism)
            }
            changed.stages[i].mechanism = mechanism
        }
        return changed
    }
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

    public init?(_ text: String) {
        switch text {
        case "disabled": self = .disabled
        case "care": self = .care
        case "in_district": self = .inDistrict
        case "feeder": self = .feeder
        case "zone": self = .zone
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
        }
    }

    /// Overflow coordination knows no school in advance, so only the student's own conditions count there.
    public var appliesToOverflow: Bool {
        switch self {
        case .disabled, .care, .careCategory: true
        case .inDistrict, .feeder, .zone: false
        }
    }
}

/// One step of the placement. Fields that do not apply to the stage's kind keep their defaults.
public struct Stage: Sendable, Equatable {
    public var kind: StageKind
    public var name: String
    public var schoolFilter: SchoolFilter
    public var priority: [PriorityRule]
    public var losers: LoserRule
    /// `single_choice_lottery`: the column naming the one school chosen.
    public var choice: ChoiceColumn?
    /// `single_choice_lottery`: the seats drawn on.
    public var pool: SeatPool
    public var mechanism: Mechanism
    public var tieBreak: TieBreak
    public var method: OverflowMethod
    public var scope: OverflowScope
    /// `overflow` with `min_total_distance`: what is minimised.
    public var objective: OverflowObjective
    /// Lottery and zone stages: siblings admitted separately or together.
    public var families: FamilyRule

    public init(kind: StageKind, name: String? = nil, schoolFilter: SchoolFilter = SchoolFilter(), priority: [PriorityRule] = [],
                losers: LoserRule = .continue, choice: ChoiceColumn? = nil, pool: SeatPool = .general,
                mechanism: Mechanism = .immediateAcceptance, tieBreak: TieBreak = .single,
                method: OverflowMethod = .nearestByLottery, scope: OverflowScope = .district, objective: OverflowObjective = .total,
                families: FamilyRule = .separate) {
        self.kind = kind
        self.name = name ?? kind.rawValue
        self.schoolFilter = schoolFilter
        self.priority = priority
        self.losers = losers
        self.choice = choice
        self.pool = pool
        self.mechanism = mechanism
        self.tieBreak = tieBreak
        self.method = method
        self.scope = scope
        self.objective = objective
        self.families = families
    }
}
