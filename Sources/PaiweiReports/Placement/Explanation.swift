import PaiweiCore
import PaiweiRuns
/// For one student, in plain words, in Chinese or English or both: screening, each stage they took part in,
/// their priority tier and lottery number there, the school's cutoff, and why they were or were not
/// admitted. What `paiwei explain` prints for a family.
public struct Explanation: Sendable {
    public let instance: PlacementInstance
    public let result: PlacementResult
    public let student: Int

    public init(instance: PlacementInstance, result: PlacementResult, student: Int) {
        self.instance = instance
        self.result = result
        self.student = student
    }

    /// Finds a student by id; nil when there is none.
    public init?(instance: PlacementInstance, result: PlacementResult, studentID: String) {
        guard let index = instance.dataset.students.firstIndex(where: { $0.id == Identifier(studentID) }) else { return nil }
        self.init(instance: instance, result: result, student: index)
    }

    private var schools: [School] { instance.dataset.schools }
    private func school(_ index: Int32) -> String {
        let s = schools[Int(index)]
        return s.name.utf8.elementsEqual(s.id.utf8) ? s.id.text : "\(s.id) (\(s.name))"
    }

    private func tier(_ tier: Int32, _ stage: Stage) -> (zh: String, en: String) {
        guard Int(tier) < stage.priority.count else { return ("无优先", "no priority") }
        let rule = stage.priority[Int(tier)].description
        return ("优先类别 \(rule)", "priority '\(rule)'")
    }

    /// The points part of a key where the stage orders by points (积分), else nothing.
    private func points(_ key: AdmissionKey, _ stage: Stage) -> (zh: String, en: String) {
        guard stage.ordersByPoints else { return ("", "") }
        let points = Points(hundredths: key.points).description
        return ("积分 \(points)，", "points \(points), ")
    }

    /// Both languages, each line in Chinese and then in English (a line that is only data, once).
    public func text() -> String {
        render(messages().flatMap { $0.english == $0.text(in: .chinese) ? [$0.english] : [$0.text(in: .chinese), $0.english] })
    }

    /// In one language: what `paiwei explain` prints (SPEC §7).
    public func text(in language: Language) -> String {
        render(messages().map { $0.text(in: language) })
    }

    private func render(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    /// The explanation, line by line.
    public func messages() -> [Message] {
        var lines: [Message] = []
        let me = instance.dataset.students[student]
        let files = PlacementFiles(instance: instance, result: result)
        lines.append(Message("Student \(me.id) — policy '\(instance.policy.name)', seed \(result.seed.hex)",
                             "学生 \(me.id)——政策“\(instance.policy.name)”，随机种子 \(result.seed.hex)"))
        switch files.outcome(student) {
        case .placed:
            let stage = instance.policy.stages[Int(result.placingStage[student])].name
            lines.append(Message("Outcome: admitted to \(school(result.school[student])) in stage '\(stage)'.",
                                 "结果：在“\(stage)”阶段被 \(school(result.school[student])) 录取。"))
        case .unplaced:
            lines.append(Message("Outcome: not admitted to any school (\(files.reason(student))).",
                                 "结果：未被任何学校录取（\(files.reason(student))）。"))
        case .ineligible:
            lines.append(Message("Outcome: not eligible for admission in this district (\(files.reason(student))).",
                                 "结果：不符合本区入学资格（\(files.reason(student))）。"))
        }
        lines.append(Message(verbatim: ""))
        lines.append(screeningLine())
        guard !instance.screening[student].isIneligible else { return lines }

        for (index, stage) in instance.policy.stages.enumerated() {
            lines.append(Message(verbatim: ""))
            lines.append(Message("Stage \(index + 1): \(stage.name) (\(stage.kind.rawValue))", "阶段 \(index + 1)：\(stage.name)（\(stage.kind.rawValue)）"))
            lines += stageLines(index, stage)
            if result.isPlaced(student, byStage: index) { break }
        }
        return lines
    }

    private func screeningLine() -> Message {
        let zone = instance.dataset.zones[Int(instance.effectiveZone[student])]
        switch instance.screening[student] {
        case .eligible:
            return Message("Screening: eligible, taking part with zone \(zone.id).", "资格审核：通过，按所在片区 \(zone.id) 参加。")
        case .redirected:
            return Message("Screening: eligible; by the policy's redirect rule placed with the multi zone \(zone.id).",
                           "资格审核：通过；按政策转入多校划片片区 \(zone.id) 统筹安排（\"redirected\"）。")
        case .noZoneRight(let reason):
            return Message("Screening: eligible, but without a zone right (\(reason.code)): only single-choice lotteries and district-wide overflow.",
                           "资格审核：通过，但无片区入学资格（\(reason.code)）：只参加单一志愿摇号和全区统筹安排。")
        case .ineligible(let reason):
            return Message("Screening: not eligible (\(reason.code)).", "资格审核：未通过（\(reason.code)）。")
        }
    }

    private func stageLines(_ index: Int, _ stage: Stage) -> [Message] {
        let record = result.stages[index]
        let s = Int32(student)
        if stage.kind == .overflow {
            guard let entry = record.overflowEntries.first(where: { $0.student == s }) else {
                return [Message("Did not take part (already placed, or outside this stage's scope).", "未参加（已录取、或不在本阶段范围内）。")]
            }
            let label = instance.labels[Int(entry.label)]
            let t = tier(entry.key.tier, stage), p = points(entry.key, stage)
            let number = formatLotteryNumber(entry.key.number)
            var lines = [Message("Took part: lottery \(label), \(t.en), \(p.en)number \(number).",
                                 "参加统筹安排：摇号 \(label)，\(t.zh)，\(p.zh)随机号 \(number)。")]
            let placedHere = result.isPlaced(student, byStage: index)
            switch (stage.method, placedHere) {
            case (.nearestByLottery, true):
                let metres = Int(result.overflowDistance[student])
                lines.append(Message("In turn, given the nearest school with a free seat: \(school(result.school[student])), \(metres) m from home.",
                                     "按顺序分到有空余学位的最近学校 \(school(result.school[student]))，距离 \(metres) 米。"))
            case (.nearestByLottery, false):
                lines.append(Message("When this student's turn came, no school in scope had a free seat.", "轮到该生时，范围内学校均无空余学位。"))
            case (.minTotalDistance, true):
                let metres = Int(result.overflowDistance[student])
                let goal = stage.objective == .maxThenTotal ? ("先使最远距离最小、再使总距离最小", "the least longest distance, then the least total")
                                                            : ("总距离最小", "the least total distance")
                lines.append(Message("Placed by the assignment of \(goal.1) at \(school(result.school[student])), \(metres) m from home (proof of optimality: overflow_certificate.json).",
                                     "按\(goal.0)的整体方案分到 \(school(result.school[student]))，距离 \(metres) 米（最优性证明见 overflow_certificate.json）。"))
            case (.minTotalDistance, false):
                lines.append(Message("Seats in scope ran short: the students before this one in the admission order took every seat they could use.",
                                     "范围内学位不足：按录取顺序，排在前面的学生已占满可用学位。"))
            }
            return lines
        }
        let applications = record.applications.filter { $0.student == s }
        guard !applications.isEmpty else {
            return [Message("Did not take part (no choice for it, not qualified for it, or already placed).", "未参加（没有相应志愿、不符合条件、或已录取）。")]
        }
        let summaries = result.schoolSummaries(stage: index, schools: schools.count)
        let mechanism = stage.multiZoneRule?.mechanism
        let trade = mechanism == .topTradingCycles ? record.trades.first { $0.student == s } : nil
        var lines: [Message] = []
        for application in applications {
            let admitted = result.isPlaced(student, byStage: index) && result.school[student] == application.school
            let label = instance.labels[Int(application.label)]
            let t = tier(application.key.tier, stage), p = points(application.key, stage)
            let number = formatLotteryNumber(application.key.number)
            let round = stage.decidesByRound ? "第\(application.key.round + 1)轮 " : ""
            let roundEn = round.isEmpty ? "" : "round \(application.key.round + 1), "
            lines.append(Message("Applied to \(school(application.school)): \(roundEn)lottery \(label), \(t.en), \(p.en)number \(number).",
                                 "申请 \(school(application.school))：\(round)摇号 \(label)，\(t.zh)，\(p.zh)随机号 \(number)。"))
            let summary = summaries[Int(application.school)]
            if mechanism == .topTradingCycles {
                lines += tradingLines(admitted ? trade : nil)
                continue
            }
            if admitted {
                if summary.cutoff == nil {
                    lines.append(Message("→ Admitted: \(summary.applicants) applicants for enough seats, all admitted.",
                                         "→ 录取：申请人数 \(summary.applicants) 未超过学位，全部录取。"))
                } else {
                    lines.append(Message("→ Admitted: within the cutoff (\(summary.applicants) applicants, \(summary.admitted) admitted).",
                                         "→ 录取：排在录取线之内（共 \(summary.applicants) 人申请，录取 \(summary.admitted) 人）。"))
                }
            } else if let cutoff = summary.cutoff {
                let ct = tier(cutoff.tier, stage), cp = points(cutoff, stage)
                let cutRound = round.isEmpty ? "" : "第\(cutoff.round + 1)轮 "
                let cutRoundEn = round.isEmpty ? "" : "round \(cutoff.round + 1), "
                let cutNumber = formatLotteryNumber(cutoff.number)
                lines.append(Message("→ Not admitted: the cutoff is \(cutRoundEn)\(ct.en), \(cp.en)number \(cutNumber); this student comes after it (\(summary.applicants) applicants, \(summary.admitted) admitted).",
                                     "→ 未录取：录取线为 \(cutRound)\(ct.zh)、\(cp.zh)随机号 \(cutNumber)，该生排在其后（共 \(summary.applicants) 人申请，录取 \(summary.admitted) 人）。"))
            } else {
                lines.append(Message("→ Not admitted: the school had no free seat in this stage.", "→ 未录取：该校在本阶段没有空余学位。"))
            }
        }
        if case .parallel(let e)? = mechanism {
            lines += parallelLines(applications, e: e, placed: result.isPlaced(student, byStage: index))
        }
        return lines
    }

    /// How the parallel mechanism (平行志愿) decided: the round that admitted the student, or that none did.
    private func parallelLines(_ applications: [Application], e: Int, placed: Bool) -> [Message] {
        guard placed, let last = applications.last else {
            return [Message("Parallel mechanism (\(e) choices per round): not admitted in any round; the seats held at the end of each round were final.",
                            "平行志愿（每轮 \(e) 个志愿）：各轮均未录取；每轮结束时被录取者的学位即为最终结果。")]
        }
        let round = Int(last.key.round) + 1, first = (round - 1) * e + 1, rank = Int(result.preferenceRank[student])
        return [Message("Admitted in round \(round) of the parallel mechanism (\(e) choices per round: counted preferences \(first)–\(first + e - 1)), at preference \(rank); a seat held at the end of a round is final.",
                        "平行志愿（每轮 \(e) 个志愿）：第 \(round) 轮（第 \(first)–\(first + e - 1) 志愿）录取于第 \(rank) 志愿；该轮结束时持有的学位即为最终结果。")]
    }

    /// How top trading cycles decided at one school the student pointed to: the trade that placed them
    /// there (`trade`), or that its seats were gone first.
    private func tradingLines(_ trade: Trade?) -> [Message] {
        guard let trade else {
            return [Message("→ Not admitted: the school's seats were all traded away while this student pointed to it (top trading cycles).",
                            "→ 未录取：该生指向该校期间，该校学位已在交易循环中用完（顶层交易循环）。")]
        }
        guard trade.partner != trade.student else {
            return [Message("→ Admitted by top trading cycles on this student's own place: first among the school's remaining applicants, no trade needed.",
                            "→ 录取（顶层交易循环）：该生是该校剩余申请者中排序第一的，以本人顺位录取，无需交易。")]
        }
        let partner = instance.dataset.students[Int(trade.partner)].id
        let offered = school(trade.offered)
        return [Message("→ Admitted by top trading cycles: traded with \(partner) — took the first place here, which was \(partner)'s, and gave up this student's first place at \(offered), in a cycle of \(trade.cycleLength) students.",
                        "→ 录取（顶层交易循环）：与 \(partner) 交换——得到本校原属 \(partner) 的第一顺位，让出该生在 \(offered) 的第一顺位（\(trade.cycleLength) 名学生的交易循环）。")]
    }
}
