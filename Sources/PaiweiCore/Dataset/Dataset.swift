/// A district's registrations as loaded from its CSV folder (SPEC §2), validated and interned:
/// schools, zones and students each sorted by id (UTF-8 bytes) and referred to by index,
/// so that nothing downstream depends on the order of rows in the files.
public struct Dataset: Sendable {
    public var schools: [School]
    public var zones: [Zone]
    public var students: [Student]
    public var addressUsage: [AddressUsage]
    /// File name → SHA-256 of its bytes, for every file read (for the audit record).
    public var fileDigests: [String: [UInt8]]
    /// File name → how its bytes were read, for every file read.
    public var fileEncodings: [String: InputEncoding]

    public init(schools: [School], zones: [Zone], students: [Student], addressUsage: [AddressUsage] = [],
                fileDigests: [String: [UInt8]] = [:], fileEncodings: [String: InputEncoding] = [:]) {
        self.schools = schools
        self.zones = zones
        self.students = students
        self.addressUsage = addressUsage
        self.fileDigests = fileDigests
        self.fileEncodings = fileEncodings
    }
}

public enum SchoolKind: String, Sendable, CaseIterable {
    case `public`, `private`, boarding
}

public struct School: Sendable {
    public var id: Identifier
    public var name: String
    public var kind: SchoolKind
    public var district: Identifier
    /// Seats in the entry grade (招生计划).
    public var capacity: Int
    /// First-batch group (1 or 2), public schools only.
    public var lotteryGroup: Int?
    /// Seats released to the first-batch group lottery.
    public var batch1Seats: Int
    /// Primary schools whose graduates go straight up (九年一贯制对口直升).
    public var feeders: [Identifier]
    /// Takes students in overflow coordination (统筹安排).
    public var overflow: Bool
    public var location: Coordinate?
    /// Line in `schools.csv`.
    public var line: Int

    public init(id: Identifier, name: String? = nil, kind: SchoolKind = .public, district: Identifier = "", capacity: Int,
                lotteryGroup: Int? = nil, batch1Seats: Int = 0, feeders: [Identifier] = [], overflow: Bool? = nil,
                location: Coordinate? = nil, line: Int = 0) {
        self.id = id
        self.name = name ?? id.text
        self.kind = kind
        self.district = district
        self.capacity = capacity
        self.lotteryGroup = lotteryGroup
        self.batch1Seats = batch1Seats
        self.feeders = feeders
        self.overflow = overflow ?? (kind == .public)
        self.location = location
        self.line = line
    }
}

public enum ZoneKind: String, Sendable, CaseIterable {
    /// 单校划片: the zone maps to exactly one school.
    case single
    /// 多校划片: children spread over several schools by preference and lottery.
    case multi
}

public struct Zone: Sendable {
    public var id: Identifier
    public var kind: ZoneKind
    /// Indices into ``Dataset/schools``, in the order written.
    public var schools: [Int]
    /// Index of the multi zone a single zone rolls up to.
    public var parent: Int?
    public var line: Int

    public init(id: Identifier, kind: ZoneKind, schools: [Int], parent: Int? = nil, line: Int = 0) {
        self.id = id
        self.kind = kind
        self.schools = schools
        self.parent = parent
        self.line = line
    }
}

public enum Hukou: String, Sendable, CaseIterable {
    case local, treatedLocal = "treated_local", nonlocal
}

public enum Housing: String, Sendable, CaseIterable {
    case owned, rented, passage, basement, garage, nominal
}

/// 优抚 categories.
public enum CareCategory: String, Sendable, CaseIterable {
    case martyr, military, overseas, taiwan, laborModel = "labor_model", talent, medicalFrontline = "medical_frontline"

    /// Its bit in ``Student/care``: its position in `allCases`.
    var bit: UInt8 {
        switch self {
        case .martyr: 1
        case .military: 2
        case .overseas: 4
        case .taiwan: 8
        case .laborModel: 16
        case .talent: 32
        case .medicalFrontline: 64
        }
    }
}

/// The four single-choice columns of `students.csv`.
public enum ChoiceColumn: String, Sendable, CaseIterable, Codable {
    case privateChoice = "private_choice"
    case boardingChoice = "boarding_choice"
    case group1Choice = "group1_choice"
    case group2Choice = "group2_choice"

    /// Its position in `allCases`.
    var index: Int {
        switch self {
        case .privateChoice: 0
        case .boardingChoice: 1
        case .group1Choice: 2
        case .group2Choice: 3
        }
    }
}

public enum AdmissionLevel: String, Sendable, CaseIterable {
    case primary, middle
}

public struct Student: Sendable {
    // Stored in order of alignment, widest first and the one-byte fields last, so that no field pads
    // the next (Swift lays a struct out in declaration order): a million students are the dataset's
    // largest array (`DatasetLayoutTests`).
    public var id: Identifier
    public var district: Identifier
    public var primarySchool: Identifier
    public var addressID: Identifier
    public var familyID: Identifier
    /// Index into ``Dataset/zones``: the residence zone as decided by the bureau.
    public var zone: Int
    /// School indices, best first, as written (unknown ids are refused at load).
    public var preferences: [Int]
    /// Line in `students.csv`.
    public var line: Int
    public var location: Coordinate?
    public var propertyDate: CalendarDate?
    public var birthDate: CalendarDate?
    /// Index of the school where a brother or sister is enrolled now (another grade), for the `sibling`
    /// priority rule; nil for none.
    public var siblingSchool: Int?
    /// School index chosen in each ``ChoiceColumn``, by `ChoiceColumn.allCases` position; -1 for none.
    var choices: InlineArray<4, Int32>
    /// Points of a points-based admission (积分入学), for stages with `order: points_then_lottery`.
    public var points: Points
    public var hukou: Hukou
    public var reviewPassed: Bool
    public var housing: Housing
    public var siblingExempt: Bool
    public var disabled: Bool
    /// Bit set of ``CareCategory``.
    public var care: UInt8
    public var acceptFeeder: Bool

    public init(id: Identifier, zone: Int, district: Identifier = "", primarySchool: Identifier = "", location: Coordinate? = nil,
                hukou: Hukou = .local, reviewPassed: Bool = false, housing: Housing = .owned,
                propertyDate: CalendarDate? = nil, addressID: Identifier = "", siblingExempt: Bool = false,
                birthDate: CalendarDate? = nil, disabled: Bool = false, care: [CareCategory] = [],
                choices: [ChoiceColumn: Int] = [:], preferences: [Int] = [], acceptFeeder: Bool = true,
                familyID: Identifier = "", siblingSchool: Int? = nil, points: Points = .zero, line: Int = 0) {
        self.id = id
        self.district = district
        self.zone = zone
        self.primarySchool = primarySchool
        self.location = location
        self.hukou = hukou
        self.reviewPassed = reviewPassed
        self.housing = housing
        self.propertyDate = propertyDate
        self.addressID = addressID
        self.siblingExempt = siblingExempt
        self.birthDate = birthDate
        self.disabled = disabled
        self.care = care.reduce(0) { $0 | $1.bit }
        self.choices = choices.isEmpty ? InlineArray(repeating: -1) : InlineArray { Int32(choices[ChoiceColumn.allCases[$0]] ?? -1) }
        self.preferences = preferences
        self.acceptFeeder = acceptFeeder
        self.familyID = familyID
        self.siblingSchool = siblingSchool
        self.points = points
        self.line = line
    }

    public func choice(_ column: ChoiceColumn) -> Int? {
        let school = choices[column.index]
        return school >= 0 ? Int(school) : nil
    }

    /// The school chosen in each ``ChoiceColumn``, in `ChoiceColumn.allCases` order.
    public var allChoices: [Int?] { ChoiceColumn.allCases.map { choice($0) } }

    public mutating func setChoice(_ column: ChoiceColumn, _ school: Int?) {
        choices[column.index] = Int32(school ?? -1)
    }

    public func hasCare(_ category: CareCategory) -> Bool { care & category.bit != 0 }
}

/// `address_usage.csv`: an address already used for admission at `level` in `year`.
public struct AddressUsage: Sendable {
    public var addressID: Identifier
    public var year: Int
    public var level: AdmissionLevel
    public var line: Int

    public init(addressID: Identifier, year: Int, level: AdmissionLevel, line: Int = 0) {
        self.addressID = addressID
        self.year = year
        self.level = level
        self.line = line
    }
}

/// WGS84 decimal degrees.
public struct Coordinate: Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// A day of the Gregorian calendar, ordered; written `YYYY-MM-DD`.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `year·10000 + month·100 + day`, which orders like the dates.
    public let ordinal: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        ordinal = year * 10000 + month * 100 + day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                value = value * 10 + Int(u[i] - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var year: Int { ordinal / 10000 }

    public var description: String {
        let y = ordinal / 10000, m = ordinal / 100 % 100, d = ordinal % 100
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.ordinal < b.ordinal }
}
