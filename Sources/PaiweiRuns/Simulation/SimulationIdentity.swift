import PaiweiCore

/// Which inputs, policy and seed a tally belongs to.
public struct SimulationIdentity: Sendable, Equatable {
    public var inputsSHA256: String
    public var policySHA256: String
    public var seed: String

    /// - Parameter fileDigests: each input file's SHA-256 by name, as reading the dataset found them.
    public init(fileDigests: [String: [UInt8]], policy: Policy, seed: LotterySeed) {
        var hasher = SHA256()
        for name in fileDigests.keys.sorted() {
            hasher.update(Array(name.utf8) + [0x0A] + fileDigests[name]!)
        }
        inputsSHA256 = hasher.finalize().hexString
        policySHA256 = policy.sha256
        self.seed = seed.hex
    }

    init(inputsSHA256: String, policySHA256: String, seed: String) {
        self.inputsSHA256 = inputsSHA256
        self.policySHA256 = policySHA256
        self.seed = seed
    }
}
