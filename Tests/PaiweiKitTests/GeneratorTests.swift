import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// The synthetic district generator: deterministic, always loadable, and shaped as documented.
@Suite struct GeneratorTests {
    private func load(_ generator: DistrictGenerator) throws -> Dataset {
        try Dataset.parse(files: Dictionary(uniqueKeysWithValues: generator.makeFiles().map { ($0.name, $0.bytes) }))
    }

    @Test func filesComeInTheDocumentedOrder() {
        let names = DistrictGenerator(preset: .chaoyang, students: 10, seed: 1).makeFiles().map(\.name)
        #expect(names == ["schools.csv", "zones.csv", "students.csv", "address_usage.csv"])
    }

    @Test(arguments: GeneratorPreset.allCases)
    func sameArgumentsGiveIdenticalBytes(preset: GeneratorPreset) {
        let a = DistrictGenerator(preset: preset, students: 1500, seed: 42).makeFiles()
        let b = DistrictGenerator(preset: preset, students: 1500, seed: 42).makeFiles()
        #expect(a.map(\.name) == b.map(\.name))
        #expect(a.map(\.bytes) == b.map(\.bytes))
    }

    /// Pins the exact output, so that a platform difference (libm, hashing order, formatting) or an
    /// unintended change shows up. A deliberate change to the generator updates these digests.
    @Test(arguments: [(GeneratorPreset.chaoyang, "7ffa952ad85cbcda4cfba11fc5a009a171cac6bb2387a368a3efa12fc5a48c4f"), (.chaoyangPrimary, "bad6c7e9e091e7764970a1cf5f5034e0c58f10466f70e0a55f85eee1a2186b18")])
    func outputIsPinned(preset: GeneratorPreset, digest: String) {
        var all: [UInt8] = []
        for file in DistrictGenerator(preset: preset, students: 1000, seed: 20230701).makeFiles() {
            all += Array(file.name.utf8) + [0] + SHA256.hash(file.bytes)
        }
        #expect(SHA256.hash(all).hexString == digest)
    }

    @Test func anotherSeedGivesAnotherDistrict() {
        let a = DistrictGenerator(preset: .chaoyang, students: 500, seed: 1).makeFiles()
        let b = DistrictGenerator(preset: .chaoyang, students: 500, seed: 2).makeFiles()
        for (x, y) in zip(a, b) { #expect(x.bytes != y.bytes, "\(x.name)") }
    }

    @Test(arguments: GeneratorPreset.allCases, [0, 1, 10, 200, 2000])
    func filesLoadWithoutProblems(preset: GeneratorPreset, students: Int) throws {
        let dataset = try load(DistrictGenerator(preset: preset, students: students, seed: 7))
        #expect(dataset.students.count == students)
        #expect(dataset.schools.count >= 4)
        if students >= 200 {
            #expect(dataset.schools.contains { $0.kind == .private })
            #expect(dataset.schools.contains { $0.kind == .boarding })
        }
    }

    @Test(arguments: GeneratorPreset.allCases)
    func choicesAndPreferencesNameFittingSchools(preset: GeneratorPreset) throws {
        let dataset = try load(DistrictGenerator(preset: preset, students: 2000, seed: 11))
        let schools = dataset.schools
        for student in dataset.students {
            if let s = student.choice(.privateChoice) { #expect(schools[s].kind == .private) }
            if let s = student.choice(.boardingChoice) { #expect(schools[s].kind == .boarding) }
            if let s = student.choice(.group1Choice) { #expect(schools[s].kind == .public && schools[s].lotteryGroup == 1) }
            if let s = student.choice(.group2Choice) { #expect(schools[s].kind == .public && schools[s].lotteryGroup == 2) }
            let zone = dataset.zones[student.zone]
            let area = zone.kind == .multi ? zone : zone.parent.map { dataset.zones[$0] }
            for school in student.preferences { #expect(area?.schools.contains(school) == true, "\(student.id)") }
            #expect(Set(student.preferences).count == student.preferences.count)
        }
    }

    @Test func middleShapeAtFiveThousand() throws {
        let n = 5000
        let dataset = try load(DistrictGenerator(preset: .chaoyang, students: n, seed: 2023))
        let schools = dataset.schools, students = dataset.students
        #expect((15...25).contains(schools.count))

        let total = schools.reduce(0) { $0 + $1.capacity }
        let special = schools.filter { $0.kind != .public }.reduce(0) { $0 + $1.capacity }
        #expect(Double(total) >= 1.0 * Double(n) && Double(total) <= 1.1 * Double(n))
        let share = Double(special) / Double(total)
        #expect(share >= 0.10 && share <= 0.20)

        #expect(schools.contains { !$0.feeders.isEmpty })
        #expect(schools.contains { $0.lotteryGroup == 1 && $0.batch1Seats > 0 })
        #expect(schools.contains { $0.lotteryGroup == 2 && $0.batch1Seats > 0 })
        #expect(dataset.zones.contains { $0.kind == .single && $0.parent != nil })
        #expect(dataset.zones.contains { $0.kind == .multi })

        let families = Dictionary(grouping: students.filter { !$0.familyID.isEmpty }, by: \.familyID)
        #expect(!families.isEmpty)
        for twins in families.values {
            #expect(twins.count == 2)
            #expect(twins[0].addressID == twins[1].addressID && twins[0].zone == twins[1].zone)
            #expect(twins[0].allChoices == twins[1].allChoices && twins[0].preferences == twins[1].preferences)
        }

        // Locked: used for middle entry 2021 or 2022, inside the 3-year lock of the 2023 policy.
        let locked = Set(dataset.addressUsage.filter { $0.level == .middle && (2021...2022).contains($0.year) }.map(\.addressID))
        let lockedStudents = students.filter { locked.contains($0.addressID) }
        #expect(!lockedStudents.isEmpty)

        let redirected = students.filter { student in
            let zone = dataset.zones[student.zone]
            return zone.kind == .single && zone.parent != nil && !student.preferences.isEmpty
        }
        #expect(redirected.allSatisfy { $0.propertyDate.map { $0.ordinal > 2017_06_30 } == true })

        #expect(students.contains { $0.hukou == .nonlocal && !$0.reviewPassed })
        #expect(students.contains { $0.hukou == .treatedLocal })
        #expect(students.contains { $0.disabled })
        #expect(students.contains { $0.care != 0 })
        #expect(students.contains { !$0.acceptFeeder })
        #expect(students.contains { $0.district != "chaoyang" })
        #expect(students.contains { [.passage, .basement, .garage, .nominal].contains($0.housing) })

        let rented = Double(students.filter { $0.housing == .rented }.count) / Double(n)
        #expect(rented > 0.05 && rented < 0.11)
        let privateRate = Double(students.filter { $0.choice(.privateChoice) != nil }.count) / Double(n)
        #expect(privateRate > 0.20 && privateRate < 0.30)
        let birthYears = Set(students.compactMap { $0.birthDate?.year })
        #expect(birthYears.isSubset(of: [2009, 2010, 2011]))
    }

    @Test func primaryShapeAtFiveThousand() throws {
        let n = 5000
        let dataset = try load(DistrictGenerator(preset: .chaoyangPrimary, students: n, seed: 2023))
        let schools = dataset.schools, students = dataset.students
        #expect((15...25).contains(schools.count))
        #expect(schools.allSatisfy { $0.id.hasBytePrefix("E") && $0.feeders.isEmpty && $0.lotteryGroup == nil && $0.batch1Seats == 0 })
        let total = schools.reduce(0) { $0 + $1.capacity }
        #expect(Double(total) >= 1.0 * Double(n) && Double(total) <= 1.1 * Double(n))

        #expect(students.allSatisfy { $0.choice(.group1Choice) == nil && $0.choice(.group2Choice) == nil })
        let tooYoung = students.filter { $0.birthDate! > CalendarDate(year: 2017, month: 8, day: 31)! }
        #expect(!tooYoung.isEmpty && tooYoung.count < n / 50)
        #expect(students.allSatisfy { $0.birthDate! >= CalendarDate(year: 2016, month: 9, day: 1)! })

        let lockedAddresses = Set(dataset.addressUsage.filter { $0.level == .primary && (2018...2022).contains($0.year) }.map(\.addressID))
        #expect(students.contains { lockedAddresses.contains($0.addressID) })

        // Rented homes of a single zone with a parent are sent to the area, so they carry preferences.
        #expect(students.contains { student in
            let zone = dataset.zones[student.zone]
            return zone.parent != nil && student.housing == .rented && !student.preferences.isEmpty
        })
    }

    @Test func idsArePaddedToSortNaturally() throws {
        let files = DistrictGenerator(preset: .chaoyang, students: 2000, seed: 3).makeFiles()
        let dataset = try Dataset.parse(files: Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) }))
        #expect(dataset.schools.first?.id == "M001")
        #expect(dataset.zones.first?.id == "Z01")
        #expect(dataset.students.first?.id == "S000001" && dataset.students.last?.id == "S002000")
        // Rows are written in id order, so sorting by id keeps the file order.
        #expect(dataset.students.map(\.line) == dataset.students.map(\.line).sorted())
        #expect(dataset.schools.map(\.line) == dataset.schools.map(\.line).sorted())
    }

    @Test func coordinatesHaveSixDecimals() {
        #expect(GeneratorText.degrees(micro: 39_920_000) == "39.920000")
        #expect(GeneratorText.degrees(micro: 116_000_001) == "116.000001")
        #expect(GeneratorText.degrees(micro: -5) == "-0.000005")
        #expect(GeneratorDate.text(GeneratorDate.day(2016, 2, 29)) == "2016-02-29")
        #expect(CivilCalendar.date(daysSince1970: GeneratorDate.day(2017, 8, 31)) == (2017, 8, 31))
        // The shared conversion and the generator's inverse agree on every day from 1600 to 2400.
        for day in GeneratorDate.day(1600, 1, 1)...GeneratorDate.day(2400, 12, 31) {
            let date = CivilCalendar.date(daysSince1970: day)
            #expect(GeneratorDate.day(date.year, date.month, date.day) == day)
        }
        #expect(GeneratorDate.day(1970, 1, 1) == 0)
    }

    @Test func randomStreamIsStableAndUniform() {
        var a = GeneratorRandom(seed: 9, stream: 1), b = GeneratorRandom(seed: 9, stream: 1)
        var c = GeneratorRandom(seed: 9, stream: 2)
        let xs = (0..<8).map { _ in a.next() }
        #expect(xs == (0..<8).map { _ in b.next() })
        #expect(xs != (0..<8).map { _ in c.next() })
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<10_000 { counts[a.int(below: 5)] += 1 }
        #expect(counts.allSatisfy { (1800...2200).contains($0) })
        #expect((0..<1000).allSatisfy { _ in (0..<1).contains(a.uniform()) })
    }
}
