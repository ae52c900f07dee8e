/// A rule of the policy that the types cannot hold, broken: where (a path into the policy as JSON writes
/// it, such as `stages[2].priority[0]`) and what.
public struct PolicyProblem: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: Message

    public var description: String { "\(path): \(message)" }
}

extension Policy {
    /// Every rule of SPEC §3 that a policy built in code could break although its types hold: a year and
    /// a lock of sensible size, at least one stage, stage names that can start a lottery label and are
    /// unique by bytes, priority rules not repeated and, in overflow stages, only the student's own
    /// conditions, and no empty list where a value or a list of values is expected.
    ///
    /// The JSON reader reports these at their lines; ``PlacementInstance`` refuses a policy that breaks one.
    /// - Parameters:
    ///   - stagePath: how to name stage `i` in a path (the reader names it by its place in the file);
    ///   - priorityPath: how to name priority rule `k` of stage `i`.
    public func validate(naming stagePath: (Int) -> String = { "stages[\($0)]" },
                         priorityPath: ((Int, Int) -> String)? = nil) -> [PolicyProblem] {
        func priorityName(_ stage: Int, _ k: Int) -> String { priorityPath?(stage, k) ?? "\(stagePath(stage)).priority[\(k)]" }
        var problems: [PolicyProblem] = []
        func fail(_ path: String, _ message: Message) { problems.append(PolicyProblem(path: path, message: message)) }
        if year < 1 { fail("year", Message("\(year) is below the minimum 1", "\(year) 小于最小值 1")) }
        if screening.addressLockYears < 0 {
            fail("screening.address_lock_years", Message("\(screening.addressLockYears) is below the minimum 0", "\(screening.addressLockYears) 小于最小值 0"))
        }
        for (list, name) in [(screening.noZoneRight, "no_zone_right"), (screening.redirectToParent, "redirect_to_parent")] {
            for (k, rule) in list.enumerated() {
                if rule.housing?.isEmpty == true { fail("screening.\(name)[\(k)].housing", Self.emptyList) }
                if rule.hukou?.isEmpty == true { fail("screening.\(name)[\(k)].hukou", Self.emptyList) }
            }
        }
        if stages.isEmpty { fail("stages", Message("a policy needs at least one stage", "政策至少要有一个阶段")) }
        var named: [Identifier: Int] = [:]
        for (index, stage) in stages.enumerated() {
            let path = stagePath(index)
            if stage.name.isEmpty || stage.name.utf8.contains(UInt8(ascii: "/")) {
                fail(path + ".name", Message(
                    "'\(stage.name)' cannot name a stage: it must be non-empty and contain no '/' (it starts every lottery label)",
                    "“\(stage.name)”不能作阶段名称：名称不能为空，也不能含“/”（它是每个摇号标签的开头）"))
            } else if let earlier = named[Identifier(stage.name)] {
                fail(path + ".name", Message(
                    "'\(stage.name)' is already the name of \(stagePath(earlier)); stage names must be unique",
                    "“\(stage.name)”已是 \(stagePath(earlier)) 的名称；阶段名称不能重复"))
            } else {
                named[Identifier(stage.name)] = index
            }
            if stage.schoolFilter.kinds?.isEmpty == true { fail(path + ".school_filter.kind", Self.emptyList) }
            if let groups = stage.schoolFilter.lotteryGroups {
                if groups.isEmpty { fail(path + ".school_filter.lottery_group", Self.emptyList) }
                for (k, group) in groups.enumerated() where group != 1 && group != 2 {
                    fail(path + ".school_filter.lottery_group" + (groups.count > 1 ? "[\(k)]" : ""),
                         Message("\(group) is not one of: 1, 2", "\(group) 不是以下之一：1、2"))
                }
            }
            if case .multiZone(let multi) = stage.rule, let e = multi.mechanism.choicesPerRound, e < 1 {
                fail(path + ".choices_per_round", Message("\(e) is below the minimum 1", "\(e) 小于最小值 1"))
            }
            var seen: Set<PriorityRule> = []
            for (k, rule) in stage.priority.enumerated() {
                if stage.kind == .overflow && !rule.appliesToOverflow {
                    fail(priorityName(index, k), Message(
                        "'\(rule)' cannot order an overflow stage, which knows no school in advance (use disabled, care or care:<category>)",
                        "“\(rule)”不能用于统筹安排阶段的排序：统筹时事先不知道学校（请用 disabled、care 或 care:<类别>）"))
                }
                if !seen.insert(rule).inserted {
                    fail(path + ".priority", Message("'\(rule)' is listed twice", "“\(rule)”列出了两次"))
                }
            }
        }
        return problems
    }

    static let emptyList = Message("an empty list matches nothing; leave the field out to match everything",
                                   "空列表不匹配任何对象；要匹配全部，请省略此项")
}
