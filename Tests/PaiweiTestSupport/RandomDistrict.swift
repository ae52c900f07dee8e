
/// SplitMix64: a tiny deterministic generator for building test instances (never used by the engine).
public struct TestRandom {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(_ upper: Int) -> Int { Int(next() % UInt64(upper)) }
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    public mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, int(i + 1)) }
    }
}

/// A small random district with every feature the policy model has, and a random policy to place it with.
///
/// The seed also picks how hard the district is on the tie rules: homes and schools on a coarse grid
/// (many schools at equal distance from a home, in every scope) or several schools on one campus; seats
/// short or to spare; ids,
/// zones and districts in canonically equivalent pairs (é precomposed and decomposed); zone rows listing
/// their schools in any order; seats of zero; families admitted together in every stage that allows it.
public struct RandomDistrict {
    public var header: [String: String] = [:]
    public var rows: [String: [String]] = [:]
    public var policy: String

    /// How coordinates are drawn.
    public enum Geography: CaseIterable, Sendable {
        /// Anywhere in a 0.1° square, at 0.0001° steps: ties are rare.
        case fine
        /// A 4 × 4 grid of 0.01° steps: equal distances everywhere.
        case grid
        /// Two or three campuses shared by every school, homes on a grid.
        case campuses
    }

    /// é written two ways: one character to a reader, two ids to Paiwei (SPEC §2).
    public static let accents = ["\u{E9}", "e\u{301}"]

    public init(seed: UInt64) {
        var random = TestRandom(state: seed)
        let geography = Geography.allCases[Int(seed % 3)]
        let pairedIDs = seed % 2 == 1
        func id(_ prefix: String, _ k: Int) -> String {
            pairedIDs ? "\(prefix)\(k / 2)\(Self.accents[k % 2])" : "\(prefix)\(k)"
        }
        let campuses = (0..<(2 + random.int(2))).map { _ in (random.int(4), random.int(4)) }
        func place(school: Bool) -> String {
            switch geography {
            case .fine:
                return "\(39.9 + Double(random.int(1000)) / 10000),\(116.4 + Double(random.int(1000)) / 10000)"
            case .grid:
                return "\(39.9 + Double(random.int(4)) / 100),\(116.4 + Double(random.int(4)) / 100)"
            case .campuses:
                let (x, y) = school ? random.pick(campuses) : (random.int(4), random.int(4))
                return "\(39.9 + Double(x) / 100),\(116.4 + Double(y) / 100)"
            }
        }
        let districts = pairedIDs ? ["d" + Self.accents[0], "d" + Self.accents[1]] : ["d1", "d2"]
        // Every other district has seats to spare, so that overflow meets ties between schools with free seats.
        let seatsUpTo = (seed / 3) % 2 == 0 ? 7 : 16

        let schoolCount = 3 + random.int(6)
        var schoolRows: [String] = []
        var publicSchools: [Int] = []
        var kinds: [String] = []
        var groups: [Int?] = []
        for s in 0..<schoolCount {
            let kind = s < 2 ? "public" : random.pick(["public", "public", "private", "boarding"])
            kinds.append(kind)
            let capacity = random.int(seatsUpTo)
            var group: Int?
            if kind == "public" {
                publicSchools.append(s)
                if random.chance(0.3) { group = 1 + random.int(2) }
            }
            groups.append(group)
            let batch1 = group == nil ? 0 : random.int(capacity + 1)
            let feeders = kind == "public" && random.chance(0.25) ? id("P", s) : ""
            let district = random.chance(0.8) ? districts[0] : districts[1]
            schoolRows.append("\(id("S", s)),\(kind),\(district),\(capacity),\(group.map(String.init) ?? ""),\(batch1),\(feeders),\(place(school: true))")
        }
        header["schools.csv"] = "school_id,kind,district,capacity,lottery_group,batch1_seats,feeders,lat,lon"
        rows["schools.csv"] = schoolRows

        // Multi zones over the public schools, single zones on some of them, some rolling up to a multi zone.
        // A zone row lists its schools in any order: the order must never decide.
        var zoneRows: [String] = []
        var zoneSchools: [[Int]] = []
        let multiCount = 1 + random.int(2)
        for z in 0..<multiCount {
            var members = publicSchools.filter { _ in random.chance(0.6) }
            if members.isEmpty { members = [random.pick(publicSchools)] }
            random.shuffle(&members)
            zoneSchools.append(members)
            zoneRows.append("\(id("M", z)),multi,\(members.map { id("S", $0) }.joined(separator: ";")),")
        }
        for (z, school) in publicSchools.enumerated() where random.chance(0.7) {
            zoneSchools.append([school])
            zoneRows.append("\(id("Z", z)),single,\(id("S", school)),\(random.chance(0.5) ? id("M", random.int(multiCount)) : "")")
        }
        header["zones.csv"] = "zone_id,kind,schools,parent"
        rows["zones.csv"] = zoneRows
        let zoneIDs = zoneRows.map { String($0.split(separator: ",")[0]) }

        var studentRows: [String] = []
        var usageRows: [String] = []
        let studentCount = random.int(45)
        for i in 0..<studentCount {
            let zone = random.int(zoneIDs.count)
            let preferenceCount = random.int(4)
            var preferences: [String] = []
            for _ in 0..<preferenceCount {
                // Mostly schools of the zone; now and then another one (a warning) or a repeat.
                let pool = random.chance(0.85) ? zoneSchools[zone] : Array(0..<schoolCount)
                preferences.append(id("S", random.pick(pool)))
            }
            func choice(_ kind: String, group: Int? = nil) -> String {
                let fitting = (0..<schoolCount).filter { kinds[$0] == kind && (group == nil || groups[$0] == group) }
                return !fitting.isEmpty && random.chance(0.4) ? id("S", random.pick(fitting)) : ""
            }
            let address = id("A", random.int(studentCount + 1))
            if random.chance(0.1) { usageRows.append("\(address),\(2019 + random.int(5)),\(random.pick(["middle", "primary"]))") }
            let fields = [
                id("s", i), random.chance(0.85) ? districts[0] : districts[1], zoneIDs[zone], random.chance(0.3) ? id("P", random.int(schoolCount)) : "",
                place(school: false),
                random.pick(["local", "local", "local", "treated_local", "nonlocal"]), random.chance(0.8) ? "yes" : "no",
                random.pick(["owned", "owned", "owned", "rented", "garage"]),
                random.chance(0.5) ? "20\(10 + random.int(10))-0\(1 + random.int(9))-15" : "",
                address, random.chance(0.2) ? "yes" : "no", random.chance(0.1) ? "yes" : "no",
                random.chance(0.1) ? random.pick(["martyr", "military;talent"]) : "",
                choice("private"), choice("boarding"), choice("public", group: 1), choice("public", group: 2),
                preferences.joined(separator: ";"), random.chance(0.9) ? "yes" : "no",
                random.chance(0.15) ? id("F", random.int(4)) : "",
            ]
            studentRows.append(fields.joined(separator: ","))
        }
        header["students.csv"] = "student_id,district,zone_id,primary_school,lat,lon,hukou,review_passed,housing,property_date,address_id,sibling_exempt,disabled,care,private_choice,boarding_choice,group1_choice,group2_choice,preferences,accept_feeder,family_id"
        rows["students.csv"] = studentRows
        header["address_usage.csv"] = "address_id,year,level"
        rows["address_usage.csv"] = usageRows

        let mechanism = random.pick(["immediate_acceptance", "deferred_acceptance"])
        let tieBreak = random.pick(["single", "multiple"])
        let losers = random.pick(["continue", "overflow_only"])
        let firstScope = random.pick(["zone", "district", "all"])
        let families = random.pick(["separate", "together"])
        // Families together wherever the stage allows it: deferred acceptance does not.
        let zoneFamilies = mechanism == "immediate_acceptance" ? families : "separate"
        let method = random.pick(["nearest_by_lottery", "nearest_by_lottery", "min_total_distance"])
        // Points (积分) and siblings, from a stream of their own so that everything above is drawn as it
        // always was: points close together (ties, and ties in a key's prefix), a sibling at any school;
        // the single-zone and first overflow stages order by points in every other district.
        var extra = TestRandom(state: seed ^ 0x5EED_0F_9014_75)
        for i in studentRows.indices {
            let points = extra.chance(0.3) ? "" : "\(extra.int(4))" + (extra.chance(0.5) ? ".\(extra.int(10))\(extra.int(10))" : "")
            let sibling = extra.chance(0.25) ? id("S", extra.int(schoolCount)) : ""
            studentRows[i] += ",\(points),\(sibling)"
        }
        rows["students.csv"] = studentRows
        header["students.csv"]! += ",points,sibling_school"
        let byPoints = extra.chance(0.5) ? #", "order": "points_then_lottery""# : ""
        policy = """
        {"year": 2023, "screening": {"address_lock_years": \(random.int(4)), "redirect_to_parent": [{"property_date_after": "2017-06-30"}],
          "no_zone_right": \(random.chance(0.3) ? #"[{"hukou": "nonlocal"}]"# : "[]")},
         "stages": [
          {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}, "priority": ["in_district"], "losers": "\(losers)", "families": "\(families)"},
          {"kind": "single_choice_lottery", "name": "boarding", "choice": "boarding_choice", "school_filter": {"kind": "boarding"}},
          {"kind": "single_choice_lottery", "name": "group1", "choice": "group1_choice", "school_filter": {"kind": "public", "lottery_group": 1}, "pool": "batch1", "priority": ["zone", "sibling"], "families": "\(families)"},
          {"kind": "single_choice_lottery", "name": "group2", "choice": "group2_choice", "school_filter": {"kind": "public", "lottery_group": 2}, "pool": "batch1"},
          {"kind": "feeder", "priority": ["disabled", "care"], "families": "\(families)"},
          {"kind": "single_zone", "priority": ["disabled", "care:martyr", "sibling", "care"], "families": "\(families)"\(byPoints)},
          {"kind": "multi_zone", "mechanism": "\(mechanism)", "tie_break": "\(tieBreak)", "priority": ["disabled", "care", "feeder"], "families": "\(zoneFamilies)"},
          {"kind": "overflow", "name": "first-overflow", "scope": "\(firstScope)", "priority": ["disabled"], "method": "\(method)"\(byPoints)},
          {"kind": "overflow", "name": "last-overflow", "scope": "all"}
        ]}
        """
    }

    /// The files, rows in the given order per file.
    public func files(shuffledWith seed: UInt64? = nil) -> [String: [UInt8]] {
        var random = TestRandom(state: seed ?? 0)
        var files: [String: [UInt8]] = [:]
        for (name, lines) in rows {
            var lines = lines
            if seed != nil { random.shuffle(&lines) }
            files[name] = Array(([header[name]!] + lines).joined(separator: "\n").utf8 + [0x0A])
        }
        return files
    }
}
