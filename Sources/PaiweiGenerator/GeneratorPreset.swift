import PaiweiCore
/// The districts `paiwei generate` can synthesise, each shaped like one admission system of the seeds.
public enum GeneratorPreset: String, Sendable, CaseIterable {
    /// Beijing Chaoyang, primary to middle (小升初): private, boarding and first-batch group lotteries,
    /// nine-year feeders, single and multi zones, coordination.
    case chaoyang
    /// The same district at primary entry (幼升小): an age cutoff, six-year address lock, rented homes
    /// placed by the area, no first batch and no feeders.
    case chaoyangPrimary = "chaoyang-primary"

    /// One line for `paiwei generate --help`.
    public var summary: String {
        switch self {
        case .chaoyang:
            "Beijing Chaoyang-like district, primary to middle (pairs with policy chaoyang-2023-middle)"
        case .chaoyangPrimary:
            "Beijing Chaoyang-like district, primary entry (pairs with policy chaoyang-2023-primary)"
        }
    }
}

/// The numbers behind a preset. Rates are per student unless said otherwise; they follow the orders of
/// magnitude in the Chaoyang documents and reporting (private about a tenth of seats, first-batch groups a
/// fifth to two fifths of a group school's seats), tuned so that every stage of the matching policy has work.
extension GeneratorPreset {
    var level: AdmissionLevel {
        switch self {
        case .chaoyang: .middle
        case .chaoyangPrimary: .primary
        }
    }

    /// First letter of school ids: M for middle schools, E for elementary ones.
    var schoolPrefix: String {
        switch self {
        case .chaoyang: "M"
        case .chaoyangPrimary: "E"
        }
    }

    var schoolNoun: String {
        switch self {
        case .chaoyang: "Middle School"
        case .chaoyangPrimary: "Primary School"
        }
    }

    /// Share of all seats in private schools, and in boarding schools (together about 15 %).
    var privateSeatShare: Double {
        switch self {
        case .chaoyang: 0.10
        case .chaoyangPrimary: 0.09
        }
    }

    var boardingSeatShare: Double {
        switch self {
        case .chaoyang: 0.05
        case .chaoyangPrimary: 0.04
        }
    }

    /// Whether public schools join the district-wide first-batch groups, and nine-year schools take feeders.
    var hasFirstBatch: Bool { self == .chaoyang }
    var hasFeeders: Bool { self == .chaoyang }

    var privateChoiceRate: Double {
        switch self {
        case .chaoyang: 0.25
        case .chaoyangPrimary: 0.10
        }
    }

    var boardingChoiceRate: Double {
        switch self {
        case .chaoyang: 0.08
        case .chaoyangPrimary: 0.03
        }
    }

    /// Each of group 1 and group 2 (middle only).
    var groupChoiceRate: Double { hasFirstBatch ? 0.30 : 0 }

    /// Rented homes: most non-local families rent, few local ones do (overall about 8 %, 10 % at primary).
    var rentRateNonlocal: Double {
        switch self {
        case .chaoyang: 0.30
        case .chaoyangPrimary: 0.35
        }
    }

    var rentRateLocal: Double {
        switch self {
        case .chaoyang: 0.055
        case .chaoyangPrimary: 0.072
        }
    }

    /// Years of a lock-triggering earlier use of the address (policy year 2023; lock 3 years for middle, 6 for primary).
    var lockedUsageYears: ClosedRange<Int> {
        switch self {
        case .chaoyang: 2021...2022
        case .chaoyangPrimary: 2018...2022
        }
    }

    /// Earlier uses at this level that have just expired, to test the edge of the lock.
    var expiredUsageYears: ClosedRange<Int> {
        switch self {
        case .chaoyang: 2018...2020
        case .chaoyangPrimary: 2015...2017
        }
    }

    /// The usual birth window of the cohort, and a rarer one before (held back) or after (too young).
    var birthWindow: ClosedRange<Int> {
        switch self {
        case .chaoyang: GeneratorDate.day(2010, 9, 1)...GeneratorDate.day(2011, 8, 31)
        case .chaoyangPrimary: GeneratorDate.day(2016, 9, 1)...GeneratorDate.day(2017, 8, 31)
        }
    }

    var unusualBirthWindow: ClosedRange<Int> {
        switch self {
        case .chaoyang: GeneratorDate.day(2009, 9, 1)...GeneratorDate.day(2010, 8, 31)
        case .chaoyangPrimary: GeneratorDate.day(2017, 9, 1)...GeneratorDate.day(2017, 9, 30)
        }
    }

    var unusualBirthRate: Double {
        switch self {
        case .chaoyang: 0.02
        case .chaoyangPrimary: 0.01
        }
    }

    /// Whether a home sends a child of a single zone with a parent to the parent area (mirrors the
    /// `redirect_to_parent` rules of the matching policy preset), so that such a child gets preferences.
    func redirectsToParent(housing: Housing, propertyDay: Int?) -> Bool {
        if let propertyDay, propertyDay > GeneratorDate.redirectCutoff { return true }
        return self == .chaoyangPrimary && housing == .rented
    }
}
