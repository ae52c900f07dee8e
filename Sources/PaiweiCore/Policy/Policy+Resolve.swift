import Foundation

extension Policy {
    /// The policy a user named on the command line: a preset name, or the path of a JSON file.
    public static func resolve(_ nameOrPath: String) throws(InputProblems) -> Policy {
        let reading = read(named: nameOrPath)
        if !reading.problems.isEmpty { throw InputProblems(reading.problems) }
        return reading.policy!
    }

    /// The policy named on the command line as far as it can be read, and every problem in it.
    public static func read(named nameOrPath: String) -> (policy: Policy?, problems: [InputProblem]) {
        if let preset = PolicyPreset(rawValue: nameOrPath) { return (preset.policy, []) }
        let reading = text(named: nameOrPath)
        guard let text = reading.text else { return (nil, reading.problems) }
        return read(text, file: nameOrPath)
    }

    /// The text of the policy named on the command line, as a commitment holds it (SPEC §4): the bytes of
    /// the file, or what `paiwei policy show` prints for a preset. Nil, with the problem, when there is
    /// no such preset or file, or the file cannot be read or is not UTF-8.
    public static func text(named nameOrPath: String) -> (text: String?, problems: [InputProblem]) {
        if let preset = PolicyPreset(rawValue: nameOrPath) { return (preset.policy.json.rendered(), []) }
        let url = URL(fileURLWithPath: nameOrPath)
        func problem(_ message: Message) -> (String?, [InputProblem]) {
            (nil, [InputProblem(file: nameOrPath, line: nil, column: "", message: message)])
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            let names = PolicyPreset.allCases.map(\.rawValue).joined(separator: ", ")
            return problem(Message("neither a preset (\(names)) nor a policy file that exists", "既不是预设政策（\(names)），也不是存在的政策文件"))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return problem(Message("cannot be read: \(error.localizedDescription)", "无法读取：\(error.localizedDescription)"))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return problem(Message("is not UTF-8 text", "不是 UTF-8 文本"))
        }
        return (text, [])
    }
}
