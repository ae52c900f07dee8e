import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei policy show NAME` and `paiwei policy list`.
enum PolicyCommand {
    static let help = """
    Usage: paiwei policy show NAME
           paiwei policy list

    'show' prints the preset as JSON with every field written out, defaults included;
    save it, edit it, and pass the file to --policy. 'list' names every preset.
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: [], positionals: 2)
        switch arguments.positionals.first {
        case "list":
            guard arguments.positionals.count == 1 else { throw UsageError("'policy list' takes no argument") }
            let width = PolicyPreset.allCases.map(\.rawValue.count).max() ?? 0
            for preset in PolicyPreset.allCases {
                Console.out(preset.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + preset.summary)
            }
            return .ok
        case "show":
            guard arguments.positionals.count == 2 else { throw UsageError("'policy show' needs the preset name") }
            let name = arguments.positionals[1]
            guard let preset = PolicyPreset(rawValue: name) else {
                throw UsageError("no preset named '\(name)'; presets: \(PolicyPreset.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            print(preset.policy.json.rendered(), terminator: "")
            return .ok
        default:
            throw UsageError("say 'policy show NAME' or 'policy list'")
        }
    }
}
