import PaiweiCore
/// The raw tally as a text file (`tally.txt`): what `paiwei merge` adds up. One line per record,
/// fields separated by spaces, histograms as `value:times;…`, so it stays readable and diffable.
///
/// Version 2 adds to each `cell` line the histogram of excess demand (applicants − admitted). Version 1
/// files are still read: their cells lack it, so a tally merged from them has the excess of fewer
/// replications than it counts, and the report leaves out the spread it cannot know.
extension SimulationTally {
    public static let fileName = "tally.txt"
    static let header = "paiwei-tally 2"
    static let versions = ["1", "2"]

    public func encoded(identity: SimulationIdentity) -> [UInt8] {
        precondition(isSettled, "a tally written with outcomes still pending")
        // Written straight into bytes: a district's tally has a line per student.
        var out: [UInt8] = []
        func text(_ string: String) { out.append(contentsOf: string.utf8) }
        func number(_ value: Int) { FixedDecimal.append(value, to: &out) }
        func byte(_ ascii: Unicode.Scalar) { out.append(UInt8(ascii: ascii)) }
        func list(_ items: [OutcomeCount]) {
            if items.isEmpty { byte("-"); return }
            for (i, item) in items.enumerated() {
                if i > 0 { byte(";") }
                number(Int(item.school)); byte(":"); number(Int(item.count))
            }
        }
        func histogram(_ h: Histogram) {
            if h.total == 0 { byte("-") } else { h.encode(into: &out) }
        }
        text(Self.header + "\n")
        text("inputs \(identity.inputsSHA256)\npolicy \(identity.policySHA256)\nseed \(identity.seed)\n")
        text("shape \(students) \(schools) \(stages) \(zones)\n")
        text("ranges " + ranges.map { "\($0.lowerBound)..<\($0.upperBound)" }.joined(separator: " ") + "\n")
        for s in 0..<students where !placed[s].isEmpty || !overflow[s].isEmpty || unplaced[s] > 0 {
            text("student "); number(s); byte(" ")
            list(placed[s]); byte(" "); list(overflow[s]); byte(" "); number(unplaced[s]); byte("\n")
        }
        for cell in 0..<stages * schools where applicants[cell].sum > 0 {
            text("cell "); number(cell); byte(" "); number(oversubscribed[cell]); byte(" ")
            histogram(applicants[cell]); byte(" "); histogram(admitted[cell]); byte(" "); histogram(excess[cell]); byte("\n")
        }
        for school in 0..<schools { text("school "); number(school); byte(" "); histogram(filled[school]); byte("\n") }
        for zone in 0..<zones {
            text("zone "); number(zone); byte(" "); histogram(zoneOverflow[zone]); byte(" "); histogram(zoneUnplaced[zone]); byte("\n")
        }
        if let comparison {
            // The mechanisms of a --mechanisms comparison (a --compare-mechanism file has no such line).
            if !comparison.isTwoWay {
                text("mechanisms \(comparison.longestList) " + comparison.mechanisms.map(\.description).joined(separator: " ") + "\n")
            }
            let metrics = comparison.metrics.count
            for m in comparison.mechanisms.indices {
                for k in 0..<metrics {
                    text("compare "); number(m * metrics + k); byte(" ")
                    histogram(comparison.histograms[m][k]); byte("\n")
                }
            }
        }
        return out
    }

    /// Reads a tally file; nil with a reason when it is not one.
    public static func decode(_ bytes: [UInt8]) -> (tally: SimulationTally, identity: SimulationIdentity)? {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        guard lines.count >= 6, lines[0].count == 2, lines[0][0] == "paiwei-tally", Self.versions.contains(lines[0][1]),
              lines[1].count == 2, lines[2].count == 2, lines[3].count == 2, lines[4].count == 5, lines[5].first == "ranges",
              let students = Int(lines[4][1]), let schools = Int(lines[4][2]), let stages = Int(lines[4][3]), let zones = Int(lines[4][4])
        else { return nil }
        let cellFields = lines[0][1] == "1" ? 5 : 6
        let identity = SimulationIdentity(inputsSHA256: lines[1][1], policySHA256: lines[2][1], seed: lines[3][1])
        var tally = SimulationTally(students: students, schools: schools, stages: stages, zones: zones)
        for text in lines[5].dropFirst() {
            let bounds = text.split(separator: "<").map { $0.replacingOccurrences(of: ".", with: "") }
            guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high else { return nil }
            tally.ranges.append(low..<high)
        }
        func list(_ text: String) -> [OutcomeCount]? {
            if text == "-" { return [] }
            var items: [OutcomeCount] = []
            for item in text.split(separator: ";") {
                let parts = item.split(separator: ":")
                guard parts.count == 2, let school = Int32(parts[0]), let count = Int32(parts[1]), school >= 0, Int(school) < schools else { return nil }
                items.append(OutcomeCount(school: school, count: count))
            }
            // A tally keeps its lists in school order (as it writes them): one edited by hand is too.
            return items.sorted { $0.school < $1.school }
        }
        func histogram(_ text: String) -> Histogram? { text == "-" ? Histogram() : Histogram(encoded: text) }
        // The comparison's shape comes first: the mechanisms line where there is one, else the two-way table.
        var shape: MechanismComparison?
        for fields in lines.dropFirst(6) where fields.first == "mechanisms" {
            guard shape == nil, fields.count >= 3, let longest = Int(fields[1]), longest >= 1 else { return nil }
            let choices = fields.dropFirst(2).compactMap(MechanismChoice.init)
            guard choices.count == fields.count - 2, Set(choices).count == choices.count else { return nil }
            shape = MechanismComparison(mechanisms: choices, longestList: longest)
        }
        let comparisonShape = shape ?? .twoWay
        let cells = comparisonShape.mechanisms.count * comparisonShape.metrics.count
        for fields in lines.dropFirst(6) where fields.first != "mechanisms" {
            guard let kind = fields.first, fields.count >= 2, let index = Int(fields[1]), index >= 0 else { return nil }
            switch kind {
            case "student" where fields.count == 5 && index < students:
                guard let p = list(fields[2]), let o = list(fields[3]), let u = Int(fields[4]) else { return nil }
                tally.placed[index] = p
                tally.overflow[index] = o
                tally.unplaced[index] = u
            case "cell" where fields.count == cellFields && index < stages * schools:
                guard let count = Int(fields[2]), let a = histogram(fields[3]), let d = histogram(fields[4]),
                      let e = cellFields == 6 ? histogram(fields[5]) : Histogram() else { return nil }
                tally.oversubscribed[index] = count
                tally.applicants[index] = a
                tally.admitted[index] = d
                tally.excess[index] = e
            case "school" where fields.count == 3 && index < schools:
                guard let h = histogram(fields[2]) else { return nil }
                tally.filled[index] = h
            case "zone" where fields.count == 4 && index < zones:
                guard let o = histogram(fields[2]), let u = histogram(fields[3]) else { return nil }
                tally.zoneOverflow[index] = o
                tally.zoneUnplaced[index] = u
            case "compare" where fields.count == 3 && index < cells:
                guard let h = histogram(fields[2]) else { return nil }
                var comparison = tally.comparison ?? comparisonShape
                let metrics = comparisonShape.metrics.count
                comparison.histograms[index / metrics][index % metrics] = h
                tally.comparison = comparison
            default:
                return nil
            }
        }
        // Cells nobody applied to are left out of the file but hold one zero per replication (their
        // excess too, which is therefore known even from a version-1 file).
        let n = tally.replications
        for cell in 0..<stages * schools where tally.applicants[cell].total == 0 && n > 0 {
            tally.applicants[cell].add(0, times: n)
            tally.admitted[cell].add(0, times: n)
            tally.excess[cell].add(0, times: n)
        }
        return (tally, identity)
    }
}
