/// Reading and writing policies as JSON (SPEC §3). Unknown fields and values are errors, each
/// located as `file:line: field.path: message`, all of them reported in one pass.
extension Policy {
    /// Parses a policy document. `file` names it in error messages (a path, or the preset name).
    public static func parse(_ text: String, file: String) throws(InputProblems) -> Policy {
        let reading = read(text, file: file)
        if !reading.problems.isEmpty { throw InputProblems(reading.problems) }
        return reading.policy!
    }

    /// The policy as far as it can be read, and every problem in it: a stage with a bad field is kept
    /// with what could be read of it, so that the data rules depending on the policy can still be checked
    /// (SPEC §6.5). The policy is nil only when the text is not JSON at all.
    public static func read(_ text: String, file: String) -> (policy: Policy?, problems: [InputProblem]) {
        let document: ParsedJSON
        do {
            document = try ParsedJSON.parse(text, file: file)
        } catch {
            return (nil, error.problems)
        }
        var reader = PolicyReader(file: file)
        let policy = reader.policy(document)
        return (policy, reader.problems.sorted)
    }

    /// SHA-256 (hex) of the policy as `paiwei policy show` writes it: what an audit record, a simulation
    /// tally and a commitment name the policy by.
    public var sha256: String {
        SHA256.hash(Array(json.rendered().utf8)).hexString
    }

    /// Every field, defaults included, in a stable order: what `paiwei policy show` prints, and what the
    /// policy digest of an audit record is taken over.
    public var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("level", .string(level.rawValue)),
            ("year", .int(year)),
            ("screening", screening.json),
            ("stages", .array(stages.map(\.json))),
        ])
    }
}

extension Screening {
    var json: JSONValue {
        .object([
            ("nonlocal_requires_review", .bool(nonlocalRequiresReview)),
            ("ineligible_housing", .array(ineligibleHousing.map { .string($0.rawValue) })),
            ("birth_date_cutoff", birthDateCutoff.map { .string($0.description) } ?? .null),
            ("address_lock_years", .int(addressLockYears)),
            ("no_zone_right", .array(noZoneRight.map(\.json))),
            ("redirect_to_parent", .array(redirectToParent.map(\.json))),
        ])
    }
}

extension StudentRule {
    var json: JSONValue {
        var members: [(String, JSONValue)] = []
        if let propertyDateAfter { members.append(("property_date_after", .string(propertyDateAfter.description))) }
        if let propertyDateBefore { members.append(("property_date_before", .string(propertyDateBefore.description))) }
        if let propertyDateMissing { members.append(("property_date_missing", .bool(propertyDateMissing))) }
        if let housing { members.append(("housing", oneOrMany(housing.map(\.rawValue)))) }
        if let hukou { members.append(("hukou", oneOrMany(hukou.map(\.rawValue)))) }
        return .object(members)
    }
}

extension SchoolFilter {
    var json: JSONValue {
        var members: [(String, JSONValue)] = []
        if let kinds { members.append(("kind", oneOrMany(kinds.map(\.rawValue)))) }
        if let lotteryGroups {
            members.append(("lottery_group", lotteryGroups.count == 1 ? .int(lotteryGroups[0]) : .array(lotteryGroups.map { .int($0) })))
        }
        return .object(members)
    }
}

private func oneOrMany(_ values: [String]) -> JSONValue {
    values.count == 1 ? .string(values[0]) : .array(values.map { .string($0) })
}

extension Stage {
    /// The fields a stage of this kind has (SPEC §3); any other field is an error.
    static func fields(of kind: StageKind) -> [String] {
        let common = ["kind", "name", "school_filter", "priority"]
        switch kind {
        case .singleChoiceLottery: return common + ["losers", "families", "choice", "pool"]
        case .feeder, .singleZone: return common + ["losers", "families"]
        case .multiZone: return common + ["losers", "families", "mechanism", "tie_break"]
        case .overflow: return common + ["method", "scope", "objective"]
        }
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("kind", .string(kind.rawValue)),
            ("name", .string(name)),
        ]
        if kind == .singleChoiceLottery {
            members.append(("choice", choice.map { .string($0.rawValue) } ?? .null))
            members.append(("pool", .string(pool.rawValue)))
        }
        if kind == .multiZone {
            members.append(("mechanism", .string(mechanism.rawValue)))
            members.append(("tie_break", .string(tieBreak.rawValue)))
        }
        if kind == .overflow {
            members.append(("method", .string(method.rawValue)))
            members.append(("scope", .string(scope.rawValue)))
            members.append(("objective", .string(objective.rawValue)))
        }
        members.append(("school_filter", schoolFilter.json))
        members.append(("priority", .array(priority.map { .string($0.description) })))
        if kind != .overflow {
            members.append(("losers", .string(losers.rawValue)))
            members.append(("families", .string(families.rawValue)))
        }
        return .object(members)
    }
}

/// Walks a parsed document, collecting every problem rather than stopping at the first.
private struct PolicyReader {
    let file: String
    var problems = ProblemList()

    init(file: String) { self.file = file }

    mutating func fail(_ value: ParsedJSON, _ path: String, _ message: String) {
        problems.add(file, value.line, path, message)
    }

    /// The object's members, after reporting any key not in `allowed`.
    mutating func members(_ value: ParsedJSON, _ path: String, allowed: [String]) -> [String: ParsedJSON]? {
        guard case .object(let members, _) = value else {
            fail(value, path, "expected an object, found \(value.typeName)")
            return nil
        }
        var result: [String: ParsedJSON] = [:]
        for (key, item) in members {
            if allowed.contains(key) {
                result[key] = item
            } else {
                fail(item, join(path, key), "unknown field (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }
        return result
    }

    mutating func policy(_ document: ParsedJSON) -> Policy? {
        guard let top = members(document, "", allowed: ["name", "level", "year", "screening", "stages"]) else { return nil }
        let name = top["name"].flatMap { string($0, "name") } ?? ""
        let level = top["level"].flatMap { enumeration($0, "level", AdmissionLevel.self) } ?? .middle
        var year = 0
        if let value = top["year"] {
            year = integer(value, "year", minimum: 1) ?? 0
        } else {
            problems.add(file, document.line, "year", "the admission year is required")
        }
        let screening = top["screening"].map { readScreening($0) } ?? Screening()
        var stages: [Stage] = []
        if let value = top["stages"] {
            if case .array(let items, _) = value {
                if items.isEmpty { fail(value, "stages", "a policy needs at least one stage") }
                var seen: [Identifier: Int] = [:]
                for (index, item) in items.enumerated() {
                    let path = "stages[\(index)]"
                    guard let stage = stage(item, path) else { continue }
                    if let earlier = seen[Identifier(stage.name)] {
                        fail(item, path + ".name", "'\(stage.name)' is already the name of stages[\(earlier)]; stage names must be unique")
                    }
                    seen[Identifier(stage.name)] = index
                    stages.append(stage)
                }
            } else {
                fail(value, "stages", "expected an array of stages, found \(value.typeName)")
            }
        } else {
            problems.add(file, document.line, "stages", "the list of stages is required")
        }
        return Policy(name: name, level: level, year: year, screening: screening, stages: stages)
    }

    mutating func readScreening(_ value: ParsedJSON) -> Screening {
        var result = Screening()
        guard let fields = members(value, "screening", allowed: [
            "nonlocal_requires_review", "ineligible_housing", "birth_date_cutoff", "address_lock_years", "no_zone_right", "redirect_to_parent",
        ]) else { return result }
        if let v = fields["nonlocal_requires_review"], let b = bool(v, "screening.nonlocal_requires_review") { result.nonlocalRequiresReview = b }
        if let v = fields["ineligible_housing"] {
            result.ineligibleHousing = list(v, "screening.ineligible_housing") { reader, item, path in reader.enumeration(item, path, Housing.self) } ?? result.ineligibleHousing
        }
        if let v = fields["birth_date_cutoff"] {
            if case .null = v { result.birthDateCutoff = nil } else { result.birthDateCutoff = date(v, "screening.birth_date_cutoff") }
        }
        if let v = fields["address_lock_years"], let years = integer(v, "screening.address_lock_years", minimum: 0) { result.addressLockYears = years }
        if let v = fields["no_zone_right"] {
            result.noZoneRight = list(v, "screening.no_zone_right") { reader, item, path in reader.rule(item, path) } ?? []
        }
        if let v = fields["redirect_to_parent"] {
            result.redirectToParent = list(v, "screening.redirect_to_parent") { reader, item, path in reader.rule(item, path) } ?? []
        }
        return result
    }

    mutating func rule(_ value: ParsedJSON, _ path: String) -> StudentRule? {
        guard let fields = members(value, path, allowed: ["property_date_after", "property_date_before", "property_date_missing", "housing", "hukou"]) else { return nil }
        var rule = StudentRule()
        if let v = fields["property_date_after"] { rule.propertyDateAfter = date(v, join(path, "property_date_after")) }
        if let v = fields["property_date_before"] { rule.propertyDateBefore = date(v, join(path, "property_date_before")) }
        if let v = fields["property_date_missing"] { rule.propertyDateMissing = bool(v, join(path, "property_date_missing")) }
        if let v = fields["housing"] { rule.housing = oneOrList(v, join(path, "housing"), Housing.self) }
        if let v = fields["hukou"] { rule.hukou = oneOrList(v, join(path, "hukou"), Hukou.self) }
        return rule
    }

    mutating func stage(_ value: ParsedJSON, _ path: String) -> Stage? {
        guard case .object(let raw, _) = value else {
            fail(value, path, "expected a stage object, found \(value.typeName)")
            return nil
        }
        guard let kindValue = raw.first(where: { $0.key == "kind" })?.value else {
            fail(value, path + ".kind", "every stage needs a kind (one of: \(StageKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        guard let kind = enumeration(kindValue, path + ".kind", StageKind.self) else { return nil }
        guard let fields = members(value, path, allowed: Stage.fields(of: kind)) else { return nil }
        var stage = Stage(kind: kind)
        if let v = fields["name"], let name = string(v, path + ".name") {
            if name.isEmpty || name.utf8.contains(UInt8(ascii: "/")) {
                fail(v, path + ".name", "'\(name)' cannot name a stage: it must be non-empty and contain no '/' (it starts every lottery label)")
            } else {
                stage.name = name
            }
        }
        if let v = fields["school_filter"], let filter = members(v, path + ".school_filter", allowed: ["kind", "lottery_group"]) {
            if let k = filter["kind"] { stage.schoolFilter.kinds = oneOrList(k, path + ".school_filter.kind", SchoolKind.self) }
            if let g = filter["lottery_group"] {
                stage.schoolFilter.lotteryGroups = oneOrListOfIntegers(g, path + ".school_filter.lottery_group", allowed: [1, 2])
            }
        }
        if let v = fields["priority"] {
            let rules = list(v, path + ".priority") { reader, item, itemPath -> PriorityRule? in
                guard let text = reader.string(item, itemPath) else { return nil }
                guard let rule = PriorityRule(text) else {
                    reader.fail(item, itemPath, "'\(text)' is not a priority rule (one of: disabled, care, care:<category>, in_district, feeder, zone)")
                    return nil
                }
                if kind == .overflow && !rule.appliesToOverflow {
                    reader.fail(item, itemPath, "'\(text)' cannot order an overflow stage, which knows no school in advance (use disabled, care or care:<category>)")
                    return nil
                }
                return rule
            } ?? []
            var seen: Set<PriorityRule> = []
            for rule in rules where !seen.insert(rule).inserted {
                fail(v, path + ".priority", "'\(rule)' is listed twice")
            }
            stage.priority = rules
        }
        if let v = fields["losers"], let losers = enumeration(v, path + ".losers", LoserRule.self) { stage.losers = losers }
        if kind == .singleChoiceLottery {
            if let v = fields["choice"] {
                stage.choice = enumeration(v, path + ".choice", ChoiceColumn.self)
            } else {
                fail(value, path + ".choice", "a single_choice_lottery needs the choice column it reads (one of: \(ChoiceColumn.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if let v = fields["pool"], let pool = enumeration(v, path + ".pool", SeatPool.self) { stage.pool = pool }
        }
        if let v = fields["mechanism"], let mechanism = enumeration(v, path + ".mechanism", Mechanism.self) { stage.mechanism = mechanism }
        if let v = fields["tie_break"], let tieBreak = enumeration(v, path + ".tie_break", TieBreak.self) { stage.tieBreak = tieBreak }
        if let v = fields["families"], let families = enumeration(v, path + ".families", FamilyRule.self) {
            stage.families = families
            if families == .together && kind == .multiZone && !stage.mechanism.admitsFamilyUnits {
                // With couples a stable matching need not exist (Roth 1984), so there is no deferred acceptance to run.
                fail(v, path + ".families", "'together' works with immediate_acceptance only: with families admitted as units a stable matching need not exist")
            }
        }
        if let v = fields["method"], let method = enumeration(v, path + ".method", OverflowMethod.self) { stage.method = method }
        if let v = fields["scope"], let scope = enumeration(v, path + ".scope", OverflowScope.self) { stage.scope = scope }
        if let v = fields["objective"], let objective = enumeration(v, path + ".objective", OverflowObjective.self) {
            // Nearest-by-lottery decides student by student and minimises nothing, so only "total" (the default) fits it.
            if objective != .total && stage.method != .minTotalDistance {
                fail(v, path + ".objective", "'\(objective.rawValue)' needs \"method\": \"min_total_distance\" (nearest_by_lottery places student by student and minimises nothing)")
            }
            stage.objective = objective
        }
        return stage
    }

    // MARK: Scalars

    mutating func string(_ value: ParsedJSON, _ path: String) -> String? {
        guard case .string(let text, _) = value else {
            fail(value, path, "expected a string, found \(value.typeName)")
            return nil
        }
        return text
    }

    mutating func bool(_ value: ParsedJSON, _ path: String) -> Bool? {
        guard case .bool(let b, _) = value else {
            fail(value, path, "expected true or false, found \(value.typeName)")
            return nil
        }
        return b
    }

    mutating func integer(_ value: ParsedJSON, _ path: String, minimum: Int) -> Int? {
        guard case .number(let text, _) = value, let number = Int(text) else {
            fail(value, path, "expected a whole number, found \(value.typeName)")
            return nil
        }
        guard number >= minimum else {
            fail(value, path, "\(number) is below the minimum \(minimum)")
            return nil
        }
        return number
    }

    mutating func date(_ value: ParsedJSON, _ path: String) -> CalendarDate? {
        guard let text = string(value, path) else { return nil }
        guard let date = CalendarDate(text) else {
            fail(value, path, "'\(text)' is not a date (write YYYY-MM-DD)")
            return nil
        }
        return date
    }

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(_ value: ParsedJSON, _ path: String, _ type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let text = string(value, path) else { return nil }
        guard let result = Value(rawValue: text) else {
            fail(value, path, "'\(text)' is not one of: \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return result
    }

    mutating func list<Item>(_ value: ParsedJSON, _ path: String, _ item: (inout PolicyReader, ParsedJSON, String) -> Item?) -> [Item]? {
        guard case .array(let items, _) = value else {
            fail(value, path, "expected an array, found \(value.typeName)")
            return nil
        }
        var result: [Item] = []
        var ok = true
        for (index, element) in items.enumerated() {
            if let parsed = item(&self, element, "\(path)[\(index)]") { result.append(parsed) } else { ok = false }
        }
        return ok ? result : nil
    }

    mutating func oneOrList<Value: RawRepresentable & CaseIterable>(_ value: ParsedJSON, _ path: String, _ type: Value.Type) -> [Value]?
    where Value.RawValue == String {
        if case .array = value {
            let values = list(value, path) { reader, item, itemPath in reader.enumeration(item, itemPath, type) }
            if values?.isEmpty == true { fail(value, path, "an empty list matches nothing; leave the field out to match everything") }
            return values
        }
        return enumeration(value, path, type).map { [$0] }
    }

    mutating func oneOrListOfIntegers(_ value: ParsedJSON, _ path: String, allowed: [Int]) -> [Int]? {
        let single: (inout PolicyReader, ParsedJSON, String) -> Int? = { reader, item, itemPath in
            guard let number = reader.integer(item, itemPath, minimum: Int.min) else { return nil }
            guard allowed.contains(number) else {
                reader.fail(item, itemPath, "\(number) is not one of: \(allowed.map(String.init).joined(separator: ", "))")
                return nil
            }
            return number
        }
        if case .array = value { return list(value, path, single) }
        return single(&self, value, path).map { [$0] }
    }
}

private func join(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : path + "." + key
}
