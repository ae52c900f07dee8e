import PaiweiCore
/// Calendar days as integers (days since 1970-01-01), so that random dates are uniform integer draws.
///
/// Howard Hinnant's `days_from_civil` (here) and `civil_from_days` (`CivilCalendar`): exact integer arithmetic on the proleptic
/// Gregorian calendar, no Foundation calendar or time zone involved.
enum GeneratorDate {
    /// Chaoyang's redirect rule: property certificates issued after this day send the child to the area.
    static let redirectCutoff = day(2017, 6, 30)

    static func day(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `YYYY-MM-DD`.
    static func text(_ day: Int) -> String {
        let (y, m, d) = CivilCalendar.date(daysSince1970: day)
        return GeneratorText.date(year: y, month: m, day: d)
    }
}
