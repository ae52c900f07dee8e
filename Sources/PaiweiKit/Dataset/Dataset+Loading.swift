import Foundation

extension Dataset {
    public static let schoolsFile = "schools.csv"
    public static let zonesFile = "zones.csv"
    public static let studentsFile = "students.csv"
    public static let addressUsageFile = "address_usage.csv"

    /// Loads and validates the dataset folder of SPEC §2.
    ///
    /// Every problem in every file is collected and thrown together, each as
    /// `file:line: column: message`; nothing is returned unless the whole folder is sound.
    ///
    /// - Complexity: O(*n*·*k* + *m*) for *n* students with *k* preferences and *m* schools.
    public static func load(from directory: URL) throws(InputProblems) -> Dataset {
        try parse(files: readFiles(from: directory))
    }

    /// The bytes of the dataset files present in `directory` (the optional ones only if there);
    /// a required file missing or unreadable is a problem.
    public static func readFiles(from directory: URL) throws(InputProblems) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        var problems = ProblemList()
        for name in [schoolsFile, zonesFile, studentsFile, addressUsageFile] {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                if name != addressUsageFile {
                    problems.add(name, nil, "", "required file is missing from \(directory.path)")
                }
                continue
            }
            do {
                files[name] = Array(try Data(contentsOf: url))
            } catch {
                problems.add(name, nil, "", "cannot be read: \(error.localizedDescription)")
            }
        }
        try problems.throwIfAny()
        return files
    }

    /// Parses and validates in-memory files (name → bytes); see ``load(from:)``.
    public static func parse(files: [String: [UInt8]]) throws(InputProblems) -> Dataset {
        var problems = ProblemList()
        var tables: [String: CSVTable] = [:]
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            do {
                tables[name] = try CSVTable.parse(bytes, file: name)
            } catch {
                problems.add(contentsOf: error.problems)
            }
        }
        for name in [schoolsFile, zonesFile, studentsFile] where files[name] == nil {
            problems.add(name, nil, "", "required file is missing")
        }
        try problems.throwIfAny()

        var builder = DatasetBuilder()
        builder.readSchools(tables[schoolsFile]!)
        builder.readZones(tables[zonesFile]!)
        builder.readStudents(tables[studentsFile]!)
        if let usage = tables[addressUsageFile] { builder.readAddressUsage(usage) }
        try builder.problems.throwIfAny()

        var dataset = builder.dataset
        dataset.fileDigests = files.mapValues { SHA256.hash($0) }
        return dataset
    }
}

/// UTF-8 byte order, the order every id is sorted and every tie broken by.
@inline(__always)
func utf8Less(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Builds a ``Dataset`` file by file, resolving ids to indices and collecting problems.
private struct DatasetBuilder {
    var problems = ProblemList()
    var dataset = Dataset(schools: [], zones: [], students: [])
    var schoolIndex: [String: Int] = [:]
    var zoneIndex: [String: Int] = [:]
    /// False when a file could not be read at all: references into it are then not checked, to avoid
    /// burying the real problem under one 'unknown id' per row.
    var schoolsReadable = false
    var zonesReadable = false

    mutating func readSchools(_ table: CSVTable) {
        let cells = CellReader(table: table)
        guard cells.requireColumns(["school_id", "capacity"], into: &problems) else { return }
        schoolsReadable = true
        var schools: [School] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let id = cells.text(row, "school_id")
            if id.isEmpty {
                problems.add(table.file, row.line, "school_id", "a value is required")
                continue
            }
            if let earlier = firstLine[id] {
                problems.add(table.file, row.line, "school_id", "'\(id)' is already used on line \(earlier)")
                continue
            }
            firstLine[id] = row.line
            let kind: SchoolKind = cells.enumeration(row, "kind", default: .public, &problems) ?? .public
            let parsedCapacity = cells.int(row, "capacity", default: nil, minimum: 0, &problems)
            let capacity = parsedCapacity ?? 0
            var group: Int?
            let groupText = cells.text(row, "lottery_group")
            if !groupText.isEmpty {
                if groupText == "1" || groupText == "2" {
                    group = Int(groupText)
                    if kind != .public {
                        problems.add(table.file, row.line, "lottery_group", "only public schools take part in a first-batch group, this one is \(kind.rawValue)")
                    }
                } else {
                    problems.add(table.file, row.line, "lottery_group", "'\(groupText)' is not a first-batch group (leave empty, or write 1 or 2)")
                }
            }
            let batch1 = cells.int(row, "batch1_seats", default: 0, minimum: 0, &problems) ?? 0
            if let parsedCapacity, batch1 > parsedCapacity {
                problems.add(table.file, row.line, "batch1_seats", "\(batch1) seats released to the first batch exceed the capacity \(capacity)")
            }
            if batch1 > 0 && group == nil && groupText.isEmpty {
                problems.add(table.file, row.line, "batch1_seats", "the school releases first-batch seats but has no lottery_group")
            }
            let overflowDefault = kind == .public
            let overflow = cells.bool(row, "overflow", default: overflowDefault, &problems)
            let name = cells.text(row, "name")
            schools.append(School(
                id: id, name: name.isEmpty ? id : name, kind: kind, district: cells.text(row, "district"),
                capacity: capacity, lotteryGroup: group, batch1Seats: batch1, feeders: cells.list(row, "feeders"),
                overflow: overflow, location: cells.coordinate(row, &problems), line: row.line
            ))
        }
        schools.sort { utf8Less($0.id, $1.id) }
        for (index, school) in schools.enumerated() { schoolIndex[school.id] = index }

        // A primary's graduates can go straight up to one school only.
        var feederOwner: [String: School] = [:]
        for school in schools.sorted(by: { $0.line < $1.line }) {
            for primary in school.feeders {
                if let owner = feederOwner[primary], owner.id != school.id {
                    problems.add(table.file, school.line, "feeders", "primary school '\(primary)' already feeds '\(owner.id)' (line \(owner.line)); a primary can feed one school only")
                } else {
                    feederOwner[primary] = school
                }
            }
        }
        dataset.schools = schools
    }

    mutating func readZones(_ table: CSVTable) {
        let cells = CellReader(table: table)
        guard cells.requireColumns(["zone_id", "kind", "schools"], into: &problems) else { return }
        zonesReadable = true
        struct Pending { var zone: Zone; var parentID: String }
        var pending: [Pending] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let id = cells.text(row, "zone_id")
            if id.isEmpty {
                problems.add(table.file, row.line, "zone_id", "a value is required")
                continue
            }
            if let earlier = firstLine[id] {
                problems.add(table.file, row.line, "zone_id", "'\(id)' is already used on line \(earlier)")
                continue
            }
            firstLine[id] = row.line
            let kind: ZoneKind? = {
                let cell = cells.text(row, "kind")
                guard let kind = ZoneKind(rawValue: cell) else {
                    problems.add(table.file, row.line, "kind", cell.isEmpty ? "a value is required (single or multi)" : "'\(cell)' is not one of: single, multi")
                    return nil
                }
                return kind
            }()
            var schools: [Int] = []
            for schoolID in cells.list(row, "schools") {
                if let index = schoolIndex[schoolID] {
                    if schools.contains(index) {
                        problems.add(table.file, row.line, "schools", "school '\(schoolID)' is listed twice")
                    } else {
                        schools.append(index)
                    }
                } else if schoolsReadable {
                    problems.add(table.file, row.line, "schools", "unknown school '\(schoolID)' (not in schools.csv)")
                }
            }
            guard let kind else {
                // Still known by id, so that its students are not also reported as living in an unknown zone.
                pending.append(Pending(zone: Zone(id: id, kind: .multi, schools: schools, line: row.line), parentID: ""))
                continue
            }
            switch kind {
            case .single where cells.list(row, "schools").count != 1:
                problems.add(table.file, row.line, "schools", "a single zone must list exactly one school, this one lists \(cells.list(row, "schools").count)")
            case .multi where cells.list(row, "schools").isEmpty:
                problems.add(table.file, row.line, "schools", "a multi zone must list its schools")
            default: break
            }
            let parentID = cells.text(row, "parent")
            if kind == .multi && !parentID.isEmpty {
                problems.add(table.file, row.line, "parent", "a multi zone cannot have a parent (only single zones roll up to a multi zone)")
            }
            pending.append(Pending(zone: Zone(id: id, kind: kind, schools: schools, line: row.line), parentID: kind == .multi ? "" : parentID))
        }
        pending.sort { utf8Less($0.zone.id, $1.zone.id) }
        for (index, item) in pending.enumerated() { zoneIndex[item.zone.id] = index }
        var zones: [Zone] = []
        for item in pending {
            var zone = item.zone
            if !item.parentID.isEmpty {
                if let parent = zoneIndex[item.parentID] {
                    if pending[parent].zone.kind == .multi {
                        zone.parent = parent
                    } else {
                        problems.add(table.file, zone.line, "parent", "parent '\(item.parentID)' is a single zone; a parent must be a multi zone")
                    }
                } else {
                    problems.add(table.file, zone.line, "parent", "unknown zone '\(item.parentID)'")
                }
            }
            zones.append(zone)
        }
        dataset.zones = zones
    }

    mutating func readStudents(_ table: CSVTable) {
        let cells = CellReader(table: table)
        guard cells.requireColumns(["student_id", "zone_id"], into: &problems) else { return }
        var students: [Student] = []
        students.reserveCapacity(table.rows.count)
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(table.rows.count)
        for row in table.rows {
            let id = cells.text(row, "student_id")
            if id.isEmpty {
                problems.add(table.file, row.line, "student_id", "a value is required")
                continue
            }
            if id.hasPrefix("family:") {
                problems.add(table.file, row.line, "student_id", "'\(id)' begins with 'family:', which is reserved for family lottery draws")
            }
            if let earlier = firstLine[id] {
                problems.add(table.file, row.line, "student_id", "'\(id)' is already used on line \(earlier)")
                continue
            }
            firstLine[id] = row.line
            let zoneID = cells.text(row, "zone_id")
            let zone: Int
            if zoneID.isEmpty {
                problems.add(table.file, row.line, "zone_id", "a value is required")
                zone = -1
            } else if let index = zoneIndex[zoneID] {
                zone = index
            } else {
                if zonesReadable { problems.add(table.file, row.line, "zone_id", "unknown zone '\(zoneID)' (not in zones.csv)") }
                zone = -1
            }
            var care: [CareCategory] = []
            for item in cells.list(row, "care") {
                if let category = CareCategory(rawValue: item) {
                    care.append(category)
                } else {
                    problems.add(table.file, row.line, "care", "'\(item)' is not one of: \(CareCategory.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            var choices: [ChoiceColumn: Int] = [:]
            for column in ChoiceColumn.allCases {
                let schoolID = cells.text(row, column.rawValue)
                if schoolID.isEmpty { continue }
                if let index = schoolIndex[schoolID] {
                    choices[column] = index
                } else if schoolsReadable {
                    problems.add(table.file, row.line, column.rawValue, "unknown school '\(schoolID)' (not in schools.csv)")
                }
            }
            var preferences: [Int] = []
            for schoolID in cells.list(row, "preferences") {
                if let index = schoolIndex[schoolID] {
                    preferences.append(index)
                } else if schoolsReadable {
                    problems.add(table.file, row.line, "preferences", "unknown school '\(schoolID)' (not in schools.csv)")
                }
            }
            let hukou: Hukou = cells.enumeration(row, "hukou", default: .local, &problems) ?? .local
            let housing: Housing = cells.enumeration(row, "housing", default: .owned, &problems) ?? .owned
            var student = Student(
                id: id, zone: zone, district: cells.text(row, "district"),
                primarySchool: cells.text(row, "primary_school"), location: cells.coordinate(row, &problems),
                hukou: hukou, reviewPassed: cells.bool(row, "review_passed", default: false, &problems),
                housing: housing, propertyDate: cells.date(row, "property_date", &problems),
                addressID: cells.text(row, "address_id"),
                siblingExempt: cells.bool(row, "sibling_exempt", default: false, &problems),
                birthDate: cells.date(row, "birth_date", &problems),
                disabled: cells.bool(row, "disabled", default: false, &problems), care: care,
                choices: choices, preferences: preferences,
                acceptFeeder: cells.bool(row, "accept_feeder", default: true, &problems),
                familyID: cells.text(row, "family_id"), line: row.line
            )
            student.choices = ChoiceColumn.allCases.map { choices[$0] }
            students.append(student)
        }
        students.sort { utf8Less($0.id, $1.id) }
        dataset.students = students
    }

    mutating func readAddressUsage(_ table: CSVTable) {
        let cells = CellReader(table: table)
        guard cells.requireColumns(["address_id", "year", "level"], into: &problems) else { return }
        for row in table.rows {
            let address = cells.text(row, "address_id")
            if address.isEmpty { problems.add(table.file, row.line, "address_id", "a value is required") }
            let year = cells.int(row, "year", default: nil, minimum: 1, &problems)
            let level: AdmissionLevel? = cells.enumeration(row, "level", default: nil, &problems)
            if let year, let level, !address.isEmpty {
                dataset.addressUsage.append(AddressUsage(addressID: address, year: year, level: level, line: row.line))
            }
        }
    }
}
