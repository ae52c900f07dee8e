/// The proof that a `min_total_distance` overflow stage's assignment is optimal, checkable by anyone in
/// one pass over the placed students' (student, school in scope) pairs, without solving anything: a
/// price per school in whole metres, from the dual of the transportation problem
/// (docs/overflow-optimizer.md). Written to `overflow_certificate.json` (PaiweiReports).
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

    public init(seats: [Int32], prices: [Int64], threshold: Int32?, witnessStudents: [Int32], witnessSchools: [Int32]) {
        self.seats = seats
        self.prices = prices
        self.threshold = threshold
        self.witnessStudents = witnessStudents
        self.witnessSchools = witnessSchools
    }
}

// MARK: Checking

extension OverflowCertificate {
    /// Conditions 1 to 3 for one stage, in one pass over the pairs (student placed, school of their scope).
    ///
    /// - Parameters:
    ///   - listed: per school, whether the certificate gives it a price (schools outside every scope need not be listed).
    ///   - placed: the students the stage placed, with their schools.
    /// - Returns: what is wrong, at most a few lines per condition; empty when the certificate holds.
    package func problems(stage name: String, instance: PlacementInstance, plan: OverflowPlan, listed: [Bool],
                  placed: [(student: Int32, school: Int32)]) -> [Message] {
        let schools = instance.dataset.schools, students = instance.dataset.students
        var problems: [Message] = []
        var shown: [Int: Int] = [:]
        func fail(_ condition: Int, _ message: Message) {
            shown[condition, default: 0] += 1
            if shown[condition]! <= 3 { problems.append(Message("stage '\(name)': condition \(condition): ", "阶段“\(name)”：条件 \(condition)：") + message) }
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
                if admitted[k] > 0 { fail(1, Message("school '\(schools[k].id)' admitted \(admitted[k]) but has no price", "学校“\(schools[k].id)”录取了 \(admitted[k]) 人，却没有价格")) }
                continue
            }
            if prices[k] < 0 { fail(1, Message("school '\(schools[k].id)' has the negative price \(prices[k])", "学校“\(schools[k].id)”的价格 \(prices[k]) 为负")) }
            if admitted[k] > Int(seats[k]) { fail(1, Message("school '\(schools[k].id)' admitted \(admitted[k]) for \(seats[k]) seats", "学校“\(schools[k].id)”以 \(seats[k]) 个学位录取了 \(admitted[k]) 人")) }
            if prices[k] > 0 && admitted[k] != Int(seats[k]) {
                fail(1, Message("school '\(schools[k].id)' has the price \(prices[k]) but \(Int(seats[k]) - admitted[k]) seats left", "学校“\(schools[k].id)”的价格为 \(prices[k])，却还剩 \(Int(seats[k]) - admitted[k]) 个学位"))
            }
        }

        for (student, school) in placed {
            let s = Int(student), j = Int(school)
            guard scopeOf[s] >= 0 else {
                fail(2, Message("student '\(students[s].id)' was placed but is not among the stage's students", "学生“\(students[s].id)”已被安排，却不是此阶段的学生"))
                continue
            }
            let scope = plan.scopes[Int(scopeOf[s])]
            guard scope.contains(school), listed[j], let own = distance(s, j) else {
                fail(2, Message("student '\(students[s].id)' is at '\(schools[j].id)', which is not a listed school of their scope", "学生“\(students[s].id)”在“\(schools[j].id)”，而该校不是其统筹范围内列出的学校"))
                continue
            }
            if let threshold, own > Int(threshold) {
                fail(2, Message("student '\(students[s].id)' travels \(own) m, beyond the threshold \(threshold) m", "学生“\(students[s].id)”的距离为 \(own) 米，超过阈值 \(threshold) 米"))
            }
            let value = Int64(own) + prices[j]
            for other in scope {
                let k = Int(other)
                guard listed[k] else {
                    fail(1, Message("school '\(schools[k].id)' of the scope of '\(students[s].id)' is not listed", "“\(students[s].id)”统筹范围内的学校“\(schools[k].id)”没有列出"))
                    continue
                }
                guard let d = distance(s, k), threshold.map({ d <= Int($0) }) ?? true else { continue }
                if value > Int64(d) + prices[k] {
                    fail(2, Message("student '\(students[s].id)' at '\(schools[j].id)': distance \(own) + price \(prices[j]) = \(value), but '\(schools[k].id)' gives \(d) + \(prices[k]) = \(Int64(d) + prices[k])", "学生“\(students[s].id)”在“\(schools[j].id)”：距离 \(own) + 价格 \(prices[j]) = \(value)，而“\(schools[k].id)”为 \(d) + \(prices[k]) = \(Int64(d) + prices[k])"))
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
                    fail(3, Message("witness student '\(students[s].id)' was not placed by the stage", "见证学生“\(students[s].id)”不是由此阶段安排的"))
                    continue
                }
                for other in plan.scopes[Int(scopeOf[s])] where listed[Int(other)] && seats[Int(other)] > 0 && !inWitness[Int(other)] {
                    if let d = distance(s, Int(other)), d < Int(threshold) {
                        fail(3, Message("witness student '\(students[s].id)' could go to '\(schools[Int(other)].id)', \(d) m away, outside the witness schools", "见证学生“\(students[s].id)”可以去见证学校之外、距离 \(d) 米的“\(schools[Int(other)].id)”"))
                    }
                }
            }
            if witnessSeats >= Set(witnessStudents).count {
                fail(3, Message("the witness schools have \(witnessSeats) seats for \(Set(witnessStudents).count) witness students: that shows nothing", "见证学校有 \(witnessSeats) 个学位，见证学生为 \(Set(witnessStudents).count) 人：这证明不了什么"))
            }
        }
        return problems
    }
}

// MARK: The file

extension OverflowCertificate {
    /// The stages whose method is `min_total_distance`, with their plans.
    package static func stages(_ instance: PlacementInstance) -> [(index: Int, plan: OverflowPlan)] {
        instance.plans.enumerated().compactMap { index, plan in
            if case .overflow(let overflow) = plan, overflow.assignment.method == .minTotalDistance { return (index, overflow) }
            return nil
        }
    }

    /// The schools a certificate lists: those in the scope of anyone who took part in the stage.
    package static func listedSchools(_ instance: PlacementInstance, plan: OverflowPlan, entries: [OverflowEntry]) -> [Bool] {
        var usedScope = [Bool](repeating: false, count: plan.scopes.count)
        for entry in entries { usedScope[Int(entry.scope)] = true }
        var listed = [Bool](repeating: false, count: instance.dataset.schools.count)
        for (g, scope) in plan.scopes.enumerated() where usedScope[g] {
            for school in scope { listed[Int(school)] = true }
        }
        return listed
    }
}
