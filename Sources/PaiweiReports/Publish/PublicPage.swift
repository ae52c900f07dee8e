import PaiweiCore
import PaiweiRuns

/// `index.html` of the public bundle (SPEC §5): one self-contained page that a family opens straight from
/// the folder or the bureau's website — no network, no library — types its `student_id` (and `family_id`
/// for twins) and sees its outcome, school and stage, the lottery it was measured in, its number
/// recomputed in the page from the published seed beside the published number, and that lottery's cutoff,
/// with one sentence in Chinese and English on why the number admits or does not.
///
/// The page also opens one result from its address (`index.html#student=S000123`, `#family=F12`,
/// `#student=S000083&family=F000001`), so that a bureau can send each family a link; lists the seed, the
/// ceremony contributions, the commitment and every lottery's cutoff (as HTML, readable without scripts);
/// and checks a whole `results.csv` chosen from the computer, row by row.
///
/// The data it needs are embedded once, column by column, as JSON in a `<script type="application/json">`:
/// ids, one outcome letter per student, school, stage and label as indices into small tables, and all
/// numbers as one string of 16 hex digits each. Nothing about a student beyond the columns of
/// `results.csv` is in it. SHA-256 and Philox4x32-10 are written in the page's own script
/// (``PublicPageScript``); the page checks them against FIPS 180-4 and Random123 known answers when it opens.
///
/// - Complexity: O(*n* + *m* · stages + labels); about 39 bytes per student (docs/outputs.md measures a
///   150,000-student district).
struct PublicPage {
    let placement: FinalPlacement
    let rows: [PublicBundle.Row]
    let cutoffs: [LotteryCutoff]

    private var instance: PlacementInstance { placement.instance }
    private var draw: SeedDraw { placement.draw }

    /// The page as UTF-8 bytes, as it is written to the file.
    func bytes() -> [UInt8] {
        let policy = instance.policy
        let capacity = 64 * 1024 + rows.count * 48 + cutoffs.count * 400
        return HTML.documentBytes(title: "派位结果查询 Placement results — \(policy.name)", style: PublicPageScript.style, capacity: capacity) { page in
            page.raw("<header>\n")
            page.heading("h1", "派位结果查询", "Look up a placement result")
            page.raw("<p class=\"lead\">")
            page.text("\(policy.name) · ")
            page.bilingual("学生 \(NumberText.grouped(rows.count)) 名", "\(NumberText.grouped(rows.count)) students")
            page.raw("</p>\n<p class=\"note\">")
            page.bilingual("本页不联网：查询、随机号的重新计算与核对都在您的浏览器中完成，不发送任何数据。",
                           "This page uses no network: looking up, recomputing and checking happen in your browser; nothing is sent anywhere.")
            page.raw("</p>\n</header>\n<main>\n")
            lookup(&page)
            seed(&page)
            cutoffTable(&page)
            fileCheck(&page)
            method(&page)
            page.raw("</main>\n<footer class=\"note\"><p>")
            page.text("\(Product.name) \(Product.version) · \(policy.name) · seed ")
            page.raw("<span class=\"mono seed\">\(draw.standing.hex)</span></p></footer>\n")
            page.raw("<script type=\"application/json\" id=\"paiwei-data\">")
            data(&page)
            page.raw("</script>\n<script>\n")
            page.raw(PublicPageScript.script)
            page.raw("</script>\n")
        }
    }

    // MARK: Sections

    private func lookup(_ page: inout HTMLBuilder) {
        page.raw("<section id=\"lookup\">\n")
        page.heading("h2", "查询本人结果", "Look up your result")
        page.raw("<form id=\"lookup-form\" autocomplete=\"off\">\n<div class=\"field\"><label for=\"student\">")
        page.bilingual("学生编号", "student_id")
        page.raw("</label><input id=\"student\" name=\"student\" spellcheck=\"false\"></div>\n<div class=\"field\"><label for=\"family\">")
        page.bilingual("家庭编号", "family_id")
        page.raw("</label><input id=\"family\" name=\"family\" spellcheck=\"false\"></div>\n<button type=\"submit\">")
        page.bilingual("查询", "Look up")
        page.raw("</button>\n</form>\n<p class=\"note\">")
        page.bilingual("家庭编号只有双胞胎等同批次入学的兄弟姐妹才需填写（同一家庭的孩子共用一个随机号），否则留空。也可以直接打开本页地址后加 #student=学生编号 或 #family=家庭编号 的链接。",
                       "Only twins and other siblings of one cohort need the family_id (children of one family share a number); else leave it empty. A link to this page ending in #student=ID or #family=ID opens that result directly.")
        page.raw("</p>\n<div id=\"answer\" aria-live=\"polite\"></div>\n<noscript><p class=\"bad\">")
        page.bilingual("查询需要浏览器允许本页运行脚本；下方的随机种子与各抽签的末位录取者无需脚本即可查看。",
                       "Looking up needs scripts enabled for this page; the seed and every lottery's cutoff below read without them.")
        page.raw("</p></noscript>\n</section>\n")
    }

    private func seed(_ page: inout HTMLBuilder) {
        page.raw("<section id=\"seed\">\n")
        page.heading("h2", "随机种子与承诺", "Seed and commitment")
        page.raw("<dl class=\"facts\">\n")
        func fact(_ zh: String, _ en: String, _ value: String, check: String? = nil) {
            page.raw("<dt>")
            page.bilingual(zh, en)
            page.raw("</dt><dd><span class=\"mono seed\">")
            page.text(value)
            page.raw("</span>")
            if let check { page.raw(" <span class=\"check\" data-check=\"\(check)\"></span>") }
            page.raw("</dd>\n")
        }
        // A seed given as hex has nothing to recompute, unless candidate runs derive from it.
        let derived = !draw.ceremony.isEmpty || draw.candidateRuns > 0
        fact("本次派位采用的随机种子", "Seed of the placement that stands", draw.standing.hex, check: derived ? "standing" : nil)
        if draw.ceremony.isEmpty {
            page.raw("<dt>")
            page.bilingual("来源", "Origin")
            page.raw("</dt><dd>")
            page.bilingual("派位前公布的随机种子", "a seed published before the placement")
            page.raw("</dd>\n")
        } else {
            page.raw("<dt>")
            page.bilingual("派位仪式的公开输入", "Ceremony contributions")
            page.raw("</dt><dd><ol class=\"contributions\">")
            for contribution in draw.ceremony {
                page.raw("<li class=\"mono\">")
                page.text(contribution)
                page.raw("</li>")
            }
            page.raw("</ol></dd>\n")
            if let commitment = draw.commitment {
                fact("派位前公布的承诺值", "Commitment published before the ceremony", commitment, check: "commitment")
                fact("由承诺与公开输入得到的随机种子（v2）", "Seed v2 of the commitment and the contributions", draw.base.hex, check: "base")
            } else {
                fact("由公开输入得到的随机种子（v1）", "Seed v1 of the contributions", draw.base.hex, check: "base")
            }
        }
        if draw.candidateRuns > 0 {
            page.raw("<dt>")
            page.bilingual("候选派位", "Candidate runs")
            page.raw("</dt><dd><ol class=\"candidates\">")
            for k in 1...draw.candidateRuns {
                page.raw(k == draw.drawnIndex ? "<li class=\"drawn\">" : "<li>")
                page.raw("<span class=\"mono seed\">\(draw.candidate(k).hex)</span> <span class=\"check\" data-check=\"candidate-\(k)\"></span>")
                if k == draw.drawnIndex {
                    page.raw(" ← ")
                    page.bilingual("抽中，采用此次结果", "drawn: this run stands")
                }
                page.raw("</li>")
            }
            page.raw("</ol></dd>\n")
        }
        page.raw("</dl>\n")
        if let commitment = placement.commitment?.commitment {
            page.heading("h3", "承诺的政策与数据文件", "The policy and data files committed")
            page.raw("<table class=\"files\">")
            page.headerRow([("文件", "File", false), ("SHA-256", "SHA-256", false)])
            page.raw("<tbody>\n<tr><td>")
            page.bilingual("政策", "policy")
            page.raw(" (\(HTML.escape(instance.policy.name)))</td><td class=\"mono\">\(commitment.policySHA256)</td></tr>\n")
            for file in commitment.files {
                page.raw("<tr><td>")
                page.text(file.name)
                page.raw("</td><td class=\"mono\">\(file.sha256)</td></tr>\n")
            }
            page.raw("</tbody></table>\n<p class=\"note\">")
            page.bilingual("承诺值是上述摘要的 SHA-256（见 commitment.json）；随机种子由承诺值与公开输入得出，派位后改动任何一个输入字节都会改变每一个随机号。",
                           "The commitment is the SHA-256 of these digests (see commitment.json); the seed follows from it and the contributions, so changing any input byte after the draw would change every number.")
            page.raw("</p>\n")
        }
        page.raw("</section>\n")
    }

    private func cutoffTable(_ page: inout HTMLBuilder) {
        let stages = instance.policy.stages, schools = instance.dataset.schools
        page.raw("<section id=\"cutoffs\">\n")
        page.heading("h2", "各抽签的录取情况与末位录取者", "Every lottery and its cutoff")
        page.raw("<p class=\"note\">")
        page.bilingual("每所学校在每个派位阶段一行（统筹安排阶段没有末位录取者）。学位不足时，按优先类别、再按随机号从小到大录取；末位录取者的随机号之前（含）的申请者被录取。",
                       "One row per school in each lottery stage (overflow coordination has no cutoff). Where seats were short, applicants were admitted by priority tier, then by number, smallest first, up to the last admitted.")
        page.raw("</p>\n<div class=\"scroll\"><table class=\"cutoffs\">")
        page.headerRow([("阶段", "Stage", false), ("学校", "School", false), ("学位", "Seats", true), ("申请", "Applicants", true),
                        ("录取", "Admitted", true), ("末位录取者的轮次", "Cutoff round", true), ("末位录取者的优先类别", "Cutoff tier", false),
                        ("末位录取者的随机号", "Cutoff number", false), ("末位录取者所在抽签", "Cutoff lottery", false)])
        page.raw("<tbody>\n")
        for cutoff in cutoffs {
            page.raw("<tr data-key=\"\(cutoff.stage):\(cutoff.school)\"><td>")
            page.text(stages[cutoff.stage].name)
            page.raw("</td><td>")
            page.text(schools[cutoff.school].id.text)
            page.raw("</td>")
            page.numberCell(cutoff.seats)
            page.numberCell(cutoff.applicants)
            page.numberCell(cutoff.admitted)
            page.raw("<td class=\"num\">\(cutoff.round.map(String.init) ?? "")</td><td>")
            page.text(cutoff.tier ?? "—")
            // Points decide after the tier where the stage orders by them (积分).
            if let points = cutoff.points { page.text(" · 积分 points " + points) }
            page.raw("</td><td class=\"mono\">\(cutoff.number.map(formatLotteryNumber) ?? "—")</td><td class=\"mono\">")
            page.text(cutoff.label.map { instance.labels[$0] } ?? "")
            page.raw("</td></tr>\n")
        }
        page.raw("</tbody></table></div>\n</section>\n")
    }

    private func fileCheck(_ page: inout HTMLBuilder) {
        page.raw("<section id=\"check-file\">\n")
        page.heading("h2", "核对整份 results.csv", "Check a whole results.csv")
        page.raw("<p>")
        page.bilingual("选择公布的 results.csv（例如从教育部门网站下载的一份）：本页逐行与本页数据比对，并用公布的随机种子重新计算每一个随机号。文件不会离开您的电脑。",
                       "Choose the published results.csv (a copy downloaded from the bureau's website, say): the page compares every row with its own data and recomputes every number from the published seed. The file does not leave your computer.")
        page.raw("</p>\n<input type=\"file\" id=\"results-file\" accept=\".csv,text/csv\" aria-label=\"results.csv\">\n<div id=\"file-report\" aria-live=\"polite\"></div>\n</section>\n")
    }

    private func method(_ page: inout HTMLBuilder) {
        page.raw("<section id=\"how\">\n")
        page.heading("h2", "本页如何计算随机号", "How this page computes a number")
        page.raw("<ol class=\"steps\">\n<li>")
        page.bilingual("密钥：K = SHA-256(随机种子 ‖ 抽签名称)，取前 8 个字节为两个小端 32 位字 k0、k1。",
                       "Key: K = SHA-256(seed ‖ lottery label); k0, k1 are its first two little-endian 32-bit words.")
        page.raw("</li>\n<li>")
        page.bilingual("计数器：H = SHA-256(学生编号)，有家庭编号时为 SHA-256(\"family:\" + 家庭编号)（同一家庭的孩子共用一个随机号），取 h0、h1。",
                       "Counter: H = SHA-256(student_id), or SHA-256(\"family:\" + family_id) when there is one (children of one family share a number); h0, h1 as above.")
        page.raw("</li>\n<li>")
        page.bilingual("随机号：(r0, r1, r2, r3) = Philox4x32-10((h0, h1, 0, 0), (k0, k1))，随机号 = r1 · 2³² + r0，写作 16 位十六进制数字；越小越靠前。",
                       "Number: (r0, r1, r2, r3) = Philox4x32-10((h0, h1, 0, 0), (k0, k1)); number = r1 · 2³² + r0, written as 16 hex digits; smaller comes first.")
        page.raw("</li>\n</ol>\n<p>")
        page.bilingual("SHA-256（FIPS 180-4）与 Philox4x32-10（Salmon 等，SC'11）都写在本页自己的脚本中，不依赖任何外部程序库；打开本页时先用公开的标准测试向量自检：",
                       "SHA-256 (FIPS 180-4) and Philox4x32-10 (Salmon et al., SC'11) are written in this page's own script, with no library; the page checks them against their published test vectors when it opens:")
        page.raw(" <span id=\"selftest\" class=\"check\"></span></p>\n<p class=\"note\">")
        page.bilingual("完整的派位协议与测试向量见 docs/lottery-protocol.md；任何人都可以用其他程序独立重算。",
                       "The whole lottery protocol and its test vectors are in docs/lottery-protocol.md; anyone can recompute them with a program of their own.")
        page.raw("</p>\n</section>\n")
    }

    // MARK: Data

    /// The embedded data, as compact JSON: see the type's discussion for the layout.
    private func data(_ page: inout HTMLBuilder) {
        var json = PageJSON()
        let stages = instance.policy.stages, schools = instance.dataset.schools
        json.raw("{\"policy\":")
        json.string(instance.policy.name)
        json.raw(",\"seed\":\"\(draw.standing.hex)\",\"draw\":{\"kind\":\"")
        json.raw(draw.ceremony.isEmpty ? "hex" : draw.commitment == nil ? "v1" : "v2")
        json.raw("\",\"base\":\"\(draw.base.hex)\",\"ceremony\":")
        json.strings(draw.ceremony)
        json.raw(",\"commitment\":")
        if let commitment = draw.commitment { json.string(commitment) } else { json.raw("null") }
        json.raw(",\"runs\":\(draw.candidateRuns),\"drawn\":\(draw.drawnIndex)},\"files\":")
        if let commitment = placement.commitment?.commitment {
            json.raw("{\"policy_sha256\":\"\(commitment.policySHA256)\",\"list\":[")
            for (n, file) in commitment.files.enumerated() {
                if n > 0 { json.raw(",") }
                json.raw("[")
                json.string(file.name)
                json.raw(",\"\(file.sha256)\"]")
            }
            json.raw("]}")
        } else {
            json.raw("null")
        }
        json.raw(",\"stages\":[")
        for (n, stage) in stages.enumerated() {
            if n > 0 { json.raw(",") }
            json.raw("[")
            json.string(stage.name)
            json.raw(",\"\(stage.kind.rawValue)\",\(stage.decidesByRound ? 1 : 0),\"\(stage.kind == .overflow ? stage.method.rawValue : "")\"]")
        }
        json.raw("],\"schools\":[")
        for (n, school) in schools.enumerated() {
            if n > 0 { json.raw(",") }
            json.raw("[")
            json.string(school.id.text)
            json.raw(",")
            json.string(school.name)
            json.raw("]")
        }
        json.raw("],\"labels\":")
        json.strings(instance.labels)
        json.raw(",\"cutoffs\":[")
        for (n, cutoff) in cutoffs.enumerated() {
            if n > 0 { json.raw(",") }
            json.raw("[\(cutoff.stage),\(cutoff.school),\(cutoff.seats),\(cutoff.applicants),\(cutoff.admitted),\(cutoff.round ?? 0),")
            json.string(cutoff.tier ?? "")
            json.raw(",\"\(cutoff.number.map(formatLotteryNumber) ?? "")\",\(cutoff.label ?? -1)]")
        }
        json.raw("],\"ids\":")
        json.strings(rows.map(\.studentID))
        json.raw(",\"outcome\":\"")
        var letters = ""
        letters.reserveCapacity(rows.count)
        for row in rows {
            letters.append(row.outcome == .placed ? "p" : row.outcome == .unplaced ? "u" : "i")
        }
        json.raw(letters)
        json.raw("\",\"school\":")
        json.integers(rows.map(\.school))
        json.raw(",\"stage\":")
        json.integers(rows.map(\.stage))
        json.raw(",\"label\":")
        json.integers(rows.map(\.label))
        json.raw(",\"number\":\"")
        var numbers = ""
        numbers.reserveCapacity(rows.count * 16)
        for row in rows {
            numbers.append(row.label >= 0 ? formatLotteryNumber(row.number) : "----------------")
        }
        json.raw(numbers)
        json.raw("\"}")
        page.raw(json.output)
    }
}

/// JSON for inside a `<script>` element: strings escape `<`, `>` and `&` too, so that no text can close
/// the element or open a comment, and U+2028 and U+2029, which older scripts read as line ends.
struct PageJSON {
    private(set) var output = ""

    mutating func raw(_ text: String) {
        output.append(text)
    }

    mutating func string(_ text: String) {
        output.append("\"")
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
            && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "&") }
        if plain {
            output.append(text)
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": output.append("\\\"")
                case "\\": output.append("\\\\")
                case "\n": output.append("\\n")
                case "\r": output.append("\\r")
                case "\t": output.append("\\t")
                case "<", ">", "&", "\u{2028}", "\u{2029}": output.append(Self.escaped(scalar.value))
                default:
                    if scalar.value < 0x20 { output.append(Self.escaped(scalar.value)) } else { output.unicodeScalars.append(scalar) }
                }
            }
        }
        output.append("\"")
    }

    mutating func strings(_ texts: [String]) {
        output.append("[")
        for (n, text) in texts.enumerated() {
            if n > 0 { output.append(",") }
            string(text)
        }
        output.append("]")
    }

    mutating func integers(_ values: [Int]) {
        output.append("[")
        for (n, value) in values.enumerated() {
            if n > 0 { output.append(",") }
            output.append(String(value))
        }
        output.append("]")
    }

    private static func escaped(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
