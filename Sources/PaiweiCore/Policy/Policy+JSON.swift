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
    /// Every field of the stage's kind, defaults included, in the order `paiwei policy show` writes them.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("kind", .string(kind.rawValue)),
            ("name", .string(name)),
        ]
        switch rule {
        case .singleChoice(let column, let pool, _):
            members.append(("choice", .string(column.rawValue)))
            members.append(("pool", .string(pool.rawValue)))
        case .multiZone(let multi):
            members.append(("mechanism", .string(multi.mechanism.name.rawValue)))
            // Only the parallel mechanism has choices per round (SPEC §3), so only it writes them.
            if let e = multi.mechanism.choicesPerRound { members.append(("choices_per_round", .int(e))) }
            members.append(("tie_break", .string(multi.tieBreak.rawValue)))
        case .overflow(let overflow):
            members.append(("method", .string(overflow.assignment.method.rawValue)))
            members.append(("scope", .string(overflow.scope.rawValue)))
            members.append(("objective", .string(overflow.assignment.objective.rawValue)))
        case .feeder, .singleZone:
            break
        }
        members.append(("school_filter", schoolFilter.json))
        members.append(("priority", .array(priority.map { .string($0.description) })))
        // Written only when it is not the default, so that every policy written before the option existed
        // keeps its text and so its digest (audit records, simulation tallies, commitments).
        if order != .lottery { members.append(("order", .string(order.rawValue))) }
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
    /// The line of every value read, by its path, to place the problems ``Policy/validate()`` finds.
    var lines: [String: Int] = [:]
    /// Per stage path, the place in the file of each priority rule read.
    var priorityPositions: [String: [Int]] = [:]

    init(file: String) { self.file = file }

    mutating func fail(_ value: ParsedJSON, _ path: String, _ message: Message) {
        problems.add(file, value.line, path, message)
    }

    /// The object's members, after reporting any key not in `allowed`.
    mutating func members(_ value: ParsedJSON, _ path: String, allowed: [String]) -> [String: ParsedJSON]? {
        guard case .object(let members, _) = value else {
            fail(value, path, Message("expected an object, found \(value.typeName)", "应为对象，实际为\(value.chineseTypeName)"))
            return nil
        }
        var result: [String: ParsedJSON] = [:]
        lines[path] = value.line
        for (key, item) in members {
            if allowed.contains(key) {
                result[key] = item
                lines[join(path, key)] = item.line
            } else {
                fail(item, join(path, key), Message("unknown field (expected one of: \(allowed.joined(separator: ", ")))", "未知字段（应为以下之一：\(allowed.joined(separator: ", "))）"))
            }
        }
        return result
    }

    mutating func policy(_ document: ParsedJSON) -> Policy? {
        guard let top = members(document, "", allowed: ["name", "level", "year", "screening", "stages"]) else { return nil }
        let name = top["name"].flatMap { string($0, "name") } ?? ""
        let level = top["level"].flatMap { enumeration($0, "level", AdmissionLevel.self) } ?? .middle
        var year = 1
        if let value = top["year"] {
            year = integer(value, "year") ?? 1
        } else {
            problems.add(file, document.line, "year", Message("the admission year is required", "必须给出招生年份"))
        }
        let screening = top["screening"].map { readScreening($0) } ?? Screening()
        var stages: [Stage] = []
        // The index in the document of each stage read: a stage that cannot be read is left out of the
        // model, and the model's problems are reported at the document's place.
        var documentIndex: [Int] = []
        if let value = top["stages"] {
            if case .array(let items, _) = value {
                for (index, item) in items.enumerated() {
                    guard let stage = stage(item, "stages[\(index)]") else { continue }
                    stages.append(stage)
                    documentIndex.append(index)
                }
            } else {
                fail(value, "stages", Message("expected an array of stages, found \(value.typeName)", "应为阶段数组，实际为\(value.chineseTypeName)"))
            }
        } else {
            problems.add(file, document.line, "stages", Message("the list of stages is required", "必须给出阶段列表"))
        }
        let policy = Policy(name: name, level: level, year: year, screening: screening, stages: stages)
        // A list of stages none of which could be read is not an empty list, nor is a missing one.
        let stagesWritten: Bool
        if case .array(let items, _)? = top["stages"] { stagesWritten = !items.isEmpty } else { stagesWritten = true }
        let positions = priorityPositions
        let stagePath = { (i: Int) in "stages[\(documentIndex[i])]" }
        let priorityPath = { (i: Int, k: Int) in "\(stagePath(i)).priority[\(positions[stagePath(i)]?[k] ?? k)]" }
        for problem in policy.validate(naming: stagePath, priorityPath: priorityPath) where !(problem.path == "stages" && stagesWritten) {
            problems.add(file, line(of: problem.path, default: document.line), problem.path, problem.message)
        }
        return policy
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
        if let v = fields["address_lock_years"], let years = integer(v, "screening.address_lock_years") { result.addressLockYears = years }
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

    /// The fields of each kind of stage (SPEC §3); any other field is an error.
    static func fields(of kind: StageKind) -> [String] {
        let common = ["kind", "name", "school_filter", "priority", "order"]
        switch kind {
        case .singleChoiceLottery: return common + ["losers", "families", "choice", "pool"]
        case .feeder, .singleZone: return common + ["losers", "families"]
        case .multiZone: return common + ["losers", "families", "mechanism", "choices_per_round", "tie_break"]
        case .overflow: return common + ["method", "scope", "objective"]
        }
    }

    mutating func stage(_ value: ParsedJSON, _ path: String) -> Stage? {
        guard case .object(let raw, _) = value else {
            fail(value, path, Message("expected a stage object, found \(value.typeName)", "应为阶段对象，实际为\(value.chineseTypeName)"))
            return nil
        }
        guard let kindValue = raw.first(where: { $0.key == "kind" })?.value else {
            fail(value, path + ".kind", Message("every stage needs a kind (one of: \(StageKind.allCases.map(\.rawValue).joined(separator: ", ")))", "每个阶段都需要 kind（以下之一：\(StageKind.allCases.map(\.rawValue).joined(separator: ", "))）"))
            return nil
        }
        guard let kind = enumeration(kindValue, path + ".kind", StageKind.self) else { return nil }
        guard let fields = members(value, path, allowed: Self.fields(of: kind)) else { return nil }
        var name = kind.rawValue
        if let v = fields["name"], let text = string(v, path + ".name") { name = text }
        var filter = SchoolFilter()
        if let v = fields["school_filter"], let members = members(v, path + ".school_filter", allowed: ["kind", "lottery_group"]) {
            if let k = members["kind"] { filter.kinds = oneOrList(k, path + ".school_filter.kind", SchoolKind.self) }
            if let g = members["lottery_group"] { filter.lotteryGroups = oneOrListOfIntegers(g, path + ".school_filter.lottery_group") }
        }
        var priority: [PriorityRule] = []
        if let v = fields["priority"] {
            // The rules that can be read are kept, with their places in the file, so that the model's
            // checks of each (``Policy/validate()``) are still made and reported there.
            if case .array(let items, _) = v {
                var positions: [Int] = []
                lines[path + ".priority"] = v.line
                for (k, item) in items.enumerated() {
                    let itemPath = "\(path).priority[\(k)]"
                    lines[itemPath] = item.line
                    guard let text = string(item, itemPath) else { continue }
                    guard let rule = PriorityRule(text) else {
                        fail(item, itemPath, Message("'\(text)' is not a priority rule (one of: disabled, care, care:<category>, in_district, feeder, zone, sibling)", "“\(text)”不是优先规则（应为以下之一：disabled, care, care:<category>, in_district, feeder, zone, sibling）"))
                        continue
                    }
                    priority.append(rule)
                    positions.append(k)
                }
                priorityPositions[path] = positions
            } else {
                fail(v, path + ".priority", Message("expected an array, found \(v.typeName)", "应为数组，实际为\(v.chineseTypeName)"))
            }
        }
        let order = fields["order"].flatMap { enumeration($0, path + ".order", AdmissionOrder.self) } ?? .lottery
        let losers = fields["losers"].flatMap { enumeration($0, path + ".losers", LoserRule.self) } ?? .continue
        let families = fields["families"].flatMap { enumeration($0, path + ".families", FamilyRule.self) } ?? .separate
        let admission = Admission(families: families, losers: losers)
        let rule: StageRule
        switch kind {
        case .singleChoiceLottery:
            var column = ChoiceColumn.privateChoice
            if let v = fields["choice"] {
                column = enumeration(v, path + ".choice", ChoiceColumn.self) ?? column
            } else {
                fail(value, path + ".choice", Message("a single_choice_lottery needs the choice column it reads (one of: \(ChoiceColumn.allCases.map(\.rawValue).joined(separator: ", ")))", "single_choice_lottery（单一志愿摇号）需要给出它读取的志愿列 choice（以下之一：\(ChoiceColumn.allCases.map(\.rawValue).joined(separator: ", "))）"))
            }
            let pool = fields["pool"].flatMap { enumeration($0, path + ".pool", SeatPool.self) } ?? .general
            rule = .singleChoice(column: column, pool: pool, admission)
        case .feeder:
            rule = .feeder(admission)
        case .singleZone:
            rule = .singleZone(admission)
        case .multiZone:
            let name = fields["mechanism"].flatMap { enumeration($0, path + ".mechanism", Mechanism.self) } ?? .immediateAcceptance
            let tieBreak = fields["tie_break"].flatMap { enumeration($0, path + ".tie_break", TieBreak.self) } ?? .single
            let mechanism: MultiZoneMechanism
            if families == .together && !name.admitsFamilyUnits {
                // With couples a stable (or efficient) outcome need not exist (Roth 1984), so there is nothing to run.
                fail(fields["families"]!, path + ".families", Message("'together' works with immediate_acceptance only: with families admitted as units a stable or efficient outcome need not exist", "'together' 只能与 immediate_acceptance（志愿优先）一起使用：以家庭为单位录取时，稳定或有效的结果不一定存在"))
            }
            var choicesPerRound: Int?
            if let v = fields["choices_per_round"] {
                if name == .parallel {
                    choicesPerRound = integer(v, path + ".choices_per_round")
                } else {
                    fail(v, path + ".choices_per_round", Message("only the parallel mechanism takes choices per round (this stage's mechanism is \(name.rawValue))", "只有平行志愿（parallel）有每轮志愿数（本阶段的机制是 \(name.rawValue)）"))
                }
            } else if name == .parallel {
                fail(fields["mechanism"]!, path + ".choices_per_round", Message("the parallel mechanism needs choices_per_round: how many counted preferences each round considers (a whole number ≥ 1)", "平行志愿（parallel）需要 choices_per_round：每轮考虑几个有效志愿（不小于 1 的整数）"))
            }
            switch name {
            case .immediateAcceptance: mechanism = .immediateAcceptance(families: families)
            case .deferredAcceptance: mechanism = .deferredAcceptance
            // A missing or unreadable count is reported above; 1 keeps the stage for the data checks.
            case .parallel: mechanism = .parallel(choicesPerRound: choicesPerRound ?? 1)
            case .topTradingCycles: mechanism = .topTradingCycles
            }
            rule = .multiZone(MultiZoneRule(mechanism: mechanism, tieBreak: tieBreak, losers: losers))
        case .overflow:
            let method = fields["method"].flatMap { enumeration($0, path + ".method", OverflowMethod.self) } ?? .nearestByLottery
            let scope = fields["scope"].flatMap { enumeration($0, path + ".scope", OverflowScope.self) } ?? .district
            let objective = fields["objective"].flatMap { enumeration($0, path + ".objective", OverflowObjective.self) } ?? .total
            switch method {
            case .nearestByLottery:
                // Nearest-by-lottery decides student by student and minimises nothing, so only "total" (the default) fits it.
                if objective != .total {
                    fail(fields["objective"]!, path + ".objective", Message("'\(objective.rawValue)' needs \"method\": \"min_total_distance\" (nearest_by_lottery places student by student and minimises nothing)", "'\(objective.rawValue)' 需要 \"method\": \"min_total_distance\"（nearest_by_lottery 逐个学生安排，不求任何总量最小）"))
                }
                rule = .overflow(OverflowRule(assignment: .nearestByLottery, scope: scope))
            case .minTotalDistance:
                rule = .overflow(OverflowRule(assignment: .minTotalDistance(objective), scope: scope))
            }
        }
        return Stage(name: name, schoolFilter: filter, priority: priority, order: order, rule: rule)
    }

    // MARK: Scalars

    mutating func string(_ value: ParsedJSON, _ path: String) -> String? {
        guard case .string(let text, _) = value else {
            fail(value, path, Message("expected a string, found \(value.typeName)", "应为字符串，实际为\(value.chineseTypeName)"))
            return nil
        }
        return text
    }

    mutating func bool(_ value: ParsedJSON, _ path: String) -> Bool? {
        guard case .bool(let b, _) = value else {
            fail(value, path, Message("expected true or false, found \(value.typeName)", "应为 true 或 false，实际为\(value.chineseTypeName)"))
            return nil
        }
        return b
    }

    mutating func integer(_ value: ParsedJSON, _ path: String) -> Int? {
        guard case .number(let text, _) = value, let number = Int(text) else {
            fail(value, path, Message("expected a whole number, found \(value.typeName)", "应为整数，实际为\(value.chineseTypeName)"))
            return nil
        }
        return number
    }

    mutating func date(_ value: ParsedJSON, _ path: String) -> CalendarDate? {
        guard let text = string(value, path) else { return nil }
        guard let date = CalendarDate(text) else {
            fail(value, path, Message("'\(text)' is not a date (write YYYY-MM-DD)", "“\(text)”不是日期（请写成 YYYY-MM-DD）"))
            return nil
        }
        return date
    }

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(_ value: ParsedJSON, _ path: String, _ type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let text = string(value, path) else { return nil }
        guard let result = Value(rawValue: text) else {
            fail(value, path, Message("'\(text)' is not one of: \(Value.allCases.map(\.rawValue).joined(separator: ", "))", "“\(text)”不是以下之一：\(Value.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        }
        return result
    }

    mutating func list<Item>(_ value: ParsedJSON, _ path: String, _ item: (inout PolicyReader, ParsedJSON, String) -> Item?) -> [Item]? {
        guard case .array(let items, _) = value else {
            fail(value, path, Message("expected an array, found \(value.typeName)", "应为数组，实际为\(value.chineseTypeName)"))
            return nil
        }
        var result: [Item] = []
        var ok = true
        for (index, element) in items.enumerated() {
            lines["\(path)[\(index)]"] = element.line
            if let parsed = item(&self, element, "\(path)[\(index)]") { result.append(parsed) } else { ok = false }
        }
        return ok ? result : nil
    }

    mutating func oneOrList<Value: RawRepresentable & CaseIterable>(_ value: ParsedJSON, _ path: String, _ type: Value.Type) -> [Value]?
    where Value.RawValue == String {
        if case .array = value {
            return list(value, path) { reader, item, itemPath in reader.enumeration(item, itemPath, type) }
        }
        return enumeration(value, path, type).map { [$0] }
    }

    mutating func oneOrListOfIntegers(_ value: ParsedJSON, _ path: String) -> [Int]? {
        if case .array = value { return list(value, path) { reader, item, itemPath in reader.integer(item, itemPath) } }
        return integer(value, path).map { [$0] }
    }

    /// The line of the value at `path`, or of the nearest enclosing value read.
    func line(of path: String, default fallback: Int) -> Int {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return fallback
    }
}

private func join(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : path + "." + key
}
