import PaiweiCore
/// Calendar days as integers (days since 1970-01-01), so that random dates are uniform integer draws.
///
/// Howard Hinnant's `days_from_civil` / `civil_from_days`: exact integer arithmetic on the proleptic
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

    static func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let m = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `YYYY-MM-DD`.
    static func text(_ day: Int) -> String {
        let (y, m, d) = civil(day)
        return GeneratorText.date(year: y, month: m, day: d)
    }
}
