/// Excel's date serial numbers as `YYYY-MM-DD`.
///
/// A date is stored as a count of days; which day is day zero depends on the workbook's date
/// system. In the 1900 system (the default), day 1 is 1900-01-01 and, as in Lotus 1-2-3, 1900 is
/// taken for a leap year: day 60 is the fictitious 1900-02-29 (given as such, so that a date check
/// refuses it) and every later day is one less than its count suggests. In the 1904 system
/// (`date1904` in workbook.xml; old Mac workbooks) day 0 is 1904-01-01. Days run to 9999-12-31.
///
/// A fraction of a day is a time of day. A value within half a second of midnight is taken as the
/// whole day (floating-point noise from arithmetic, which Excel's own display rounds away too);
/// anything else is not a date.
///
/// - Complexity: O(1) (civil-from-days, H. Hinnant's algorithm).
enum ExcelDate {
    enum Failure: Error, Hashable {
        /// The value has a time of day.
        case timeOfDay
        /// Before the first day of the date system, or after 9999-12-31.
        case outOfRange
    }

    static func text(serial: Double, date1904: Bool) -> Result<String, Failure> {
        guard serial.isFinite else { return .failure(.outOfRange) }
        let halfSecond = 0.5 / 86_400
        var day = serial.rounded(.down)
        let fraction = serial - day
        if fraction >= 1 - halfSecond {
            day += 1
        } else if fraction > halfSecond {
            return .failure(.timeOfDay)
        }
        guard day < 3_000_000 else { return .failure(.outOfRange) }
        let count = Int(day)
        let daysFromEpoch: Int   // days since 1970-01-01
        if date1904 {
            guard count >= 0 else { return .failure(.outOfRange) }
            daysFromEpoch = count - 24_107          // 1904-01-01 is 24,107 days before 1970-01-01
        } else {
            guard count >= 1 else { return .failure(.outOfRange) }
            if count == 60 { return .success("1900-02-29") }
            // 1899-12-31 + count before the phantom day, 1899-12-30 + count after it.
            daysFromEpoch = count < 60 ? count - 25_568 : count - 25_569
        }
        let (year, month, dayOfMonth) = CivilCalendar.date(daysSince1970: daysFromEpoch)
        guard year <= 9999 else { return .failure(.outOfRange) }
        return .success(pad(year, 4) + "-" + pad(month, 2) + "-" + pad(dayOfMonth, 2))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
