/// What screening decided for one student (SPEC §3, "Screening"): the first rule that applies wins.
public enum ScreeningOutcome: Sendable, Hashable {
    /// Not admitted in this district at all.
    case ineligible(IneligibleReason)
    /// Takes part in single-choice lotteries and district-wide overflow, but in no feeder or zone stage.
    case noZoneRight(NoZoneRightReason)
    /// Placed with the parent multi zone of their single zone.
    case redirected
    case eligible

    public var hasZoneRight: Bool {
        switch self {
        case .eligible, .redirected: true
        case .ineligible, .noZoneRight: false
        }
    }

    public var isIneligible: Bool {
        if case .ineligible = self { return true }
        return false
    }

    /// The reason code written in `placements.csv` (documented in docs/outputs.md); nil for `eligible`.
    public var reasonCode: String? {
        switch self {
        case .ineligible(let reason): reason.code
        case .noZoneRight(let reason): reason.code
        case .redirected: "redirected"
        case .eligible: nil
        }
    }
}

public enum IneligibleReason: Sendable, Hashable {
    case nonlocalNotReviewed
    case housing(Housing)
    case tooYoung

    public var code: String {
        switch self {
        case .nonlocalNotReviewed: "nonlocal_not_reviewed"
        case .housing(let housing): "housing_" + housing.rawValue
        case .tooYoung: "too_young"
        }
    }
}

public enum NoZoneRightReason: Sendable, Hashable {
    /// One seat per address: the address was used at this level within `address_lock_years`.
    case addressLocked
    /// A `no_zone_right` rule of the policy matched.
    case rule

    public var code: String {
        switch self {
        case .addressLocked: "address_locked"
        case .rule: "no_zone_right"
        }
    }
}

extension Screening {
    /// Screens one student.
    ///
    /// - Parameters:
    ///   - lockedAddresses: addresses used at the policy's level within the lock window.
    ///   - zones: the dataset's zones, to tell whether a redirect has a parent to go to.
    func screen(_ student: Student, lockedAddresses: Set<Identifier>, zones: [Zone]) -> ScreeningOutcome {
        if nonlocalRequiresReview && student.hukou == .nonlocal && !student.reviewPassed {
            return .ineligible(.nonlocalNotReviewed)
        }
        if ineligibleHousing.contains(student.housing) {
            return .ineligible(.housing(student.housing))
        }
        if let cutoff = birthDateCutoff, let born = student.birthDate, born > cutoff {
            return .ineligible(.tooYoung)
        }
        if !student.addressID.isEmpty && !student.siblingExempt && lockedAddresses.contains(student.addressID) {
            return .noZoneRight(.addressLocked)
        }
        if noZoneRight.anyMatches(student) {
            return .noZoneRight(.rule)
        }
        let zone = zones[student.zone]
        if zone.kind == .single, zone.parent != nil, redirectToParent.anyMatches(student) {
            return .redirected
        }
        return .eligible
    }

    /// Addresses that give no zone right this year: used at `level` in a year `y` with `0 ≤ year − y < address_lock_years`.
    func lockedAddresses(_ usage: [AddressUsage], level: AdmissionLevel, year: Int) -> Set<Identifier> {
        var locked: Set<Identifier> = []
        for record in usage where record.level == level {
            let age = year - record.year
            if age >= 0 && age < addressLockYears { locked.insert(record.addressID) }
        }
        return locked
    }
}
