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
    /// The commitment the data were held to and the seed is bound to (SPEC §4), copied into the output
    /// folder; nil for a placement without one.
    public let commitment: CommitmentFile?

    /// Places with the standing seed and every candidate seed.
    /// - Parameter commitment: the commitment `inputs` were checked against; `draw` must be bound to it.
    /// - Throws: ``PromiseViolation`` if any run breaks a promise.
    public init(instance: PlacementInstance, inputs: [String: [UInt8]], draw: SeedDraw, commitment: CommitmentFile? = nil) throws(PromiseViolation) {
        precondition(commitment?.digest == draw.commitment, "the seed draw is not bound to the commitment given")
        self.instance = instance
        self.inputs = inputs
        self.draw = draw
        self.commitment = commitment
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
