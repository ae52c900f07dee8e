import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

private let minimalSchools = "school_id,capacity\nS1,10\nS2,10\n"
private let minimalZones = "zone_id,kind,schools\nZ1,single,S1\nM1,multi,S1;S2\n"
private let minimalStudents = "student_id,zone_id\nA,Z1\n"

private func datasetFiles(schools: String? = minimalSchools, zones: String? = minimalZones,
                   students: String? = minimalStudents, usage: String? = nil) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    if let schools { files["schools.csv"] = Array(schools.utf8) }
    if let zones { files["zones.csv"] = Array(zones.utf8) }
    if let students { files["students.csv"] = Array(students.utf8) }
    if let usage { files["address_usage.csv"] = Array(usage.utf8) }
    return files
}

/// The problems `Dataset.parse` throws; records an issue if it does not throw.
private func datasetProblems(_ files: [String: [UInt8]], sourceLocation: SourceLocation = #_sourceLocation) -> [InputProblem] {
    do {
        _ = try Dataset.parse(files: files)
        Issue.record("expected problems, the dataset loaded", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.problems
    }
}

private func datasetProblems(schools: String? = minimalSchools, zones: String? = minimalZones,
                      students: String? = minimalStudents, usage: String? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) -> [InputProblem] {
    datasetProblems(datasetFiles(schools: schools, zones: zones, students: students, usage: usage), sourceLocation: sourceLocation)
}

/// Asserts that exactly one problem was found, at `file:line: column`, with a message containing `words`.
private func expectSingleProblem(_ found: [InputProblem], _ location: String, _ words: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
    guard let problem = found.first else { return }
    #expect(problem.description.hasPrefix(location + ": "), "\(problem)", sourceLocation: sourceLocation)
    #expect(problem.message.contains(words), "\(problem)", sourceLocation: sourceLocation)
}

@Suite("Dataset loading")
struct DatasetLoadingTests {
    // MARK: A valid dataset

    static let schoolsCSV = """
        capacity,school_id,name,kind,lottery_group,batch1_seats,feeders,overflow,lat,lon,district,remark
        100,S3,第三中学,public,1,10,P1; P2 ;,,39.9,116.4,东城,ignored
        50,S1,,private,,,,,,,,
        30,S2,Boarding,boarding,,,,yes,,,,
        20,S10,,,2,0,,NO,,,,
        5,学校A, ,public,,,,0,-33.5,-70.25,,

        """

    static let zonesCSV = """
        kind,zone_id,schools,parent,note
        multi,M1,S3;S10;S1,,x
        single,Z2,S2,M1,
        single,Z1,S3,,

        """

    static let studentsCSV = """
        zone_id,student_id,preferences,private_choice,boarding_choice,group1_choice,group2_choice,hukou,housing,review_passed,accept_feeder,family_id,care,property_date,birth_date,disabled,sibling_exempt,lat,lon,primary_school,address_id,district,comment
        M1,b2,S10;S3,S1,,S3,,nonlocal,rented,yes,no,F1,martyr;talent,2020-02-29,2018-09-01,true,1,39.91,116.41,P1,ADDR-1,东城,whatever
        Z1,B1,,,S2,,S10,,,,,,,,,,,,,,,,
        M1,a10,S1;S3;S10,,,,,treated_local,passage,TRUE,Yes,F1,,,,false,0,,,,,,
        Z2,a9,,,,,,local,owned,0,1,,,,,no,no,,,,,,
        Z1,学生,,,,,,,,,,,,,,,,,,,,,

        """

    static let usageCSV = """
        year,address_id,level
        2022,ADDR-1,primary
        2023,ADDR-2,middle

        """

    static func validDataset() throws -> Dataset {
        try Dataset.parse(files: datasetFiles(schools: schoolsCSV, zones: zonesCSV, students: studentsCSV, usage: usageCSV))
    }

    @Test func schoolsSortedByIDInUTF8Order() throws {
        let dataset = try Self.validDataset()
        #expect(dataset.schools.map(\.id) == ["S1", "S10", "S2", "S3", "学校A"])
        #expect(dataset.schools.map(\.line) == [3, 5, 4, 2, 6])
    }

    @Test func schoolFieldsAndDefaults() throws {
        let schools = try Self.validDataset().schools
        let s1 = schools[0], s10 = schools[1], s2 = schools[2], s3 = schools[3], a = schools[4]

        #expect(s3.name == "第三中学")
        #expect(s3.kind == .public)
        #expect(s3.capacity == 100)
        #expect(s3.lotteryGroup == 1)
        #expect(s3.batch1Seats == 10)
        #expect(s3.feeders == ["P1", "P2"])
        #expect(s3.overflow == true)
        #expect(s3.location == Coordinate(latitude: 39.9, longitude: 116.4))
        #expect(s3.district == "东城")

        // Empty name → id; private school does not overflow by default.
        #expect(s1.name == "S1")
        #expect(s1.kind == .private)
        #expect(s1.overflow == false)
        #expect(s1.lotteryGroup == nil)
        #expect(s1.batch1Seats == 0)
        #expect(s1.feeders.isEmpty)
        #expect(s1.location == nil)

        // Boarding defaults to no overflow, but the cell says yes.
        #expect(s2.kind == .boarding)
        #expect(s2.name == "Boarding")
        #expect(s2.overflow == true)

        // Empty kind → public; the overflow cell "NO" overrides the public default.
        #expect(s10.kind == .public)
        #expect(s10.lotteryGroup == 2)
        #expect(s10.overflow == false)

        // A name of spaces only counts as empty.
        #expect(a.name == "学校A")
        #expect(a.overflow == false)
        #expect(a.location == Coordinate(latitude: -33.5, longitude: -70.25))
    }

    @Test func zonesSortedAndResolved() throws {
        let dataset = try Self.validDataset()
        let index = Dictionary(uniqueKeysWithValues: dataset.schools.enumerated().map { ($1.id, $0) })
        #expect(dataset.zones.map(\.id) == ["M1", "Z1", "Z2"])
        let m1 = dataset.zones[0], z1 = dataset.zones[1], z2 = dataset.zones[2]
        #expect(m1.kind == .multi)
        // Schools in the order written.
        #expect(m1.schools == [index["S3"]!, index["S10"]!, index["S1"]!])
        #expect(m1.parent == nil)
        #expect(m1.line == 2)
        #expect(z1.kind == .single)
        #expect(z1.schools == [index["S3"]!])
        #expect(z1.parent == nil)
        #expect(z2.schools == [index["S2"]!])
        #expect(z2.parent == 0)
        #expect(z2.line == 3)
    }

    @Test func studentsSortedAndResolved() throws {
        let dataset = try Self.validDataset()
        let school = Dictionary(uniqueKeysWithValues: dataset.schools.enumerated().map { ($1.id, $0) })
        let zone = Dictionary(uniqueKeysWithValues: dataset.zones.enumerated().map { ($1.id, $0) })
        #expect(dataset.students.map(\.id) == ["B1", "a10", "a9", "b2", "学生"])
        #expect(dataset.students.map(\.line) == [3, 4, 5, 2, 6])

        let b2 = dataset.students[3]
        #expect(b2.zone == zone["M1"])
        #expect(b2.preferences == [school["S10"]!, school["S3"]!])
        #expect(b2.choice(.privateChoice) == school["S1"])
        #expect(b2.choice(.boardingChoice) == nil)
        #expect(b2.choice(.group1Choice) == school["S3"])
        #expect(b2.choice(.group2Choice) == nil)
        #expect(b2.hukou == .nonlocal)
        #expect(b2.housing == .rented)
        #expect(b2.reviewPassed == true)
        #expect(b2.acceptFeeder == false)
        #expect(b2.familyID == "F1")
        #expect(b2.hasCare(.martyr))
        #expect(b2.hasCare(.talent))
        #expect(!b2.hasCare(.military))
        #expect(b2.propertyDate == CalendarDate(year: 2020, month: 2, day: 29))
        #expect(b2.birthDate?.description == "2018-09-01")
        #expect(b2.disabled == true)
        #expect(b2.siblingExempt == true)
        #expect(b2.location == Coordinate(latitude: 39.91, longitude: 116.41))
        #expect(b2.primarySchool == "P1")
        #expect(b2.addressID == "ADDR-1")
        #expect(b2.district == "东城")

        // All defaults.
        let b1 = dataset.students[0]
        #expect(b1.zone == zone["Z1"])
        #expect(b1.preferences.isEmpty)
        #expect(b1.choice(.boardingChoice) == school["S2"])
        #expect(b1.choice(.group2Choice) == school["S10"])
        #expect(b1.choice(.privateChoice) == nil)
        #expect(b1.hukou == .local)
        #expect(b1.housing == .owned)
        #expect(b1.reviewPassed == false)
        #expect(b1.acceptFeeder == true)
        #expect(b1.familyID == "")
        #expect(b1.care == 0)
        #expect(b1.propertyDate == nil)
        #expect(b1.birthDate == nil)
        #expect(b1.disabled == false)
        #expect(b1.siblingExempt == false)
        #expect(b1.location == nil)

        let a10 = dataset.students[1]
        #expect(a10.preferences == [school["S1"]!, school["S3"]!, school["S10"]!])
        #expect(a10.hukou == .treatedLocal)
        #expect(a10.housing == .passage)
        #expect(a10.reviewPassed == true)    // TRUE
        #expect(a10.acceptFeeder == true)    // Yes
        #expect(a10.disabled == false)       // false
        #expect(a10.siblingExempt == false)  // 0

        let a9 = dataset.students[2]
        #expect(a9.zone == zone["Z2"])
        #expect(a9.reviewPassed == false)    // 0
        #expect(a9.acceptFeeder == true)     // 1
        #expect(a9.disabled == false)        // no
    }

    @Test func addressUsage() throws {
        let usage = try Self.validDataset().addressUsage
        #expect(usage.map(\.addressID) == ["ADDR-1", "ADDR-2"])
        #expect(usage.map(\.year) == [2022, 2023])
        #expect(usage.map(\.level) == [.primary, .middle])
        #expect(usage.map(\.line) == [2, 3])
    }

    @Test func fileDigests() throws {
        let input = datasetFiles(schools: Self.schoolsCSV, zones: Self.zonesCSV, students: Self.studentsCSV, usage: Self.usageCSV)
        let dataset = try Dataset.parse(files: input)
        #expect(Set(dataset.fileDigests.keys) == ["schools.csv", "zones.csv", "students.csv", "address_usage.csv"])
        for (name, bytes) in input {
            #expect(dataset.fileDigests[name] == SHA256.hash(bytes))
        }
    }

    @Test func rowOrderDoesNotMatter() throws {
        func reversedRows(_ text: String) -> String {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            let header = lines.removeFirst()
            return ([header] + lines.reversed()).joined(separator: "\n") + "\n"
        }
        let a = try Self.validDataset()
        let b = try Dataset.parse(files: datasetFiles(schools: reversedRows(Self.schoolsCSV), zones: reversedRows(Self.zonesCSV),
                                               students: reversedRows(Self.studentsCSV)))
        #expect(a.schools.map(\.id) == b.schools.map(\.id))
        #expect(a.zones.map(\.id) == b.zones.map(\.id))
        #expect(a.zones.map(\.schools) == b.zones.map(\.schools))
        #expect(a.zones.map(\.parent) == b.zones.map(\.parent))
        #expect(a.students.map(\.id) == b.students.map(\.id))
        #expect(a.students.map(\.zone) == b.students.map(\.zone))
        #expect(a.students.map(\.preferences) == b.students.map(\.preferences))
        #expect(a.students.map(\.allChoices) == b.students.map(\.allChoices))
    }

    @Test func minimalDatasetWithoutOptionalFile() throws {
        let dataset = try Dataset.parse(files: datasetFiles())
        #expect(dataset.schools.count == 2)
        #expect(dataset.zones.map(\.id) == ["M1", "Z1"])
        #expect(dataset.students.map(\.id) == ["A"])
        #expect(dataset.addressUsage.isEmpty)
        #expect(dataset.fileDigests.count == 3)
    }

    @Test func cellsAreTrimmedAndListsSkipEmptyItems() throws {
        let dataset = try Dataset.parse(files: datasetFiles(
            schools: "school_id,capacity,kind\n S1 , 10 , private \nS2,10,\n",
            zones: "zone_id,kind,schools\n Z1 , single ,S1\nM1,multi,;S1; ;S2;\n",
            students: "student_id,zone_id,preferences,review_passed\n A , Z1 , S2 ;; S1 ; , YES \n"
        ))
        #expect(dataset.schools.map(\.id) == ["S1", "S2"])
        #expect(dataset.schools[0].capacity == 10)
        #expect(dataset.schools[0].kind == .private)
        #expect(dataset.zones.map(\.schools) == [[0, 1], [0]])
        #expect(dataset.students[0].id == "A")
        #expect(dataset.students[0].zone == 1)
        #expect(dataset.students[0].preferences == [1, 0])
        #expect(dataset.students[0].reviewPassed == true)
    }

    @Test func acceptedBooleanSpellings() throws {
        for (cell, value) in [("yes", true), ("no", false), ("true", true), ("false", false), ("1", true), ("0", false),
                              ("Yes", true), ("NO", false), ("True", true), ("FALSE", false)] {
            let dataset = try Dataset.parse(files: datasetFiles(students: "student_id,zone_id,disabled\nA,Z1,\(cell)\n"))
            #expect(dataset.students[0].disabled == value, "\(cell)")
        }
    }

    // MARK: Missing files and columns

    @Test func missingRequiredFile() {
        let found = datasetProblems(zones: nil)
        #expect(found.count == 1)
        #expect(found.first?.file == "zones.csv")
        #expect(found.first?.line == nil)
        #expect(found.first?.description == "zones.csv: required file is missing")
    }

    @Test func missingRequiredFilesAreAllReportedInFileOrder() {
        let found = datasetProblems(schools: nil, zones: nil, students: nil)
        #expect(found.map(\.file) == ["schools.csv", "students.csv", "zones.csv"])
        #expect(found.allSatisfy { $0.line == nil && $0.message.contains("missing") })
    }

    @Test func missingRequiredColumnInSchools() {
        let found = datasetProblems(schools: "school_id,name\nS1,x\nS2,y\n")
        expectSingleProblem(found, "schools.csv:1: capacity", "required column is missing")
    }

    @Test func missingRequiredColumnsInZones() {
        let found = datasetProblems(zones: "zone_id,schools\nZ1,S1\n")
        expectSingleProblem(found, "zones.csv:1: kind", "required column is missing")
        let both = datasetProblems(zones: "zone_id\nZ1\n")
        #expect(both.map(\.description) == [
            "zones.csv:1: kind: required column is missing from the header",
            "zones.csv:1: schools: required column is missing from the header",
        ])
    }

    @Test func missingRequiredColumnInStudents() {
        let found = datasetProblems(students: "student_id,school\nA,S1\n")
        expectSingleProblem(found, "students.csv:1: zone_id", "required column is missing")
    }

    @Test func missingRequiredColumnInAddressUsage() {
        let found = datasetProblems(usage: "address_id,year\nX,2020\n")
        expectSingleProblem(found, "address_usage.csv:1: level", "required column is missing")
    }

    // MARK: Duplicate and unknown ids

    /// One mistake, one message: a zone with a bad kind is still known by id to its students.
    @Test func badZoneKindIsReportedOnce() {
        let found = datasetProblems(zones: "zone_id,kind,schools\nZ1,sngle,S1\n", students: "student_id,zone_id\nA,Z1\nB,Z1\n")
        expectSingleProblem(found, "zones.csv:2: kind", "'sngle' is not one of")
    }

    /// An unreadable capacity is not also compared with batch1_seats.
    @Test func badCapacityIsReportedOnce() {
        let found = datasetProblems(schools: "school_id,capacity,lottery_group,batch1_seats\nS1,ten,1,5\nS2,10,,0\n")
        expectSingleProblem(found, "schools.csv:2: capacity", "'ten' is not a whole number")
    }

    @Test func duplicateSchoolID() {
        let found = datasetProblems(schools: "school_id,capacity\nS1,10\nS2,10\nS1,5\n")
        expectSingleProblem(found, "schools.csv:4: school_id", "'S1' is already used on line 2")
    }

    @Test func duplicateZoneID() {
        let found = datasetProblems(zones: "zone_id,kind,schools\nZ1,single,S1\nM1,multi,S1;S2\nZ1,single,S2\n")
        expectSingleProblem(found, "zones.csv:4: zone_id", "'Z1' is already used on line 2")
    }

    @Test func duplicateStudentID() {
        let found = datasetProblems(students: "student_id,zone_id\nA,Z1\nB,Z1\n\nA,M1\n")
        expectSingleProblem(found, "students.csv:5: student_id", "'A' is already used on line 2")
    }

    @Test func emptyIDs() {
        #expect(datasetProblems(schools: "school_id,capacity\nS1,10\nS2,10\n ,3\n").map(\.description)
                == ["schools.csv:4: school_id: a value is required"])
        #expect(datasetProblems(zones: minimalZones + ",single,S1\n").map(\.description)
                == ["zones.csv:4: zone_id: a value is required"])
        #expect(datasetProblems(students: minimalStudents + ",Z1\n").map(\.description)
                == ["students.csv:3: student_id: a value is required"])
        #expect(datasetProblems(students: minimalStudents + "B,\n").map(\.description)
                == ["students.csv:3: zone_id: a value is required"])
    }

    @Test func unknownSchoolInZones() {
        let found = datasetProblems(zones: "zone_id,kind,schools\nZ1,single,S1\nM1,multi,S1;SX;S2\n")
        expectSingleProblem(found, "zones.csv:3: schools", "unknown school 'SX'")
    }

    @Test func schoolListedTwiceInAZone() {
        let found = datasetProblems(zones: "zone_id,kind,schools\nZ1,single,S1\nM1,multi,S1;S2;S1\n")
        expectSingleProblem(found, "zones.csv:3: schools", "'S1' is listed twice")
    }

    @Test(arguments: ["private_choice", "boarding_choice", "group1_choice", "group2_choice"])
    func unknownSchoolInChoice(column: String) {
        let found = datasetProblems(students: "student_id,zone_id,\(column)\nA,Z1,S1\nB,Z1,SX\n")
        expectSingleProblem(found, "students.csv:3: \(column)", "unknown school 'SX'")
    }

    @Test func unknownSchoolInPreferences() {
        let found = datasetProblems(students: "student_id,zone_id,preferences\nA,Z1,S1;S2\nB,Z1,S2;NOPE\n")
        expectSingleProblem(found, "students.csv:3: preferences", "unknown school 'NOPE'")
    }

    @Test func unknownZoneForAStudent() {
        let found = datasetProblems(students: "student_id,zone_id\nA,Z1\nB,Z9\n")
        expectSingleProblem(found, "students.csv:3: zone_id", "unknown zone 'Z9'")
    }

    @Test func unknownReferencesAreNotReportedWhenTheReferencedIDsCannotBeRead() {
        // schools.csv has no school_id column: only that is reported, not every zone's 'unknown school'.
        let found = datasetProblems(schools: "code,capacity\nS1,10\n",
                                    students: "student_id,zone_id,preferences\nA,Z1,S1;S2\n")
        expectSingleProblem(found, "schools.csv:1: school_id", "required column")
        let zonesMissing = datasetProblems(zones: "code,kind,schools\nZ1,single,S1\n", students: "student_id,zone_id\nA,Z1\nB,Z2\n")
        expectSingleProblem(zonesMissing, "zones.csv:1: zone_id", "required column")
    }

    /// A missing column other than the id still leaves the ids readable, so references that are surely
    /// unknown are reported in the same run (SPEC §6.5).
    @Test func aMissingColumnDoesNotHideUnknownReferences() {
        let found = datasetProblems(schools: "school_id\nS1\n", zones: "zone_id,kind,schools\nZ1,single,S1\n",
                                    students: "student_id,zone_id,preferences\nA,Z1,S1;S2\n")
        #expect(found.map(\.description) == [
            "schools.csv:1: capacity: required column is missing from the header",
            "students.csv:2: preferences: unknown school 'S2' (not in schools.csv)",
        ])
        let zonesMissing = datasetProblems(zones: "zone_id,schools\nZ1,S1\n", students: "student_id,zone_id\nA,Z1\nB,Z2\n")
        #expect(zonesMissing.map(\.description) == [
            "students.csv:3: zone_id: unknown zone 'Z2' (not in zones.csv)",
            "zones.csv:1: kind: required column is missing from the header",
        ])
    }

    /// References into a row that could not be read are not reported as unknown; others still are.
    @Test func referencesIntoAnUnreadableRowAreNotReportedAsUnknown() {
        let found = datasetProblems(schools: "school_id,capacity\nS1,10\nS2,10,extra\n", zones: "zone_id,kind,schools\nZ1,multi,S1;S2;S3\n",
                                    students: "student_id,zone_id\nA,Z1\n")
        #expect(found.map(\.description) == [
            "schools.csv:3: the row has 3 fields but the header has 2",
            "zones.csv:2: schools: unknown school 'S3' (not in schools.csv)",
        ])
    }

    // MARK: Zone structure

    @Test func unknownParent() {
        let found = datasetProblems(zones: "zone_id,kind,schools,parent\nZ1,single,S1,MX\nM1,multi,S1;S2,\n")
        expectSingleProblem(found, "zones.csv:2: parent", "unknown zone 'MX'")
    }

    @Test func parentOnAMultiZone() {
        let found = datasetProblems(zones: "zone_id,kind,schools,parent\nZ1,single,S1,\nM1,multi,S1;S2,M2\nM2,multi,S2,\n")
        expectSingleProblem(found, "zones.csv:3: parent", "a multi zone cannot have a parent")
    }

    @Test func parentThatIsSingle() {
        let found = datasetProblems(zones: "zone_id,kind,schools,parent\nZ2,single,S2,\nZ1,single,S1,Z2\n")
        expectSingleProblem(found, "zones.csv:3: parent", "parent 'Z2' is a single zone")
    }

    @Test func singleZoneWithoutExactlyOneSchool() {
        let two = datasetProblems(zones: "zone_id,kind,schools\nZ1,single,S1;S2\n")
        expectSingleProblem(two, "zones.csv:2: schools", "a single zone must list exactly one school, this one lists 2")
        let none = datasetProblems(zones: "zone_id,kind,schools\nZ1,single,\n")
        expectSingleProblem(none, "zones.csv:2: schools", "this one lists 0")
    }

    @Test func multiZoneWithoutSchools() {
        let found = datasetProblems(zones: "zone_id,kind,schools\nZ1,single,S1\nM1,multi, ; \n")
        expectSingleProblem(found, "zones.csv:3: schools", "a multi zone must list its schools")
    }

    @Test func badZoneKind() {
        let bad = datasetProblems(zones: "zone_id,kind,schools\nZ1,single,S1\nM1,many,S1;S2\n")
        expectSingleProblem(bad, "zones.csv:3: kind", "'many' is not one of: single, multi")
        let empty = datasetProblems(zones: "zone_id,kind,schools\nZ1,single,S1\nM1,,S1;S2\n")
        expectSingleProblem(empty, "zones.csv:3: kind", "a value is required")
    }

    // MARK: Schools

    @Test func batch1SeatsAboveCapacity() {
        let found = datasetProblems(schools: "school_id,capacity,lottery_group,batch1_seats\nS1,10,1,11\nS2,10,,\n")
        expectSingleProblem(found, "schools.csv:2: batch1_seats", "11 seats released to the first batch exceed the capacity 10")
    }

    @Test func batch1SeatsEqualToCapacityIsFine() throws {
        let dataset = try Dataset.parse(files: datasetFiles(schools: "school_id,capacity,lottery_group,batch1_seats\nS1,10,1,10\nS2,10,,\n"))
        #expect(dataset.schools[0].batch1Seats == 10)
    }

    @Test func batch1SeatsWithoutLotteryGroup() {
        let found = datasetProblems(schools: "school_id,capacity,lottery_group,batch1_seats\nS1,10,,5\nS2,10,,\n")
        expectSingleProblem(found, "schools.csv:2: batch1_seats", "has no lottery_group")
    }

    @Test func lotteryGroupOnAPrivateSchool() {
        let found = datasetProblems(schools: "school_id,capacity,kind,lottery_group\nS1,10,public,\nS2,10,private,1\n")
        expectSingleProblem(found, "schools.csv:3: lottery_group", "only public schools")
        let boarding = datasetProblems(schools: "school_id,capacity,kind,lottery_group\nS1,10,boarding,2\nS2,10,,\n")
        expectSingleProblem(boarding, "schools.csv:2: lottery_group", "this one is boarding")
    }

    @Test func lotteryGroupOutOfRange() {
        let found = datasetProblems(schools: "school_id,capacity,lottery_group\nS1,10,3\nS2,10,\n")
        expectSingleProblem(found, "schools.csv:2: lottery_group", "'3' is not a first-batch group")
    }

    @Test func negativeCapacity() {
        let found = datasetProblems(schools: "school_id,capacity\nS1,10\nS2,-1\n")
        expectSingleProblem(found, "schools.csv:3: capacity", "-1 is below the minimum 0")
    }

    @Test func nonNumericCapacity() {
        let found = datasetProblems(schools: "school_id,capacity\nS1,ten\nS2,10\n")
        expectSingleProblem(found, "schools.csv:2: capacity", "'ten' is not a whole number")
        let decimal = datasetProblems(schools: "school_id,capacity\nS1,1.5\nS2,10\n")
        expectSingleProblem(decimal, "schools.csv:2: capacity", "'1.5' is not a whole number")
        // A whole number too large for the machine is said to be that, not "not a whole number".
        let huge = datasetProblems(schools: "school_id,capacity\nS1,99999999999999999999\nS2,10\n")
        expectSingleProblem(huge, "schools.csv:2: capacity", "'99999999999999999999' is too large a number (at most 9,223,372,036,854,775,807)")
    }

    @Test func emptyCapacity() {
        let found = datasetProblems(schools: "school_id,capacity\nS1,\nS2,10\n")
        expectSingleProblem(found, "schools.csv:2: capacity", "a value is required")
    }

    @Test func negativeBatch1Seats() {
        let found = datasetProblems(schools: "school_id,capacity,lottery_group,batch1_seats\nS1,10,1,-2\nS2,10,,\n")
        expectSingleProblem(found, "schools.csv:2: batch1_seats", "below the minimum 0")
    }

    @Test func badSchoolKind() {
        let found = datasetProblems(schools: "school_id,capacity,kind\nS1,10,charter\nS2,10,\n")
        expectSingleProblem(found, "schools.csv:2: kind", "'charter' is not one of: public, private, boarding")
    }

    @Test func badOverflowBoolean() {
        let found = datasetProblems(schools: "school_id,capacity,overflow\nS1,10,maybe\nS2,10,\n")
        expectSingleProblem(found, "schools.csv:2: overflow", "'maybe' is not a boolean")
    }

    @Test func primaryInTwoSchoolsFeeders() {
        let found = datasetProblems(schools: "school_id,capacity,feeders\nS2,10,P1;P2\nS1,10,P3;P1\n")
        // Reported on the later line, naming the earlier owner.
        expectSingleProblem(found, "schools.csv:3: feeders", "primary school 'P1' already feeds 'S2' (line 2)")
    }

    @Test func badSchoolCoordinates() {
        let found = datasetProblems(schools: "school_id,capacity,lat,lon\nS1,10,91,116\nS2,10,39,-180.5\n")
        #expect(found.map(\.description) == [
            "schools.csv:2: lat: 91 is outside −90…90 degrees",
            "schools.csv:3: lon: -180.5 is outside −180…180 degrees",
        ])
    }

    // MARK: Students

    @Test(arguments: ["2023-02-30", "2023/01/01", "2023-13-01", "23-01-01", "2023-1-1", "today", "2023-01-01T00"])
    func badDate(cell: String) {
        let found = datasetProblems(students: "student_id,zone_id,property_date\nA,Z1,2022-02-28\nB,Z1,\(cell)\n")
        expectSingleProblem(found, "students.csv:3: property_date", "'\(cell)' is not a date")
    }

    @Test func badBirthDate() {
        let found = datasetProblems(students: "student_id,zone_id,birth_date\nA,Z1,2019-02-29\n")
        expectSingleProblem(found, "students.csv:2: birth_date", "is not a date (write YYYY-MM-DD)")
    }

    @Test func leapDayIsADate() throws {
        let dataset = try Dataset.parse(files: datasetFiles(students: "student_id,zone_id,birth_date\nA,Z1,2000-02-29\n"))
        #expect(dataset.students[0].birthDate?.description == "2000-02-29")
    }

    @Test func latitudeOutOfRange() {
        let found = datasetProblems(students: "student_id,zone_id,lat,lon\nA,Z1,91,116\n")
        expectSingleProblem(found, "students.csv:2: lat", "91 is outside")
        let south = datasetProblems(students: "student_id,zone_id,lat,lon\nA,Z1,-90.01,116\n")
        expectSingleProblem(south, "students.csv:2: lat", "outside")
    }

    @Test func longitudeOutOfRange() {
        let found = datasetProblems(students: "student_id,zone_id,lat,lon\nA,Z1,39,181\n")
        expectSingleProblem(found, "students.csv:2: lon", "181 is outside")
    }

    @Test(arguments: ["abc", "39,9", "nan", "inf", "1e999", "0x10", "39°"])
    func nonNumericLatitude(cell: String) {
        let quoted = cell.contains(",") ? "\"\(cell)\"" : cell
        let found = datasetProblems(students: "student_id,zone_id,lat,lon\nA,Z1,\(quoted),116\n")
        expectSingleProblem(found, "students.csv:2: lat", "is not a decimal number of degrees")
    }

    @Test func onlyOneCoordinate() {
        let found = datasetProblems(students: "student_id,zone_id,lat,lon\nA,Z1,39.9,\n")
        expectSingleProblem(found, "students.csv:2: lon", "missing while the other coordinate is given")
    }

    @Test func boundaryCoordinatesAreAccepted() throws {
        let dataset = try Dataset.parse(files: datasetFiles(students: "student_id,zone_id,lat,lon\nA,Z1,-90,180\nB,Z1,+90,-180.0\n"))
        #expect(dataset.students.map(\.location) == [
            Coordinate(latitude: -90, longitude: 180), Coordinate(latitude: 90, longitude: -180),
        ])
    }

    @Test func badBoolean() {
        let found = datasetProblems(students: "student_id,zone_id,review_passed\nA,Z1,maybe\n")
        expectSingleProblem(found, "students.csv:2: review_passed", "'maybe' is not a boolean (use yes or no)")
        let y = datasetProblems(students: "student_id,zone_id,accept_feeder\nA,Z1,y\n")
        expectSingleProblem(y, "students.csv:2: accept_feeder", "'y' is not a boolean")
    }

    @Test func badHukou() {
        let found = datasetProblems(students: "student_id,zone_id,hukou\nA,Z1,x\n")
        expectSingleProblem(found, "students.csv:2: hukou", "'x' is not one of: local, treated_local, nonlocal")
    }

    @Test func badHousing() {
        let found = datasetProblems(students: "student_id,zone_id,housing\nA,Z1,x\n")
        expectSingleProblem(found, "students.csv:2: housing", "'x' is not one of: owned, rented")
    }

    @Test func badCare() {
        let found = datasetProblems(students: "student_id,zone_id,care\nA,Z1,martyr;x\n")
        expectSingleProblem(found, "students.csv:2: care", "'x' is not one of: martyr, military")
    }

    @Test func studentIDReservedForFamilies() {
        let found = datasetProblems(students: "student_id,zone_id\nA,Z1\nfamily:F1,Z1\n")
        expectSingleProblem(found, "students.csv:3: student_id", "begins with 'family:'")
    }

    @Test func enumsAreCaseSensitive() {
        let found = datasetProblems(students: "student_id,zone_id,hukou\nA,Z1,Local\n")
        expectSingleProblem(found, "students.csv:2: hukou", "'Local' is not one of")
    }

    // MARK: address_usage.csv

    @Test func badAddressUsageRows() {
        let found = datasetProblems(usage: "address_id,year,level\nX,2020,high\n,2021,primary\nY,0,middle\nZ,twenty,middle\n")
        #expect(found.map(\.description) == [
            "address_usage.csv:2: level: 'high' is not one of: primary, middle",
            "address_usage.csv:3: address_id: a value is required",
            "address_usage.csv:4: year: 0 is below the minimum 1",
            "address_usage.csv:5: year: 'twenty' is not a whole number",
        ])
    }

    // MARK: Several problems at once

    @Test func problemsInSeveralFilesAreReportedTogetherSorted() {
        let found = datasetProblems(
            schools: "school_id,capacity\nS1,10\nS2,-3\nS1,4\n",
            zones: "zone_id,kind,schools\nZ1,single,S1\nM1,multi,S1;SX\n",
            students: "student_id,zone_id,disabled\nA,Z1,maybe\nB,Z7,\nC,Z1,no\n"
        )
        #expect(found.map(\.description) == [
            "schools.csv:3: capacity: -3 is below the minimum 0",
            "schools.csv:4: school_id: 'S1' is already used on line 2",
            "students.csv:2: disabled: 'maybe' is not a boolean (use yes or no)",
            "students.csv:3: zone_id: unknown zone 'Z7' (not in zones.csv)",
            "zones.csv:3: schools: unknown school 'SX' (not in schools.csv)",
        ])
        #expect(found == found.sorted())
    }

    @Test func severalProblemsOnOneRowAreAllReported() {
        let found = datasetProblems(students: "student_id,zone_id,hukou,housing,lat,lon,birth_date\nA,Z1,x,y,95,200,2020-13-01\n")
        #expect(found.map(\.column) == ["birth_date", "housing", "hukou", "lat", "lon"])
        #expect(found.allSatisfy { $0.file == "students.csv" && $0.line == 2 })
    }

    @Test func csvProblemsInSeveralFilesAreReportedTogether() {
        var input = datasetFiles(schools: "school_id,capacity\nS1,10,extra\n", zones: "zone_id,kind,schools\nZ1,\"single,S1\n")
        input["students.csv"] = Array("student_id,zone_id\nA,".utf8) + [0xC4, 0xFF] + [0x0A]
        let found = datasetProblems(input)
        #expect(found.map(\.file) == ["schools.csv", "students.csv", "zones.csv"])
        #expect(found.map(\.line) == [2, 2, 2])
        #expect(found[0].message.contains("fields"))
        #expect(found[1].message.contains("neither UTF-8 nor GB18030"))
        #expect(found[2].message.contains("never closed"))
    }

    @Test func csvProblemAndMissingFileTogether() {
        let found = datasetProblems(schools: "school_id,capacity\nS1,\"10\n", students: nil)
        #expect(found.map(\.description) == [
            "schools.csv:2: a quoted field opened on line 2 is never closed; nothing after it was read",
            "students.csv: required file is missing",
        ])
    }

    // MARK: Loading from a folder

    private func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url)
    }

    private func write(_ files: [String: [UInt8]], to directory: URL) throws {
        for (name, bytes) in files {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
    }

    @Test func loadFromDirectory() throws {
        try withTemporaryDirectory { directory in
            let input = datasetFiles(schools: Self.schoolsCSV, zones: Self.zonesCSV, students: Self.studentsCSV, usage: Self.usageCSV)
            try write(input, to: directory)
            let loaded = try Dataset.load(from: directory)
            let parsed = try Dataset.parse(files: input)
            #expect(loaded.schools.map(\.id) == parsed.schools.map(\.id))
            #expect(loaded.zones.map(\.id) == parsed.zones.map(\.id))
            #expect(loaded.students.map(\.id) == parsed.students.map(\.id))
            #expect(loaded.addressUsage.count == 2)
            #expect(loaded.fileDigests == parsed.fileDigests)
        }
    }

    @Test func loadWithoutOptionalFile() throws {
        try withTemporaryDirectory { directory in
            try write(datasetFiles(), to: directory)
            let loaded = try Dataset.load(from: directory)
            #expect(loaded.students.map(\.id) == ["A"])
            #expect(loaded.fileDigests.keys.sorted() == ["schools.csv", "students.csv", "zones.csv"])
        }
    }

    @Test func loadWithMissingFile() throws {
        try withTemporaryDirectory { directory in
            try write(datasetFiles(zones: nil), to: directory)
            do throws(InputProblems) {
                _ = try Dataset.load(from: directory)
                Issue.record("expected a missing-file problem")
            } catch {
                #expect(error.problems.count == 1)
                let problem = try #require(error.problems.first)
                #expect(problem.file == "zones.csv")
                #expect(problem.line == nil)
                #expect(problem.description.hasPrefix("zones.csv: required file is missing"))
                #expect(problem.message.contains(directory.path))
            }
        }
    }

    @Test func loadFromEmptyDirectoryReportsEveryRequiredFile() throws {
        try withTemporaryDirectory { directory in
            do throws(InputProblems) {
                _ = try Dataset.load(from: directory)
                Issue.record("expected problems")
            } catch {
                #expect(error.problems.map(\.file) == ["schools.csv", "students.csv", "zones.csv"])
            }
        }
    }

    @Test func loadReportsCellProblemsWithLocations() throws {
        try withTemporaryDirectory { directory in
            try write(datasetFiles(students: "student_id,zone_id\nA,Z1\nB,NOPE\n"), to: directory)
            do throws(InputProblems) {
                _ = try Dataset.load(from: directory)
                Issue.record("expected problems")
            } catch {
                #expect(error.problems.map(\.description) == ["students.csv:3: zone_id: unknown zone 'NOPE' (not in zones.csv)"])
            }
        }
    }
}
