import Foundation
import PaiweiCore
import PaiweiRuns
import PaiweiReports

/// `paiwei publish`: the public bundle of SPEC §5, only from a folder that verifies.
enum PublishCommand {
    static let help = """
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
    """

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
            Console.error(Message("paiwei publish: ", "paiwei publish：").text(in: Console.language) + error.message.text(in: Console.language))
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
