/// One part of a transportation problem, dense: *n* students (in admission order) × *m* schools, the
/// working state of ``TransportationSolver``.
///
/// Paths run over schools. An arc `j → k` stands for "a student now at *j* moves to *k*"; only the best
/// such student matters, so the table `arcValue[j·m + k]` keeps, per pair of schools, the least key among
/// the students at *j*, with `arcStudent` naming one. The key is `c(i,k) − c(i,j)` (``relative``, for
/// least total cost) or `c(i,k)` (for least largest cost). A student arriving at a school updates that
/// school's row in O(*m*); a student leaving marks the entries they held as stale. A stale entry still
/// holds a lower bound of the true least key (students only left since it was exact), which is what
/// lets the search relax with it and recompute it from the school's students only when it decides
/// something. The table starts exact: no school has students yet, so no move is possible.
struct DenseAssignment {
    /// The cost of a pair that is not allowed.
    static let unreachable = Int32.max

    let n: Int
    let m: Int
    /// `cost[i·m + k]`, ``unreachable`` where not allowed.
    let cost: [Int32]
    let seats: [Int32]
    let relative: Bool
    /// Per student, their school; -1 before they are seated.
    private(set) var school: [Int32]
    private(set) var load: [Int32]
    private(set) var price: [Int64]
    private var members: [[Int32]]
    private var position: [Int32]
    private var arcValue: [Int32]
    private var arcStudent: [Int32]
    private var stale: [Bool]

    init(_ cost: [Int32], students n: Int, schools m: Int, seats: [Int32], relative: Bool) {
        precondition(cost.count == n * m && seats.count == m)
        self.n = n
        self.m = m
        self.cost = cost
        self.seats = seats
        self.relative = relative
        school = Array(repeating: -1, count: n)
        load = Array(repeating: 0, count: m)
        price = Array(repeating: 0, count: m)
        members = Array(repeating: [], count: m)
        position = Array(repeating: -1, count: n)
        arcValue = Array(repeating: Self.unreachable, count: m * m)
        arcStudent = Array(repeating: -1, count: m * m)
        stale = Array(repeating: false, count: m * m)
    }

    // MARK: Moves

    /// Seats student `s` at school `t`, taking them from their school if they had one.
    mutating func place(_ s: Int, at t: Int) {
        let from = Int(school[s])
        if from >= 0 {
            let slot = Int(position[s])
            let last = members[from].removeLast()
            if Int(last) != s {
                members[from][slot] = last
                position[Int(last)] = Int32(slot)
            }
            load[from] -= 1
            let row = from * m, width = m
            arcStudent.withUnsafeBufferPointer { student in
                stale.withUnsafeMutableBufferPointer { stale in
                    for k in 0..<width where student[row + k] == Int32(s) { stale[row + k] = true }
                }
            }
        }
        school[s] = Int32(t)
        position[s] = Int32(members[t].count)
        members[t].append(Int32(s))
        load[t] += 1
        let base = s * m, row = t * m, width = m
        let here = relative ? cost[base + t] : 0
        // Run for every student seated and every move: one tight pass over the student's cost row.
        cost.withUnsafeBufferPointer { cost in
            arcValue.withUnsafeMutableBufferPointer { value in
                arcStudent.withUnsafeMutableBufferPointer { student in
                    stale.withUnsafeMutableBufferPointer { stale in
                        for k in 0..<width where k != t {
                            let c = cost[base + k]
                            guard c != Self.unreachable else { continue }
                            // Below even a stale entry's bound, the newcomer is the least of all: the entry is exact again.
                            if c &- here < value[row + k] {
                                value[row + k] = c &- here
                                student[row + k] = Int32(s)
                                stale[row + k] = false
                            }
                        }
                    }
                }
            }
        }
    }

    /// The least key of a move from school `j` to school `k`, ``unreachable`` if no student at `j` may go to `k`.
    @inline(__always)
    mutating func arc(_ j: Int, _ k: Int) -> Int32 {
        let entry = j * m + k
        if stale[entry] { refresh(entry, j, k) }
        return arcValue[entry]
    }

    private mutating func refresh(_ entry: Int, _ j: Int, _ k: Int) {
        var best = Self.unreachable, who: Int32 = -1
        for t in members[j] {
            let c = cost[Int(t) * m + k]
            guard c != Self.unreachable else { continue }
            let key = relative ? c - cost[Int(t) * m + j] : c
            if key < best || (key == best && t < who) {
                best = key
                who = t
            }
        }
        arcValue[entry] = best
        arcStudent[entry] = who
        stale[entry] = false
    }

    /// Moves students back along a path found by a search: `pred[k]` is the school the student arriving at
    /// `k` comes from, -1 at the start. Returns the school at the start of the path.
    private mutating func shift(along pred: [Int32], to target: Int) -> Int {
        var t = target
        while pred[t] >= 0 {
            let j = Int(pred[t])
            // Read before anything at `j` moves: the path visits each school once.
            place(Int(arcStudent[j * m + t]), at: t)
            t = j
        }
        return t
    }

    // MARK: Least total cost

    /// Seats every student at their cheapest school (equal costs: the smaller index), seats or not.
    mutating func seatAtCheapest() {
        for s in 0..<n {
            var best = -1, bestCost = Self.unreachable
            for k in 0..<m where cost[s * m + k] < bestCost {
                best = k
                bestCost = cost[s * m + k]
            }
            precondition(best >= 0, "a student has no allowed school")
            place(s, at: best)
        }
    }

    /// Removes every surplus seat along shortest paths of moves (successive shortest paths), keeping
    /// every reduced cost `c(i,k) + p_k − c(i,j) − p_j` non-negative and raising prices of full schools only.
    ///
    /// Each search starts from one overfull school (the first): searching from all of them at once
    /// would settle every one of them, at distance 0, in every search. Moves are relaxed with the table
    /// as it stands, stale entries included (lower bounds); before a school is settled, the move it
    /// was reached by is made exact and its distance recomputed from every settled school, so every
    /// settled distance is exact (the usual Dijkstra argument holds with lower bounds on unsettled arcs).
    mutating func settleSurplus() {
        // Tentative distance per school (a lower bound until settled, possibly negative); `.min` once settled.
        var dist = [Int64](repeating: .max, count: m)
        var pred = [Int32](repeating: -1, count: m)
        var settled: [(school: Int, distance: Int64)] = []
        while true {
            var u = -1, du: Int64 = 0
            for k in 0..<m {
                pred[k] = -1
                dist[k] = .max
                if u < 0 && load[k] > seats[k] { u = k }
            }
            guard u >= 0 else { return }
            dist[u] = 0
            settled.removeAll(keepingCapacity: true)
            // Dijkstra in prices: stop at the first school with a free seat.
            while load[u] >= seats[u] {
                settled.append((u, du))
                (u, du) = relax(from: u, at: du, dist: &dist, pred: &pred)
                while u >= 0 && stale[Int(pred[u]) * m + u] {
                    refresh(Int(pred[u]) * m + u, Int(pred[u]), u)
                    var best = Int64.max, from: Int32 = -1
                    for (j, dj) in settled where arcValue[j * m + u] != Self.unreachable {
                        let d = dj + Int64(arcValue[j * m + u]) + price[u] - price[j]
                        if d < best {
                            best = d
                            from = Int32(j)
                        }
                    }
                    dist[u] = best
                    pred[u] = from
                    (u, du) = nearestUnsettled(dist)
                }
                precondition(u >= 0, "the students cannot all be seated")
            }
            // Schools settled before the free one become dearer by how much closer they were: the moves on
            // the path get reduced cost 0 and no reduced cost turns negative.
            for (school, distance) in settled { price[school] += du - distance }
            _ = shift(along: pred, to: u)
        }
    }

    /// The unsettled school with the least tentative distance (equal: the smaller index), -1 if none is reached.
    private func nearestUnsettled(_ dist: [Int64]) -> (Int, Int64) {
        var next = -1, best = Int64.max
        for k in 0..<m where dist[k] != .min && dist[k] < best {
            next = k
            best = dist[k]
        }
        return (next, best)
    }

    /// One Dijkstra step of ``settleSurplus()``: settles `u` (at distance `du`), relaxes its moves with the
    /// table as it stands and returns the unsettled school with the least tentative distance (equal
    /// distances: the smaller index), -1 if none is reached.
    private func relax(from u: Int, at du: Int64, dist: inout [Int64], pred: inout [Int32]) -> (Int, Int64) {
        let row = u * m, pu = price[u], width = m
        // The hot loop of the solver: one pass relaxes and finds the next school, without bounds checks.
        return arcValue.withUnsafeBufferPointer { arcs in
            price.withUnsafeBufferPointer { prices in
                dist.withUnsafeMutableBufferPointer { dist in
                    pred.withUnsafeMutableBufferPointer { pred in
                        dist[u] = .min
                        var next = -1, best = Int64.max
                        for k in 0..<width {
                            var dk = dist[k]
                            if dk == .min { continue }
                            let move = arcs[row + k]
                            if move != Self.unreachable {
                                // Costs and keys are within ±2³⁰, distances and prices far within ±2⁶²: no overflow.
                                let d = du &+ Int64(move) &+ prices[k] &- pu
                                if d < dk {
                                    dk = d
                                    dist[k] = d
                                    pred[k] = Int32(u)
                                }
                            }
                            if dk < best {
                                best = dk
                                next = k
                            }
                        }
                        return (next, best)
                    }
                }
            }
        }
    }

    // MARK: Ties

    /// Among the assignments of least total cost, takes the one that is smallest in admission order:
    /// the first student gets the cheapest school (then the smaller index) that any optimal assignment
    /// gives them, then the second, and so on.
    ///
    /// The optimal assignments are exactly those that use only pairs tight under the prices
    /// (`c(i,k) + p_k` equal to the student's least) and fill every school with a positive price
    /// (complementary slackness). Students with one tight school cannot move. For each student in turn
    /// with a better tight school than their current one, a breadth-first search looks for a
    /// rearrangement of the students not yet settled that makes room there while keeping priced schools
    /// full: a chain of moves from that school back to the one the student leaves, possibly through any
    /// school with a free seat (which may take one more) and any unpriced school (which may give one up).
    /// Every step keeps the assignment optimal, so the prices remain its certificate.
    mutating func preferEarlierStudents() {
        var optionStart = [Int](repeating: 0, count: n + 1)
        var options: [Int32] = []
        for s in 0..<n {
            let own = Int(school[s])
            let value = Int64(cost[s * m + own]) + price[own]
            let start = options.count
            for k in 0..<m where cost[s * m + k] != Self.unreachable && Int64(cost[s * m + k]) + price[k] == value {
                options.append(Int32(k))
            }
            if options.count - start > 1 {
                let row = s * m
                options[start...].sort { (cost[row + Int($0)], $0) < (cost[row + Int($1)], $1) }
            }
            optionStart[s + 1] = options.count
        }
        // Students not yet settled who have a choice, per school.
        var movable = [[Int32]](repeating: [], count: m)
        var slot = [Int](repeating: -1, count: n)
        func add(_ t: Int, _ k: Int) {
            slot[t] = movable[k].count
            movable[k].append(Int32(t))
        }
        func remove(_ t: Int, _ k: Int) {
            let last = movable[k].removeLast()
            if Int(last) != t {
                movable[k][slot[t]] = last
                slot[Int(last)] = slot[t]
            }
            slot[t] = -1
        }
        for s in 0..<n where optionStart[s + 1] - optionStart[s] > 1 { add(s, Int(school[s])) }

        // Search nodes: the schools, and `slack` — the free seats of unpriced schools taken together.
        let slack = m
        var visited = [Int](repeating: -1, count: m + 1)
        var parent = [Int](repeating: -1, count: m + 1)
        var mover = [Int32](repeating: -1, count: m + 1)
        var queue: [Int] = []
        var stamp = 0
        for s in 0..<n where optionStart[s + 1] - optionStart[s] > 1 {
            let from = Int(school[s])
            remove(s, from)
            for option in options[optionStart[s]..<optionStart[s + 1]] {
                let to = Int(option)
                if to == from { break }
                // Seats after `s` moves from `from` to `to`, before anyone else moves.
                func loadAfter(_ k: Int) -> Int32 { load[k] - (k == from ? 1 : 0) + (k == to ? 1 : 0) }
                let start = loadAfter(to) > seats[to] ? to : slack
                let goal = price[from] > 0 ? from : slack
                stamp += 1
                queue.removeAll(keepingCapacity: true)
                visited[start] = stamp
                parent[start] = -1
                queue.append(start)
                var found = start == goal
                var head = 0
                while !found && head < queue.count {
                    let v = queue[head]
                    head += 1
                    func reach(_ w: Int, by student: Int32) {
                        guard visited[w] != stamp else { return }
                        visited[w] = stamp
                        parent[w] = v
                        mover[w] = student
                        queue.append(w)
                        if w == goal { found = true }
                    }
                    if v == slack {
                        for y in 0..<m where price[y] == 0 && !found { reach(y, by: -1) }
                        continue
                    }
                    if loadAfter(v) < seats[v] { reach(slack, by: -1) }
                    for t in movable[v] where !found {
                        for k in options[optionStart[Int(t)]..<optionStart[Int(t) + 1]] where Int(k) != v && !found {
                            reach(Int(k), by: t)
                        }
                    }
                }
                guard found else { continue }
                var w = goal
                while w != start {
                    let t = Int(mover[w]), v = parent[w]
                    if t >= 0 {
                        remove(t, v)
                        add(t, w)
                        school[t] = Int32(w)
                        load[v] -= 1
                        load[w] += 1
                    }
                    w = v
                }
                school[s] = Int32(to)
                load[from] -= 1
                load[to] += 1
                break
            }
        }
        // The member lists and move table no longer describe the assignment; nothing reads them after this.
    }

    // MARK: Least largest cost

    /// The least *T* such that every student can be seated with no cost above *T*, and a witness that
    /// *T* − 1 is too little: students (local indices) whose allowed schools of cost < *T* are all among
    /// the returned schools, which have fewer seats than there are students.
    ///
    /// Students are seated in order along min-max augmenting paths (Dijkstra with the largest cost on
    /// the path as length, never below the current *T*); *T* rises to a path's length when no path
    /// stays within it, and the schools reached below the new *T* with their students and the new
    /// student are then the witness (they are all full, else a cheaper path would exist).
    mutating func leastMaximum() -> (threshold: Int32, students: [Int32], schools: [Int32]) {
        precondition(!relative)
        var threshold = Int32.min
        var witnessStudents: [Int32] = [], witnessSchools: [Int32] = []
        var label = [Int32](repeating: Self.unreachable, count: m)
        var pred = [Int32](repeating: -1, count: m)
        var done = [Bool](repeating: false, count: m)
        var popped: [Int] = []
        for s in 0..<n {
            let row = s * m
            var direct = -1, directCost = Self.unreachable
            for k in 0..<m where cost[row + k] <= threshold && cost[row + k] < directCost && load[k] < seats[k] {
                direct = k
                directCost = cost[row + k]
            }
            if direct >= 0 {
                place(s, at: direct)
                continue
            }
            for k in 0..<m {
                label[k] = cost[row + k] == Self.unreachable ? Self.unreachable : max(cost[row + k], threshold)
                pred[k] = -1
                done[k] = false
            }
            popped.removeAll(keepingCapacity: true)
            var target = -1
            while target < 0 {
                var u = -1, lu = Self.unreachable
                for k in 0..<m where !done[k] && label[k] < lu {
                    u = k
                    lu = label[k]
                }
                precondition(u >= 0, "the students cannot all be seated")
                if load[u] < seats[u] {
                    target = u
                    break
                }
                done[u] = true
                popped.append(u)
                for k in 0..<m where !done[k] {
                    let move = arc(u, k)
                    guard move != Self.unreachable else { continue }
                    let l = max(lu, move)
                    if l < label[k] {
                        label[k] = l
                        pred[k] = Int32(u)
                    }
                }
            }
            if label[target] > threshold {
                threshold = label[target]
                witnessStudents = [Int32(s)]
                witnessSchools = []
                for u in popped where label[u] < threshold {
                    witnessSchools.append(Int32(u))
                    witnessStudents += members[u]
                }
            }
            place(s, at: shift(along: pred, to: target))
        }
        return (threshold, witnessStudents.sorted(), witnessSchools.sorted())
    }
}
