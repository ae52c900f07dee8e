import Foundation
import PaiweiCore
import PaiweiRuns
import PaiweiReports

/// `paiwei publish`: the public bundle of SPEC §5, only from a folder that verifies.
enum PublishCommand {
    static let help = Message("""
    Usage: paiwei publish DIR --out PUBLIC [--workers N]

    Verifies the placement folder DIR (as 'paiwei verify DIR' does) and, only if every file matches,
    writes the public bundle to the new folder PUBLIC, for the bureau's website:

      results.csv      student_id, outcome, school_id, stage, lottery_label, lottery_number — and
                       nothing else about any student
      cutoffs.csv      per school in each lottery stage: seats, applicants, admitted, and the round,
                       priority tier, number and lottery of the last admitted
      audit.json       the placement's audit record, as verified
      commitment.json  the commitment published before the ceremony, when the placement was bound to one
      index.html       one page that works offline, opened straight from the folder: a family types its
                       student_id (and family_id for twins), or opens index.html#student=ID or
                       index.html#family=ID, and sees its result, its number recomputed in the page from
                       the published seed beside the published one, and the cutoff it was measured
                       against, in Chinese and English

    Exit status: 0 written; 1 DIR does not verify (nothing is written); 2 no readable audit record.
    """, """
    用法：paiwei publish DIR --out PUBLIC [--workers N]

    核验派位结果文件夹 DIR（与 'paiwei verify DIR' 相同），只有每个文件都一致时，才把公布用的
    文件写到新文件夹 PUBLIC，供教育部门网站使用：

      results.csv      student_id、outcome、school_id、stage、lottery_label、lottery_number——
                       不含学生的任何其他信息
      cutoffs.csv      每个摇号阶段的每所学校：学位数、申请人数、录取人数，以及末位录取者的轮次、
                       优先类别、随机号和所在的摇号
      audit.json       经核验的派位审计记录
      commitment.json  派位与承诺绑定时，派位仪式之前公布的承诺
      index.html       一个不联网、直接从文件夹打开即可使用的网页：家庭输入学生编号（双胞胎另输入
                       家庭编号），或打开 index.html#student=ID 或 index.html#family=ID，即可看到结果、
                       在网页中由公布的随机种子重新计算并与公布值并列的随机号，以及据以比较的录取线，
                       中英文对照

    退出状态：0 已写出；1 DIR 未通过核验（不写任何文件）；2 没有可读的审计记录。
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["out", "workers"], positionals: 1)
        guard let folder = arguments.positionals.first else {
            throw UsageError(Message("name the placement folder to publish", "请给出要公布的派位结果文件夹"))
        }
        let out = try arguments.required("out")
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        try PlacementReport.refuseExisting(out)
        let bundle: PublicBundle
        do {
            bundle = try PublicBundle.make(from: URL(fileURLWithPath: folder), workers: workers)
        } catch let error as PublishError {
            Console.error(Message("paiwei publish: ", "paiwei publish：") + error.message)
            return .failure
        }
        let files = bundle.files()
        try OutputFolder.write(files, to: URL(fileURLWithPath: out))
        Console.out(Message("Verified \(folder); the public bundle is in \(out)/:", "\(folder) 已通过核验；公布用的文件在 \(out)/ 中："))
        for file in files {
            let name = file.name.padding(toLength: 16, withPad: " ", startingAt: 0), size = NumberText.grouped(file.bytes.count).leftPadded(12)
            Console.out(Message("  \(name) \(size) bytes", "  \(name) \(size) 字节"))
        }
        Console.out(Message("Open \(out)/\(PublicBundle.pageFile) in a browser; a family's own link is \(PublicBundle.pageFile)#student=<student_id>.",
                            "用浏览器打开 \(out)/\(PublicBundle.pageFile)；每个家庭的专属链接为 \(PublicBundle.pageFile)#student=<学生编号>。"))
        return .ok
    }
}
