import PaiweiCore
/// The final, notarized placement (SPEC §5): the standing run and any candidate runs of a ceremony,
/// with the raw inputs they were placed from. Its files are `PlacementFolder`'s (PaiweiReports).
public struct FinalPlacement: Sendable {
    public let instance: PlacementInstance
    public let draw: SeedDraw
    /// The raw input files (name → bytes), copied into the output folder under `inputs/`.
    public let inputs: [String: [UInt8]]
    /// The placement that stands.
    public let result: PlacementResult
    /// Candidate runs of a ceremony, in order (empty without candidate runs).
    public let candidates: [PlacementResult]

    /// Places with the standing seed and every candidate seed.
    /// - Throws: ``PromiseViolation`` if any run breaks a promise.
    public init(instance: PlacementInstance, inputs: [String: [UInt8]], draw: SeedDraw) throws(PromiseViolation) {
        self.instance = instance
        self.inputs = inputs
        self.draw = draw
        var candidates: [PlacementResult] = []
        if draw.candidateRuns > 0 {
            for k in 1...draw.candidateRuns {
                candidates.append(try instance.place(seed: draw.candidate(k)))
            }
            result = candidates[draw.drawnIndex - 1]
        } else {
            result = try instance.place(seed: draw.base)
        }
        self.candidates = candidates
    }
}
