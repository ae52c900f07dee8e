import PaiweiCore
/// A remedy or an assumption to try out (`--scenario FILE`): capacities, cohorts and zone membership
/// that replace what the dataset says, so that two forecasts can be compared (`--compare`).
///
/// ```json
/// {
///   "name": "east-expansion",
///   "description": "Two more classes at M002 from 2027; Z04 children may also go to M005",
///   "capacity": [{"school_id": "M002", "year": 2027, "capacity": 200}],
///   "cohorts":  [{"zone_id": "Z04", "year": 2026, "students": 150}],
///   "zones":    [{"zone_id": "Z02", "year": 2027, "schools": ["M002", "M003", "M005"]}]
/// }
/// ```
///
/// `capacity` entries work like rows of `capacity_changes.csv` (from that year on) and win over a row of
/// the same school and year; `cohorts` entries replace the `cohorts.csv` row of the same zone and year;
/// `zones` entries give the schools serving a zone from that year on. Every field is optional except
/// inside an entry; unknown fields are errors, located by line.
public struct ForecastScenario: Sendable {
    public struct ZoneChange: Sendable, Equatable {
        public var zone: Int
        /// First year the membership holds.
        public var year: Int
        /// Indices into ``Dataset/schools``, in the order written.
        public var schools: [Int]
        public var line: Int
    }

    /// The file as named on the command line.
    public var file: String
    public var name: String
    public var description: String
    public var capacity: [CapacityChanges.Change]
    public var cohorts: [CohortProjection.Entry]
    public var zones: [ZoneChange]

    static let fields = ["name", "description", "capacity", "cohorts", "zones"]

    /// Parses and validates a scenario against `dataset`; every problem is reported at once as
    /// `file:line: field.path: message`.
    public static func parse(_ text: String, file: String, dataset: Dataset) throws(InputProblems) -> ForecastScenario {
        let document = try ParsedJSON.parse(text, file: file)
        var reader = ScenarioReader(file: file, dataset: dataset)
        let scenario = reader.scenario(document)
        try reader.problems.throwIfAny()
        return scenario
    }
}

/// Walks a parsed scenario, collecting every problem rather than stopping at the first.
private struct ScenarioReader {
    let file: String
    let dataset: Dataset
    let schoolIndex: [Identifier: Int]
    let zoneIndex: [Identifier: Int]
    let residents: [Int]
    var problems = ProblemList()

    init(file: String, dataset: Dataset) {
        self.file = file
        self.dataset = dataset
        schoolIndex = dataset.schoolIndicesByID
        zoneIndex = dataset.zoneIndicesByID
        residents = dataset.residentsPerZone
    }

    mutating func fail(_ value: ParsedJSON, _ path: String, _ message: Message) {
        problems.add(file, value.line, path, message)
    }

    /// The object's members, after reporting each key not in `allowed` and each of `required` missing.
    mutating func members(_ value: ParsedJSON, _ path: String, allowed: [String], required: [String] = []) -> [String: ParsedJSON]? {
        guard case .object(let members, _) = value else {
            fail(value, path, Message("expected an object, found \(value.typeName)", "应为对象，实际为\(value.chineseTypeName)"))
            return nil
        }
        var result: [String: ParsedJSON] = [:]
        for member in members {
            let memberPath = path.isEmpty ? member.key : "\(path).\(member.key)"
            if allowed.contains(member.key) {
                result[member.key] = member.value
            } else {
                fail(member.value, memberPath, Message("unknown field (expected one of: \(allowed.joined(separator: ", ")))", "未知字段（应为以下之一：\(allowed.joined(separator: ", "))）"))
            }
        }
        for key in required where result[key] == nil {
            fail(value, path, Message("the field '\(key)' is required", "必须给出字段 '\(key)'"))
        }
        return result
    }

    mutating func string(_ value: ParsedJSON?, _ path: String) -> String? {
        guard let value else { return nil }
        guard let text = value.stringValue else {
            fail(value, path, Message("expected a string, found \(value.typeName)", "应为字符串，实际为\(value.chineseTypeName)"))
            return nil
        }
        return text
    }

    mutating func integer(_ value: ParsedJSON?, _ path: String, minimum: Int, maximum: Int = Int.max) -> Int? {
        guard let value else { return nil }
        guard let number = value.intValue else {
            if case .number(let text, _) = value {
                fail(value, path, Message("\(text) is not a whole number", "\(text) 不是整数"))
            } else {
                fail(value, path, Message("expected a whole number, found \(value.typeName)", "应为整数，实际为\(value.chineseTypeName)"))
            }
            return nil
        }
        guard number >= minimum, number <= maximum else {
            fail(value, path, number < minimum ? Message("\(number) is below the minimum \(minimum)", "\(number) 小于最小值 \(minimum)") : Message("\(number) is above the maximum \(maximum)", "\(number) 大于最大值 \(maximum)"))
            return nil
        }
        return number
    }

    mutating func array(_ value: ParsedJSON?, _ path: String) -> [ParsedJSON] {
        guard let value else { return [] }
        guard case .array(let items, _) = value else {
            fail(value, path, Message("expected an array, found \(value.typeName)", "应为数组，实际为\(value.chineseTypeName)"))
            return []
        }
        return items
    }

    mutating func school(_ value: ParsedJSON?, _ path: String) -> Int? {
        guard let id = string(value, path) else { return nil }
        guard let index = schoolIndex[Identifier(id)] else {
            fail(value!, path, Message("unknown school '\(id)' (not in schools.csv; a new school is listed there with capacity 0)", "未知学校“\(id)”（schools.csv 中没有；新学校请在其中以 capacity 0 列出）"))
            return nil
        }
        return index
    }

    mutating func zone(_ value: ParsedJSON?, _ path: String) -> Int? {
        guard let id = string(value, path) else { return nil }
        guard let index = zoneIndex[Identifier(id)] else {
            fail(value!, path, Message("unknown zone '\(id)' (not in zones.csv)", "未知片区“\(id)”（zones.csv 中没有）"))
            return nil
        }
        return index
    }

    mutating func scenario(_ document: ParsedJSON) -> ForecastScenario {
        var scenario = ForecastScenario(file: file, name: "", description: "", capacity: [], cohorts: [], zones: [])
        guard let top = members(document, "", allowed: ForecastScenario.fields) else { return scenario }
        scenario.name = string(top["name"], "name") ?? ""
        scenario.description = string(top["description"], "description") ?? ""

        var seen: [ZoneYear: Int] = [:]
        for (i, item) in array(top["capacity"], "capacity").enumerated() {
            let path = "capacity[\(i)]"
            guard let fields = members(item, path, allowed: ["school_id", "year", "capacity"], required: ["school_id", "year", "capacity"]) else { continue }
            let school = school(fields["school_id"], "\(path).school_id")
            let year = integer(fields["year"], "\(path).year", minimum: 1, maximum: 9999)
            let capacity = integer(fields["capacity"], "\(path).capacity", minimum: 0)
            guard let school, let year, let capacity else { continue }
            if let earlier = seen[ZoneYear(zone: school, year: year)] {
                fail(item, path, Message("school '\(dataset.schools[school].id)' already changes capacity in \(year) on line \(earlier)", "学校“\(dataset.schools[school].id)”在第 \(earlier) 行已有 \(year) 年的学位变化"))
                continue
            }
            seen[ZoneYear(zone: school, year: year)] = item.line
            scenario.capacity.append(CapacityChanges.Change(school: school, year: year, capacity: capacity, line: item.line))
        }

        seen = [:]
        for (i, item) in array(top["cohorts"], "cohorts").enumerated() {
            let path = "cohorts[\(i)]"
            guard let fields = members(item, path, allowed: ["zone_id", "year", "students"], required: ["zone_id", "year", "students"]) else { continue }
            let zone = zone(fields["zone_id"], "\(path).zone_id")
            let year = integer(fields["year"], "\(path).year", minimum: 1, maximum: 9999)
            let students = integer(fields["students"], "\(path).students", minimum: 0)
            guard let zone, let year, let students else { continue }
            if let earlier = seen[ZoneYear(zone: zone, year: year)] {
                fail(item, path, Message("zone '\(dataset.zones[zone].id)' already has a cohort for \(year) on line \(earlier)", "片区“\(dataset.zones[zone].id)”在第 \(earlier) 行已有 \(year) 年的适龄学生数"))
                continue
            }
            seen[ZoneYear(zone: zone, year: year)] = item.line
            if students > 0 && residents[zone] == 0 {
                fail(fields["students"]!, "\(path).students", CohortProjection.nobodyToResample(dataset.zones[zone].id.text, students))
                continue
            }
            scenario.cohorts.append(CohortProjection.Entry(zone: zone, year: year, students: students, line: item.line))
        }

        seen = [:]
        for (i, item) in array(top["zones"], "zones").enumerated() {
            let path = "zones[\(i)]"
            guard let fields = members(item, path, allowed: ["zone_id", "year", "schools"], required: ["zone_id", "year", "schools"]) else { continue }
            let zone = zone(fields["zone_id"], "\(path).zone_id")
            let year = integer(fields["year"], "\(path).year", minimum: 1, maximum: 9999)
            var schools: [Int] = []
            var schoolsOK = false
            if case .array? = fields["schools"] { schoolsOK = true }
            for (j, entry) in array(fields["schools"], "\(path).schools").enumerated() {
                guard let school = school(entry, "\(path).schools[\(j)]") else {
                    schoolsOK = false
                    continue
                }
                if schools.contains(school) {
                    fail(entry, "\(path).schools[\(j)]", Message("school '\(dataset.schools[school].id)' is listed twice", "学校“\(dataset.schools[school].id)”列出了两次"))
                    schoolsOK = false
                } else {
                    schools.append(school)
                }
            }
            guard let zone, let year, schoolsOK else { continue }
            switch dataset.zones[zone].kind {
            case .single where schools.count != 1:
                fail(fields["schools"]!, "\(path).schools", Message("zone '\(dataset.zones[zone].id)' is a single zone and must list exactly one school, this lists \(schools.count)", "片区“\(dataset.zones[zone].id)”是单校划片，必须恰好列出一所学校，此处列出了 \(schools.count) 所"))
                continue
            case .multi where schools.isEmpty:
                fail(fields["schools"]!, "\(path).schools", Message("a multi zone must list its schools", "多校划片片区必须列出其学校"))
                continue
            default: break
            }
            if let earlier = seen[ZoneYear(zone: zone, year: year)] {
                fail(item, path, Message("zone '\(dataset.zones[zone].id)' already changes its schools in \(year) on line \(earlier)", "片区“\(dataset.zones[zone].id)”在第 \(earlier) 行已有 \(year) 年的学校变化"))
                continue
            }
            seen[ZoneYear(zone: zone, year: year)] = item.line
            scenario.zones.append(ForecastScenario.ZoneChange(zone: zone, year: year, schools: schools, line: item.line))
        }
        return scenario
    }
}
