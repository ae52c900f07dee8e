import Foundation
import PaiweiCore

/// `overflow_certificate.json`: the certificate of every `min_total_distance` stage as a file anyone can
/// check, and that check run on the published files alone.
extension OverflowCertificate {
    public static let fileName = "overflow_certificate.json"

    /// The conditions as the file states them.
    static let conditions: [(String, String)] = [
        ("terms", "d(i,k) is the distance from student i's home to school k in whole metres (haversine, rounded half up, SPEC §3); s_k the school's general seats free at the start of the stage; a_k the students the stage placed there (placements.csv); p_k its price."),
        ("1", "Every school of the scope of a student placed by the stage is listed; for every listed school p_k >= 0 and a_k <= s_k, and p_k > 0 only if a_k = s_k."),
        ("2", "Every student i placed by the stage, at school j, is in scope of j and d(i,j) + p_j <= d(i,k) + p_k for every school k of their scope. With objective max_then_total: d(i,j) <= T, and only schools with d(i,k) <= T count."),
        ("3", "With objective max_then_total: every witness student was placed by the stage; every school of a witness student's scope with s_k > 0 and d(i,k) < T is a witness school; the witness schools have fewer seats in all than there are witness students, so no assignment keeps every distance below T."),
        ("why", "With u_i = d(i,j_i) + p_(j_i), any other assignment x of the same students within the seats has sum d(i,x_i) >= sum (u_i - p_(x_i)) >= sum u_i - sum p_k s_k = sum u_i - sum p_k a_k = sum d(i,j_i)."),
    ]

    /// `overflow_certificate.json`, or nil when the policy has no `min_total_distance` stage.
    public static func file(_ instance: PlacementInstance, _ result: PlacementResult) -> [UInt8]? {
        let stages = Self.stages(instance)
        guard !stages.isEmpty else { return nil }
        let schools = instance.dataset.schools, students = instance.dataset.students
        var rendered: [JSONValue] = []
        for (index, plan) in stages {
            let record = result.stages[index]
            guard let certificate = record.overflowCertificate else { continue }
            let listed = listedSchools(instance, plan: plan, entries: record.overflowEntries)
            var admitted = [Int](repeating: 0, count: schools.count)
            var total = 0, longest = 0, placed = 0
            for s in students.indices where result.isPlaced(s, byStage: index) {
                admitted[Int(result.school[s])] += 1
                total += Int(result.overflowDistance[s])
                longest = max(longest, Int(result.overflowDistance[s]))
                placed += 1
            }
            let stage = instance.policy.stages[index]
            rendered.append(.object([
                ("stage", .string(stage.name)),
                ("objective", .string(stage.objective.rawValue)),
                ("students_placed", .int(placed)),
                ("total_distance_metres", .int(total)),
                ("max_distance_metres", .int(longest)),
                ("threshold_metres", certificate.threshold.map { .int(Int($0)) } ?? .null),
                ("bottleneck_witness", certificate.threshold == nil ? .null : .object([
                    ("students", .array(certificate.witnessStudents.sorted().map { .string(students[Int($0)].id.text) })),
                    ("schools", .array(certificate.witnessSchools.sorted().map { .string(schools[Int($0)].id.text) })),
                ])),
                ("schools", .array(schools.indices.filter { listed[$0] }.map { k in
                    .object([
                        ("school_id", .string(schools[k].id.text)),
                        ("seats", .int(Int(certificate.seats[k]))),
                        ("admitted", .int(admitted[k])),
                        ("price", .int(Int(certificate.prices[k]))),
                    ])
                })),
            ]))
        }
        let document = JSONValue.object([
            ("certificate", .string("paiwei overflow optimality certificate, version 1")),
            ("about", .string("For each min_total_distance overflow stage: a price per school (metres) that proves the stage's assignment, read from placements.csv, of least total distance. Check: the conditions below, in one pass over the placed students and the schools of their scopes; paiwei verify does it. See docs/overflow-optimizer.md.")),
            ("conditions", .object(conditions.map { ($0.0, .string($0.1)) })),
            ("stages", .array(rendered)),
        ])
        return Array(document.rendered().utf8)
    }
}

extension OverflowCertificate {
    /// Checks a published `overflow_certificate.json` against the published `placements.csv`, the inputs
    /// and the policy, without re-running anything: linear in the placed students' (student, school in
    /// scope) pairs. Returns what is wrong; empty when the certificate proves every stage optimal.
    public static func verify(instance: PlacementInstance, certificate bytes: [UInt8], placements: [UInt8]) -> [Message] {
        let schools = instance.dataset.schools, students = instance.dataset.students, stages = instance.policy.stages
        var schoolIndex: [Identifier: Int] = [:]
        for (k, school) in schools.enumerated() { schoolIndex[school.id] = k }
        var studentIndex: [Identifier: Int] = [:]
        for (s, student) in students.enumerated() { studentIndex[student.id] = s }
        var stageIndex: [Identifier: Int] = [:]
        for (i, stage) in stages.enumerated() { stageIndex[Identifier(stage.name)] = i }

        // placements.csv: who each stage placed, and where.
        guard let table = try? CSVTable.parse(placements, file: "placements.csv"),
              let idColumn = table.columnIndex("student_id"), let outcomeColumn = table.columnIndex("outcome"),
              let schoolColumn = table.columnIndex("school_id"), let stageColumn = table.columnIndex("stage") else {
            return [Message("placements.csv cannot be read", "placements.csv 无法读取")]
        }
        var placedBy = [[(student: Int32, school: Int32)]](repeating: [], count: stages.count)
        var taken = [[Int]](repeating: Array(repeating: 0, count: schools.count), count: stages.count)
        for row in table.rows {
            guard row.fields.count == table.header.count, row.fields[outcomeColumn] == "placed" else { continue }
            guard let s = studentIndex[Identifier(row.fields[idColumn])], let k = schoolIndex[Identifier(row.fields[schoolColumn])],
                  let i = stageIndex[Identifier(row.fields[stageColumn])] else {
                return [Message("placements.csv line \(row.line) names a student, school or stage that the inputs and policy do not have", "placements.csv 第 \(row.line) 行的学生、学校或阶段在输入和政策中不存在")]
            }
            placedBy[i].append((Int32(s), Int32(k)))
            taken[i][k] += 1
        }

        guard let text = String(validating: bytes, as: UTF8.self), let document = try? ParsedJSON.parse(text, file: fileName),
              case .array(let items, _)? = document["stages"] else {
            return [Message("\(fileName) is not a certificate (no list of stages)", "\(fileName) 不是最优性证明（没有阶段列表）")]
        }
        var problems: [Message] = []
        var seen = Set<Identifier>()
        for item in items {
            guard case .string(let name, _)? = item["stage"], let index = stageIndex[Identifier(name)],
                  case .overflow(let plan) = instance.plans[index], plan.assignment.method == .minTotalDistance else {
                problems.append(Message("a listed stage is not a min_total_distance overflow stage of the policy", "列出的某个阶段不是政策中使用 min_total_distance 的统筹安排阶段"))
                continue
            }
            seen.insert(Identifier(name))
            var certificate = OverflowCertificate(seats: Array(repeating: 0, count: schools.count), prices: Array(repeating: 0, count: schools.count),
                                                  threshold: nil, witnessStudents: [], witnessSchools: [])
            var listed = [Bool](repeating: false, count: schools.count)
            var claimedAdmitted = [Int](repeating: 0, count: schools.count)
            guard case .array(let rows, _)? = item["schools"] else {
                problems.append(Message("stage '\(name)': no list of schools", "阶段“\(name)”：没有学校列表"))
                continue
            }
            for row in rows {
                guard case .string(let id, _)? = row["school_id"], let k = schoolIndex[Identifier(id)],
                      let seats = row["seats"]?.intValue, let admitted = row["admitted"]?.intValue,
                      let price = row["price"]?.intValue, !listed[k] else {
                    problems.append(Message("stage '\(name)': a school row is unreadable, names an unknown school or repeats one", "阶段“\(name)”：某个学校行无法读取、列出了未知学校或重复列出"))
                    continue
                }
                listed[k] = true
                certificate.seats[k] = Int32(clamping: seats)
                certificate.prices[k] = Int64(price)
                claimedAdmitted[k] = Int(admitted)
            }
            if let threshold = item["threshold_metres"]?.intValue { certificate.threshold = Int32(clamping: threshold) }
            if certificate.threshold != nil {
                if case .array(let ids, _)? = item["bottleneck_witness"]?["students"] {
                    certificate.witnessStudents = ids.compactMap { if case .string(let id, _) = $0 { studentIndex[Identifier(id)].map(Int32.init) } else { nil } }
                }
                if case .array(let ids, _)? = item["bottleneck_witness"]?["schools"] {
                    certificate.witnessSchools = ids.compactMap { if case .string(let id, _) = $0 { schoolIndex[Identifier(id)].map(Int32.init) } else { nil } }
                }
            }
            if stages[index].objective == .maxThenTotal && certificate.threshold == nil {
                problems.append(Message("stage '\(name)': the objective is max_then_total but no threshold is given", "阶段“\(name)”：目标为 max_then_total，却没有给出阈值"))
            }

            // The seats must be those free at the start of the stage, as the earlier stages' placements leave them.
            let expected = instance.generalSeats(atStartOf: index) { stage, school in taken[stage][school] }
            for k in schools.indices where listed[k] {
                if Int(certificate.seats[k]) != Int(expected[k]) {
                    problems.append(Message("stage '\(name)': school '\(schools[k].id)' is given \(certificate.seats[k]) seats; placements.csv leaves it \(expected[k]) at the start of the stage", "阶段“\(name)”：学校“\(schools[k].id)”记为 \(certificate.seats[k]) 个学位；按 placements.csv，此阶段开始时该校剩 \(expected[k]) 个"))
                }
                if claimedAdmitted[k] != taken[index][k] {
                    problems.append(Message("stage '\(name)': school '\(schools[k].id)' is said to admit \(claimedAdmitted[k]); placements.csv has \(taken[index][k])", "阶段“\(name)”：学校“\(schools[k].id)”记为录取 \(claimedAdmitted[k]) 人；placements.csv 中为 \(taken[index][k]) 人"))
                }
            }
            problems += certificate.problems(stage: name, instance: instance, plan: plan, listed: listed, placed: placedBy[index])
        }
        for (index, _) in Self.stages(instance) where !seen.contains(Identifier(stages[index].name)) {
            problems.append(Message("stage '\(stages[index].name)' uses min_total_distance but has no certificate", "阶段“\(stages[index].name)”使用 min_total_distance，却没有最优性证明"))
        }
        return problems
    }
}

