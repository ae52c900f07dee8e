import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// Dispatches `paiwei <command> …` and maps every error to its exit status.
enum Command {
    static let overview = """
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
      forecast          seat-shortage warnings (学位预警) per school and zone for the coming years
      generate          write a synthetic district dataset
      policy show NAME  print a preset policy as JSON (edit it and pass the file to --policy)
      policy list       list the preset policies

    Run 'paiwei <command> --help' for the options of a command.
    --lang zh|en chooses the language of messages (default: from LC_ALL, LC_MESSAGES, LANG).
    Exit status: 0 ok, 1 failure, 2 bad input or usage.
    """

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
            if let help = help(for: name, rest) {
                Console.out(help)
                return .ok
            }
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
                throw UsageError("unknown command '\(name)'")
            }
        } catch let error as UsageError {
            Console.error("paiwei \(name): \(error)\nRun 'paiwei \(name) --help' for usage.")
            return .badInput
        } catch let error as InputProblems {
            Console.error(error.description(in: Console.language))
            let n = error.problems.count
            Console.error(Message("paiwei: \(Console.count(n)) problem\(n == 1 ? "" : "s") in the input; nothing was placed and nothing was written.",
                                  "paiwei：输入中有 \(Console.count(n)) 处问题；未派位，也未写出任何文件。"))
            return .badInput
        } catch let error as PromiseViolation {
            Console.error("paiwei: \(error)")
            return .failure
        } catch {
            Console.error("paiwei \(name): \(error)")
            return .failure
        }
    }

    static func help(for name: String, _ rest: ArraySlice<String>) -> String? {
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
