import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// Output for people: results to stdout, errors and progress to stderr.
enum Console {
    /// A message to stdout, in the language of ``language``.
    static func out(_ message: Message) {
        print(message.text(in: language))
    }

    /// A message to stderr, in the language of ``language``.
    static func error(_ message: Message) {
        FileHandle.standardError.write(Data((message.text(in: language) + "\n").utf8))
    }

    /// Text that is the same in every language (ids and digests, JSON, tables already in both languages).
    /// Kept apart from ``out(_:)`` so that an English sentence cannot reach the terminal without its Chinese.
    static func out(verbatim text: String) {
        print(text)
    }

    /// The language people are spoken to in (SPEC §7): `--lang zh|en` anywhere on the command line
    /// (``Command`` removes it before parsing), else Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG`, the
    /// first one set, begins with `zh`; English otherwise. Files written do not depend on it.
    static let language: Language = {
        let arguments = CommandLine.arguments
        if let index = arguments.firstIndex(of: "--lang"), index + 1 < arguments.count {
            return arguments[index + 1].hasPrefix("zh") ? .chinese : .english
        }
        if let inline = arguments.first(where: { $0.hasPrefix("--lang=") }) {
            return inline.dropFirst("--lang=".count).hasPrefix("zh") ? .chinese : .english
        }
        let environment = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.hasPrefix("zh") ? .chinese : .english }
        }
        return .english
    }()


    /// Says on stderr how the files of `dataset` were read, when any was not plain UTF-8 (SPEC §2).
    static func readingNotices(_ dataset: Dataset) {
        for notice in dataset.readingNotices { error(notice) }
    }

    /// `12,345`, whatever the locale (the library's formatting, so pages and terminal agree).
    static func count(_ n: Int) -> String { NumberText.grouped(n) }

    static func percent(_ part: Int, of whole: Int) -> String { NumberText.percent(part, of: whole) }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return ms < 10 ? FixedDecimal.string(ms, decimals: 1) + " ms" : "\(Int(ms.rounded())) ms"
    }

    static func kilometres(_ metres: Int) -> String { NumberText.kilometres(metres) + " km" }
}

/// How a command ended: SPEC §7's exit statuses.
enum ExitStatus: Int32 {
    case ok = 0
    case failure = 1
    case badInput = 2
}
