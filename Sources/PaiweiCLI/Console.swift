import Foundation

/// Output for people: results to stdout, errors and progress to stderr.
enum Console {
    static func out(_ text: String) {
        print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `12,345`: thousands separated, whatever the locale, so output is the same everywhere.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var grouped = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return (n < 0 ? "-" : "") + grouped
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return ms < 10 ? String(format: "%.1f ms", ms) : "\(Int(ms.rounded())) ms"
    }

    static func kilometres(_ metres: Int) -> String {
        String(format: "%.1f km", Double(metres) / 1000)
    }
}

/// How a command ended: SPEC §7's exit statuses.
enum ExitStatus: Int32 {
    case ok = 0
    case failure = 1
    case badInput = 2
}
