extension Dataset {
    /// The data rules of SPEC §3 that only the policy can tell apart: a choice naming a school that the
    /// stage reading its column cannot place into (once per such stage), and, when the policy has an
    /// overflow stage, coordinates missing on a student or on a school taking overflow students.
    ///
    /// Safe on a dataset that could be read only in part (``DatasetReading``), so that one run lists
    /// these beside every problem of the files themselves (SPEC §6.5).
    /// - Complexity: O(*n*·*s* + *m*) for *n* students, *s* stages and *m* schools.
    public func problems(under policy: Policy) -> [InputProblem] {
        var problems = ProblemList()
        let studentsFile = fileName(of: Self.studentsFile), schoolsFile = fileName(of: Self.schoolsFile)
        for stage in policy.stages where stage.kind == .singleChoiceLottery {
            guard let column = stage.choice else { continue }
            // By index: `for student in students` copies each student, ids and all (8 copies a student).
            for index in students.indices {
                guard let school = students[index].choice(column), !stage.schoolFilter.admits(schools[school]) else { continue }
                let id = schools[school].id
                problems.add(studentsFile, students[index].line, column.rawValue, Message(
                    "school '\(id)' (\(schools[school].describedForFilter)) cannot be chosen here: stage '\(stage.name)' places only into \(stage.schoolFilter.described)",
                    "不能在此选择学校“\(id)”（\(schools[school].describedForFilterInChinese)）：阶段“\(stage.name)”只派入\(stage.schoolFilter.describedInChinese)"))
            }
        }
        if policy.stages.contains(where: { $0.kind == .overflow }) {
            for index in students.indices where students[index].location == nil {
                problems.add(studentsFile, students[index].line, "lat", Message(
                    "home coordinates are required: the policy has an overflow stage, which places by distance",
                    "必须填写家庭住址坐标：此政策有统筹安排阶段，按距离派位"))
            }
            for school in schools where school.overflow && school.location == nil {
                problems.add(schoolsFile, school.line, "lat", Message(
                    "coordinates are required for a school taking overflow students (overflow=yes)",
                    "参加统筹安排的学校（overflow=yes）必须填写坐标"))
            }
        }
        return problems.sorted
    }
}

extension School {
    var describedForFilter: String {
        if let lotteryGroup { return "\(kind.rawValue), lottery group \(lotteryGroup)" }
        return kind.rawValue
    }

    var describedForFilterInChinese: String {
        if let lotteryGroup { return "\(kind.chinese)，一批次第\(lotteryGroup == 1 ? "一" : "二")组" }
        return kind.chinese
    }
}

extension SchoolKind {
    /// The policy documents' word for the kind.
    var chinese: String {
        switch self {
        case .public: "公办"
        case .private: "民办"
        case .boarding: "公办寄宿"
        }
    }
}

extension SchoolFilter {
    var described: String {
        var parts: [String] = []
        if let kinds { parts.append(kinds.map(\.rawValue).joined(separator: " or ") + " schools") }
        if let lotteryGroups { parts.append("of lottery group " + lotteryGroups.map(String.init).joined(separator: " or ")) }
        return parts.isEmpty ? "any school" : parts.joined(separator: " ")
    }

    var describedInChinese: String {
        var parts: [String] = []
        if let lotteryGroups { parts.append("一批次第" + lotteryGroups.map { $0 == 1 ? "一" : "二" }.joined(separator: "或") + "组的") }
        if let kinds { parts.append(kinds.map(\.chinese).joined(separator: "或") + "学校") } else { parts.append("学校") }
        return lotteryGroups == nil && kinds == nil ? "任何学校" : parts.joined()
    }
}
