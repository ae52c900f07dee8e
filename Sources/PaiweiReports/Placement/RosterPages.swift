import PaiweiCore
import PaiweiRuns
/// `rosters.html`: the admission roster of every school, each starting on a new printed page, for the
/// notary, a parents' representative and a supervisor to sign after the lottery (公证).
///
/// Students are listed in admission order — the stage that admitted them, in policy order, then the
/// deciding key of that admission (round, priority tier, points where the stage orders by them, lottery
/// number, `student_id`) — so that anyone
/// holding `placements.csv` and the seed can follow the roster line by line.
public struct RosterPages: Sendable {
    public let instance: PlacementInstance
    public let result: PlacementResult

    public init(instance: PlacementInstance, result: PlacementResult) {
        self.instance = instance
        self.result = result
    }

    /// rosters.html: one printed page per school, for the notary's signature
    public func html() -> String { String(decoding: bytes(), as: UTF8.self) }

    /// rosters.html as it is written.
    public func bytes() -> [UInt8] {
        var bytes: [UInt8] = []
        write(segmentBytes: Int.max) { bytes.isEmpty ? (bytes = $0) : bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hands rosters.html to `segment` in pieces of about `segmentBytes` (1 MiB unless said): the
    /// rosters of a million students (some 175 MB) are never whole in memory.
    public func write(segmentBytes: Int = 1 << 20, to segment: @escaping ([UInt8]) -> Void) {
        let dataset = instance.dataset, policy = instance.policy
        let order = RosterOrder(instance: instance, result: result)
        // Per-row strings computed once: there are few stages, tiers and labels, and up to 150,000 rows.
        let files = PlacementFiles(instance: instance, result: result)
        let stageNames = policy.stages.map { HTML.escape($0.name) }
        let tierNames = policy.stages.map { stage in (0...stage.priority.count).map { HTML.escape(files.tierName(Int32($0), stage: stage)) } }
        let byPoints = policy.stages.map(\.ordersByPoints)
        let labels = instance.labels.map(HTML.escape)
        let seed = result.seed.hex

        // About 190 bytes per row plus a page's worth per school.
        let capacity = 190 * order.rows.count + 4096 * dataset.schools.count + 16384
        let lazy = order.rows.count >= Self.lazyLayoutRows
        let style = lazy ? Self.style + Self.lazyStyle : Self.style
        HTML.documentSegments(title: "录取名册 Admission rosters — \(policy.name)", style: style,
                              capacity: capacity, segmentBytes: segmentBytes, body: { page in
            page.raw("<header>\n")
            page.heading("h1", "录取名册", "Admission rosters")
            page.raw("<p class=\"note\">")
            page.text("\(policy.name) · \(NumberText.grouped(dataset.schools.count)) ")
            page.bilingual("所学校，每校另起一页。", "schools, each on its own pages.")
            page.raw("</p>\n</header>\n")
            for (s, school) in dataset.schools.enumerated() {
                let range = order.range(school: s)
                page.raw("<section class=\"roster\" id=\"school-")
                page.attribute(school.id.text)
                page.raw("\" data-school=\"")
                page.attribute(school.id.text)
                page.raw("\"")
                if lazy {
                    // The estimated height on screen lets the browser lay out only the sections in view.
                    page.raw(" style=\"contain-intrinsic-size: auto \(320 + 25 * range.count)px\"")
                }
                page.raw(">\n<h2><span class=\"mono\">")
                page.text(school.id.text)
                page.raw("</span> ")
                page.text(school.name)
                page.raw(" <span class=\"en\" lang=\"en\">— roster</span></h2>\n<dl class=\"facts\">\n")
                fact(&page, "学校代码", "School id", school.id.text, mono: true)
                fact(&page, "名称", "Name", school.name)
                fact(&page, "类型", "Kind", Self.kindName(school.kind))
                fact(&page, "学位", "Capacity", NumberText.grouped(school.capacity))
                fact(&page, "政策 · 种子", "Policy · seed", "\(policy.name) · \(seed)", mono: true)
                page.raw("</dl>\n")

                if range.isEmpty {
                    page.raw("<p class=\"empty\">")
                    page.bilingual("本校无录取学生。", "No student was admitted to this school.")
                    page.raw("</p>\n")
                    closing(&page, school: school, students: [])
                    page.raw("</section>\n")
                    continue
                }
                page.raw("<table class=\"roster\">\n")
                // Printed, a long roster runs over several pages and Chromium repeats the <thead> on
                // each: this first header row names the school, so every signed page says whose it is.
                page.raw("<thead><tr class=\"running\"><th colspan=\"6\">")
                page.text("\(school.id) · \(school.name) — 录取名册 ")
                page.raw("<span class=\"en\" lang=\"en\">")
                page.text("Roster of \(school.id) · \(policy.name)")
                page.raw("</span></th></tr>\n")
                page.headerRow([("序号", "No.", true), ("学生编号", "student_id", false), ("阶段", "Stage", false),
                                ("优先类别", "Priority tier", false), ("随机号", "Lottery number", false), ("抽签", "Lottery label", false)], opened: true)
                let students = order.rows[range]
                // The last rows go with the totals and signatures into one unbreakable row group, so that
                // no printed page holds signatures without roster lines above them (a separate block after
                // the table cannot be kept with the table's last rows in Chromium).
                let lastGroup = max(0, students.count - Self.rowsKeptWithSignatures)
                page.raw(lastGroup == 0 ? "<tbody class=\"last\">\n" : "<tbody>\n")
                for (row, entry) in students.enumerated() {
                    if row == lastGroup && row > 0 { page.raw("</tbody>\n<tbody class=\"last\">\n") }
                    let st = Int(entry.stage), student = Int(entry.student)
                    page.raw("<tr><td class=\"num\">")
                    page.int(row + 1)
                    page.raw("</td><td class=\"mono\">")
                    page.text(entry.id)
                    page.raw("</td><td>")
                    page.raw(stageNames[st])
                    page.raw("</td><td>")
                    if entry.found {
                        let key = entry.key
                        page.raw(tierNames[st][min(Int(key.tier), tierNames[st].count - 1)])
                        // Points decide after the tier where the stage orders by them (积分).
                        if byPoints[st] { page.text(" · " + Points(hundredths: key.points).description) }
                    } else {
                        page.raw("—")
                    }
                    page.raw("</td><td class=\"mono\">")
                    page.lotteryNumber(result.number[student])
                    page.raw("</td><td class=\"mono\">")
                    let label = Int(result.label[student])
                    if label >= 0 { page.raw(labels[label]) }
                    page.raw("</td></tr>\n")
                    page.endSegmentIfFull()
                }
                page.raw("<tr class=\"closing\"><td colspan=\"6\">\n")
                closing(&page, school: school, students: students)
                page.raw("</td></tr>\n</tbody></table>\n</section>\n")
                page.endSegmentIfFull()
            }
        }, segment: segment)
    }

    /// Roster rows printed on the same page as the totals and signatures.
    static let rowsKeptWithSignatures = 3

    /// Totals, then the signature lines of the notary, a parents' representative and a supervisor.
    private func closing(_ page: inout HTMLBuilder, school: School, students: ArraySlice<RosterOrder.Row>) {
        page.raw("<div class=\"closing\">\n")
        totals(&page, school: school, students: students)
        page.raw("<div class=\"signatures\">\n")
        for (zh, en) in [("公证员", "Notary"), ("家长代表", "Parents' representative"), ("监督员", "Supervisor"), ("日期", "Date")] {
            page.raw("<div class=\"sign\"><span>")
            page.bilingual(zh, en)
            page.raw(":</span><span class=\"line\">____________________</span></div>\n")
        }
        page.raw("</div>\n</div>\n")
    }

    /// From this many rows, sections out of view are not laid out until scrolled to: 150,000 rows take
    /// Chromium close to a minute to lay out at once, about 3 s this way. Printing lays out everything.
    static let lazyLayoutRows = 10_000
    private static let lazyStyle = """

    @media screen { section.roster { content-visibility: auto; } }
    """

    private static let style = """
    @page {
      size: A4; margin: 14mm 12mm 16mm;
      @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; }
    }
    section.roster { margin: 28px 0 40px; padding-top: 8px; border-top: 3px solid #4e79a7; }
    section.roster h2 { border-bottom: none; margin-top: 4px; }
    table.roster { width: 100%; font-size: 13px; }
    table.roster td, table.roster th { padding: 2px 6px; }
    table.roster td { white-space: nowrap; }
    table.roster thead th > .en { display: inline; font-size: 1em; }
    table.roster tr.running th { background: #fff; font-weight: normal; font-size: 12px; color: #555; border: none; padding: 0 0 4px; }
    table.roster tr.closing td { border: none; padding: 0; white-space: normal; }
    tbody.last, .closing { break-inside: avoid; page-break-inside: avoid; }
    .totals { margin: 8px 0 20px; }
    .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 22px 32px; margin-top: 24px; }
    .sign { display: flex; align-items: baseline; gap: 8px; white-space: nowrap; }
    .sign .line { flex: 1; color: transparent; border-bottom: 1px solid #1a1a1a; min-width: 120px; }
    p.empty { font-size: 16px; padding: 16px; border: 1px dashed #999; }
    @media print {
      header { display: none; }
      section.roster { margin: 0; padding: 0; border-top: none; break-after: page; page-break-after: always; }
      section.roster:last-of-type { break-after: auto; page-break-after: auto; }
      section.roster h2 { font-size: 14pt; margin: 0 0 4px; }
      dl.facts { font-size: 10pt; margin: 4px 0 8px; }
      /* A roster runs over as many pages as it needs; the base style keeps other tables whole. */
      table.roster { break-inside: auto; font-size: 9pt; line-height: 1.2; margin: 4px 0 8px; }
      table.roster td, table.roster th { padding: 1px 5px; }
      .signatures { margin-top: 14mm; gap: 12mm 10mm; }
    }
    """

    private func fact(_ page: inout HTMLBuilder, _ zh: String, _ en: String, _ value: String, mono: Bool = false) {
        page.raw("<dt>")
        page.bilingual(zh, en)
        page.raw(mono ? "</dt><dd class=\"mono seed\">" : "</dt><dd>")
        page.text(value)
        page.raw("</dd>\n")
    }

    /// Admitted count against capacity, and how many each stage admitted.
    private func totals(_ page: inout HTMLBuilder, school: School, students: ArraySlice<RosterOrder.Row>) {
        var perStage = Array(repeating: 0, count: instance.policy.stages.count)
        for row in students { perStage[Int(row.stage)] += 1 }
        // Named by school id, so that the page carrying the signatures says whose roster it closes.
        page.raw("<p class=\"totals\"><strong><span class=\"mono\">")
        page.text(school.id.text)
        page.raw("</span> 合计录取 <span class=\"en\" lang=\"en\">total admitted</span>: <span data-admitted=\"\(students.count)\">")
        page.raw(NumberText.grouped(students.count))
        page.raw("</span> / ")
        page.raw(NumberText.grouped(school.capacity))
        page.raw(" <span class=\"en\" lang=\"en\">seats</span></strong>")
        let parts = instance.policy.stages.indices.filter { perStage[$0] > 0 }.map { "\(instance.policy.stages[$0].name) \(NumberText.grouped(perStage[$0]))" }
        if !parts.isEmpty {
            page.raw(" · ")
            page.text(parts.joined(separator: " · "))
        }
        page.raw("</p>\n")
    }

    static func kindName(_ kind: SchoolKind) -> String {
        switch kind {
        case .public: "公办 public"
        case .private: "民办 private"
        case .boarding: "寄宿 boarding"
        }
    }
}

/// Every placed student grouped by school, each school's students in admission order.
///
/// Each row carries what the page prints of its student (read here in student order, not per row in
/// roster order: the pages would otherwise reach into a 200-byte student and a key per row at random).
struct RosterOrder {
    struct Row {
        /// The deciding key of the application that admitted the student, when one was recorded (`found`).
        var key: AdmissionKey
        var id: String
        var student: Int32
        var stage: Int16
        var found: Bool
    }

    /// School by school (school index order), each school in admission order.
    let rows: [Row]
    /// Start of each school's rows in ``rows``; one more entry than schools.
    private let starts: [Int]

    init(instance: PlacementInstance, result: PlacementResult) {
        let n = instance.dataset.students.count, schoolCount = instance.dataset.schools.count
        // One pass over every stage's applications: the one admitting a student is at the school and in
        // the stage that placed them (a student applies to a school at most once per stage).
        var keys = Array(repeating: AdmissionKey(tier: 0, number: 0, student: 0), count: n)
        var found = Array(repeating: false, count: n)
        for (index, record) in result.stages.enumerated() {
            for application in record.applications {
                let s = Int(application.student)
                if result.isPlaced(s, byStage: index) && result.school[s] == application.school {
                    keys[s] = application.key
                    found[s] = true
                }
            }
        }
        for s in 0..<n where result.school[s] >= 0 && !found[s] {
            // Not expected; keeps the order total (lottery number, then id) should it ever happen.
            keys[s] = AdmissionKey(round: Int32.max, tier: Int32.max, number: result.number[s], student: Int32(s))
        }

        // Counting sort by school, then each school's slice sorted by (stage, key).
        var starts = Array(repeating: 0, count: schoolCount + 1)
        for s in 0..<n where result.school[s] >= 0 { starts[Int(result.school[s]) + 1] += 1 }
        for i in 0..<schoolCount { starts[i + 1] += starts[i] }
        var next = starts
        var rows = Array(repeating: Row(key: keys.first ?? AdmissionKey(tier: 0, number: 0, student: 0), id: "", student: 0, stage: 0, found: false),
                         count: starts[schoolCount])
        for s in 0..<n where result.school[s] >= 0 {
            let school = Int(result.school[s])
            rows[next[school]] = Row(key: keys[s], id: instance.dataset.students[s].id.text, student: Int32(s),
                                     stage: result.placingStage[s], found: found[s])
            next[school] += 1
        }
        for school in 0..<schoolCount {
            rows[starts[school]..<starts[school + 1]].sort { a, b in a.stage != b.stage ? a.stage < b.stage : a.key < b.key }
        }
        self.rows = rows
        self.starts = starts
    }

    func range(school: Int) -> Range<Int> { starts[school]..<starts[school + 1] }
}
