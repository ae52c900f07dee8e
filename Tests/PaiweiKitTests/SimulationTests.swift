import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

@Suite struct SimulationTests {
    static let files = Dictionary(uniqueKeysWithValues: DistrictGenerator(preset: .chaoyang, students: 400, seed: 21).makeFiles().map { ($0.name, $0.bytes) })
    static let policy = PolicyPreset.chaoyang2023Middle.policy
    static let seed = LotterySeed(hex: String(repeating: "3c", count: 32))!

    static func instance(_ files: [String: [UInt8]] = files, workers: Int = 1) throws -> PlacementInstance {
        try PlacementInstance(dataset: Dataset.parse(files: files), policy: policy, workers: workers)
    }

    static func rendered(_ instance: PlacementInstance, _ tally: SimulationTally) -> [String: [UInt8]] {
        let identity = SimulationIdentity(fileDigests: instance.dataset.fileDigests, policy: policy, seed: seed)
        return Dictionary(uniqueKeysWithValues: SimulationFiles(instance: instance, seed: seed, tally: tally, identity: identity).render().map { ($0.name, $0.bytes) })
    }

    /// Replication r is exactly the final placement with seed_r.
    @Test(arguments: [0, 1, 7, 63])
    func replicationIsThePlacementWithItsSeed(r: Int) throws {
        let instance = try Self.instance()
        let tally = try Simulation.run(instance: instance, seed: Self.seed, replications: r..<r + 1, workers: 1)
        let placed = try instance.place(seed: Self.seed.replication(UInt64(r)))
        var expected = SimulationTally(for: instance)
        expected.add(placed, replication: r, instance: instance)
        expected.normalize()
        #expect(tally == expected)
        // seed_r as SPEC §4 writes it, assembled here byte by byte: SHA-256(seed ‖ "replication" ‖ r as 8 bytes LE).
        let message = Self.seed.bytes + Array("replication".utf8) + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(r) >> (8 * UInt64($0))) }
        let seedR = try #require(LotterySeed(bytes: SHA256.hash(message)))
        #expect(Self.seed.replication(UInt64(r)) == seedR)
        // Every published number of the replication is the student's number under seed_r, computed from the
        // label and the ids alone, as a family would.
        for s in 0..<tally.students where placed.label[s] >= 0 {
            let student = instance.dataset.students[s]
            let expected = lotteryNumber(seed: seedR, label: instance.labels[Int(placed.label[s])], studentID: student.id.text, familyID: student.familyID.text)
            #expect(placed.number[s] == expected, "replication \(r), \(student.id)")
        }
        // Every placed student's outcome in the tally is where that placement put them.
        for s in 0..<tally.students where placed.school[s] >= 0 {
            let list = instance.policy.stages[Int(placed.placingStage[s])].kind == .overflow ? tally.overflow[s] : tally.placed[s]
            #expect(list == [SimulationTally.OutcomeCount(school: placed.school[s], count: 1)])
        }
    }

    /// Byte-identical outputs for any worker count and any row order.
    @Test func outputsDoNotDependOnWorkersOrRowOrder() throws {
        let reference = try Self.instance()
        let one = Self.rendered(reference, try Simulation.run(instance: reference, seed: Self.seed, replications: 0..<40, workers: 1))
        let two = Self.rendered(reference, try Simulation.run(instance: reference, seed: Self.seed, replications: 0..<40, workers: 2))
        let five = Self.rendered(reference, try Simulation.run(instance: reference, seed: Self.seed, replications: 0..<40, workers: 5))
        var shuffledFiles = Self.files
        for name in ["students.csv", "schools.csv", "zones.csv"] {
            var lines = String(decoding: Self.files[name]!, as: UTF8.self).split(separator: "\n").map(String.init)
            let header = lines.removeFirst()
            var random = TestRandom(state: 5)
            random.shuffle(&lines)
            shuffledFiles[name] = Array(([header] + lines).joined(separator: "\n").utf8 + [0x0A])
        }
        let shuffled = try Self.instance(shuffledFiles, workers: 3)
        let reordered = Self.rendered(shuffled, try Simulation.run(instance: shuffled, seed: Self.seed, replications: 0..<40, workers: 2))
        for name in one.keys.sorted() where name != SimulationTally.fileName {
            #expect(two[name] == one[name], "\(name) with 2 workers")
            #expect(five[name] == one[name], "\(name) with 5 workers")
            #expect(reordered[name] == one[name], "\(name) with rows shuffled")
        }
        #expect(two[SimulationTally.fileName] == one[SimulationTally.fileName])
    }

    /// Slices merged give exactly the tally, and the files, of one run over all of them.
    /// A worker's outcomes left pending between replications (runs counted in dense per-student records,
    /// ``PendingOutcomes``) add up to the same tally as counting each replication straight into the lists.
    @Test func pendingOutcomesAddUpToTheSameTally() throws {
        let instance = try Self.instance()
        var straight = SimulationTally(for: instance)
        for r in 0..<40 {
            straight.add(try instance.place(seed: Self.seed.replication(UInt64(r))), replication: r, instance: instance)
        }
        straight.normalize()
        let simulated = try Simulation.run(instance: instance, seed: Self.seed, replications: 0..<40, workers: 1)
        #expect(simulated.isSettled)
        #expect(simulated == straight)
        // Some student's outcome changed between replications, so runs were ended into the records, and
        // some student met more schools than a record holds, so runs were handed to their list.
        #expect(straight.placed.contains { $0.count > 1 } || straight.overflow.contains { $0.count > 1 })
        #expect((straight.placed + straight.overflow).contains { $0.count > PendingOutcomes.wordsPerStudent })
        // And some student was placed by a lottery in one replication and by overflow in another: both
        // kinds shared the student's record.
        #expect(zip(straight.placed, straight.overflow).contains { !$0.isEmpty && !$1.isEmpty })
    }

    /// A pending record keeps the latest run and one word per outcome ended; an outcome beyond them comes
    /// back as a spill, and nothing is counted twice or lost.
    @Test func pendingRecordsHandBackWhatTheyCannotHold() {
        var pending = PendingOutcomes(students: 3)
        // Student 0: schools 5, 5, 6, 7, 8, 9, 5 — five schools, a record holds the latest and three ended.
        // Student 1: always 2. Student 2: never an outcome of this kind.
        let outcomes: [[Int32]] = [[5, 2, -1], [5, 2, -1], [6, 2, -1], [7, 2, -1], [8, 2, -1], [9, 2, -1], [5, 2, -1]]
        var spills: [PendingOutcomes.Spill] = []
        for replication in outcomes { spills += pending.count(students: 3) { replication[$0] } }
        // 5×2, 6 and 7 end into the record's three words; 8 and 9 find them taken by other schools; the
        // last 5 is the latest run.
        #expect(spills.map { [$0.student, Int($0.outcome), Int($0.count)] } == [[0, 8, 1], [0, 9, 1]])
        #expect(Array(pending.runs(of: 0)).map { [$0.outcome, $0.count] } == [[5, 1], [5, 2], [6, 1], [7, 1]])
        var total: [Int32: Int32] = [:]
        for run in pending.runs(of: 0) { total[run.outcome, default: 0] += run.count }
        for spill in spills where spill.student == 0 { total[spill.outcome, default: 0] += spill.count }
        #expect(total == [5: 3, 6: 1, 7: 1, 8: 1, 9: 1])
        #expect(Array(pending.runs(of: 1)).map { [$0.outcome, $0.count] } == [[2, 7]])
        #expect(Array(pending.runs(of: 2)).isEmpty)
    }

    @Test func mergedSlicesEqualOneRun() throws {
        let instance = try Self.instance()
        let whole = try Simulation.run(instance: instance, seed: Self.seed, replications: 0..<30, workers: 2)
        var merged = try Simulation.run(instance: instance, seed: Self.seed, replications: 17..<30, workers: 1)
        merged.merge(try Simulation.run(instance: instance, seed: Self.seed, replications: 0..<9, workers: 2))
        merged.merge(try Simulation.run(instance: instance, seed: Self.seed, replications: 9..<17, workers: 2))
        merged.normalize()
        #expect(merged == whole)
        #expect(merged.ranges == [0..<30])
        #expect(Self.rendered(instance, merged) == Self.rendered(instance, whole))
        #expect(merged.overlaps(whole))
    }

    @Test func tallyFileReadsBackExactly() throws {
        let instance = try Self.instance()
        let tally = try Simulation.run(instance: instance, seed: Self.seed, replications: 5..<25, workers: 2)
        let identity = SimulationIdentity(fileDigests: instance.dataset.fileDigests, policy: Self.policy, seed: Self.seed)
        let decoded = try #require(SimulationTally.decode(tally.encoded(identity: identity)))
        #expect(decoded.tally == tally)
        #expect(decoded.identity == identity)
        #expect(SimulationTally.decode(Array("not a tally".utf8)) == nil)
    }

    @Test func excessDemandIsApplicantsMinusAdmittedInEveryReplication() throws {
        let instance = try Self.instance()
        let tally = try Simulation.run(instance: instance, seed: Self.seed, replications: 0..<10, workers: 2)
        var refusedSomewhere = false
        for cell in tally.excess.indices {
            #expect(tally.excess[cell].total == tally.replications)
            #expect(tally.excess[cell].sum == tally.applicants[cell].sum - tally.admitted[cell].sum)
            // Some replication refused someone exactly when the excess was above 0 in it.
            #expect(tally.excess[cell].total - (tally.excess[cell].counts[0] ?? 0) == tally.oversubscribed[cell])
            refusedSomewhere = refusedSomewhere || tally.oversubscribed[cell] > 0
        }
        #expect(refusedSomewhere)
    }

    /// A `tally.txt` of version 1 (no excess on its cell lines) still reads: the excess of the cells
    /// somebody applied to is unknown for its replications, and the report leaves out their spread.
    @Test func versionOneTallyFilesStillRead() throws {
        let instance = try Self.instance()
        let tally = try Simulation.run(instance: instance, seed: Self.seed, replications: 0..<6, workers: 1)
        let identity = SimulationIdentity(fileDigests: instance.dataset.fileDigests, policy: Self.policy, seed: Self.seed)
        let lines = String(decoding: tally.encoded(identity: identity), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "paiwei-tally 2")
        let old = lines.map { line -> String in
            if line == "paiwei-tally 2" { return "paiwei-tally 1" }
            guard line.hasPrefix("cell ") else { return String(line) }
            return line.split(separator: " ").dropLast().joined(separator: " ")
        }.joined(separator: "\n")
        let decoded = try #require(SimulationTally.decode(Array(old.utf8)))
        #expect(decoded.tally.applicants == tally.applicants && decoded.tally.placed == tally.placed)
        let unknown = tally.applicants.indices.filter { tally.applicants[$0].sum > 0 }
        #expect(!unknown.isEmpty && unknown.allSatisfy { decoded.tally.excess[$0].total == 0 })
        let html = String(decoding: Self.rendered(instance, decoded.tally)["report.html"]!, as: UTF8.self)
        #expect(html.contains("chart-excess") && html.contains("<td class=\"num\">—</td>"))
        // Merged with a version-2 slice, the cells hold the excess of only that slice's replications.
        var merged = decoded.tally
        merged.merge(try Simulation.run(instance: instance, seed: Self.seed, replications: 6..<9, workers: 1))
        #expect(unknown.allSatisfy { merged.excess[$0].total == 3 && merged.replications == 9 })
        #expect(SimulationTally.decode(Array("paiwei-tally 3\n".utf8) + tally.encoded(identity: identity).dropFirst(15)) == nil)
    }

    /// Values kept in the array (0 ..< 4096) and in the dictionary (negative, larger) count, order and
    /// compare as one histogram, however they were added and merged.
    @Test func histogramOfSmallAndLargeValues() {
        var random = TestRandom(state: 0x415)
        var reference: [Int: Int] = [:]
        var whole = Histogram(), left = Histogram(), right = Histogram()
        for i in 0..<5000 {
            let value = random.chance(0.8) ? random.int(5000) : random.int(200_000) - 100_000
            reference[value, default: 0] += 1
            whole.add(value)
            if i % 3 == 0 { left.add(value) } else { right.add(value) }
        }
        var merged = right
        merged.merge(left)
        #expect(merged == whole)
        #expect(whole.counts == reference)
        #expect(whole.total == 5000 && whole.sum == reference.reduce(0) { $0 + $1.key * $1.value })
        let sorted = reference.keys.sorted().flatMap { Array(repeating: $0, count: reference[$0]!) }
        for percent in [1, 5, 50, 95, 100] {
            #expect(whole.percentile(percent) == sorted[NearestRank.rank(percent: percent, of: sorted.count) - 1])
        }
        var bytes: [UInt8] = []
        whole.encode(into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == reference.keys.sorted().map { "\($0):\(reference[$0]!)" }.joined(separator: ";"))
        #expect(Histogram(encoded: String(decoding: bytes, as: UTF8.self)) == whole)
    }

    @Test func histogramsAndIntervals() {
        var h = Histogram()
        for v in [5, 1, 3, 3, 9, 7, 3, 2, 8, 4] { h.add(v) }
        #expect(h.total == 10 && h.sum == 45 && h.mean == 4.5)
        #expect(h.percentile(5) == 1 && h.percentile(50) == 3 && h.percentile(95) == 9)
        var bytes: [UInt8] = []
        h.encode(into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "1:1;2:1;3:3;4:1;5:1;7:1;8:1;9:1")
        #expect(Histogram(encoded: String(decoding: bytes, as: UTF8.self)) == h)
        // Wilson 95% interval for 0 of 10 and 10 of 10 stays inside [0, 1] and is not degenerate.
        let none = wilsonInterval(successes: 0, trials: 10), all = wilsonInterval(successes: 10, trials: 10)
        #expect(abs(none.low) < 1e-12 && abs(none.high - 0.2775) < 0.0001)
        #expect(abs(all.low - 0.7225) < 0.0001 && abs(all.high - 1) < 1e-12)
        let half = wilsonInterval(successes: 50, trials: 100)
        #expect(abs(half.low - 0.4038) < 0.0001 && abs(half.high - 0.5962) < 0.0001)
    }
}
