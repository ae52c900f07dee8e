import Foundation
import PaiweiCore

/// Everything a forecast reads: this year's dataset, `cohorts.csv` (required), `capacity_changes.csv`
/// (optional) and a scenario (optional), validated together so that one run lists every problem.
public struct ForecastInputs: Sendable {
    public let dataset: Dataset
    public let cohorts: CohortProjection
    public let capacityChanges: CapacityChanges
    public let scenario: ForecastScenario?

    public init(dataset: Dataset, cohorts: CohortProjection, capacityChanges: CapacityChanges = CapacityChanges(), scenario: ForecastScenario? = nil) {
        self.dataset = dataset
        self.cohorts = cohorts
        self.capacityChanges = capacityChanges
        self.scenario = scenario
    }

    /// Reads the dataset folder (SPEC §2) with its forecast files, the policy (a preset name or a file)
    /// and the scenario file if given.
    /// - Throws: ``InputProblems`` with every problem of every file and of the policy, `cohorts.csv`
    ///   missing among them.
    public static func load(from directory: URL, policy name: String, scenario scenarioPath: String? = nil) throws(InputProblems) -> (inputs: ForecastInputs, policy: Policy) {
        var problems = ProblemList()
        var files = Dataset.readFiles(from: directory, problems: &problems)
        // The dataset with the policy first, as `place` checks them: every problem of both at once.
        var policy: Policy?
        do {
            policy = try PlacementInputs.check(files: files, policy: Policy.read(named: name)).policy
        } catch {
            problems.add(contentsOf: error.problems)
        }
        // The forecast's own files, each as CSV or as a workbook.
        let forecastFiles = Dataset.readFiles([CohortProjection.fileName, CapacityChanges.fileName], from: directory, required: [], problems: &problems)
        if !Dataset.fileNames(of: CohortProjection.fileName).contains(where: { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }) {
            problems.add(CohortProjection.fileName, nil, "", CohortProjection.missingMessage(directory: directory.path))
        }
        files.merge(forecastFiles) { first, _ in first }
        var scenario: (file: String, text: String)?
        if let scenarioPath {
            if let data = FileManager.default.contents(atPath: scenarioPath) {
                if let text = String(validating: data, as: UTF8.self) {
                    scenario = (scenarioPath, text)
                } else {
                    problems.add(scenarioPath, nil, "", Message("is not UTF-8 text", "不是 UTF-8 文本"))
                }
            } else {
                problems.add(scenarioPath, nil, "", Message("the scenario file does not exist or cannot be read", "情景文件不存在或无法读取"))
            }
        }
        if !problems.isEmpty {
            // The forecast's own files are read only against a sound dataset; say so if one is missing.
            let cohortNames = Dataset.fileNames(of: CohortProjection.fileName)
            if !cohortNames.contains(where: { files[$0] != nil }) && !problems.problems.contains(where: { cohortNames.contains($0.file) }) {
                problems.add(CohortProjection.fileName, nil, "", CohortProjection.missingMessage(directory: directory.path))
            }
            try problems.throwIfAny()
        }
        return (try parse(files: files, scenario: scenario), policy!)
    }

    /// Parses in-memory files (name → bytes) and scenario text; see ``load(from:scenario:)``.
    public static func parse(files: [String: [UInt8]], scenario: (file: String, text: String)? = nil) throws(InputProblems) -> ForecastInputs {
        var problems = ProblemList()
        var datasetFiles = files
        for name in Dataset.fileNames(of: CohortProjection.fileName) + Dataset.fileNames(of: CapacityChanges.fileName) {
            datasetFiles[name] = nil
        }
        let cohortsFile = Dataset.fileName(of: CohortProjection.fileName, among: files.keys, problems: &problems)
        let capacityFile = Dataset.fileName(of: CapacityChanges.fileName, among: files.keys, problems: &problems)
        let cohortsConflict = cohortsFile == nil && Dataset.fileNames(of: CohortProjection.fileName).contains { files[$0] != nil }
        let dataset: Dataset
        do {
            dataset = try Dataset.parse(files: datasetFiles)
        } catch {
            // Cohorts and capacities refer to zones and schools: without a sound dataset, report its problems only.
            problems.add(contentsOf: error.problems)
            if cohortsFile == nil && !cohortsConflict {
                problems.add(CohortProjection.fileName, nil, "", CohortProjection.missingMessage(directory: nil))
            }
            throw InputProblems(problems.problems.sorted())
        }
        var cohorts = CohortProjection(entries: [])
        if let cohortsFile, let bytes = files[cohortsFile] {
            do { cohorts = try CohortProjection.parse(bytes, file: cohortsFile, dataset: dataset) } catch { problems.add(contentsOf: error.problems) }
        } else if !cohortsConflict {
            problems.add(CohortProjection.fileName, nil, "", CohortProjection.missingMessage(directory: nil))
        }
        var capacity = CapacityChanges()
        if let capacityFile, let bytes = files[capacityFile] {
            do { capacity = try CapacityChanges.parse(bytes, file: capacityFile, dataset: dataset) } catch { problems.add(contentsOf: error.problems) }
        }
        var parsedScenario: ForecastScenario?
        if let scenario {
            do {
                parsedScenario = try ForecastScenario.parse(scenario.text, file: scenario.file, dataset: dataset)
            } catch {
                problems.add(contentsOf: error.problems)
            }
        }
        try problems.throwIfAny()
        return ForecastInputs(dataset: dataset, cohorts: cohorts, capacityChanges: capacity, scenario: parsedScenario)
    }

    /// What holds in `year`: capacities, zone membership and cohort sizes, with the notes a reader needs.
    public func plan(year: Int) -> ForecastYearPlan {
        let schools = dataset.schools, zones = dataset.zones
        var notes: [Message] = []

        // Capacity: the latest change with year ≤ the forecast year; a scenario wins over the file.
        var capacity = schools.map(\.capacity)
        var latest = Array(repeating: Int.min, count: schools.count)
        var source = Array(repeating: "", count: schools.count)
        let changes = capacityChanges.changes.map { ($0, CapacityChanges.fileName) } + (scenario?.capacity ?? []).map { ($0, "scenario") }
        for (change, from) in changes where change.year <= year && change.year >= latest[change.school] {
            capacity[change.school] = change.capacity
            latest[change.school] = change.year
            source[change.school] = from
        }
        var batch1 = schools.map(\.batch1Seats)
        for s in schools.indices where batch1[s] > capacity[s] {
            // A school cannot release more first-batch seats than it has.
            notes.append(Message("\(year): school '\(schools[s].id)' has \(capacity[s]) seats (\(source[s])), fewer than its batch1_seats \(batch1[s]); its first-batch release is cut to \(capacity[s])",
                                 "\(year) 年：学校“\(schools[s].id)”只有 \(capacity[s]) 个学位（\(source[s])），少于其 batch1_seats \(batch1[s])；其一批次投放的学位减为 \(capacity[s]) 个"))
            batch1[s] = capacity[s]
        }

        var zoneSchools = zones.map(\.schools)
        var zoneSince = Array(repeating: Int.min, count: zones.count)
        for change in scenario?.zones ?? [] where change.year <= year && change.year >= zoneSince[change.zone] {
            zoneSchools[change.zone] = change.schools
            zoneSince[change.zone] = change.year
        }

        let residents = dataset.residentsPerZone
        var cohort = residents
        var basis = Array(repeating: CohortBasis.thisYear, count: zones.count)
        for entry in cohorts.entries where entry.year == year {
            cohort[entry.zone] = entry.students
            basis[entry.zone] = .cohortsFile
        }
        for entry in scenario?.cohorts ?? [] where entry.year == year {
            cohort[entry.zone] = entry.students
            basis[entry.zone] = .scenario
        }
        let kept = zones.indices.filter { basis[$0] == .thisYear && residents[$0] > 0 }
        if !kept.isEmpty {
            let list = kept.map { "\(zones[$0].id) (\(residents[$0]))" }.joined(separator: ", ")
            notes.append(Message("\(year): no cohort projection for \(kept.count == 1 ? "zone" : "zones") \(list): kept at this year's number of students",
                                 "\(year) 年：片区 \(list) 没有适龄学生预测：保持今年的学生人数"))
        }
        return ForecastYearPlan(year: year, capacity: capacity, batch1Seats: batch1, zoneSchools: zoneSchools,
                                cohort: cohort, basis: basis, notes: notes)
    }
}

/// Where a zone's cohort size for a year comes from.
public enum CohortBasis: String, Sendable {
    case cohortsFile = "cohorts.csv"
    case scenario
    /// No projection: this year's students of the zone, as they are.
    case thisYear = "this_year"
}

/// The district as it stands in one forecast year.
public struct ForecastYearPlan: Sendable {
    public let year: Int
    /// Per school: seats in the entry grade, and those released to the first batch.
    public let capacity: [Int]
    public let batch1Seats: [Int]
    /// Per zone: the schools serving it.
    public let zoneSchools: [[Int]]
    /// Per zone: the number of entering children, and where the number comes from.
    public let cohort: [Int]
    public let basis: [CohortBasis]
    /// What a reader must know about the year, in both languages (files carry the English).
    public let notes: [Message]

    /// This year's dataset with this year's capacities and zones, and `students` as its cohort.
    func dataset(from base: Dataset, students: [Student]) -> Dataset {
        var dataset = base
        for s in dataset.schools.indices {
            dataset.schools[s].capacity = capacity[s]
            dataset.schools[s].batch1Seats = batch1Seats[s]
        }
        for z in dataset.zones.indices { dataset.zones[z].schools = zoneSchools[z] }
        dataset.students = students
        return dataset
    }
}
