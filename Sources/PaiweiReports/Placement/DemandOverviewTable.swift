import PaiweiCore
import PaiweiRuns

/// ``DemandOverview`` as the short tables `paiwei check` prints: one per zone, one per school, in the
/// languages asked for — each header cell one line per language (Chinese above English), each
/// number with its unit (`312 人`, `312 students`; both: `312 人/students`).
///
/// Columns are aligned by display width (a Chinese character takes two columns of a terminal).
public struct DemandOverviewTable: Sendable {
    public let overview: DemandOverview
    public let languages: [Language]

    public init(_ overview: DemandOverview, languages: [Language] = [.chinese, .english]) {
        self.overview = overview
        self.languages = languages.isEmpty ? [.english] : languages
    }

    /// The zone table, the school table and a line of totals, each table headed by its title.
    public func lines() -> [String] {
        var lines = [text("各片区学生与学位", "Students and seats per zone")]
        lines += Self.layout(header: [
            ("片区", "zone"), ("类型", "kind"), ("学生", "students"),
            ("学位", "seats"), ("第一志愿在本片区", "first choice in zone"), ("学位是否不足", "short of seats"),
        ].map(headerCell), rows: overview.zones.map { zone in
            [zone.id.text, kind(zone.kind), students(zone.students), seats(zone.seats), students(zone.firstChoice),
             zone.isShort ? both(("是，缺 \(NumberText.grouped(zone.shortBy)) 个学位", "yes, \(NumberText.grouped(zone.shortBy)) seats short")) : both(("否", "no"))]
        }, numeric: [2, 3, 4])
        lines.append("")
        lines.append(text("各校学位与第一志愿", "Seats and first choices per school"))
        lines += Self.layout(header: [
            ("学校", "school"), ("名称", "name"), ("类型", "kind"), ("学位", "seats"),
            ("第一志愿", "first choice"), ("每个学位", "per seat"), ("是否超额", "oversubscribed"),
        ].map(headerCell), rows: overview.schools.map { school in
            [school.id.text, school.name, kind(school.kind), seats(school.seats), students(school.firstChoice),
             NumberText.ratio(school.firstChoice, school.seats, decimals: 2),
             school.isOversubscribed ? both(("是", "yes")) : both(("否", "no"))]
        }, numeric: [3, 4, 5])
        lines.append("")
        let total = overview.students - overview.seats
        lines.append(both((
            "合计：\(NumberText.grouped(overview.students)) 名学生，\(NumberText.grouped(overview.seats)) 个学位" + (total > 0 ? "，缺 \(NumberText.grouped(total)) 个" : "") + "；\(NumberText.grouped(overview.withFirstChoice)) 人有第一志愿（其余不符合资格或只参加统筹安排）",
            "Total: \(NumberText.grouped(overview.students)) students, \(NumberText.grouped(overview.seats)) seats" + (total > 0 ? ", \(NumberText.grouped(total)) short" : "") + "; \(NumberText.grouped(overview.withFirstChoice)) with a first choice (the others are ineligible or only in overflow)"),
            separator: "\n"))
        lines.append(both((
            "第一志愿：学生在政策各阶段中最先参加的那个学校（民办、寄宿、一批次分组、对口直升、单校划片，或多校划片的第一个志愿）。一所学校服务几个片区时，其学位计入每个片区。",
            "First choice: the school of the first stage of the policy a student takes part in (private, boarding, a first-batch group, feeder, single zone, or the first preference in a multi zone). A school serving several zones counts its seats in each."),
            separator: "\n"))
        return lines
    }

    // MARK: Texts in the chosen languages

    private func both(_ texts: (chinese: String, english: String), separator: String = "/") -> String {
        languages.map { $0 == .chinese ? texts.chinese : texts.english }.joined(separator: separator)
    }

    private func text(_ chinese: String, _ english: String) -> String { both((chinese, english), separator: " / ") }

    /// A header cell: one line per language.
    private func headerCell(_ names: (chinese: String, english: String)) -> [String] {
        languages.map { $0 == .chinese ? names.chinese : names.english }
    }

    private func students(_ n: Int) -> String { "\(NumberText.grouped(n)) " + both(("人", "students")) }

    private func seats(_ n: Int) -> String { "\(NumberText.grouped(n)) " + both(("个学位", "seats")) }

    private func kind(_ kind: ZoneKind) -> String {
        switch kind {
        case .single: both(("单校划片", "single"))
        case .multi: both(("多校划片", "multi"))
        }
    }

    private func kind(_ kind: SchoolKind) -> String {
        switch kind {
        case .public: both(("公办", "public"))
        case .private: both(("民办", "private"))
        case .boarding: both(("公办寄宿", "boarding"))
        }
    }

    // MARK: Layout

    /// Header lines (one per line of the header cells), a rule, then the rows; numeric columns right-aligned.
    static func layout(header: [[String]], rows: [[String]], numeric: Set<Int>) -> [String] {
        let columns = header.count
        var widths = header.map { $0.map(displayWidth).max() ?? 0 }
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], displayWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for column in 0..<columns {
                let cell = column < cells.count ? cells[column] : ""
                let pad = String(repeating: " ", count: widths[column] - displayWidth(cell))
                out += numeric.contains(column) ? pad + cell : cell + (column == columns - 1 ? "" : pad)
                if column < columns - 1 { out += "  " }
            }
            while out.hasSuffix(" ") { out.removeLast() }
            return out
        }
        let headerLines = header.map(\.count).max() ?? 0
        var lines = (0..<headerLines).map { k in line(header.map { k < $0.count ? $0[k] : "" }) }
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines
    }

    /// Columns a terminal gives `text`: two for East Asian wide characters, one otherwise.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD: width + 2
            case 0x0300...0x036F, 0x200B...0x200F: width
            default: width + 1
            }
        }
    }
}
