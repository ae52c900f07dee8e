/// The proof that a `min_total_distance` overflow stage's assignment is optimal, checkable by anyone in
/// one pass over the placed students' (student, school in scope) pairs, without solving anything: a
/// price per school in whole metres, from the dual of the transportation problem
/// (docs/overflow-optimizer.md). Written to `overflow_certificate.json`.
///
/// With *d(i,k)* the distance in whole metres, *s_k* the seats free at the start of the stage,
/// *a_k* the students the stage placed at *k* and *p_k* the price:
/// 1. *p_k* ≥ 0, *a_k* ≤ *s_k*, and *p_k* > 0 only where *a_k* = *s_k*;
/// 2. every placed student *i*, at school *j*, has *d(i,j) + p_j ≤ d(i,k) + p_k* for every school *k* of
///    their scope (with `max_then_total`: *d(i,j)* ≤ *T* and only schools with *d(i,k)* ≤ *T* count);
/// 3. with `max_then_total`, the witness: its schools include every school with seats at distance < *T*
///    from any of its students, and have fewer seats in all than it has students.
///
/// Then no other assignment of the same students within the seats is shorter in total: with
/// *u_i = d(i,j_i) + p_{j_i}*, any other assignment *x* has *Σ d(i,x_i) ≥ Σ (u_i − p_{x_i}) ≥ Σ u_i − Σ p_k s_k
/// = Σ u_i − Σ p_k a_k = Σ d(i,j_i)* (weak duality and complementary slackness).
public struct OverflowCertificate: Sendable, Equatable {
    /// Per school (dataset index): `general` seats free at the start of the stage.
    public var seats: [Int32]
    /// Per school: the price, metres.
    public var prices: [Int64]
    /// `max_then_total`: the least possible longest distance, metres.
    public var threshold: Int32?
    /// `max_then_total`: students (dataset indices) and schools showing that nothing below `threshold` is possible.
    public var witnessStudents: [Int32]
    public var witnessSchools: [Int32]

    public static let fileName = "overflow_certificate.json"

    /// The conditions as the file states them.
    static let conditions: [(String, String)] = [
        ("terms", "d(i,k) is the distance from student i's home to school k in whole metres (haversine, rounded half up, SPEC §3); s_k the school's general seats free at the start of the stage; a_k the students the stage placed there (placements.csv); p_k its price."),
        ("1", "Every school of the scope of a student placed by the stage is listed; for every listed school p_k >= 0 and a_k <= s_k, and p_k > 0 only if a_k = s_k."),
        ("2", "Every student i placed by the stage, at school j, is in scope of j and d(i,j) + p_j <= d(i,k) + p_k for every school k of their scope. With objective max_then_total: d(i,j) <= T, and only schools with d(i,k) <= T count."),
        ("3", "With objective max_then_total: every witness student was placed by the stage; every school of a witness student's scope with s_k > 0 and d(i,k) < T is a witness school; the witness schools have fewer seats in all than there are witness students, so no assignment keeps every distance below T."),
        ("why", "With u_i = d(i,j_i) + p_(j_i), any other assignment x of the same students within the seats has sum d(i,x_i) >= sum (u_i - p_(x_i)) >= sum u_i - sum p_k s_k = sum u_i - sum p_k a_k = sum d(i,j_i)."),
    ]
}

// MARK: Checking

extension OverflowCertificate {
    /// Conditions 1 to 3 for one stage, in one pass over the pairs (student placed, school of their scope).
    ///
    /// - Parameters:
    ///   - listed: per school, whether the certificate gives it a price (schools outside every scope need not be listed).
    ///   - placed: the students the stage placed, with their schools.
    /// - Returns: what is wrong, at most a few lines per condition; empty when the certificate holds.
    func problems(stage name: String, instance: PlacementInstance, plan: OverflowPlan, listed: [Bool],
                  placed: [(student: Int32, school: Int32)]) -> [String] {
        let schools = instance.dataset.schools, students = instance.dataset.students
        var problems: [String] = []
        var shown: [Int: Int] = [:]
        func fail(_ condition: Int, _ message: String) {
            shown[condition, default: 0] += 1
            if shown[condition]! <= 3 { problems.append("stage '\(name)': condition \(condition): " + message) }
        }
        var scopeOf = [Int32](repeating: -1, count: students.count)
        for (i, student) in plan.students.enumerated() { scopeOf[Int(student)] = plan.scopeOfStudent[i] }
        func distance(_ s: Int, _ k: Int) -> Int? {
            guard let home = instance.studentSites[s], let site = instance.schoolSites[k] else { return nil }
            return distanceMetres(home, site)
        }

        var admitted = [Int](repeating: 0, count: schools.count)
        for (_, school) in placed { admitted[Int(school)] += 1 }
        for k in schools.indices {
            guard listed[k] else {
                if admitted[k] > 0 { fail(1, "school '\(schools[k].id)' admitted \(admitted[k]) but has no price") }
                continue
            }
            if prices[k] < 0 { fail(1, "school '\(schools[k].id)' has the negative price \(prices[k])") }
            if admitted[k] > Int(seats[k]) { fail(1, "school '\(schools[k].id)' admitted \(admitted[k]) for \(seats[k]) seats") }
            if prices[k] > 0 && admitted[k] != Int(seats[k]) {
                fail(1, "school '\(schools[k].id)' has the price \(prices[k]) but \(Int(seats[k]) - admitted[k]) seats left")
            }
        }

        for (student, school) in placed {
            let s = Int(student), j = Int(school)
            guard scopeOf[s] >= 0 else {
                fail(2, "student '\(students[s].id)' was placed but is not among the stage's students")
                continue
            }
            let scope = plan.scopes[Int(scopeOf[s])]
            guard scope.contains(school), listed[j], let own = distance(s, j) else {
                fail(2, "student '\(students[s].id)' is at '\(schools[j].id)', which is not a listed school of their scope")
                continue
            }
            if let threshold, own > Int(threshold) {
                fail(2, "student '\(students[s].id)' travels \(own) m, beyond the threshold \(threshold) m")
            }
            let value = Int64(own) + prices[j]
            for other in scope {
                let k = Int(other)
                guard listed[k] else {
                    fail(1, "school '\(schools[k].id)' of the scope of '\(students[s].id)' is not listed")
                    continue
                }
                guard let d = distance(s, k), threshold.map({ d <= Int($0) }) ?? true else { continue }
                if value > Int64(d) + prices[k] {
                    fail(2, "student '\(students[s].id)' at '\(schools[j].id)': distance \(own) + price \(prices[j]) = \(value), but '\(schools[k].id)' gives \(d) + \(prices[k]) = \(Int64(d) + prices[k])")
                }
            }
        }

        if let threshold {
            var isPlaced = [Bool](repeating: false, count: students.count)
            for (student, _) in placed { isPlaced[Int(student)] = true }
            var inWitness = [Bool](repeating: false, count: schools.count)
            var witnessSeats = 0
            for k in witnessSchools where !inWitness[Int(k)] {
                inWitness[Int(k)] = true
                witnessSeats += listed[Int(k)] ? Int(max(0, seats[Int(k)])) : 0
            }
            for student in Set(witnessStudents).sorted() {
                let s = Int(student)
                guard isPlaced[s], scopeOf[s] >= 0 else {
                    fail(3, "witness student '\(students[s].id)' was not placed by the stage")
                    continue
                }
                for other in plan.scopes[Int(scopeOf[s])] where listed[Int(other)] && seats[Int(other)] > 0 && !inWitness[Int(other)] {
                    if let d = distance(s, Int(other)), d < Int(threshold) {
                        fail(3, "witness student '\(students[s].id)' could go to '\(schools[Int(other)].id)', \(d) m away, outside the witness schools")
                    }
                }
            }
            if witnessSeats >= Set(witnessStudents).count {
                fail(3, "the witness schools have \(witnessSeats) seats for \(Set(witnessStudents).count) witness students: that shows nothing")
            }
        }
        return problems
    }
}

// MARK: The file

extension OverflowCertificate {
    /// The stages whose method is `min_total_distance`, with their plans.
    static func stages(_ instance: PlacementInstance) -> [(index: Int, plan: OverflowPlan)] {
        instance.plans.enumerated().compactMap { index, plan in
            if case .overflow(let overflow) = plan, overflow.method == .minTotalDistance { return (index, overflow) }
            return nil
        }
    }

    /// The schools a certificate lists: those in the scope of anyone who took part in the stage.
    static func listedSchools(_ instance: PlacementInstance, plan: OverflowPlan, entries: [OverflowEntry]) -> [Bool] {
        var usedScope = [Bool](repeating: false, count: plan.scopes.count)
        for entry in entries { usedScope[Int(entry.scope)] = true }
        var listed = [Bool](repeating: false, count: instance.dataset.schools.count)
        for (g, scope) in plan.scopes.enumerated() where usedScope[g] {
            for school in scope { listed[Int(school)] = true }
        }
        return listed
    }

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
            for s in students.indices where Int(result.stage[s]) == index && result.school[s] >= 0 {
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

// MARK: Checking the published files

extension OverflowCertificate {
    /// Checks a published `overflow_certificate.json` against the published `placements.csv`, the inputs
    /// and the policy, without re-running anything: linear in the placed students' (student, school in
    /// scope) pairs. Returns what is wrong; empty when the certificate proves every stage optimal.
    public static func verify(instance: PlacementInstance, certificate bytes: [UInt8], placements: [UInt8]) -> [String] {
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
            return ["placements.csv cannot be read"]
        }
        var placedBy = [[(student: Int32, school: Int32)]](repeating: [], count: stages.count)
        var taken = [[Int]](repeating: Array(repeating: 0, count: schools.count), count: stages.count)
        for row in table.rows {
            guard row.fields.count == table.header.count, row.fields[outcomeColumn] == "placed" else { continue }
            guard let s = studentIndex[Identifier(row.fields[idColumn])], let k = schoolIndex[Identifier(row.fields[schoolColumn])],
                  let i = stageIndex[Identifier(row.fields[stageColumn])] else {
                return ["placements.csv line \(row.line) names a student, school or stage that the inputs and policy do not have"]
            }
            placedBy[i].append((Int32(s), Int32(k)))
            taken[i][k] += 1
        }

        guard let text = String(validating: bytes, as: UTF8.self), let document = try? ParsedJSON.parse(text, file: fileName),
              case .array(let items, _)? = document.member("stages") else {
            return ["\(fileName) is not a certificate (no list of stages)"]
        }
        var problems: [String] = []
        var seen = Set<Identifier>()
        for item in items {
            guard case .string(let name, _)? = item.member("stage"), let index = stageIndex[Identifier(name)],
                  case .overflow(let plan) = instance.plans[index], plan.method == .minTotalDistance else {
                problems.append("a listed stage is not a min_total_distance overflow stage of the policy")
                continue
            }
            seen.insert(Identifier(name))
            var certificate = OverflowCertificate(seats: Array(repeating: 0, count: schools.count), prices: Array(repeating: 0, count: schools.count),
                                                  threshold: nil, witnessStudents: [], witnessSchools: [])
            var listed = [Bool](repeating: false, count: schools.count)
            var claimedAdmitted = [Int](repeating: 0, count: schools.count)
            guard case .array(let rows, _)? = item.member("schools") else {
                problems.append("stage '\(name)': no list of schools")
                continue
            }
            for row in rows {
                guard case .string(let id, _)? = row.member("school_id"), let k = schoolIndex[Identifier(id)],
                      let seats = row.member("seats")?.integer, let admitted = row.member("admitted")?.integer,
                      let price = row.member("price")?.integer, !listed[k] else {
                    problems.append("stage '\(name)': a school row is unreadable, names an unknown school or repeats one")
                    continue
                }
                listed[k] = true
                certificate.seats[k] = Int32(clamping: seats)
                certificate.prices[k] = price
                claimedAdmitted[k] = Int(admitted)
            }
            if let threshold = item.member("threshold_metres")?.integer { certificate.threshold = Int32(clamping: threshold) }
            if certificate.threshold != nil {
                if case .array(let ids, _)? = item.member("bottleneck_witness")?.member("students") {
                    certificate.witnessStudents = ids.compactMap { if case .string(let id, _) = $0 { studentIndex[Identifier(id)].map(Int32.init) } else { nil } }
                }
                if case .array(let ids, _)? = item.member("bottleneck_witness")?.member("schools") {
                    certificate.witnessSchools = ids.compactMap { if case .string(let id, _) = $0 { schoolIndex[Identifier(id)].map(Int32.init) } else { nil } }
                }
            }
            if stages[index].objective == .maxThenTotal && certificate.threshold == nil {
                problems.append("stage '\(name)': the objective is max_then_total but no threshold is given")
            }

            // The seats must be those free at the start of the stage, as the earlier stages' placements leave them.
            let expected = instance.generalSeats(atStartOf: index) { stage, school in taken[stage][school] }
            for k in schools.indices where listed[k] {
                if Int(certificate.seats[k]) != Int(expected[k]) {
                    problems.append("stage '\(name)': school '\(schools[k].id)' is given \(certificate.seats[k]) seats; placements.csv leaves it \(expected[k]) at the start of the stage")
                }
                if claimedAdmitted[k] != taken[index][k] {
                    problems.append("stage '\(name)': school '\(schools[k].id)' is said to admit \(claimedAdmitted[k]); placements.csv has \(taken[index][k])")
                }
            }
            problems += certificate.problems(stage: name, instance: instance, plan: plan, listed: listed, placed: placedBy[index])
        }
        for (index, _) in Self.stages(instance) where !seen.contains(Identifier(stages[index].name)) {
            problems.append("stage '\(stages[index].name)' uses min_total_distance but has no certificate")
        }
        return problems
    }
}

extension PlacementInstance {
    /// The `general` seats free per school at the start of stage `index`, from the seats each earlier stage
    /// took (`taken(stage, school)`): the capacity, less what earlier stages filled, less the first-batch
    /// seats still held back before the roll-over (SPEC §3).
    func generalSeats(atStartOf index: Int, taken: (Int, Int) -> Int) -> [Int32] {
        let lastBatch1 = policy.lastBatch1Stage
        return dataset.schools.indices.map { k in
            let school = dataset.schools[k]
            var free = school.capacity
            if let lastBatch1, index <= lastBatch1 {
                free -= school.batch1Seats
                for stage in 0..<index where !(policy.stages[stage].kind == .singleChoiceLottery && policy.stages[stage].pool == .batch1) {
                    free -= taken(stage, k)
                }
            } else {
                for stage in 0..<index { free -= taken(stage, k) }
            }
            return Int32(free)
        }
    }
}

extension ParsedJSON {
    func member(_ key: String) -> ParsedJSON? {
        guard case .object(let members, _) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var integer: Int64? {
        guard case .number(let text, _) = self else { return nil }
        return Int64(text)
    }
}
