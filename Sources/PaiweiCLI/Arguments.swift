import PaiweiCore

/// A command line's options after the subcommand: `--name value`, repeatable options, and flags.
struct Arguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// Parses `arguments` against the options and flags the command knows; anything else is a usage error.
    init(_ arguments: ArraySlice<String>, options: Set<String>, flags known: Set<String> = [], positionals allowed: Int = 0) throws(UsageError) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument.hasPrefix("--") {
                var name = String(argument.dropFirst(2))
                var inline: String?
                if let equals = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if known.contains(name) && inline == nil {
                    flags.insert(name)
                } else if options.contains(name) {
                    guard let value = inline ?? iterator.next() else { throw UsageError(Message("--\(name) needs a value", "--\(name) 需要一个值")) }
                    values[name, default: []].append(value)
                } else {
                    throw UsageError(Message("unknown option --\(name)", "未知选项 --\(name)"))
                }
            } else {
                guard positionals.count < allowed else { throw UsageError(Message("unexpected argument '\(argument)'", "多余的参数“\(argument)”")) }
                positionals.append(argument)
            }
        }
    }

    func value(_ name: String) throws(UsageError) -> String? {
        guard let all = values[name] else { return nil }
        guard all.count == 1 else { throw UsageError(Message("--\(name) is given \(all.count) times; give it once", "--\(name) 给出了 \(all.count) 次；只能给一次")) }
        return all[0]
    }

    func required(_ name: String) throws(UsageError) -> String {
        guard let value = try value(name) else { throw UsageError(Message("--\(name) is required", "必须给出 --\(name)")) }
        return value
    }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = try self.value(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(Message("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'",
                                     "--\(name) 必须是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数，而不是“\(text)”"))
        }
        return number
    }
}

/// A mistake in how the command was called: exit status 2, with a pointer to `--help`.
struct UsageError: Error, CustomStringConvertible {
    let message: Message
    init(_ message: Message) { self.message = message }
    var description: String { message.text(in: Console.language) }
}
