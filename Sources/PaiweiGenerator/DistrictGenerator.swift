import PaiweiCore
/// A synthetic district dataset (SPEC §2) shaped like one of the seeds' districts, for demos, tests,
/// simulations and benchmarks (`paiwei generate`).
///
/// The files are a pure function of (preset, students, seed): byte-identical on every run and machine.
/// Random numbers come from Philox keyed by the seed (``GeneratorRandom``), the map is laid out in
/// kilometres with plain arithmetic, and everything is formatted with integer arithmetic, not the locale.
///
/// - Complexity: O(*n* · *s*) for *n* students and *s* schools a choice column can name (a few percent of
///   all schools); in practice a few hundred milliseconds for a city-wide cohort of 150 000 in release.
public struct DistrictGenerator: Sendable {
    public let preset: GeneratorPreset
    public let students: Int
    public let seed: UInt64

    /// - Precondition: `students >= 0`.
    public init(preset: GeneratorPreset, students: Int, seed: UInt64) {
        precondition(students >= 0, "the number of students cannot be negative")
        self.preset = preset
        self.students = students
        self.seed = seed
    }

    /// Independent random streams, so that how many numbers one part draws never shifts another part.
    private enum Stream: UInt32 {
        case layout = 1, students = 2
    }

    /// File name → bytes, names "schools.csv", "zones.csv", "students.csv", "address_usage.csv", in that order.
    public func makeFiles() -> [(name: String, bytes: [UInt8])] {
        var layoutRandom = GeneratorRandom(seed: seed, stream: Stream.layout.rawValue)
        let layout = DistrictLayout(preset: preset, students: students, random: &layoutRandom)

        var synthesizer = StudentSynthesizer(preset: preset, layout: layout, students: students,
                                             random: GeneratorRandom(seed: seed, stream: Stream.students.rawValue))
        var studentsFile = CSVWriter(header: StudentSynthesizer.header)
        synthesizer.appendStudents(count: students, to: &studentsFile)

        var usageFile = CSVWriter(header: ["address_id", "year", "level"])
        for use in synthesizer.usage {
            usageFile.append([use.address, String(use.year), use.level.rawValue])
        }
        return [
            (name: Dataset.schoolsFile, bytes: Self.schoolsFile(layout)),
            (name: Dataset.zonesFile, bytes: Self.zonesFile(layout)),
            (name: Dataset.studentsFile, bytes: studentsFile.bytes),
            (name: Dataset.addressUsageFile, bytes: usageFile.bytes),
        ]
    }

    private static func schoolsFile(_ layout: DistrictLayout) -> [UInt8] {
        var writer = CSVWriter(header: ["school_id", "name", "kind", "district", "capacity", "lottery_group",
                                        "batch1_seats", "feeders", "overflow", "lat", "lon"])
        for school in layout.schools {
            writer.append([
                school.id, school.name, school.kind.rawValue, StudentSynthesizer.homeDistrict, String(school.capacity),
                school.lotteryGroup.map(String.init) ?? "", String(school.batch1Seats),
                school.feeders.joined(separator: ";"),
                // Only public schools take coordinated students (the SPEC default, written out).
                school.kind == .public ? "yes" : "no",
                GeneratorText.degrees(micro: DistrictGeography.latitudeMicro(school.location)),
                GeneratorText.degrees(micro: DistrictGeography.longitudeMicro(school.location)),
            ])
        }
        return writer.bytes
    }

    private static func zonesFile(_ layout: DistrictLayout) -> [UInt8] {
        var writer = CSVWriter(header: ["zone_id", "kind", "schools", "parent"])
        for zone in layout.zones {
            writer.append([
                zone.id, zone.kind.rawValue,
                zone.schools.map { layout.schools[$0].id }.joined(separator: ";"),
                zone.parent.map { layout.zones[$0].id } ?? "",
            ])
        }
        return writer.bytes
    }
}
