import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// Dispatches `paiwei <command> …` and maps every error to its exit status.
enum Command {
    static let overview = Message("""
    paiwei — school placement by published rules and re-runnable lotteries (派位)

    Usage: paiwei <command> [options]

    Commands:
      demo              place the bundled sample district and show where the results are
      commit            the commitment to publish before the ceremony: policy and data digests
      place             run the final placement of a district with a published seed
      check             validate a dataset against a policy without placing anyone
      verify DIR        re-run a placement from its output folder and check every file
      publish DIR       the public bundle of a verified placement: results, cutoffs, a page for families
      explain           say, for one student, what happened in each stage and why
      lottery-number    compute one student's number in one lottery from the published seed
      simulate          run the whole placement many times: odds per student, pressure per school
      merge             add up simulation slices run as an array job
      forecast          seat-shortage warnings per school and zone for the coming years
      generate          write a synthetic district dataset
      policy show NAME  print a preset policy as JSON (edit it and pass the file to --policy)
      policy list       list the preset policies

    Run 'paiwei <command> --help' or 'paiwei help <command>' for the options of a command.
    --lang zh|en chooses the language of messages (default: from LC_ALL, LC_MESSAGES, LANG).
    Exit status: 0 ok, 1 failure, 2 bad input or usage.
    """, """
    paiwei — 按公布的规则和可重算的摇号进行派位

    用法：paiwei <命令> [选项]

    命令：
      demo              对随附的示例区县派位，并说明结果在哪里
      commit            派位仪式之前公布的承诺：政策与数据的摘要
      place             用公布的随机种子对全区进行正式派位
      check             按政策检查数据，不派位
      verify DIR        从结果文件夹重新运行派位，逐个核验每个文件
      publish DIR       已通过核验的派位结果的公布文件：结果、录取线、供家庭查询的网页
      explain           说明某个学生在每个阶段的情况及原因
      lottery-number    由公布的随机种子计算某个学生在某次摇号中的随机号
      simulate          将整个派位模拟多次：每个学生的概率、每所学校的压力
      merge             合并分批（作业数组）运行的模拟结果
      forecast          预测未来几年各学校、各片区的学位预警
      generate          生成一个模拟的区县数据
      policy show NAME  以 JSON 显示预设政策（修改后可用 --policy 传入该文件）
      policy list       列出所有预设政策

    运行 'paiwei <命令> --help' 或 'paiwei help <命令>' 查看该命令的选项。
    --lang zh|en 选择提示信息的语言（默认依据 LC_ALL、LC_MESSAGES、LANG）。
    退出状态：0 成功，1 失败，2 输入有误或用法错误。
    """)

    static func run(_ given: [String]) -> ExitStatus {
        // --lang is read by Console.language; no command sees it.
        var arguments: [String] = []
        var skip = false
        for (index, argument) in given.enumerated() {
            if skip { skip = false; continue }
            if argument == "--lang" && index + 1 < given.count { skip = true; continue }
            if argument.hasPrefix("--lang=") { continue }
            arguments.append(argument)
        }
        guard let name = arguments.first else {
            Console.out(overview)
            return .ok
        }
        let rest = arguments.dropFirst()
        if rest.contains("--help") || rest.contains("-h") {
            if let help = help(for: name) {
                Console.out(help)
                return .ok
            }
        }
        // `paiwei help CMD` is `paiwei CMD --help`.
        if name == "help", let command = rest.first, let help = help(for: command) {
            Console.out(help)
            return .ok
        }
        do {
            switch name {
            case "--help", "-h", "help":
                Console.out(overview)
                return .ok
            case "demo": return try DemoCommand.run(rest)
            case "commit": return try CommitCommand.run(rest)
            case "place": return try PlaceCommand.run(rest)
            case "check": return try CheckCommand.run(rest)
            case "verify": return try VerifyCommand.run(rest)
            case "publish": return try PublishCommand.run(rest)
            case "explain": return try ExplainCommand.run(rest)
            case "lottery-number": return try LotteryNumberCommand.run(rest)
            case "generate": return try GenerateCommand.run(rest)
            case "simulate": return try SimulateCommand.run(rest)
            case "merge": return try MergeCommand.run(rest)
            case "forecast": return try ForecastCommand.run(rest)
            case "policy": return try PolicyCommand.run(rest)
            default:
                throw UsageError(Message("unknown command '\(name)'", "未知命令“\(name)”"))
            }
        } catch let error as UsageError {
            Console.error(Message("paiwei \(name): ", "paiwei \(name)：") + error.message)
            Console.error(Message("Run 'paiwei \(name) --help' for usage.", "运行 'paiwei \(name) --help' 查看用法。"))
            return .badInput
        } catch let error as InputProblems {
            Console.error(Message(verbatim: error.description(in: Console.language)))
            let n = error.problems.count
            Console.error(Message("paiwei: \(Console.count(n)) problem\(n == 1 ? "" : "s") in the input; nothing was placed and nothing was written.",
                                  "paiwei：输入中有 \(Console.count(n)) 处问题；未派位，也未写出任何文件。"))
            return .badInput
        } catch let error as PromiseViolation {
            Console.error(Message("paiwei: ", "paiwei：") + error.message)
            return .failure
        } catch let error as BilingualError {
            Console.error(Message("paiwei \(name): ", "paiwei \(name)：") + error.message)
            return .failure
        } catch {
            // Only errors of the system or Foundation arrive here; their text is theirs, in English.
            Console.error(Message("paiwei \(name): \(error)", "paiwei \(name)：出错：\(error)"))
            return .failure
        }
    }

    static func help(for name: String) -> Message? {
        switch name {
        case "demo": DemoCommand.help
        case "commit": CommitCommand.help
        case "place": PlaceCommand.help
        case "check": CheckCommand.help
        case "verify": VerifyCommand.help
        case "publish": PublishCommand.help
        case "explain": ExplainCommand.help
        case "lottery-number": LotteryNumberCommand.help
        case "generate": GenerateCommand.help
        case "simulate": SimulateCommand.help
        case "merge": MergeCommand.help
        case "forecast": ForecastCommand.help
        case "policy": PolicyCommand.help
        default: nil
        }
    }
}
