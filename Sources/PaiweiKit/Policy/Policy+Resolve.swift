import Foundation

extension Policy {
    /// The policy a user named on the command line: a preset name, or the path of a JSON file.
    public static func resolve(_ nameOrPath: String) throws(InputProblems) -> Policy {
        if let preset = PolicyPreset(rawValue: nameOrPath) { return preset.policy }
        let url = URL(fileURLWithPath: nameOrPath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            let names = PolicyPreset.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputProblems([InputProblem(file: nameOrPath, line: nil, column: "",
                                              message: "neither a preset (\(names)) nor a policy file that exists")])
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputProblems([InputProblem(file: nameOrPath, line: nil, column: "", message: "cannot be read: \(error.localizedDescription)")])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw InputProblems([InputProblem(file: nameOrPath, line: nil, column: "", message: "is not UTF-8 text")])
        }
        return try parse(text, file: nameOrPath)
    }
}
