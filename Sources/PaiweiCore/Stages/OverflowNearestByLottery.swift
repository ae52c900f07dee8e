/// `overflow` with `nearest_by_lottery` (统筹安排, SPEC §3): every student still unplaced and in scope
/// is taken in one admission order (priority tier, lottery number in their scope's lottery, `student_id`);
/// each in turn takes the nearest school of their scope with a free seat, ties going to the smaller
/// `school_id`.
///
/// Easy to explain and to check by hand — a student was sent further only because everyone ahead of them
/// took the nearer seats — but not of minimum total distance (that is `min_total_distance`).
/// - Complexity: O(*o* log *o* + *o*·*m*) for *o* students in overflow and *m* schools in scope; a
///   worker's later replications look at the schools nearest first and nearly always stop at a free
///   seat among the nearest kept (within ``PlacementWorkspace/defaultReachBudget``; beyond it, a student
///   measures the schools with a free seat).
extension PlacementRun {
    mutating func runNearestByLottery(_ plan: OverflowPlan, stage: Int) {
        let entries = takeInOverflow(plan, stage: stage)
        let reach = workspace.reach(stage: stage, positions: entries.lazy.map { Int($0.position) }, plan: plan)
        var open = OverflowOpenSchools(plan, schoolSites: instance.schoolSites) { general[$0] > 0 }
        var applications: [Application] = []
        applications.reserveCapacity(entries.count)
        var distances: [Int32] = []
        distances.reserveCapacity(entries.count)
        for entry in entries {
            let s = Int(entry.student)
            var best: Int32 = -1
            var bestDistance = Int32.max
            let scope = plan.scopes[Int(entry.scope)]
            let position = Int(entry.position)
            // The first school with a free seat in (metres, school_id) order among those kept (a student
            // without coordinates has none, and nothing beyond) …
            let kept = reach.isKnown(position)
            if kept {
                for i in reach.span(position) where general[Int(scope[reach.nearest[i].position])] > 0 {
                    best = scope[reach.nearest[i].position]
                    bestDistance = reach.nearest[i].metres
                    break
                }
            }
            // … or else the nearest of the open schools, measured where the chord does not already say
            // further than the best so far; in scope order, so the first of equal distances (the smaller
            // school_id) wins.
            if best < 0 && !(kept && reach.isComplete(position)), let home = instance.studentSites[s] {
                let point = ChordBound.Point(home)
                var bound = ChordBound()
                for k in open.remaining(inScope: Int(entry.scope), of: scope, hasSeat: { general[$0] > 0 }) {
                    let school = Int(scope[Int(k)])
                    guard bound.mayBeWithin(instance.schoolPoints[school]!, of: point) else { continue }
                    let d = Int32(distanceMetres(home, instance.schoolSites[school]!))
                    if d < bestDistance {
                        bestDistance = d
                        best = Int32(school)
                        bound.within(d)
                    }
                }
            }
            guard best >= 0 else { continue }
            let application = Application(student: entry.student, school: best, key: entry.key, label: entry.label)
            general[Int(best)] -= 1
            applications.append(application)
            distances.append(bestDistance)
        }
        // Admitted and their metres recorded all at once (the arrays checked for unique ownership once).
        admit(applications.map { AdmittedStudent($0, rank: 0) }, stage: stage)
        var overflowDistance = result.overflowDistance.mutableSpan
        for (application, metres) in zip(applications, distances) { overflowDistance[Int(application.student)] = metres }
        result.stages[stage].record(applications)
        result.stages[stage].overflowEntries = entries
    }
}
