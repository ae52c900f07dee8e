/// What a cell's number format says about its number, as far as reading a stored value goes:
/// whether it is a date, a date and time, a time of day (or a duration), or any other number.
///
/// Built-in formats (ECMA-376 Part 1 §18.8.30) are known by id: 14–17 and 22 are dates (22 with a
/// time), 18–21 and 45–47 times; 27–36 and 50–58 are the East Asian built-ins, which differ by
/// locale — 32–35 are times in every locale (h"时"mm"分", h"時"mm"分", h"시" mm"분"), the others
/// dates in at least one, and are taken as dates (a value with a time of day is refused either way).
///
/// A custom format code is read with its quoted text, `\`-escaped characters, `_x`/`*x` padding
/// and `[…]` sections (colors, conditions, locales) removed; what remains is a date if it has
/// y, d, e or g (year, day, era year, era) or an m that is not minutes, and a time if it has h, s,
/// AM/PM or A/P, or an elapsed-time bracket `[h]`, `[m]`, `[s]`. `General`, and `E+`/`E-` of
/// scientific formats, are not date letters.
///
/// - Complexity: O(length of the format code).
enum ExcelNumberFormat: Sendable, Hashable {
    case number
    case date
    case dateTime
    case time

    static func builtIn(_ id: Int) -> ExcelNumberFormat {
        switch id {
        case 14...17: .date
        case 22: .dateTime
        case 18...21, 45...47, 32...35: .time
        case 27...31, 36, 50...58: .date
        default: .number
        }
    }

    static func classify(code: String) -> ExcelNumberFormat {
        let chars = Array(code.lowercased().unicodeScalars)
        var hasDate = false
        var hasTime = false
        var hasMonthOrMinute = false
        var i = 0
        while i < chars.count {
            if Self.startsWith(chars, i, "general") {
                i += 7
                continue
            }
            let c = chars[i]
            switch c {
            case "\"":
                i += 1
                while i < chars.count && chars[i] != "\"" { i += 1 }
            case "\\", "_", "*":
                i += 1
            case "[":
                var j = i + 1
                var inside = ""
                while j < chars.count && chars[j] != "]" {
                    inside.unicodeScalars.append(chars[j])
                    j += 1
                }
                // Elapsed time: [h], [hh], [mm], [ss] …
                if !inside.isEmpty && inside.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { hasTime = true }
                i = j
            case "y", "d", "g":
                hasDate = true
            case "e":
                // "e" is the era year, unless it is the exponent of a scientific format.
                if i + 1 < chars.count && (chars[i + 1] == "+" || chars[i + 1] == "-") { i += 1 } else { hasDate = true }
            case "h", "s":
                hasTime = true
            case "m":
                hasMonthOrMinute = true
            case "a":
                if Self.startsWith(chars, i, "am/pm") || Self.startsWith(chars, i, "a/p") { hasTime = true }
            default:
                break
            }
            i += 1
        }
        // An m beside h or s is minutes (h:mm, mm:ss); otherwise it is the month (mmm-yy, mmmm).
        if hasMonthOrMinute && !hasTime { hasDate = true }
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return .number
        }
    }

    private static func startsWith(_ chars: [Unicode.Scalar], _ i: Int, _ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        return i + w.count <= chars.count && Array(chars[i..<(i + w.count)]) == w
    }
}
