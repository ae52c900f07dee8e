/// Solves a ``TransportationProblem`` exactly, in integers: seats every student at least total cost,
/// or first at least largest cost and then at least total cost, and returns dual prices that prove it.
///
/// The method is successive shortest paths with node potentials (Tomizawa 1971; Edmonds and Karp,
/// "Theoretical improvements in algorithmic efficiency for network flow problems", *J. ACM* 19, 1972;
/// Ahuja, Magnanti and Orlin, *Network Flows*, 1993, §9.7), run over **school** nodes, which suits
/// overflow: thousands of students, a hundred or so schools.
///
/// 1. The problem splits into independent parts: schools joined by a student allowed to both, with
///    their students. District scopes give one part per district.
/// 2. In each part every student starts at their cheapest school and every price is 0. That is optimal
///    for the prices but may overfill schools. Each surplus seat is then removed along a shortest path
///    of moves "one student of school *j* goes to school *k*" from an overfull school to one with a free
///    seat; the cost of such a move, in prices, is `c(i,k) + p_k − c(i,j) − p_j ≥ 0`, so Dijkstra's
///    algorithm finds the path (``DenseAssignment/settleSurplus()``: one overfull school at a time, over
///    a dense *m* × *m* table of the cheapest move per pair of schools, kept up to date as students move
///    and relaxed with lower bounds where it is stale). After each path the prices of the schools
///    settled before the free one rise by the difference, which keeps every reduced cost non-negative:
///    the assignment stays optimal for the seats it fills, and a school's price rises only while it is
///    full. When nothing is overfull the assignment is optimal and the prices are its certificate
///    (``TransportationSolution/price``).
/// 3. Ties between optimal assignments are decided by the admission order (students are numbered in
///    it): among all assignments of least total cost, the first student gets the cheapest school any
///    of them gives them (equal costs: the smaller school index), then the second, and so on. See
///    ``DenseAssignment/preferEarlierStudents()``.
///
/// With `maxThenTotal` the least possible largest cost *T* is found first (bottleneck assignment,
/// Gross 1959; Burkard, Dell'Amico and Martello, *Assignment Problems*, 2009, §6.2): students are
/// seated one by one along min-max augmenting paths, raising *T* only when no path stays within it.
/// Then the total is minimised over the arcs of cost ≤ *T*.
///
/// Everything is in 32- and 64-bit integers: costs below 2³⁰, prices and path lengths in `Int64`.
///
/// - Complexity: per part with *n* students and *m* schools, O(*n*·*m*) memory and time to set up;
///   then O(*m*·*h*) per surplus seat, *h* ≤ *m* the schools its search settles (at most *n* surplus seats,
///   usually far fewer), plus O(*m*) per student moved and O(*s*) per stale table entry recomputed, *s*
///   the students of a school. The tie rule costs O(*n*·*m*) plus one breadth-first search over the
///   students with several optimal schools for each student who could do better. `maxThenTotal` adds
///   O(*m*²) per student who cannot be seated directly within the current *T*.
package enum TransportationSolver {
    package static func solve(_ problem: TransportationProblem, objective: OverflowObjective = .total) -> TransportationSolution {
        let m = problem.seats.count, n = problem.studentCount
        let parts = Self.parts(problem)

        var threshold: Int32?
        var witnessStudents: [Int32] = [], witnessSchools: [Int32] = []
        if objective == .maxThenTotal {
            var worst = Int32.min
            for part in parts {
                var bottleneck = DenseAssignment(part.costs, students: part.students.count, schools: part.schools.count,
                                                 seats: part.schools.map { problem.seats[$0] }, relative: false)
                let least = bottleneck.leastMaximum()
                // The largest part decides; its witness shows that nothing less is possible.
                if least.threshold > worst {
                    worst = least.threshold
                    witnessStudents = least.students.map { Int32(part.students[Int($0)]) }
                    witnessSchools = least.schools.map { Int32(part.schools[Int($0)]) }
                }
            }
            if !parts.isEmpty { threshold = worst }
        }

        var school = [Int32](repeating: -1, count: n)
        var price = [Int64](repeating: 0, count: m)
        var total: Int64 = 0
        for part in parts {
            var costs = part.costs
            if let threshold {
                for index in costs.indices where costs[index] > threshold { costs[index] = DenseAssignment.unreachable }
            }
            var assignment = DenseAssignment(costs, students: part.students.count, schools: part.schools.count,
                                             seats: part.schools.map { problem.seats[$0] }, relative: true)
            assignment.seatAtCheapest()
            assignment.settleSurplus()
            assignment.preferEarlierStudents()
            for (local, student) in part.students.enumerated() {
                let k = Int(assignment.school[local])
                school[student] = Int32(part.schools[k])
                total += Int64(costs[local * part.schools.count + k])
            }
            for (local, global) in part.schools.enumerated() { price[global] = assignment.price[local] }
        }

        // Schools without seats take nobody; their price is the least that makes nobody prefer them.
        let seatless = problem.seats.contains { $0 <= 0 }
        for s in 0..<n where seatless {
            let own = Int(school[s])
            var ownCost: Int32 = 0
            for arc in problem.arcs(of: s) where Int(problem.arcSchools[arc]) == own { ownCost = problem.arcCosts[arc] }
            let value = Int64(ownCost) + price[own]
            for arc in problem.arcs(of: s) {
                let k = Int(problem.arcSchools[arc]), cost = problem.arcCosts[arc]
                guard problem.seats[k] <= 0, threshold.map({ cost <= $0 }) ?? true else { continue }
                price[k] = max(price[k], value - Int64(cost))
            }
        }
        return TransportationSolution(school: school, price: price, threshold: threshold,
                                      witnessStudents: witnessStudents.sorted(), witnessSchools: witnessSchools.sorted(), totalCost: total)
    }

    /// One independent part: its schools and students (ascending) and their dense cost table.
    struct Part {
        var schools: [Int] = []
        var students: [Int] = []
        /// `costs[local student * schools.count + local school]`, ``DenseAssignment/unreachable`` where not allowed.
        var costs: [Int32] = []
    }

    /// Splits the problem into parts (union–find over schools with seats, joined by each student's arcs),
    /// ordered by their smallest school.
    static func parts(_ problem: TransportationProblem) -> [Part] {
        let m = problem.seats.count, n = problem.studentCount
        var parent = Array(0..<m)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var firstSchool = [Int](repeating: -1, count: n)
        for s in 0..<n {
            var joined = -1
            for arc in problem.arcs(of: s) where problem.seats[Int(problem.arcSchools[arc])] > 0 {
                let k = Int(problem.arcSchools[arc])
                if firstSchool[s] < 0 {
                    firstSchool[s] = k
                    joined = root(k)
                } else {
                    let other = root(k)
                    if other != joined {
                        parent[max(joined, other)] = min(joined, other)
                        joined = min(joined, other)
                    }
                }
            }
            precondition(firstSchool[s] >= 0, "a student has no school with seats: the problem has no solution")
        }
        var partOfRoot = [Int](repeating: -1, count: m)
        var partOfSchool = [Int](repeating: -1, count: m)
        var parts: [Part] = []
        var local = [Int32](repeating: -1, count: m)
        for k in 0..<m where problem.seats[k] > 0 {
            let r = root(k)
            if partOfRoot[r] < 0 {
                partOfRoot[r] = parts.count
                parts.append(Part())
            }
            partOfSchool[k] = partOfRoot[r]
            local[k] = Int32(parts[partOfRoot[r]].schools.count)
            parts[partOfRoot[r]].schools.append(k)
        }
        for s in 0..<n { parts[partOfSchool[firstSchool[s]]].students.append(s) }
        parts.removeAll { $0.students.isEmpty }
        for index in parts.indices {
            let width = parts[index].schools.count
            var costs = [Int32](repeating: DenseAssignment.unreachable, count: parts[index].students.count * width)
            for (row, s) in parts[index].students.enumerated() {
                for arc in problem.arcs(of: s) where local[Int(problem.arcSchools[arc])] >= 0 {
                    costs[row * width + Int(local[Int(problem.arcSchools[arc])])] = problem.arcCosts[arc]
                }
            }
            parts[index].costs = costs
        }
        return parts
    }
}
