import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// `min_total_distance` overflow: the solver against brute force, the kept set against the admission-order
/// rule, the certificate, the tie rule, `max_then_total`, and hand-made cases.
@Suite struct OverflowOptimizerTests {
    // MARK: The policy

    @Test func theObjectiveIsReadWrittenAndChecked() throws {
        let policy = try Policy.parse(#"{"year": 2024, "stages": [{"kind": "overflow", "method": "min_total_distance", "objective": "max_then_total"}, {"kind": "overflow", "name": "o2"}]}"#, file: "p.json")
        #expect(policy.stages[0].method == .minTotalDistance && policy.stages[0].objective == .maxThenTotal)
        #expect(policy.stages[1].objective == .total)
        let shown = policy.json.rendered()
        #expect(shown.contains(#""objective": "max_then_total""#) && shown.contains(#""objective": "total""#))
        #expect(try Policy.parse(shown, file: "shown.json") == policy)
        #expect(PolicyTests.problems(#"{"year": 2024, "stages": [{"kind": "overflow", "method": "min_total_distance", "objective": "fairest"}]}"#)
            == ["policy.json:1: stages[0].objective: 'fairest' is not one of: total, max_then_total"])
        #expect(PolicyTests.problems(#"{"year": 2024, "stages": [{"kind": "multi_zone", "objective": "total"}]}"#)
            == ["policy.json:1: stages[0].objective: unknown field (expected one of: kind, name, school_filter, priority, order, losers, families, mechanism, choices_per_round, tie_break)"])
    }

    // MARK: The solver against brute force

    /// A tiny problem: `costs[i][k]` nil where student i may not go to school k.
    struct TinyProblem {
        var costs: [[Int32?]]
        var seats: [Int32]

        init(costs: [[Int32?]], seats: [Int32]) {
            self.costs = costs
            self.seats = seats
        }

        init(seed: UInt64) {
            var random = TestRandom(state: seed)
            let m = 1 + random.int(4)
            seats = (0..<m).map { _ in random.chance(0.15) ? 0 : Int32(1 + random.int(3)) }
            // Mostly no more students than seats (else there is nothing to solve), up to 7.
            let n = 1 + random.int(max(1, min(7, Int(seats.reduce(0, +)))))
            // Small cost ranges make many ties; large ones make them rare.
            let range = random.pick([3, 20, 100_000])
            costs = (0..<n).map { _ in (0..<m).map { _ in random.chance(0.75) ? Int32(random.int(range)) : nil } }
        }

        var problem: TransportationProblem {
            var problem = TransportationProblem(seats: seats)
            for row in costs {
                for (k, cost) in row.enumerated() { if let cost { problem.allow(school: Int32(k), cost: cost) } }
                problem.endStudent()
            }
            return problem
        }

        /// Every feasible assignment, visited once.
        func forEachAssignment(_ body: ([Int]) -> Void) {
            var assignment = [Int](repeating: -1, count: costs.count)
            var load = [Int32](repeating: 0, count: seats.count)
            func go(_ i: Int) {
                if i == costs.count { body(assignment); return }
                for k in seats.indices where costs[i][k] != nil && load[k] < seats[k] {
                    assignment[i] = k
                    load[k] += 1
                    go(i + 1)
                    load[k] -= 1
                }
            }
            go(0)
        }

        /// The tie rule's order on optimal assignments: student by student, (cost, school) smaller first.
        func lexicographicallySmaller(_ a: [Int], _ b: [Int]) -> Bool {
            for i in a.indices where a[i] != b[i] {
                return (costs[i][a[i]]!, a[i]) < (costs[i][b[i]]!, b[i])
            }
            return false
        }

        struct Best {
            var total: Int64
            var max: Int32
            var assignment: [Int]
        }

        /// The optimum by enumeration: least total (or least max, then least total), ties by the tie rule.
        func bruteForce(maxFirst: Bool) -> Best? {
            var best: Best?
            forEachAssignment { assignment in
                var total: Int64 = 0, longest = Int32.min
                for (i, k) in assignment.enumerated() {
                    total += Int64(costs[i][k]!)
                    longest = Swift.max(longest, costs[i][k]!)
                }
                let candidate = Best(total: total, max: longest, assignment: assignment)
                guard let current = best else { best = candidate; return }
                let better: Bool
                if maxFirst && longest != current.max {
                    better = longest < current.max
                } else if total != current.total {
                    better = total < current.total
                } else {
                    better = lexicographicallySmaller(assignment, current.assignment)
                }
                if better { best = candidate }
            }
            return best
        }

        /// The certificate conditions on a solution, checked directly. Returns the first broken one.
        func certificateProblem(_ solution: TransportationSolution) -> String? {
            var load = [Int32](repeating: 0, count: seats.count)
            for k in solution.school { load[Int(k)] += 1 }
            for k in seats.indices {
                if solution.price[k] < 0 { return "negative price at \(k)" }
                if load[k] > seats[k] { return "school \(k) over its seats" }
                if solution.price[k] > 0 && load[k] != seats[k] { return "school \(k) priced with seats left" }
            }
            let limit = solution.threshold ?? Int32.max
            for (i, row) in costs.enumerated() {
                let j = Int(solution.school[i])
                guard let own = row[j], own <= limit else { return "student \(i) at a school not allowed" }
                for (k, cost) in row.enumerated() {
                    guard let cost, cost <= limit else { continue }
                    if Int64(own) + solution.price[j] > Int64(cost) + solution.price[k] { return "student \(i) prefers \(k) at these prices" }
                }
            }
            if let threshold = solution.threshold {
                let schools = Set(solution.witnessSchools.map(Int.init))
                for i in solution.witnessStudents.map(Int.init) {
                    for (k, cost) in costs[i].enumerated() where cost != nil && cost! < threshold && seats[k] > 0 && !schools.contains(k) {
                        return "witness student \(i) could go to \(k) below the threshold"
                    }
                }
                let witnessSeats = schools.reduce(0) { $0 + Int(seats[$1]) }
                if witnessSeats >= solution.witnessStudents.count { return "witness has \(witnessSeats) seats for \(solution.witnessStudents.count) students" }
            }
            return nil
        }
    }

    @Test(arguments: Array(UInt64(0)..<UInt64(600)))
    func optimumEqualsBruteForce(seed: UInt64) {
        let tiny = TinyProblem(seed: seed)
        guard let best = tiny.bruteForce(maxFirst: false) else { return }   // no feasible assignment: never handed to the solver
        let solution = TransportationSolver.solve(tiny.problem)
        #expect(solution.totalCost == best.total, "seed \(seed): total \(solution.totalCost), brute force \(best.total)")
        #expect(solution.school.map(Int.init) == best.assignment, "seed \(seed): tie rule gives \(best.assignment), solver \(solution.school)")
        #expect(tiny.certificateProblem(solution) == nil, "seed \(seed): \(tiny.certificateProblem(solution) ?? "")")
    }

    @Test(arguments: Array(UInt64(0)..<UInt64(600)))
    func maxThenTotalEqualsBruteForce(seed: UInt64) {
        let tiny = TinyProblem(seed: seed)
        guard let best = tiny.bruteForce(maxFirst: true) else { return }
        let solution = TransportationSolver.solve(tiny.problem, objective: .maxThenTotal)
        let longest = zip(solution.school, tiny.costs).map { $1[Int($0)]! }.max()!
        #expect(solution.threshold == best.max && longest == best.max, "seed \(seed): max \(longest), threshold \(String(describing: solution.threshold)), brute force \(best.max)")
        #expect(solution.totalCost == best.total, "seed \(seed): total \(solution.totalCost) at max \(best.max), brute force \(best.total)")
        #expect(solution.school.map(Int.init) == best.assignment, "seed \(seed): tie rule gives \(best.assignment), solver \(solution.school)")
        #expect(tiny.certificateProblem(solution) == nil, "seed \(seed): \(tiny.certificateProblem(solution) ?? "")")
    }

    /// The brute-force comparisons above skip seeds without a feasible assignment (never handed to the
    /// solver); enough of them must be feasible for those comparisons to mean anything.
    @Test func mostTinyProblemsAreFeasible() {
        let seeds = UInt64(0)..<UInt64(600)
        let total = seeds.filter { TinyProblem(seed: $0).bruteForce(maxFirst: false) != nil }.count
        let bottleneck = seeds.filter { TinyProblem(seed: $0).bruteForce(maxFirst: true) != nil }.count
        #expect(total >= 400 && bottleneck >= 400, "only \(total) and \(bottleneck) of 600 tiny problems are feasible")
        let larger = (UInt64(0)..<UInt64(60)).filter { Self.largerProblem(seed: $0).reference != nil }.count
        #expect(larger >= 45, "only \(larger) of 60 larger problems are feasible")
    }

    /// A larger problem with many equal costs, and its optimum by an independent min-cost flow (nil if none).
    static func largerProblem(seed: UInt64) -> (costs: [[Int32?]], seats: [Int32], reference: Int?) {
        var random = TestRandom(state: seed &+ 1000)
        let n = 20 + random.int(60), m = 2 + random.int(10)
        // Seats for about everyone, some schools without any, every student allowed at least one school:
        // mostly feasible, and tight enough that the cheapest schools overfill.
        let seats = (0..<m).map { _ in random.chance(0.1) ? Int32(0) : Int32(n / m + random.int(n / m + 3)) }
        let costs: [[Int32?]] = (0..<n).map { _ in
            let always = random.int(m)
            return (0..<m).map { k in k == always || random.chance(0.6) ? Int32(random.int(random.chance(0.5) ? 5 : 5000)) : nil }
        }
        return (costs, seats, referenceMinCost(costs, seats: seats.map(Int.init)))
    }

    /// Larger problems with many equal costs, against an independent min-cost flow (Bellman–Ford).
    @Test(arguments: Array(UInt64(0)..<UInt64(60)))
    func optimumEqualsReferenceFlowOnLargerProblems(seed: UInt64) {
        let (costs, seats, found) = Self.largerProblem(seed: seed)
        guard let reference = found else { return }   // no solution: never handed to the solver (counted above)
        var problem = TransportationProblem(seats: seats)
        for row in costs {
            for (k, cost) in row.enumerated() { if let cost { problem.allow(school: Int32(k), cost: cost) } }
            problem.endStudent()
        }
        let solution = TransportationSolver.solve(problem)
        #expect(solution.totalCost == Int64(reference), "seed \(seed): \(solution.totalCost) vs reference \(reference)")
        let tiny = TinyProblem(costs: costs, seats: seats)
        #expect(tiny.certificateProblem(solution) == nil, "seed \(seed): \(tiny.certificateProblem(solution) ?? "")")
    }

    // MARK: The stage on random districts

    /// The random policy with every overflow stage under `min_total_distance` and `objective`.
    static func minTotalPolicy(_ policy: String, objective: String) -> String {
        policy.replacingOccurrences(of: #", "method": "[a-z_]+""#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #""kind": "overflow","#, with: #""kind": "overflow", "method": "min_total_distance", "objective": "\#(objective)","#)
    }

    /// On random districts (overlapping zone scopes, seat shortages): who is kept follows the admission
    /// order exactly, and the total (or the max, then the total) equals an independent optimum.
    @Test(arguments: Array(UInt64(0)..<UInt64(200)))
    func randomDistrictsKeepInOrderAndReachTheOptimum(seed: UInt64) throws {
        let district = RandomDistrict(seed: seed)
        let objective = seed % 3 == 0 ? "max_then_total" : "total"
        let policy = try Policy.parse(Self.minTotalPolicy(district.policy, objective: objective), file: "policy.json")
        let instance = try PlacementInstance(dataset: Dataset.parse(files: district.files()), policy: policy)
        let result = try instance.place(seed: LotterySeed(bytes: SHA256.hash("district \(seed)"))!)   // promises checked inside

        for (index, stage) in policy.stages.enumerated() where stage.kind == .overflow {
            guard case .overflow(let plan) = instance.plans[index] else { continue }
            let seats = instance.generalSeats(atStartOf: index) { Int(result.stages[$0].seatsTaken[$1]) }
            let entries = result.stages[index].overflowEntries
            // The admission-order rule, by Hall's condition over every set of schools (at most 8 schools).
            var keptMasks: [Int] = []
            var expectedKept: [Int32] = []
            for entry in entries {
                let mask = plan.scopes[Int(entry.scope)].reduce(0) { $0 | (1 << Int($1)) }
                if hallHolds(keptMasks + [mask], seats: seats) {
                    keptMasks.append(mask)
                    expectedKept.append(entry.student)
                }
            }
            let kept = entries.map(\.student).filter { result.isPlaced(Int($0), byStage: index) }
            #expect(kept == expectedKept, "district \(seed), stage \(stage.name): kept \(kept), the rule keeps \(expectedKept)")

            // The optimum, by an independent min-cost flow over the kept students.
            let costs: [[Int32?]] = kept.map { s in
                let home = instance.studentSites[Int(s)]!
                let scope = plan.scopes[Int(entries.first { $0.student == s }!.scope)]
                return instance.dataset.schools.indices.map { k in
                    scope.contains(Int32(k)) ? Int32(distanceMetres(home, instance.schoolSites[k]!)) : nil
                }
            }
            let distances = kept.map { Int(result.overflowDistance[Int($0)]) }
            if objective == "total" {
                let reference = referenceMinCost(costs, seats: seats.map { max(0, Int($0)) })
                #expect(distances.reduce(0, +) == reference, "district \(seed), stage \(stage.name): total \(distances.reduce(0, +)), reference \(String(describing: reference))")
            } else {
                // The least max: the smallest distance at which everyone kept still fits; then the least total within it.
                let candidates = Set(costs.flatMap { $0.compactMap { $0 } }).sorted()
                let least = candidates.first { limit in
                    referenceMinCost(costs.map { $0.map { $0.flatMap { $0 <= limit ? $0 : nil } } }, seats: seats.map { max(0, Int($0)) }) != nil
                }
                let longest = distances.max()
                #expect(longest.map(Int32.init) == least, "district \(seed), stage \(stage.name): max \(String(describing: longest)), least possible \(String(describing: least))")
                if let least {
                    let reference = referenceMinCost(costs.map { $0.map { $0.flatMap { $0 <= least ? $0 : nil } } }, seats: seats.map { max(0, Int($0)) })
                    #expect(distances.reduce(0, +) == reference, "district \(seed), stage \(stage.name): total \(distances.reduce(0, +)) at the least max, reference \(String(describing: reference))")
                }
            }
        }
    }

    /// Ties are decided by the admission order, not by row order: shuffled rows give the same bytes.
    @Test(arguments: Array(UInt64(0)..<UInt64(100)))
    func sameResultWithRowsShuffled(seed: UInt64) throws {
        let district = RandomDistrict(seed: seed)
        let policy = try Policy.parse(Self.minTotalPolicy(district.policy, objective: seed % 2 == 0 ? "total" : "max_then_total"), file: "policy.json")
        let lotterySeed = LotterySeed(bytes: SHA256.hash("shuffle \(seed)"))!
        func outputs(_ files: [String: [UInt8]], workers: Int) throws -> [[UInt8]] {
            let instance = try PlacementInstance(dataset: Dataset.parse(files: files), policy: policy, workers: workers)
            let result = try instance.place(seed: lotterySeed)
            let rendered = PlacementFiles(instance: instance, result: result)
            return [rendered.placementsCSV(), Array(rendered.summary().rendered().utf8), OverflowCertificate.file(instance, result) ?? []]
        }
        let expected = try outputs(district.files(), workers: 1)
        let shuffled = try outputs(district.files(shuffledWith: seed &+ 7), workers: 3)
        #expect(expected == shuffled, "district \(seed): the result changes with row order")
    }

    // MARK: Hand-made cases

    /// A home `km` kilometres north of a fixed point (1° of latitude ≈ 111.2 km).
    static func north(_ km: Double) -> String { "\(39.9 + km / 111.195),116.4" }

    /// School A (1 seat) at 0 km, school B (2 seats) at 10 km. The first student in the lottery lives at
    /// 4 km, the second at 1 km, the third at 10 km. Nearest-by-lottery gives the first A (4 km), so the
    /// second goes all the way to B (9 km): 13 km in all. The optimum swaps them: 1 + 6 + 0 = 7 km.
    @Test func theOptimumDoesNotSendTheSecondStudentFar() throws {
        let order = lotteryOrder(["x", "y", "z"], label: "overflow")
        let homes = [order[0]: 4.0, order[1]: 1.0, order[2]: 10.0]
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nA,1,\(Self.north(0))\nB,2,\(Self.north(10))\n",
            zones: "zone_id,kind,schools\nZ,single,A\n",
            students: "student_id,zone_id,lat,lon\n" + ["x", "y", "z"].map { "\($0),Z,\(Self.north(homes[$0]!))" }.joined(separator: "\n") + "\n")
        let greedy = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "name": "overflow", "scope": "all"}]}"#)
        #expect(greedy.assignment == [Identifier(order[0]): "A", Identifier(order[1]): "B", Identifier(order[2]): "B"])
        let optimal = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "name": "overflow", "scope": "all", "method": "min_total_distance"}]}"#)
        #expect(optimal.assignment == [Identifier(order[0]): "B", Identifier(order[1]): "A", Identifier(order[2]): "B"])
        let total = { (placed: Placed) in placed.result.overflowDistance.reduce(0) { $0 + Int($1) } }
        #expect(total(greedy) == 13_000 && total(optimal) == 7_000)
        let summary = PlacementFiles(instance: optimal.instance, result: optimal.result).summary()
        #expect(summary["stages"]?.stageFigure("overflow", "total") == .int(7_000))
        #expect(summary["stages"]?.stageFigure("overflow", "max") == .int(6_000))
        #expect(summary["stages"]?.stageFigure("overflow", "over_5km") == .int(1))
        #expect(summary["stages"]?.stageFigure("overflow", "over_3km") == .int(1))
        #expect(summary["overflow_distance_metres"]?["p95"] == .int(6_000))
    }

    /// Two students at the same home, one seat 1 km away and one 3 km away: both assignments total 4 km.
    /// The tie goes to the admission order: the first student in the lottery gets the nearer seat.
    @Test func aTieGoesToTheEarlierStudent() throws {
        for ids in [["a", "b"], ["p", "q"], ["m1", "m2"]] {
            let order = lotteryOrder(ids, label: "overflow")
            let district = TestDistrict(
                schools: "school_id,capacity,lat,lon\nNear,1,\(Self.north(1))\nFar,1,\(Self.north(3))\n",
                zones: "zone_id,kind,schools\nZ,single,Near\n",
                students: "student_id,zone_id,lat,lon\n\(ids[0]),Z,\(Self.north(0))\n\(ids[1]),Z,\(Self.north(0))\n")
            let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "name": "overflow", "scope": "all", "method": "min_total_distance"}]}"#)
            #expect(placed.school(order[0]) == "Near" && placed.school(order[1]) == "Far", "\(ids)")
        }
    }

    /// Seats short, overlapping areas: area P has schools A and S, area Q only S; one seat each. In the
    /// admission order (set by priority tiers) come p1 of P, q1 of Q, then p2 of P. p1 lives at S, so
    /// nearest-by-lottery gives p1 S, leaves q1 out and gives p2 A. Under min_total_distance q1 can still be
    /// seated when p1 goes to A, so q1 is kept and p2, last in the order, is left out.
    @Test func overlappingScopesKeepInAdmissionOrder() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nA,1,\(Self.north(5))\nS,1,\(Self.north(0))\n",
            zones: "zone_id,kind,schools\nP,multi,A;S\nQ,multi,S\n",
            students: "student_id,zone_id,lat,lon,disabled,care\np1,P,\(Self.north(0)),yes,\nq1,Q,\(Self.north(1)),no,martyr\np2,P,\(Self.north(0)),no,\n")
        let stage = #"{"kind": "overflow", "name": "overflow", "scope": "zone", "priority": ["disabled", "care"]"#
        let greedy = try district.place(#"{"year": 2023, "stages": ["# + stage + "}]}")
        #expect(greedy.assignment == ["p1": "S", "q1": "-", "p2": "A"])
        let optimal = try district.place(#"{"year": 2023, "stages": ["# + stage + #", "method": "min_total_distance"}]}"#)
        #expect(optimal.assignment == ["p1": "A", "q1": "S", "p2": "-"])
        #expect(optimal.reason("p2") == "no_free_seat" && optimal.stage("p2") == "overflow")
    }

    /// A home `km` kilometres east of the fixed point.
    static func east(_ km: Double) -> String { "39.9,\(116.4 + km / (111.195 * cos(39.9 * Double.pi / 180)))" }

    /// Where the two objectives part. X is at u's home, Y 5 km north of it, v lives 6 km east of it; one seat
    /// each. Least total: u → X (0) and v → Y (about 7.8 km). Least longest trip: u → Y (5 km) and v → X (6 km),
    /// 11 km in all — `max_then_total` takes it.
    @Test func maxThenTotalTradesTotalForTheWorstOff() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nX,1,\(Self.north(0))\nY,1,\(Self.north(5))\n",
            zones: "zone_id,kind,schools\nZ,single,X\n",
            students: "student_id,zone_id,lat,lon\nu,Z,\(Self.north(0))\nv,Z,\(Self.east(6))\n")
        let total = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "name": "overflow", "scope": "all", "method": "min_total_distance"}]}"#)
        #expect(total.assignment == ["u": "X", "v": "Y"])
        let fairest = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "name": "overflow", "scope": "all", "method": "min_total_distance", "objective": "max_then_total"}]}"#)
        #expect(fairest.assignment == ["u": "Y", "v": "X"])
        let certificate = try #require(fairest.result.stages[0].overflowCertificate)
        #expect(certificate.threshold == fairest.result.overflowDistance.max())
        // The witness: v alone has no school closer than 6 km.
        #expect(certificate.witnessStudents.map { fairest.instance.dataset.students[Int($0)].id } == ["v"] && certificate.witnessSchools.isEmpty)
    }

    // MARK: The certificate

    /// Swapping two students' schools keeps every seat count but lengthens the total: the promise check
    /// and the published-file check both refuse it, naming the broken condition.
    @Test func theCertificateFailsWhenOneAssignmentIsSwapped() throws {
        let order = lotteryOrder(["x", "y", "z"], label: "overflow")
        let homes = [order[0]: 4.0, order[1]: 1.0, order[2]: 10.0]
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nA,1,\(Self.north(0))\nB,2,\(Self.north(10))\n",
            zones: "zone_id,kind,schools\nZ,single,A\n",
            students: "student_id,zone_id,lat,lon\n" + ["x", "y", "z"].map { "\($0),Z,\(Self.north(homes[$0]!))" }.joined(separator: "\n") + "\n")
        let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "name": "overflow", "scope": "all", "method": "min_total_distance"}]}"#)
        try placed.instance.checkOverflowOptimality(placed.result)
        let certificate = try #require(OverflowCertificate.file(placed.instance, placed.result))
        let files = PlacementFiles(instance: placed.instance, result: placed.result)
        #expect(OverflowCertificate.verify(instance: placed.instance, certificate: certificate, placements: files.placementsCSV()).isEmpty)

        var swapped = placed.result
        let (a, b) = (placed.index(order[0]), placed.index(order[1]))
        (swapped.school[a], swapped.school[b]) = (swapped.school[b], swapped.school[a])
        for s in [a, b] {
            swapped.overflowDistance[s] = Int32(distanceMetres(placed.instance.studentSites[s]!, placed.instance.schoolSites[Int(swapped.school[s])]!))
        }
        #expect(throws: PromiseViolation.self) { try placed.instance.checkOverflowOptimality(swapped) }
        let problems = OverflowCertificate.verify(instance: placed.instance, certificate: certificate,
                                                  placements: PlacementFiles(instance: placed.instance, result: swapped).placementsCSV())
        #expect(problems.contains { $0.english.contains("condition 2") && ($0.english.contains("'\(order[0])'") || $0.english.contains("'\(order[1])'")) }, "\(problems)")
    }

    /// `paiwei verify` checks the certificate of a published folder, and names it when placements.csv is altered.
    @Test func verifyChecksTheCertificateOfAFolder() throws {
        let order = lotteryOrder(["x", "y", "z"], label: "overflow")
        let homes = [order[0]: 4.0, order[1]: 1.0, order[2]: 10.0]
        let inputs = [
            "schools.csv": Array("school_id,capacity,lat,lon\nA,1,\(Self.north(0))\nB,2,\(Self.north(10))\n".utf8),
            "zones.csv": Array("zone_id,kind,schools\nZ,single,A\n".utf8),
            "students.csv": Array(("student_id,zone_id,lat,lon\n" + ["x", "y", "z"].map { "\($0),Z,\(Self.north(homes[$0]!))" }.joined(separator: "\n") + "\n").utf8),
        ]
        let policy = try Policy.parse(#"{"year": 2023, "stages": [{"kind": "overflow", "name": "overflow", "scope": "all", "method": "min_total_distance"}]}"#, file: "policy.json")
        let instance = try PlacementInstance(dataset: Dataset.parse(files: inputs), policy: policy)
        let final = try FinalPlacement(instance: instance, inputs: inputs, draw: SeedDraw(seed: testSeed))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-certificate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try OutputFolder.write(PlacementFolder(final).files(), to: folder)
        let report = try Verification.run(folder: folder)
        #expect(report.verified, "\(report.files.filter { !$0.matches })")
        #expect(report.files.map(\.file).contains(OverflowCertificate.fileName))

        // order[0] (at 4 km) and order[1] (at 1 km) trade schools: A and B keep their counts, the total grows.
        let url = folder.appendingPathComponent("placements.csv")
        var text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        text = text.replacingOccurrences(of: "\(order[0]),placed,B,", with: "\(order[0]),placed,#,")
            .replacingOccurrences(of: "\(order[1]),placed,A,", with: "\(order[1]),placed,B,")
            .replacingOccurrences(of: "\(order[0]),placed,#,", with: "\(order[0]),placed,A,")
        try Data(text.utf8).write(to: url)
        let altered = try Verification.run(folder: folder)
        #expect(altered.mismatched.contains(OverflowCertificate.fileName), "\(altered.mismatched)")
        let problems = altered.files.first { $0.file == OverflowCertificate.fileName }?.problems ?? []
        #expect(problems.contains { $0.english.contains("condition 2") }, "\(problems)")
    }
}

extension JSONValue {
    /// The distance figure `key` of the overflow stage named `stage` in a summary's `stages`.
    func stageFigure(_ stage: String, _ key: String) -> JSONValue? {
        guard case .array(let stages) = self else { return nil }
        return stages.first { $0["name"] == .string(stage) }?["distance_metres"]?[key]
    }
}

/// Hall's condition for seating every student: for each set of schools, no more students whose whole
/// scope lies inside it than it has seats. `masks` are the students' scopes as bit sets of school indices.
func hallHolds(_ masks: [Int], seats: [Int32]) -> Bool {
    let m = seats.count
    precondition(m <= 16)
    for set in 0..<(1 << m) {
        let inside = masks.filter { $0 & ~set == 0 }.count
        var capacity = 0
        for k in 0..<m where set & (1 << k) != 0 { capacity += max(0, Int(seats[k])) }
        if inside > capacity { return false }
    }
    return true
}

/// Least total cost seating every student (nil where not allowed), or nil when impossible: successive
/// shortest paths with Bellman–Ford on the plain flow graph, written independently of the engine's solver.
func referenceMinCost(_ costs: [[Int32?]], seats: [Int]) -> Int? {
    let n = costs.count, m = seats.count
    let source = n + m, sink = n + m + 1, nodes = n + m + 2
    var to: [Int] = [], capacity: [Int] = [], cost: [Int] = [], edges = [[Int]](repeating: [], count: nodes)
    func edge(_ a: Int, _ b: Int, _ c: Int, _ w: Int) {
        edges[a].append(to.count); to.append(b); capacity.append(c); cost.append(w)
        edges[b].append(to.count); to.append(a); capacity.append(0); cost.append(-w)
    }
    for i in 0..<n {
        edge(source, i, 1, 0)
        for k in 0..<m { if let c = costs[i][k] { edge(i, n + k, 1, Int(c)) } }
    }
    for k in 0..<m { edge(n + k, sink, seats[k], 0) }
    var total = 0
    for _ in 0..<n {
        var dist = [Int](repeating: Int.max, count: nodes), via = [Int](repeating: -1, count: nodes)
        dist[source] = 0
        var changed = true
        while changed {
            changed = false
            for v in 0..<nodes where dist[v] != Int.max {
                for e in edges[v] where capacity[e] > 0 && dist[v] + cost[e] < dist[to[e]] {
                    dist[to[e]] = dist[v] + cost[e]
                    via[to[e]] = e
                    changed = true
                }
            }
        }
        guard dist[sink] != Int.max else { return nil }
        var v = sink
        while v != source {
            capacity[via[v]] -= 1
            capacity[via[v] ^ 1] += 1
            v = to[via[v] ^ 1]
        }
        total += dist[sink]
    }
    return total
}
