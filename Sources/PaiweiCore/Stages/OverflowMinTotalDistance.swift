/// `overflow` with `min_total_distance` (统筹安排, SPEC §3): every student still unplaced and in scope is
/// taken in one admission order (priority tier, lottery number in their scope's lottery, `student_id`).
///
/// 1. **Who is kept.** In that order, each student is kept only if everyone kept so far and they can
///    still all be seated at schools of their own scopes (``AdmissionOrderSeating``). When seats are
///    short, the students last in the order stay unplaced; where scopes overlap, a student is left out
///    only when seating them would leave someone earlier without a seat.
/// 2. **Where they go.** The kept students get an assignment of least total home-to-school distance,
///    in whole metres, exactly (``TransportationSolver``); with `objective: max_then_total`, of least
///    longest distance first and then least total. Among equally good assignments, students earlier in
///    the admission order get the nearer school (then the smaller `school_id`).
/// 3. **The proof.** The solver's dual prices per school are recorded as the stage's
///    ``OverflowCertificate``, written to `overflow_certificate.json` and checked after every run.
///
/// Seats are the `general` seats free at the start of the stage, at schools with `overflow=yes` that
/// pass the stage's filter; costs are ``distanceMetres(_:_:)-(Site,Site)``.
/// - Complexity: O(*o* log *o*) for the order, O(*o*·*m*) distances for *o* students and *m* schools in
///   their scopes, then ``TransportationSolver``.
extension PlacementRun {
    mutating func runMinTotalDistance(_ plan: OverflowPlan, objective: OverflowObjective, stage: Int) {
        let entries = takeInOverflow(plan, stage: stage)

        let seats = general
        var seating = AdmissionOrderSeating(scopes: plan.scopes, seats: seats)
        var kept: [OverflowEntry] = []
        for entry in entries {
            let s = Int(entry.student)
            guard instance.studentSites[s] != nil else { continue }
            if seating.keep(scope: Int(entry.scope)) { kept.append(entry) }
        }

        var problem = TransportationProblem(seats: seats)
        for entry in kept {
            let home = instance.studentSites[Int(entry.student)]!
            for school in plan.scopes[Int(entry.scope)] {
                guard let site = instance.schoolSites[Int(school)] else { continue }
                problem.allow(school: school, cost: Int32(distanceMetres(home, site)))
            }
            problem.endStudent()
        }
        let solution = TransportationSolver.solve(problem, objective: objective)

        var applications: [Application] = []
        for (i, entry) in kept.enumerated() {
            let school = solution.school[i]
            let application = Application(student: entry.student, school: school, key: entry.key, label: entry.label)
            admit(application, stage: stage)
            general[Int(school)] -= 1
            result.overflowDistance[Int(entry.student)] = Int32(distanceMetres(instance.studentSites[Int(entry.student)]!, instance.schoolSites[Int(school)]!))
            applications.append(application)
        }
        result.stages[stage].record(applications)
        result.stages[stage].overflowEntries = entries
        result.stages[stage].overflowCertificate = OverflowCertificate(
            seats: seats, prices: solution.price, threshold: solution.threshold,
            witnessStudents: solution.witnessStudents.map { kept[Int($0)].student }, witnessSchools: solution.witnessSchools)
    }
}
