import PaiweiCore
/// Draws the students of a synthetic district, one `students.csv` row at a time, and the earlier address
/// uses that lock some of their homes.
///
/// Most children are ordinary; a few percent each carry one of the conditions the screening and priority
/// rules of SPEC §3 look at, so that every rule of the matching policy preset has cases to decide.
struct StudentSynthesizer {
    static let header = [
        "student_id", "district", "zone_id", "primary_school", "lat", "lon", "hukou", "review_passed", "housing",
        "property_date", "address_id", "sibling_exempt", "birth_date", "disabled", "care",
        "private_choice", "boarding_choice", "group1_choice", "group2_choice", "preferences", "accept_feeder", "family_id",
    ]
    private static let idColumn = 0
    private static let familyColumn = header.count - 1

    static let homeDistrict = "chaoyang"
    /// Neighbouring districts of children registered here but living elsewhere (no in-district priority).
    private static let otherDistricts = ["dongcheng", "xicheng", "haidian", "fengtai", "tongzhou"]
    private static let ineligibleHousing: [Housing] = [.nominal, .basement, .passage, .garage]
    private static let ineligibleHousingWeights = [0.40, 0.25, 0.20, 0.15]
    /// 优抚: military and talent families are the common cases, martyrs the rarest.
    private static let careWeights: [Double] = CareCategory.allCases.map {
        switch $0 {
        case .martyr: 0.03
        case .military: 0.35
        case .overseas: 0.10
        case .taiwan: 0.05
        case .laborModel: 0.10
        case .talent: 0.25
        case .medicalFrontline: 0.12
        }
    }

    /// The schools one choice column may name, how many students fill it in, and how they pick: by Zipf
    /// popularity (1/rank by reputation) times distance decay from home.
    private struct ChoiceOptions {
        var schools: [Int]
        var locations: [PlanePoint]
        var popularityCumulative: [Double]
        var rate: Double
        /// Distance (km) at which interest halves.
        var travelScale: Double
    }

    private let preset: GeneratorPreset
    private let layout: DistrictLayout
    private var random: GeneratorRandom

    private let zoneCumulative: [Double]
    /// For each zone, its schools' popularity among themselves (1/rank by reputation).
    private let zonePopularity: [[Double]]
    private let choiceOptions: [ChoiceOptions]
    private let unitPrimaryCumulative: [[Double]]
    private let primaryCumulative: [Double]
    private let primaryFeeds: [Bool]
    private let studentWidth: Int
    /// Scratch for ranking one zone's schools.
    private var weights: [Double] = []
    private var lastAddress = 0
    private var lastFamily = 0

    /// `address_usage.csv` rows so far, in the order their addresses were handed out.
    private(set) var usage: [(address: String, year: Int, level: AdmissionLevel)] = []

    init(preset: GeneratorPreset, layout: DistrictLayout, students: Int, random: GeneratorRandom) {
        self.preset = preset
        self.layout = layout
        self.random = random
        studentWidth = GeneratorText.width(for: students, minimum: 6)

        zoneCumulative = GeneratorRandom.runningSums(layout.zones.map(\.weight))
        let schools = layout.schools
        func zipf(_ indices: [Int]) -> [Double] {
            let order = indices.indices.sorted { schools[indices[$0]].reputationRank < schools[indices[$1]].reputationRank }
            var popularity = [Double](repeating: 0, count: indices.count)
            for (rank, position) in order.enumerated() { popularity[position] = 1 / Double(rank + 1) }
            return popularity
        }
        zonePopularity = layout.zones.map { zipf($0.schools) }

        func options(rate: Double, travelScale: Double, _ admits: (DistrictLayout.School) -> Bool) -> ChoiceOptions {
            let indices = schools.indices.filter { admits(schools[$0]) }
            return ChoiceOptions(schools: indices, locations: indices.map { schools[$0].location },
                                 popularityCumulative: GeneratorRandom.runningSums(zipf(indices)),
                                 rate: rate, travelScale: travelScale)
        }
        // In ChoiceColumn order. Boarding families look district-wide; group schools draw from nearer.
        choiceOptions = [
            options(rate: preset.privateChoiceRate, travelScale: 6) { $0.kind == .private },
            options(rate: preset.boardingChoiceRate, travelScale: 10) { $0.kind == .boarding },
            options(rate: preset.groupChoiceRate, travelScale: 5) { $0.kind == .public && $0.lotteryGroup == 1 },
            options(rate: preset.groupChoiceRate, travelScale: 5) { $0.kind == .public && $0.lotteryGroup == 2 },
        ]
        unitPrimaryCumulative = layout.units.map { unit in GeneratorRandom.runningSums(unit.primaries.map { layout.primaryWeights[$0] }) }
        primaryCumulative = GeneratorRandom.runningSums(layout.primaryWeights)
        var feeds = [Bool](repeating: false, count: layout.primaries.count)
        let primaryIndex = Dictionary(uniqueKeysWithValues: layout.primaries.enumerated().map { ($1, $0) })
        for school in schools { for primary in school.feeders { feeds[primaryIndex[primary]!] = true } }
        primaryFeeds = feeds
        weights = [Double](repeating: 0, count: layout.zones.map(\.schools.count).max() ?? 0)
    }

    /// Appends `count` students to `writer`. About 1 % are twins: two consecutive rows identical but for
    /// the id, sharing a `family_id` (and so one lottery number).
    mutating func appendStudents(count: Int, to writer: inout CSVWriter) {
        let familyWidth = studentWidth
        var number = 1
        while number <= count {
            var row = makeRow(number: number)
            if number < count && random.bernoulli(0.005) {
                lastFamily += 1
                row[Self.familyColumn] = GeneratorText.id("F", lastFamily, width: familyWidth)
                writer.append(row)
                row[Self.idColumn] = GeneratorText.id("S", number + 1, width: studentWidth)
                writer.append(row)
                number += 2
            } else {
                writer.append(row)
                number += 1
            }
        }
    }

    // MARK: One student

    private mutating func makeRow(number: Int) -> [String] {
        let zoneIndex = random.index(cumulative: zoneCumulative)
        let zone = layout.zones[zoneIndex]
        let home = DistrictGeography.clamped(PlanePoint(x: zone.centre.x + random.normal() * zone.spread,
                                                        y: zone.centre.y + random.normal() * zone.spread))
        let district = random.bernoulli(0.012)
            ? Self.otherDistricts[random.int(below: Self.otherDistricts.count)] : Self.homeDistrict

        // Most pupils attend a primary of their own area; some moved house since.
        var primary: Int?
        if !layout.primaries.isEmpty {
            let local = unitPrimaryCumulative[zone.unit]
            if !local.isEmpty && random.bernoulli(0.92) {
                primary = layout.units[zone.unit].primaries[random.index(cumulative: local)]
            } else {
                primary = random.index(cumulative: primaryCumulative)
            }
        }

        // About 10 % non-local (12 % of them fail the material review), 3 % treated as local.
        let hukou: Hukou
        switch random.uniform() {
        case ..<0.10: hukou = .nonlocal
        case ..<0.13: hukou = .treatedLocal
        default: hukou = .local
        }
        let reviewPassed = hukou == .nonlocal ? random.bernoulli(0.88) : true

        // 1 % housing that never qualifies; renting mostly among non-local families.
        let housing: Housing
        if random.bernoulli(0.01) {
            housing = Self.ineligibleHousing[random.weightedIndex(Self.ineligibleHousingWeights)]
        } else if random.bernoulli(hukou == .nonlocal ? preset.rentRateNonlocal : preset.rentRateLocal) {
            housing = .rented
        } else {
            housing = .owned
        }
        var propertyDay: Int?
        switch housing {
        case .owned: propertyDay = drawPropertyDay()
        case .rented: propertyDay = nil
        case .passage, .basement, .garage, .nominal: propertyDay = random.bernoulli(0.5) ? drawPropertyDay() : nil
        }

        lastAddress += 1
        let address = GeneratorText.id("A", lastAddress, width: studentWidth)
        let siblingExempt = drawAddressUsage(address)

        let birthDay = random.bernoulli(preset.unusualBirthRate)
            ? random.int(in: preset.unusualBirthWindow) : random.int(in: preset.birthWindow)
        let disabled = random.bernoulli(0.015)
        let care = random.bernoulli(0.02) ? drawCare() : ""

        var choices: [String] = []
        choices.reserveCapacity(choiceOptions.count)
        for column in choiceOptions.indices {
            let options = choiceOptions[column]
            // Families from other districts come here mainly for the private schools.
            let rate = column == 0 && district != Self.homeDistrict ? 0.6 : options.rate
            if !options.schools.isEmpty && random.bernoulli(rate) {
                choices.append(layout.schools[drawChoice(options, from: home)].id)
            } else {
                choices.append("")
            }
        }

        // Ranked preferences where a multi zone will place the child: its own, or the parent area of a
        // single zone when the home is one the redirect rule sends there.
        var preferenceZone: Int?
        if zone.kind == .multi {
            preferenceZone = zoneIndex
        } else if let parent = zone.parent, preset.redirectsToParent(housing: housing, propertyDay: propertyDay) {
            preferenceZone = parent
        }
        var preferences = ""
        if let preferenceZone, !random.bernoulli(0.03) {
            preferences = drawPreferences(zone: preferenceZone, from: home)
        }

        // A few children of a nine-year school's own primary prefer to take their chances elsewhere.
        let acceptFeeder = primary.map { primaryFeeds[$0] } == true ? random.bernoulli(0.9) : true

        // In `header` order; the family id is filled in by the caller for twins.
        return [
            GeneratorText.id("S", number, width: studentWidth), district, zone.id,
            primary.map { layout.primaries[$0] } ?? "",
            GeneratorText.degrees(micro: DistrictGeography.latitudeMicro(home)),
            GeneratorText.degrees(micro: DistrictGeography.longitudeMicro(home)),
            hukou.rawValue, Self.yesNo(reviewPassed), housing.rawValue,
            propertyDay.map(GeneratorDate.text) ?? "", address, Self.yesNo(siblingExempt),
            GeneratorDate.text(birthDay), Self.yesNo(disabled), care,
            choices[0], choices[1], choices[2], choices[3], preferences, Self.yesNo(acceptFeeder), "",
        ]
    }

    private static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }

    /// Mostly 2005 to mid-2017; 10 % after 2017-06-30 (the redirect rule), a few on that very day (not after).
    private mutating func drawPropertyDay() -> Int {
        let cutoff = GeneratorDate.redirectCutoff
        switch random.uniform() {
        case ..<0.004: return cutoff
        case ..<0.10: return random.int(in: (cutoff + 1)...GeneratorDate.day(2022, 12, 31))
        default: return random.int(in: GeneratorDate.day(2005, 1, 1)...(cutoff - 1))
        }
    }

    /// Records earlier uses of `address`: 1 % locked (used at this level within the lock), 0.6 % harmless
    /// (the lock just expired, or used at the other level). Returns whether the family is exempt
    /// (a quarter of the locked ones, as second children under the birth policy).
    private mutating func drawAddressUsage(_ address: String) -> Bool {
        switch random.uniform() {
        case ..<0.010:
            usage.append((address, random.int(in: preset.lockedUsageYears), preset.level))
            return random.bernoulli(0.25)
        case ..<0.016:
            if random.bernoulli(0.5) {
                usage.append((address, random.int(in: preset.expiredUsageYears), preset.level))
            } else {
                let other: AdmissionLevel = preset.level == .middle ? .primary : .middle
                usage.append((address, random.int(in: 2018...2022), other))
            }
            return random.bernoulli(0.1)
        default:
            return false
        }
    }

    /// One category, sometimes two, in the canonical order.
    private mutating func drawCare() -> String {
        let all = CareCategory.allCases
        var picked = [random.weightedIndex(Self.careWeights)]
        if random.bernoulli(0.08) {
            let second = random.weightedIndex(Self.careWeights)
            if second != picked[0] { picked.append(second) }
        }
        return picked.sorted().map { all[$0].rawValue }.joined(separator: ";")
    }

    /// A school of `options` with probability proportional to popularity times distance decay, by rejection:
    /// draw by popularity alone (a binary search), keep it with probability equal to its decay (at most 1).
    /// Exact, O(log s) per try whatever the number of schools, and a few tries on average.
    private mutating func drawChoice(_ options: ChoiceOptions, from home: PlanePoint) -> Int {
        while true {
            let k = random.index(cumulative: options.popularityCumulative)
            let distance = DistrictGeography.distance(home, options.locations[k])
            if random.uniform() < DistrictGeography.decay(distance, scale: options.travelScale) {
                return options.schools[k]
            }
        }
    }

    /// Ranks 1 to all of the zone's schools (all in 45 % of cases), drawing each next choice by popularity
    /// times distance decay among those not yet ranked (Plackett–Luce).
    private mutating func drawPreferences(zone: Int, from home: PlanePoint) -> String {
        let schools = layout.zones[zone].schools
        let n = schools.count
        let ranked = n == 1 || random.bernoulli(0.45) ? n : random.int(in: 1...(n - 1))
        for (k, school) in schools.enumerated() {
            let distance = DistrictGeography.distance(home, layout.schools[school].location)
            weights[k] = zonePopularity[zone][k] * DistrictGeography.decay(distance, scale: 2.5)
        }
        var text = ""
        for position in 0..<ranked {
            let k = random.weightedIndex(weights, count: n)
            weights[k] = 0
            if position > 0 { text += ";" }
            text += layout.schools[schools[k]].id
        }
        return text
    }
}
