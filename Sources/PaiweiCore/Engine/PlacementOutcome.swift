/// What happened to one student in the end (the `outcome` column of `placements.csv`, SPEC §5).
public enum PlacementOutcome: String, Sendable, CaseIterable {
    case placed, unplaced, ineligible
}

extension PlacementInstance {
    /// Student `s`'s outcome in `result`.
    public func outcome(_ s: Int, in result: PlacementResult) -> PlacementOutcome {
        if screening[s].isIneligible { return .ineligible }
        return result.school[s] >= 0 ? .placed : .unplaced
    }

    /// Student `s`'s reason codes in `result`, `;`-separated (documented in docs/outputs.md): the screening
    /// outcome, and for an unplaced student why (`no_free_seat` after taking part in a stage, `no_stage`
    /// when no stage of the policy took them in).
    public func reason(_ s: Int, in result: PlacementResult) -> String {
        let screening = screening[s].reasonCode
        switch outcome(s, in: result) {
        case .ineligible, .placed: return screening ?? ""
        case .unplaced:
            let why = result.tookPart[s] ? "no_free_seat" : "no_stage"
            return screening.map { $0 + ";" + why } ?? why
        }
    }
}
