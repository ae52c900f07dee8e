import PaiweiCore
import PaiweiRuns

extension MechanismComparison {
    /// `mechanism_comparison.csv`: per mechanism and metric, the mean and the 5th and 95th percentiles
    /// over the replications.
    public func csv() -> [UInt8] {
        var csv = CSVWriter(header: ["mechanism", "metric", "mean", "p5", "p95"])
        for (m, mechanism) in mechanisms.enumerated() {
            for (k, metric) in metrics.enumerated() {
                let h = histograms[m][k]
                csv.append([mechanism.description, metric, SimulationFiles.decimal(h.mean, 2), String(h.percentile(5)), String(h.percentile(95))])
            }
        }
        return csv.bytes
    }
}
