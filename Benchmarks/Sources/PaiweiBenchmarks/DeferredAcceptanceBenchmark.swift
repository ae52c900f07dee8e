import Foundation
import PaiweiCore
import PaiweiRuns
import PaiweiTestSupport

/// One multi-zone deferred-acceptance stage — 30,000 students, 100 schools, 6 preferences each drawn
/// by Zipf popularity, seats 1.05 × students spread by the same popularity — per replication, against a minimal C++ deferred
/// acceptance (`Benchmarks/baselines/deferred_acceptance.cpp`, built here with `g++ -O2`) given the same
/// preferences, seats and the lottery's order as precomputed ranks.
///
/// Paiwei's time is a whole replication as the simulation runs it: the label key for the seed, every
/// lottery draw, the matching, and the promise checks. Both sides must produce the same matching (the
/// student-optimal stable matching is unique), compared by size and checksum.
func deferredAcceptanceBenchmark(_ options: Options, scratch: URL) throws -> JSONValue {
    let students = 30_000, schools = 100, preferencesPerStudent = 6
    var random = TestRandom(state: 2026)
    let weights = (0..<schools).map { 1 / Double($0 + 1) }
    let total = weights.reduce(0, +)
    func draw(excluding taken: [Int]) -> Int {
        while true {
            var u = Double(random.next() >> 11) / Double(1 << 53) * total
            for (k, w) in weights.enumerated() {
                u -= w
                if u <= 0 { if !taken.contains(k) { return k } else { break } }
            }
        }
    }
    // Seats follow popularity, 1.05 × students in all: every school is wanted, the popular ones most.
    let seats = (0..<schools).map { Int((Double(students) * 1.05 * weights[$0] / total).rounded(.up)) }
    let schoolList = (0..<schools).map { School(id: Identifier(String(format: "S%03d", $0)), capacity: seats[$0]) }
    let zone = Zone(id: "Z", kind: .multi, schools: Array(0..<schools))
    var studentList: [Student] = []
    for i in 0..<students {
        var preferences: [Int] = []
        for _ in 0..<preferencesPerStudent { preferences.append(draw(excluding: preferences)) }
        studentList.append(Student(id: Identifier(String(format: "P%06d", i)), zone: 0, preferences: preferences))
    }
    let dataset = Dataset(schools: schoolList, zones: [zone], students: studentList)
    let policy = Policy(name: "da-benchmark", year: 2026, stages: [
        Stage(name: "multi-zone", rule: .multiZone(MultiZoneRule(mechanism: .deferredAcceptance))),
    ])
    let instance = try PlacementInstance(dataset: dataset, policy: policy, workers: 1)
    let seed = LotterySeed(hex: String(repeating: "d4", count: 32))!

    if options.profile {
        for _ in 0..<max(options.repetitions, 21) { _ = try instance.place(seed: seed) }
        return .null
    }

    // The baseline's input: the same preferences and seats, and the lottery's order as ranks.
    let key = seed.key(label: "multi-zone/Z")
    let numbers = studentList.map { StudentCounter(studentID: $0.id.text).number(key: key) }
    let order = (0..<students).sorted { numbers[$0] != numbers[$1] ? numbers[$0] < numbers[$1] : $0 < $1 }
    var rank = [UInt32](repeating: 0, count: students)
    for (position, s) in order.enumerated() { rank[s] = UInt32(position) }
    var words: [UInt32] = [UInt32(students), UInt32(schools), UInt32(preferencesPerStudent)]
    words += seats.map(UInt32.init)
    words += rank
    for student in studentList { words += student.preferences.map(UInt32.init) }
    let instanceFile = scratch.appendingPathComponent("da-instance.bin")
    try words.withUnsafeBytes { try Data($0).write(to: instanceFile) }
    let binary = scratch.appendingPathComponent("deferred_acceptance")
    let source = URL(fileURLWithPath: "Benchmarks/baselines/deferred_acceptance.cpp")
    let compiler = shell("/usr/bin/env", ["g++", "--version"]).split(separator: "\n").first.map(String.init) ?? "g++"
    guard run("/usr/bin/env", ["g++", "-O2", "-std=c++17", "-o", binary.path, source.path]) == 0 else {
        FileHandle.standardError.write(Data("cannot build the C++ baseline with g++\n".utf8))
        exit(1)
    }

    let repetitions = max(options.repetitions, 21)
    var best: [Double] = [], all: [Double] = [], checksum: UInt64 = 0, matched = 0
    var result = try instance.place(seed: seed)
    for _ in 0..<3 { result = try instance.place(seed: seed) }   // warm up
    for _ in 0..<repetitions {
        let start = clock.now
        result = try instance.place(seed: seed)
        all.append(milliseconds(clock.now - start))
        let matchingOnly = clock.now
        _ = try instance.place(seed: seed, checkingPromises: false)
        best.append(milliseconds(clock.now - matchingOnly))
    }
    for s in 0..<students where result.school[s] >= 0 {
        matched += 1
        checksum &+= UInt64(result.school[s] + 1) &* UInt64(s + 1)
    }
    let baseline = shell(binary.path, [instanceFile.path, String(repetitions)]).split(separator: " ")
    guard baseline.count == 4, let cMedian = Double(baseline[0]), let cMin = Double(baseline[1]),
          let cMatched = Int(baseline[2]), let cChecksum = UInt64(baseline[3]) else {
        FileHandle.standardError.write(Data("the C++ baseline gave no answer\n".utf8))
        exit(1)
    }
    guard cMatched == matched, cChecksum == checksum else {
        FileHandle.standardError.write(Data("the matchings differ: C++ \(cMatched) matched, checksum \(cChecksum); Paiwei \(matched), \(checksum)\n".utf8))
        exit(1)
    }
    let withChecks = statistics(all), matching = statistics(best)
    func median(_ s: JSONValue) -> Double { if case .double(let v)? = s["median_ms"] { return v }; return 0 }
    let cMs = cMedian / 1000
    return report(.string("one multi-zone deferred-acceptance stage per replication: \(students) students, \(schools) schools, \(preferencesPerStudent) Zipf preferences each, seats 1.05 × students"), [
        ("matched_students", .int(matched)),
        ("same_matching_as_baseline", .bool(true)),
        ("paiwei_replication_with_promise_checks", withChecks),
        ("paiwei_replication_without_promise_checks", matching),
        ("baseline", .object([
            ("what", .string("Benchmarks/baselines/deferred_acceptance.cpp: a heap per school, ranks precomputed, no lottery draws, no checks")),
            ("compiler", .string(compiler + ", -O2")),
            ("median_ms", .double((cMs * 1000).rounded() / 1000)),
            ("min_ms", .double((cMin / 1000 * 1000).rounded() / 1000)),
        ])),
        ("ratio_with_checks", .double((median(withChecks) / cMs * 100).rounded() / 100)),
        ("ratio_without_checks", .double((median(matching) / cMs * 100).rounded() / 100)),
    ])
}

/// Runs a command, its output discarded; its exit status.
func run(_ path: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}
