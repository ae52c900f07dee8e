import PaiweiCore
/// The fixed part of a synthetic district: public schools grouped into areas on the map, their zones,
/// the private and boarding schools, first-batch groups, nine-year feeders and the primaries students attend.
///
/// The map is divided into *units*: an **area** (a multi zone over 3–6 public schools, sometimes with single
/// zones rolling up to it) or a **standalone** single zone around one school. Each unit draws an expected
/// population and, independently, a seat supply, so that some zones run short and others have seats to spare.
struct DistrictLayout {
    struct School {
        var id = ""
        var name = ""
        var kind: SchoolKind
        var capacity = 0
        var lotteryGroup: Int?
        var batch1Seats = 0
        var feeders: [String] = []
        var location: PlanePoint
        /// The unit of a public school.
        var unit: Int?
        /// 1 for the most sought-after school of its kind, 2 for the next, …; families weigh rank r as 1/r (Zipf).
        var reputationRank = 0
    }

    struct Zone {
        var id = ""
        var kind: ZoneKind
        var schools: [Int]
        var parent: Int?
        /// Where homes cluster, and how widely (standard deviation in km).
        var centre: PlanePoint
        var spread: Double
        var unit: Int
        /// Expected share of students living here (not normalised).
        var weight: Double
    }

    struct Unit {
        var isArea: Bool
        var centre: PlanePoint
        var radius: Double
        var schools: [Int] = []
        var primaries: [Int] = []
        /// Expected share of students (not normalised).
        var weight = 0.0
    }

    private(set) var schools: [School] = []
    private(set) var zones: [Zone] = []
    private(set) var units: [Unit] = []
    /// Primary-school ids (`P001`…) and the relative number of pupils of each (middle preset only).
    private(set) var primaries: [String] = []
    private(set) var primaryWeights: [Double] = []

    init(preset: GeneratorPreset, students: Int, random: inout GeneratorRandom) {
        // About one school per 250 students, and never so few that a stage has nothing to do.
        let schoolCount = max(6, Int((Double(students) / 250).rounded()))
        let privateCount = max(1, Int((Double(schoolCount) * 0.10).rounded()))
        let boardingCount = max(1, Int((Double(schoolCount) * 0.05).rounded()))
        let publicCount = schoolCount - privateCount - boardingCount

        placeUnits(publicCount: publicCount, random: &random)
        placePublicSchoolsAndZones(random: &random)
        placeOtherSchools(kind: .private, count: privateCount, random: &random)
        placeOtherSchools(kind: .boarding, count: boardingCount, random: &random)
        assignCapacities(preset: preset, students: students, random: &random)
        assignReputation(random: &random)
        if preset.hasFeeders { assignFeeders(students: students, random: &random) }
        if preset.hasFirstBatch { assignGroups(publicCount: publicCount, random: &random) }
        nameEverything(preset: preset)
    }

    // MARK: Units on the map

    /// Splits the public schools into areas of 3–6 and standalone single zones (about a quarter), and puts
    /// each unit in its own cell of a jittered grid over the district, so units neither pile up nor leave large holes.
    private mutating func placeUnits(publicCount: Int, random: inout GeneratorRandom) {
        let standaloneCount = max(1, Int((Double(publicCount) * 0.25).rounded()))
        let grouped = publicCount - standaloneCount
        var areaCount = max(1, Int((Double(grouped) / 4.5).rounded()))
        while grouped > 6 * areaCount { areaCount += 1 }
        while areaCount > 1 && grouped < 3 * areaCount { areaCount -= 1 }
        var areaSizes = Array(repeating: 3, count: areaCount)
        var extra = grouped - 3 * areaCount
        while extra > 0 {
            let area = random.int(below: areaCount)
            if areaSizes[area] < 6 {
                areaSizes[area] += 1
                extra -= 1
            }
        }
        // 0 marks a standalone school; units are shuffled, then numbered in map order (north-west first).
        var sizes = areaSizes + Array(repeating: 0, count: standaloneCount)
        random.shuffle(&sizes)

        let unitCount = sizes.count
        let width = 2 * DistrictGeography.halfWidth, height = 2 * DistrictGeography.halfHeight
        let columns = max(1, Int((Double(unitCount) * width / height).squareRoot().rounded()))
        let rows = (unitCount + columns - 1) / columns
        let cellWidth = width / Double(columns), cellHeight = height / Double(rows)
        var cells = Array(0..<(columns * rows))
        random.shuffle(&cells)
        let chosen = cells.prefix(unitCount).sorted()
        for (unitIndex, cell) in chosen.enumerated() {
            let row = cell / columns, column = cell % columns
            let centre = PlanePoint(
                x: -DistrictGeography.halfWidth + (Double(column) + 0.5 + random.uniform(-0.2, 0.2)) * cellWidth,
                y: DistrictGeography.halfHeight - (Double(row) + 0.5 + random.uniform(-0.2, 0.2)) * cellHeight)
            var unit = Unit(isArea: sizes[unitIndex] > 0, centre: centre, radius: 0.5 * min(cellWidth, cellHeight))
            unit.schools = Array(repeating: 0, count: max(1, sizes[unitIndex]))
            units.append(unit)
        }
    }

    /// Places each unit's schools and writes its zones; draws the unit's population and sub-zone shares.
    private mutating func placePublicSchoolsAndZones(random: inout GeneratorRandom) {
        // About half the areas have single zones rolling up to them; at least one does, so redirects happen.
        var hasSubZones = units.map { $0.isArea && random.bernoulli(0.5) }
        if !hasSubZones.contains(true), let first = units.firstIndex(where: \.isArea) {
            hasSubZones[first] = true
        }
        for u in units.indices {
            let unit = units[u]
            // Population grows with the number of schools; ±20–30 % noise.
            units[u].weight = unit.isArea ? Double(unit.schools.count) * random.uniform(0.8, 1.2) : random.uniform(0.7, 1.3)
            for k in unit.schools.indices {
                let location = DistrictGeography.point(near: unit.centre, radius: unit.radius * (unit.isArea ? 0.6 : 0.2), using: &random)
                units[u].schools[k] = schools.count
                schools.append(School(kind: .public, location: location, unit: u))
            }
            let unitSchools = units[u].schools
            let weight = units[u].weight
            guard unit.isArea else {
                zones.append(Zone(kind: .single, schools: unitSchools, centre: unit.centre, spread: 0.45 * unit.radius, unit: u, weight: weight))
                continue
            }
            let multi = zones.count
            zones.append(Zone(kind: .multi, schools: unitSchools, centre: unit.centre, spread: 0.45 * unit.radius, unit: u, weight: weight))
            guard hasSubZones[u] else { continue }
            var candidates = unitSchools
            random.shuffle(&candidates)
            let subCount = random.bernoulli(0.6) ? 1 : 2
            var subWeight = 0.0
            for school in candidates.prefix(subCount) {
                // A few residential compounds mapped to one school: 8–28 % of the area's homes, against a
                // school holding a sixth to a third of its seats, so such zones are sometimes short, mostly not.
                let share = weight * random.uniform(0.08, 0.28)
                subWeight += share
                zones.append(Zone(kind: .single, schools: [school], parent: multi, centre: schools[school].location,
                                  spread: 0.25 * unit.radius, unit: u, weight: share))
            }
            zones[multi].weight = weight - subWeight
        }
    }

    /// Private schools anywhere in the district; boarding schools in the outer ring, where land is.
    private mutating func placeOtherSchools(kind: SchoolKind, count: Int, random: inout GeneratorRandom) {
        for _ in 0..<count {
            var point: PlanePoint
            repeat {
                point = PlanePoint(x: random.uniform(-0.9, 0.9) * DistrictGeography.halfWidth,
                                   y: random.uniform(-0.9, 0.9) * DistrictGeography.halfHeight)
                let rx = point.x / DistrictGeography.halfWidth, ry = point.y / DistrictGeography.halfHeight
                if kind != .boarding || rx * rx + ry * ry >= 0.35 { break }
            } while true
            schools.append(School(kind: kind, location: point))
        }
    }

    // MARK: Seats

    /// Total seats 3–7 % above the cohort; a fixed share private and boarding; public seats spread over units
    /// by population times an independent supply factor (0.8–1.25), so areas differ by up to half in
    /// seats per child. Seats come in whole classes (up to 40) the way enrolment plans are made.
    private mutating func assignCapacities(preset: GeneratorPreset, students: Int, random: inout GeneratorRandom) {
        let total = Int((Double(students) * random.uniform(1.03, 1.07)).rounded())
        let privateSeats = Int((Double(total) * preset.privateSeatShare).rounded())
        let boardingSeats = Int((Double(total) * preset.boardingSeatShare).rounded())
        let publicSeats = total - privateSeats - boardingSeats
        let classSize = min(40, max(1, total / (schools.count * 6)))

        var publicIndices: [Int] = [], publicWeights: [Double] = []
        for unit in units {
            let supply = unit.weight * random.uniform(0.8, 1.25)
            let splits = unit.schools.map { _ in random.uniform(0.7, 1.3) }
            let splitTotal = splits.reduce(0, +)
            for (k, school) in unit.schools.enumerated() {
                publicIndices.append(school)
                publicWeights.append(supply * splits[k] / splitTotal)
            }
        }
        distribute(seats: publicSeats, over: publicIndices, weights: publicWeights, classSize: classSize)
        for kind in [SchoolKind.private, .boarding] {
            let indices = schools.indices.filter { schools[$0].kind == kind }
            let weights = indices.map { _ in random.uniform(0.6, 1.4) }
            distribute(seats: kind == .private ? privateSeats : boardingSeats, over: indices, weights: weights, classSize: classSize)
        }
    }

    /// Whole classes in proportion to `weights`, by largest remainder (ties to the earlier school).
    private mutating func distribute(seats: Int, over indices: [Int], weights: [Double], classSize: Int) {
        let classes = Int((Double(seats) / Double(classSize)).rounded())
        let weightTotal = weights.reduce(0, +)
        var counts = [Int](), remainders = [(fraction: Double, position: Int)]()
        for (position, weight) in weights.enumerated() {
            let ideal = Double(classes) * weight / weightTotal
            let whole = Int(ideal.rounded(.down))
            counts.append(whole)
            remainders.append((ideal - Double(whole), position))
        }
        remainders.sort { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.position < $1.position }
        for item in remainders.prefix(classes - counts.reduce(0, +)) { counts[item.position] += 1 }
        for (position, school) in indices.enumerated() { schools[school].capacity = counts[position] * classSize }
    }

    // MARK: Popularity, feeders, groups

    /// A random reputation order within each kind: rank r is sought after in proportion to 1/r.
    private mutating func assignReputation(random: inout GeneratorRandom) {
        for kind in SchoolKind.allCases {
            var indices = schools.indices.filter { schools[$0].kind == kind }
            random.shuffle(&indices)
            for (rank, school) in indices.enumerated() { schools[school].reputationRank = rank + 1 }
        }
    }

    /// Primaries in each unit (about one per 150 pupils), and nine-year schools (about 12 % of public schools)
    /// taking one or two of their own unit's primaries, while leaving the unit at least one other primary
    /// where it can, so a feeder school does not swallow its whole area.
    private mutating func assignFeeders(students: Int, random: inout GeneratorRandom) {
        let weightTotal = units.reduce(0) { $0 + $1.weight }
        for u in units.indices {
            let expectedPupils = Double(students) * units[u].weight / weightTotal
            let count = max(1, Int((expectedPupils / 150).rounded()))
            for _ in 0..<count {
                units[u].primaries.append(primaries.count)
                primaries.append("")
                primaryWeights.append(random.uniform(0.5, 1.5))
            }
        }
        let width = GeneratorText.width(for: primaries.count, minimum: 3)
        for p in primaries.indices { primaries[p] = GeneratorText.id("P", p + 1, width: width) }

        let publicIndices = schools.indices.filter { schools[$0].kind == .public }
        let wanted = max(1, Int((Double(publicIndices.count) * 0.12).rounded()))
        var candidates = publicIndices
        random.shuffle(&candidates)
        var free = units.map(\.primaries)
        var chosen = 0
        // First pass keeps a spare primary in the unit; the second takes a lone one if still nothing was chosen.
        for keepSpare in [true, false] where chosen == 0 || keepSpare {
            for school in candidates where chosen < wanted && schools[school].feeders.isEmpty {
                let u = schools[school].unit!
                let available = free[u].count - (keepSpare ? 1 : 0)
                guard available >= 1 else { continue }
                let take = available >= 2 && random.bernoulli(0.3) ? 2 : 1
                random.shuffle(&free[u])
                for primary in free[u].suffix(take).sorted() { schools[school].feeders.append(primaries[primary]) }
                free[u].removeLast(take)
                chosen += 1
            }
        }
    }

    /// A few public schools (about 12 % each) in group 1 and in group 2, each releasing 20–40 % of its
    /// seats to the district-wide first batch; feeder schools stay out so each special rule has its own schools.
    private mutating func assignGroups(publicCount: Int, random: inout GeneratorRandom) {
        let perGroup = max(1, Int((Double(publicCount) * 0.12).rounded()))
        var candidates = schools.indices.filter { schools[$0].kind == .public && schools[$0].feeders.isEmpty }
        random.shuffle(&candidates)
        for (position, school) in candidates.prefix(2 * perGroup).enumerated() {
            schools[school].lotteryGroup = position < perGroup ? 1 : 2
            let released = Int((Double(schools[school].capacity) * random.uniform(0.2, 0.4)).rounded())
            schools[school].batch1Seats = min(released, schools[school].capacity)
        }
    }

    // MARK: Ids and names

    private mutating func nameEverything(preset: GeneratorPreset) {
        let schoolWidth = GeneratorText.width(for: schools.count, minimum: 3)
        var numberInUnit = [Int](repeating: 0, count: units.count)
        var otherCount = 0
        for i in schools.indices {
            schools[i].id = GeneratorText.id(preset.schoolPrefix, i + 1, width: schoolWidth)
            let school = schools[i]
            switch school.kind {
            case .public:
                let unit = school.unit!
                numberInUnit[unit] += 1
                let number = numberInUnit[unit] == 1 ? "" : " No. \(numberInUnit[unit])"
                let noun = school.feeders.isEmpty ? preset.schoolNoun : "Nine-Year School"
                schools[i].name = Self.placeName(unit) + number + " " + noun
            case .private, .boarding:
                // Counted down from the last distinct name, so they rarely share a name with an area's schools.
                otherCount += 1
                let nameIndex = otherCount <= Self.distinctNames ? Self.distinctNames - otherCount : units.count + otherCount
                let adjective = school.kind == .private ? "Private" : "Boarding"
                schools[i].name = Self.placeName(nameIndex) + " " + adjective + " " + preset.schoolNoun
            }
        }
        let zoneWidth = GeneratorText.width(for: zones.count, minimum: 2)
        for z in zones.indices { zones[z].id = GeneratorText.id("Z", z + 1, width: zoneWidth) }
    }

    /// Chaoyang neighbourhoods, for readable school names.
    private static let places = [
        "Wangjing", "Jiuxianqiao", "Datun", "Aoyuncun", "Yayuncun", "Anzhen", "Xiaoguan", "Hepingjie",
        "Taiyanggong", "Sanlitun", "Maizidian", "Zuojiazhuang", "Liangmaqiao", "Tuanjiehu", "Hujialou", "Chaowai",
        "Jianwai", "Guomao", "Shuangjing", "Jinsong", "Panjiayuan", "Jinzhan", "Balizhuang", "Liulitun",
        "Gaobeidian", "Changying", "Dongba", "Pingfang", "Guanzhuang", "Sanjianfang", "Nanmofang", "Wangsiying",
        "Xiaohongmen", "Shibalidian", "Dougezhuang", "Heizhuanghu", "Laiguangying", "Cuigezhuang", "Sunhe", "Beiyuan",
    ]

    private static let variants = ["", "North ", "South ", "East ", "West ", "New "]
    private static let distinctNames = places.count * variants.count

    /// Distinct for the first 240 indices (forty places, six variants), then numbered.
    private static func placeName(_ index: Int) -> String {
        let place = places[index % places.count]
        let cycle = index / places.count
        if cycle < variants.count { return variants[cycle] + place }
        return place + " \(cycle - variants.count + 2)"
    }
}
