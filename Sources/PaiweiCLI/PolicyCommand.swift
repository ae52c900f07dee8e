import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei policy show NAME` and `paiwei policy list`.
enum PolicyCommand {
    static let help = Message("""
    Usage: paiwei policy show NAME
           paiwei policy list

    'show' prints the preset as JSON with every field written out, defaults included;
    save it, edit it, and pass the file to --policy. 'list' names every preset.
    """, """
    用法：paiwei policy show NAME
          paiwei policy list

    'show' 以 JSON 显示预设政策，写出每个字段（包括默认值）；保存、修改后用 --policy 传入该文件。
    'list' 列出所有预设政策。
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: [], positionals: 2)
        switch arguments.positionals.first {
        case "list":
            guard arguments.positionals.count == 1 else { throw UsageError(Message("'policy list' takes no argument", "'policy list' 不接受参数")) }
            let width = PolicyPreset.allCases.map(\.rawValue.count).max() ?? 0
            for preset in PolicyPreset.allCases {
                let name = preset.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                Console.out(Message(name + preset.summary, name + preset.chineseSummary))
            }
            return .ok
        case "show":
            guard arguments.positionals.count == 2 else { throw UsageError(Message("'policy show' needs the preset name", "'policy show' 需要预设政策名")) }
            let name = arguments.positionals[1]
            guard let preset = PolicyPreset(rawValue: name) else {
                let presets = PolicyPreset.allCases.map(\.rawValue).joined(separator: ", ")
                throw UsageError(Message("no preset named '\(name)'; presets: \(presets)", "没有名为“\(name)”的预设政策；可用的预设政策：\(presets)"))
            }
            print(preset.policy.json.rendered(), terminator: "")
            return .ok
        default:
            throw UsageError(Message("say 'policy show NAME' or 'policy list'", "请使用 'policy show NAME' 或 'policy list'"))
        }
    }
}
