import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// A small district written inline as CSV, placed with a policy written inline as JSON.
struct TestDistrict {
    var schools: String
    var zones: String
    var students: String
    var addressUsage: String?

    func dataset() throws -> Dataset {
        var files: [String: [UInt8]] = [
            "schools.csv": Array(schools.utf8), "zones.csv": Array(zones.utf8), "students.csv": Array(students.utf8),
        ]
        if let addressUsage { files["address_usage.csv"] = Array(addressUsage.utf8) }
        return try Dataset.parse(files: files)
    }

    func place(_ policy: String, seed: LotterySeed = testSeed) throws -> Placed {
        let instance = try PlacementInstance(dataset: dataset(), policy: Policy.parse(policy, file: "policy.json"))
        return Placed(instance: instance, result: try instance.place(seed: seed))
    }
}

let testSeed = LotterySeed(hex: String(repeating: "5a", count: 32))!

/// A placement with lookups by id, for readable expectations.
struct Placed {
    let instance: PlacementInstance
    let result: PlacementResult

    func index(_ studentID: String) -> Int {
        instance.dataset.students.firstIndex { $0.id == Identifier(studentID) }!
    }

    /// The school id a student was placed at, or nil.
    func school(_ studentID: String) -> String? {
        let school = result.school[index(studentID)]
        return school >= 0 ? instance.dataset.schools[Int(school)].id.text : nil
    }

    func stage(_ studentID: String) -> String? {
        result.publishedStage(index(studentID)).map { instance.policy.stages[$0].name }
    }

    /// The id of the school a student was placed at, as a byte string, or nil.
    func schoolID(_ studentID: Identifier) -> Identifier? {
        let s = instance.dataset.students.firstIndex { $0.id == studentID }!
        return result.school[s] >= 0 ? instance.dataset.schools[Int(result.school[s])].id : nil
    }

    /// Student id → school id (or "-" when unplaced), for whole-placement expectations; keyed by bytes,
    /// so that canonically equivalent ids stay apart.
    var assignment: [Identifier: Identifier] {
        var map: [Identifier: Identifier] = [:]
        for (s, student) in instance.dataset.students.enumerated() {
            map[student.id] = result.school[s] >= 0 ? instance.dataset.schools[Int(result.school[s])].id : "-"
        }
        return map
    }

    func rank(_ studentID: String) -> Int { Int(result.preferenceRank[index(studentID)]) }

    func reason(_ studentID: String) -> String {
        PlacementFiles(instance: instance, result: result).reason(index(studentID))
    }

    func placementsCSV() -> String {
        String(decoding: PlacementFiles(instance: instance, result: result).placementsCSV(), as: UTF8.self)
    }
}

/// The ids of `students` sorted the way a lottery labelled `label` orders them (tier aside).
func lotteryOrder(_ students: [String], label: String, seed: LotterySeed = testSeed) -> [String] {
    students.sorted {
        let a = lotteryNumber(seed: seed, label: label, studentID: $0), b = lotteryNumber(seed: seed, label: label, studentID: $1)
        return a != b ? a < b : $0.utf8.lexicographicallyPrecedes($1.utf8)
    }
}
