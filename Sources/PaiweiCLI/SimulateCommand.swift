import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei simulate`: the nightly simulation of the whole placement on the registrations so far.
enum SimulateCommand {
    static let help = Message("""
    Usage: paiwei simulate --data DIR --policy NAME|FILE --seed HEX --replications N [--workers N]
                           [--replication-range A..<B] --out DIR

    Runs the whole placement N times; replication r uses seed_r = SHA-256(seed ‖ "replication" ‖ r),
    so it is exactly 'paiwei place' with that seed. Writes per student the probability of each outcome
    (student_odds.csv), per school and stage the probability of being oversubscribed with applicants
    and seats filled (school_pressure.csv), per zone the expected overflow and unplaced
    (zone_pressure.csv), summary.json, and tally.txt for 'paiwei merge'. Probabilities carry a 95%
    Wilson interval. Results are identical for any --workers and any row order of the input files.

    Options:
      --replications N         replications 0..<N
      --replication-range A..<B  only replications A..<B (a slice of an array job; merge the slices)
      --workers N              threads (default: all cores)
      --compare-mechanism      also run every replication with the multi-zone stages under the other
                               mechanism (immediate ↔ deferred acceptance) and write
                               mechanism_comparison.csv: first choices, overflow, unplaced, better off
      --mechanisms LIST        run every replication under each mechanism of LIST, e.g.
                               immediate_acceptance,deferred_acceptance,parallel:2,top_trading_cycles,
                               and write mechanism_comparison.csv: 1st, 2nd, … choices, overflow,
                               unplaced, justified-envy pairs, better and worse off than the first
    """, """
    用法：paiwei simulate --data DIR --policy NAME|FILE --seed HEX --replications N [--workers N]
                          [--replication-range A..<B] --out DIR

    将整个派位运行 N 次；第 r 次模拟使用随机种子 seed_r = SHA-256(seed ‖ "replication" ‖ r)，
    因此与用该种子运行 'paiwei place' 完全相同。写出每个学生各种结果的概率（student_odds.csv），
    每所学校每个阶段超额的概率及申请人数和已录取学位（school_pressure.csv），每个片区预期的
    统筹安排人数和未录取人数（zone_pressure.csv）、summary.json，以及供 'paiwei merge' 使用的
    tally.txt。概率附 95% Wilson 区间。无论 --workers 为多少、输入文件的行顺序如何，结果都相同。

    选项：
      --replications N         第 0..<N 次模拟
      --replication-range A..<B  只运行第 A..<B 次模拟（作业数组中的一批；之后合并各批）
      --workers N              线程数（默认：全部核心）
      --compare-mechanism      对每次模拟，再用另一种机制（志愿优先 ↔ 延迟接受）运行多校划片阶段，
                               写出 mechanism_comparison.csv：第一志愿、统筹安排、未录取、结果更好的人数
      --mechanisms LIST        对每次模拟，用 LIST 中的每种机制各运行一次多校划片阶段，例如
                               immediate_acceptance,deferred_acceptance,parallel:2,top_trading_cycles，
                               写出 mechanism_comparison.csv：第 1、2……志愿、统筹安排、未录取、
                               合理嫉妒对数、比第一种机制更好和更差的人数
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "seed", "replications", "replication-range", "workers", "out", "mechanisms"],
                                      flags: ["compare-mechanism"])
        let data = try arguments.required("data")
        let policy = try arguments.required("policy")
        let out = try arguments.required("out")
        let hex = try arguments.required("seed")
        guard let seed = LotterySeed(hex: hex) else { throw UsageError(.seedDigits(hex)) }
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let range: Range<Int>
        if let text = try arguments.value("replication-range") {
            guard let parsed = parseRange(text) else {
                throw UsageError(Message("--replication-range must look like 0..<500, not '\(text)'", "--replication-range 的格式应为 0..<500，而不是“\(text)”"))
            }
            if try arguments.value("replications") != nil {
                throw UsageError(Message("give --replications or --replication-range, not both", "--replications 与 --replication-range 只能给出其一"))
            }
            range = parsed
        } else {
            // Checked before the range is made: 0..<-1 would trap.
            let count = try arguments.integer("replications", default: -1, range: 1...10_000_000)
            if count < 0 { throw UsageError(Message("--replications is required", "必须给出 --replications")) }
            range = 0..<count
        }
        // Leftovers of killed runs go first, whatever this run comes to (docs/outputs.md).
        OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out))
        if FileManager.default.fileExists(atPath: out) { throw UsageError(.exists(out)) }

        let session = try PlacementSession.prepare(data: URL(fileURLWithPath: data), policy: policy, workers: workers)

        Console.readingNotices(session.inputs.dataset)
        let progress = ProgressBar(total: range.count, unit: .replications)
        let clock = ContinuousClock()
        let start = clock.now
        var trial: MechanismTrial?
        let list = try arguments.value("mechanisms")
        if arguments.has("compare-mechanism") {
            if list != nil { throw UsageError(Message("give --mechanisms or --compare-mechanism, not both", "--mechanisms 与 --compare-mechanism 只能给一个")) }
            guard session.instance.policy.stages.contains(where: { $0.kind == .multiZone }) else {
                throw UsageError(Message("--compare-mechanism needs a policy with a multi_zone stage", "--compare-mechanism 需要含多校划片（multi_zone）阶段的政策"))
            }
            do throws(MechanismTrial.Refusal) {
                trial = try MechanismTrial.twoWay(session.instance, workers: workers)
            } catch {
                throw UsageError(Message(verbatim: "--compare-mechanism: ") + error.message)
            }
        } else if let list {
            let choices = try Self.mechanisms(list)
            do throws(MechanismTrial.Refusal) {
                trial = try MechanismTrial.prepare(session.instance, mechanisms: choices, workers: workers)
            } catch {
                throw UsageError(Message("--mechanisms: " + error.message.english, "--mechanisms：" + error.message.text(in: .chinese)))
            }
        }
        let tally = try Simulation.run(instance: session.instance, seed: seed, replications: range, workers: workers,
                                       comparing: trial) { progress.update($0) }
        let elapsed = clock.now - start
        let identity = SimulationIdentity(fileDigests: session.instance.dataset.fileDigests, policy: session.instance.policy, seed: seed)
        let files = SimulationFiles(instance: session.instance, seed: seed, tally: tally, identity: identity)
        let rendered = files.render()
        try OutputFolder.write(rendered, to: URL(fileURLWithPath: out))
        let seconds = ProgressBar.seconds(elapsed)
        let students = Console.count(session.instance.dataset.students.count), replications = "\(range.lowerBound)..<\(range.upperBound)"
        let time = FixedDecimal.string(seconds, decimals: 1), rate = FixedDecimal.string(Double(range.count) / max(seconds, 1e-9), decimals: 0)
        Console.out(Message("Simulated replications \(replications) of \(students) students in \(time) s (\(rate) replications/s, \(workers) worker\(workers == 1 ? "" : "s")).",
                            "已完成 \(students) 名学生的第 \(replications) 次模拟，用时 \(time) 秒（每秒 \(rate) 次模拟，\(workers) 个线程）。"))
        report(files)
        if let comparison = tally.comparison, !comparison.isTwoWay {
            let k = comparison.longestList
            for (m, mechanism) in comparison.mechanisms.enumerated() {
                let h = comparison.histograms[m]
                let first = FixedDecimal.string(h[0].mean, decimals: 1), overflow = FixedDecimal.string(h[k].mean, decimals: 1)
                let unplaced = FixedDecimal.string(h[k + 1].mean, decimals: 1), envy = FixedDecimal.string(h[k + 2].mean, decimals: 1)
                let better = FixedDecimal.string(h[k + 3].mean, decimals: 1), worse = FixedDecimal.string(h[k + 4].mean, decimals: 1)
                Console.out(Message("  \(mechanism): first choice \(first), overflow \(overflow), unplaced \(unplaced), justified-envy pairs \(envy), better off than under \(comparison.mechanisms[0]) \(better), worse off \(worse) (means per replication)",
                                    "  \(mechanism)（\(mechanism.mechanism.chinese)）：第一志愿 \(first)，统筹安排 \(overflow)，未录取 \(unplaced)，合理嫉妒对 \(envy)，比 \(comparison.mechanisms[0]) 结果更好 \(better)、更差 \(worse)（每次模拟的平均人数）"))
            }
        } else if let comparison = tally.comparison {
            for (m, mechanism) in comparison.mechanisms.enumerated() {
                let h = comparison.histograms[m]
                let first = FixedDecimal.string(h[0].mean, decimals: 1), overflow = FixedDecimal.string(h[1].mean, decimals: 1)
                let unplaced = FixedDecimal.string(h[2].mean, decimals: 1), better = FixedDecimal.string(h[3].mean, decimals: 1)
                Console.out(Message("  \(mechanism): first choice \(first), overflow \(overflow), unplaced \(unplaced), better off than under the other \(better) (means per replication)",
                                    "  \(mechanism)（\(mechanism.mechanism.chinese)）：第一志愿 \(first)，统筹安排 \(overflow)，未录取 \(unplaced)，比另一种机制结果更好 \(better)（每次模拟的平均人数）"))
            }
        }
        Console.out(.results(out + "/", rendered.map(\.name).joined(separator: ", ")))
        return .ok
    }

    /// `--mechanisms`: a comma-separated list, each known and none twice.
    static func mechanisms(_ text: String) throws -> [MechanismChoice] {
        var choices: [MechanismChoice] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmingCharacters(in: .whitespaces) }) {
            guard let choice = MechanismChoice(item) else {
                throw UsageError(Message("--mechanisms: '\(item)' is not a mechanism (one of: immediate_acceptance, deferred_acceptance, parallel:E with E ≥ 1, top_trading_cycles)",
                                         "--mechanisms：“\(item)”不是录取机制（可选：immediate_acceptance、deferred_acceptance、parallel:E（E ≥ 1）、top_trading_cycles）"))
            }
            guard !choices.contains(choice) else {
                throw UsageError(Message("--mechanisms: '\(item)' is listed twice", "--mechanisms：“\(item)”列出了两次"))
            }
            choices.append(choice)
        }
        return choices
    }

    static func parseRange(_ text: String) -> Range<Int>? {
        let parts = text.components(separatedBy: "..<")
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low >= 0, low < high else { return nil }
        return low..<high
    }

    static func report(_ files: SimulationFiles) {
        let summary = files.summary()
        if case .object(let expected)? = summary["expected_per_replication"] {
            for (name, value) in expected {
                guard case .double(let v) = value else { continue }
                let mean = FixedDecimal.string(v, decimals: 1)
                let words = SimulationFiles.outcomeNames[name] ?? (chinese: name, english: name.replacingOccurrences(of: "_", with: " "))
                Console.out(Message("  \(words.english): \(mean) students on average", "  \(words.chinese)：平均 \(mean) 名学生"))
            }
        }
    }
}

/// `paiwei merge`: adds up simulation slices into exactly the result of one run over all of them.
enum MergeCommand {
    static let help = Message("""
    Usage: paiwei merge --data DIR --policy NAME|FILE --out DIR SLICE_DIR…

    Combines the output folders of 'paiwei simulate --replication-range' runs (same data, policy and
    seed; replication ranges must not overlap) into the output of one run over all their replications,
    byte for byte. See docs/simulation.md for running slices as an array job.
    """, """
    用法：paiwei merge --data DIR --policy NAME|FILE --out DIR SLICE_DIR…

    把 'paiwei simulate --replication-range' 各批运行的结果文件夹（相同的数据、政策和随机种子；
    模拟范围不能重叠）合并为一次运行全部模拟的结果，逐字节相同。分批作为作业数组运行的方法
    见 docs/simulation.md。
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "out", "workers"], positionals: 100_000)
        let out = try arguments.required("out")
        guard !arguments.positionals.isEmpty else { throw UsageError(Message("name the slice folders to merge", "请给出要合并的各批模拟结果文件夹")) }
        // Leftovers of killed runs go first, whatever this run comes to (docs/outputs.md).
        OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out))
        if FileManager.default.fileExists(atPath: out) { throw UsageError(.exists(out)) }
        let session = try PlacementSession.prepare(data: URL(fileURLWithPath: try arguments.required("data")), policy: try arguments.required("policy"), workers: 1)
        Console.readingNotices(session.inputs.dataset)
        var total: SimulationTally?
        var identity: SimulationIdentity?
        for folder in arguments.positionals {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(SimulationTally.fileName).path
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw UsageError(Message("\(path): no tally here; is \(folder) the output of 'paiwei simulate'?",
                                         "\(path)：此处没有模拟计数文件；\(folder) 是 'paiwei simulate' 的结果文件夹吗？"))
            }
            guard let (tally, sliceIdentity) = SimulationTally.decode(Array(bytes)) else {
                throw UsageError(Message("\(path): not a readable tally file", "\(path)：不是可读的模拟计数文件"))
            }
            let seed = LotterySeed(hex: sliceIdentity.seed)
            let expected = seed.map { SimulationIdentity(fileDigests: session.instance.dataset.fileDigests, policy: session.instance.policy, seed: $0) }
            guard let expected, expected == sliceIdentity else {
                throw UsageError(Message("\(path): made from other inputs, policy or seed than --data and --policy here",
                                         "\(path)：所用的输入、政策或随机种子与此处的 --data 和 --policy 不同"))
            }
            guard tally.students == session.instance.dataset.students.count, tally.schools == session.instance.dataset.schools.count,
                  tally.stages == session.instance.policy.stages.count, tally.zones == session.instance.dataset.zones.count else {
                throw UsageError(Message("\(path): does not fit this dataset and policy", "\(path)：与此数据和政策不符"))
            }
            if var sum = total {
                if (sum.comparison == nil) != (tally.comparison == nil) || sum.comparison.map({ !$0.fits(tally.comparison!) }) == true {
                    throw UsageError(Message("\(folder) was run with a different --compare-mechanism or --mechanisms setting than the other slices",
                                             "\(folder) 运行时的 --compare-mechanism 或 --mechanisms 设置与其他各批不同"))
                }
                if sum.overlaps(tally) { throw UsageError(Message("\(folder) repeats replications already merged", "\(folder) 与已合并的模拟重复")) }
                sum.merge(tally)
                total = sum
            } else {
                total = tally
                identity = sliceIdentity
            }
        }
        var merged = total!
        merged.normalize()
        let files = SimulationFiles(instance: session.instance, seed: LotterySeed(hex: identity!.seed)!, tally: merged, identity: identity!)
        try OutputFolder.write(files.render(), to: URL(fileURLWithPath: out))
        let slices = arguments.positionals.count, ranges = merged.ranges.map { "\($0.lowerBound)..<\($0.upperBound)" }.joined(separator: ", ")
        Console.out(Message("Merged \(slices) slices: replications \(ranges) (\(Console.count(merged.replications)) in all).",
                            "已合并 \(slices) 批：第 \(ranges) 次模拟（共 \(Console.count(merged.replications)) 次）。"))
        Console.out(.results(out + "/"))
        return .ok
    }
}
