/// Who a `min_total_distance` overflow stage keeps when seats are short (SPEC §3): going through the
/// students in admission order, each is kept only if everyone kept so far and they can still all be
/// seated in their scopes. Scopes may overlap (service areas sharing a school), so this is a bipartite
/// b-matching feasibility test, done incrementally with augmenting paths.
///
/// Students with the same scope are interchangeable here, so the flow runs between *scopes* and
/// schools: `flow[g][i]` students of scope `g` are promised a seat at its `i`-th school. A student is
/// seated directly when a school of their scope has an unpromised seat, else along an augmenting path
/// scope → school → scope → … → school with a seat. A search that fails proves every scope it reached
/// full for good (seats are only ever promised, never released), so those scopes keep nobody more.
///
/// - Complexity: O(Σ|scope|) over the whole stage for direct seats (a cursor per scope), plus
///   O(Σ|scope| over the scopes reached) per augmenting search; a failed search retires its scopes.
struct AdmissionOrderSeating {
    let scopes: [[Int32]]
    /// Seats not yet promised, per school.
    private(set) var free: [Int32]
    private var flow: [[Int32]]
    /// Per scope: the schools of its list before this index have no free seat.
    private var cursor: [Int]
    private var full: [Bool]
    /// Per school: the scopes listing it, with its index in each list.
    private var listedIn: [[(scope: Int32, index: Int32)]]
    private var seenScope: [Int]
    private var seenSchool: [Int]
    private var stamp = 0

    init(scopes: [[Int32]], seats: [Int32]) {
        self.scopes = scopes
        free = seats.map { max(0, $0) }
        flow = scopes.map { Array(repeating: 0, count: $0.count) }
        cursor = Array(repeating: 0, count: scopes.count)
        full = Array(repeating: false, count: scopes.count)
        listedIn = Array(repeating: [], count: seats.count)
        for (g, scope) in scopes.enumerated() {
            for (i, school) in scope.enumerated() { listedIn[Int(school)].append((Int32(g), Int32(i))) }
        }
        seenScope = Array(repeating: 0, count: scopes.count)
        seenSchool = Array(repeating: 0, count: seats.count)
    }

    /// Keeps one more student of scope `g` if everyone kept so far and they can all be seated.
    mutating func keep(scope g: Int) -> Bool {
        if full[g] { return false }
        let list = scopes[g]
        while cursor[g] < list.count && free[Int(list[cursor[g]])] == 0 { cursor[g] += 1 }
        if cursor[g] < list.count {
            free[Int(list[cursor[g]])] -= 1
            flow[g][cursor[g]] += 1
            return true
        }
        // Breadth-first over scopes: from a scope to its schools, from a full school to the scopes promised
        // seats there (one of their students could go elsewhere).
        stamp += 1
        var parentOfSchool: [Int: (scope: Int, index: Int)] = [:]
        var parentOfScope: [Int: (school: Int, index: Int)] = [:]
        var queue = [g]
        seenScope[g] = stamp
        var head = 0
        while head < queue.count {
            let h = queue[head]
            head += 1
            for (i, school) in scopes[h].enumerated() where seenSchool[Int(school)] != stamp {
                let k = Int(school)
                seenSchool[k] = stamp
                parentOfSchool[k] = (h, i)
                if free[k] > 0 {
                    free[k] -= 1
                    var at = k
                    while true {
                        let (scope, index) = parentOfSchool[at]!
                        flow[scope][index] += 1
                        if scope == g { return true }
                        let (previous, previousIndex) = parentOfScope[scope]!
                        flow[scope][previousIndex] -= 1
                        at = previous
                    }
                }
                for (other, index) in listedIn[k] where seenScope[Int(other)] != stamp && flow[Int(other)][Int(index)] > 0 {
                    seenScope[Int(other)] = stamp
                    parentOfScope[Int(other)] = (k, Int(index))
                    queue.append(Int(other))
                }
            }
        }
        for h in queue { full[h] = true }
        return false
    }
}
