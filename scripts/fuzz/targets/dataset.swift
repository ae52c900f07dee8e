// libFuzzer target: the dataset loader (Dataset.read(files:)), then the data rules that depend on the
// policy (PlacementInputs.check) under one preset policy.
//
// The input is split on the byte 0xFF (never part of UTF-8 text) into schools.csv, zones.csv,
// students.csv and address_usage.csv, in that order; a file with no part is missing.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let names = [Dataset.schoolsFile, Dataset.zonesFile, Dataset.studentsFile, Dataset.addressUsageFile]
    let parts = bytes.split(separator: 0xFF, maxSplits: names.count - 1, omittingEmptySubsequences: false)
    var files: [String: [UInt8]] = [:]
    for (name, part) in zip(names, parts) { files[name] = Array(part) }

    let reading = Dataset.read(files: files)
    precondition(reading.problems == reading.problems.sorted(), "the problems are not sorted")
    if !reading.problems.isEmpty {
        _ = InputProblems(reading.problems).description
    }

    // The policy-dependent rules, under a preset picked by the input, on whatever could be read.
    let presets = PolicyPreset.allCases
    let preset = presets[size % presets.count]
    do {
        _ = try PlacementInputs.check(files: files, policy: (preset.policy, []))
        precondition(reading.problems.isEmpty, "a dataset with problems passed the check")
    } catch {
        precondition(!error.problems.isEmpty, "the check failed with no problem")
    }
    return 0
}
