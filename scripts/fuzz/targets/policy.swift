// libFuzzer target: the policy reader (Policy.read over the JSON parser), then the data rules that
// depend on the policy (PlacementInputs.check) on a small fixed dataset, so that they run on odd
// policies too.

/// A small generated district (the same bytes on every run).
private let smallDistrict: [String: [UInt8]] = {
    var files: [String: [UInt8]] = [:]
    for file in DistrictGenerator(preset: .chaoyang, students: 40, seed: 7).makeFiles() { files[file.name] = file.bytes }
    return files
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let reading = Policy.read(text, file: "fuzz.json")
    if let policy = reading.policy, reading.problems.isEmpty {
        // A policy read without a problem reads back from what `paiwei policy show` writes of it, unchanged.
        let shown = policy.json.rendered()
        let again = Policy.read(shown, file: "shown.json")
        precondition(again.problems.isEmpty, "the policy as shown does not read back: \(again.problems)")
        precondition(again.policy!.json == policy.json, "the policy as shown reads back as another policy")
        _ = policy.sha256
    }
    // Not JSON at all: the check would only read the district again.
    guard reading.policy != nil else { return 0 }
    do {
        _ = try PlacementInputs.check(files: smallDistrict, policy: reading)
    } catch {
        precondition(!error.problems.isEmpty, "the check failed with no problem")
    }
    return 0
}
