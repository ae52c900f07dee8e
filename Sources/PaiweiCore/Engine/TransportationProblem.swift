/// A capacitated assignment (transportation) problem in whole numbers: every student must get one seat
/// at one of the schools allowed to them, each (student, school) pair has a cost, each school has a number
/// of seats. `min_total_distance` overflow builds one per stage, with home-to-school metres as costs and
/// students in admission order; ``TransportationSolver`` solves it exactly.
package struct TransportationProblem: Sendable {
    /// Seats per school; a school without seats takes nobody but still gets a price.
    package var seats: [Int32]
    /// Student `s`'s allowed schools are `arcSchools[offsets[s]..<offsets[s + 1]]`, their costs `arcCosts[…]`.
    package private(set) var offsets: [Int] = [0]
    package private(set) var arcSchools: [Int32] = []
    package private(set) var arcCosts: [Int32] = []

    /// Costs must stay below this, so that differences of two costs fit in 32 bits.
    package static let maximumCost: Int32 = 1 << 30

    package init(seats: [Int32]) {
        self.seats = seats
    }

    package var studentCount: Int { offsets.count - 1 }

    /// Allows the student being added to go to `school` at `cost` (0 ≤ cost < ``maximumCost``).
    package mutating func allow(school: Int32, cost: Int32) {
        precondition(cost >= 0 && cost < Self.maximumCost, "cost out of range")
        arcSchools.append(school)
        arcCosts.append(cost)
    }

    /// Ends the student being added: the arcs allowed since the last call are theirs.
    package mutating func endStudent() {
        offsets.append(arcSchools.count)
    }

    package func arcs(of student: Int) -> Range<Int> { offsets[student]..<offsets[student + 1] }
}

/// An optimal solution of a ``TransportationProblem`` and the dual prices that prove it optimal.
package struct TransportationSolution: Sendable, Equatable {
    /// Per student, the school seated at.
    package var school: [Int32]
    /// Per school, a price ≥ 0, zero wherever seats are left, such that every student's school
    /// minimises cost + price over the schools allowed to them (over arcs up to ``threshold``, if set).
    package var price: [Int64]
    /// With the maximum minimised first: the least possible largest cost. Only arcs up to it were used.
    package var threshold: Int32?
    /// With the maximum minimised first: students whose allowed schools with costs below ``threshold``
    /// are all among ``witnessSchools``, which have fewer seats than there are such students — so no
    /// assignment keeps every cost below the threshold (Hall's condition fails).
    package var witnessStudents: [Int32] = []
    package var witnessSchools: [Int32] = []
    /// Sum of the costs of the assignment.
    package var totalCost: Int64
}
