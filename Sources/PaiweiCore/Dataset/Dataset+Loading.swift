import Dispatch
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
    /// - Complexity: O(*b* + *n* log *n*) for *b* bytes and *n* students.
    public static func load(from directory: URL) throws(InputProblems) -> Dataset {
        try parse(files: readFiles(from: directory))
    }

    /// The bytes of the dataset files present in `directory` (the optional ones only if there);
    /// a required file missing or unreadable is a problem.
    public static func readFiles(from directory: URL) throws(InputProblems) -> [String: [UInt8]] {
        var problems = ProblemList()
        let files = readFiles(from: directory, problems: &problems)
        try problems.throwIfAny()
        return files
    }

    /// The files that could be read; a problem for each required file missing or unreadable.
    package static func readFiles(from directory: URL, problems: inout ProblemList) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in [schoolsFile, zonesFile, studentsFile, addressUsageFile] {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                if name != addressUsageFile {
                    problems.add(name, nil, "", Message("required file is missing from \(directory.path)", "\(directory.path) 中缺少此必需文件"))
                }
                continue
            }
            do {
                files[name] = Array(try Data(contentsOf: url))
            } catch {
                problems.add(name, nil, "", Message("cannot be read: \(error.localizedDescription)", "无法读取：\(error.localizedDescription)"))
            }
        }
        return files
    }

    /// Parses and validates in-memory files (name → bytes); see ``load(from:)``.
    public static func parse(files: [String: [UInt8]]) throws(InputProblems) -> Dataset {
        let reading = read(files: files)
        if !reading.problems.isEmpty { throw InputProblems(reading.problems) }
        return reading.dataset
    }

    /// Reads whatever can be read of in-memory files, and every problem in all of them (SPEC §6.5): a
    /// problem in one file never hides one in another. The dataset is sound only when there are no
    /// problems; otherwise it holds what could be read, for checks that depend on the policy.
    ///
    /// Uses every core (``read(files:workers:)``).
    public static func read(files: [String: [UInt8]]) -> DatasetReading {
        read(files: files, workers: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// ``read(files:)`` on `workers` threads: `students.csv` in stretches read at once, and the files'
    /// digests taken beside them. The result does not depend on `workers`.
    /// - Complexity: O(*b* + *n* log *n*) for *b* bytes and *n* students; O(*b* + *n*) when the students
    ///   are in id order already, as a bureau's export usually is.
    public static func read(files: [String: [UInt8]], workers: Int) -> DatasetReading {
        read(files: files, workers: workers, stretches: nil)
    }

    /// ``read(files:workers:)`` with `students.csv` split into `stretches` (by default, a few per worker
    /// and none under 256 KiB); for tests, which check that nothing depends on it.
    package static func read(files: [String: [UInt8]], workers: Int, stretches: Int?) -> DatasetReading {
        var builder = DatasetBuilder()
        for name in [schoolsFile, zonesFile, studentsFile] where files[name] == nil {
            builder.problems.add(name, nil, "", Message("required file is missing", "缺少此必需文件"))
        }
        builder.readSchools(files[schoolsFile])
        builder.readZones(files[zonesFile])

        // Then everything else at once: the students (in stretches), the address usage, the digests.
        let students = builder.openStudents(files[studentsFile])
        let studentBytes = files[studentsFile]?.count ?? 0
        let count = stretches ?? (workers > 1 ? min(workers * 4, max(1, studentBytes >> 18)) : 1)
        let readers = students.map { $0.reader.stretches(count, workers: workers) } ?? []
        // The largest file first: its digest takes longest.
        let digested = files.keys.sorted { (files[$0]!.count, $1) > (files[$1]!.count, $0) }
        let usage = files[addressUsageFile]
        let tasks = digested.count + 1 + readers.count
        let digests = ParallelSlots<[UInt8]>(count: digested.count)
        let usageSlot = ParallelSlots<AddressUsageReading>(count: 1)
        let stretchSlots = ParallelSlots<DataTableReader.StretchResult<StudentStretch>>(count: readers.count)
        let rows = students?.rows
        let run = { @Sendable (task: Int) in
            if task < digested.count {
                digests.set(task, SHA256.hash(files[digested[task]]!))
            } else if task == digested.count {
                if let usage { usageSlot.set(0, DatasetBuilder.readAddressUsage(usage)) }
            } else {
                var reader = readers[task - digested.count - 1]
                let part = rows!.read(&reader)
                stretchSlots.set(task - digested.count - 1, .init(part: part, reader: reader))
            }
        }
        if workers > 1 {
            DispatchQueue.concurrentPerform(iterations: tasks, execute: run)
        } else {
            for task in 0..<tasks { run(task) }
        }

        if let rows {
            let (parts, _) = DataTableReader.joined(stretchSlots.values.map { $0! }, read: rows.read)
            builder.dataset.students = rows.joined(parts, into: &builder.problems)
        }
        if let reading = usageSlot.values[0] {
            builder.problems.add(contentsOf: reading.problems.problems)
            builder.dataset.addressUsage = reading.usage
        }
        var dataset = builder.dataset
        let values = digests.values
        dataset.fileDigests = Dictionary(uniqueKeysWithValues: digested.indices.map { (digested[$0], values[$0]!) })
        dataset.fileEncodings = files.mapValues { _ in .utf8 }
        return DatasetReading(dataset: dataset, problems: builder.problems.sorted)
    }
}

/// What reading a dataset's files gave: the dataset as far as it could be read, and every problem.
public struct DatasetReading: Sendable {
    public var dataset: Dataset
    /// Sorted by file, line and column; empty when the dataset is sound.
    public var problems: [InputProblem]
}

/// Builds a ``Dataset`` file by file, resolving ids to indices and collecting problems.
private struct DatasetBuilder {
    var problems = ProblemList()
    var dataset = Dataset(schools: [], zones: [], students: [])
    /// School ids → index into the sorted schools.
    var schoolIndex = IdentifierTable()
    var schoolSorted: [Int32] = []
    var zoneIndex = IdentifierTable()
    var zoneSorted: [Int32] = []
    /// What is known of the ids of a file that could not be read whole: references to an id that may be
    /// in a row that could not be read are not reported as unknown (SPEC §6.5).
    var schools = ReferencedIDs()
    var zones = ReferencedIDs()

    /// The school with id bytes `bytes[range]`, or nil with a problem when it is surely unknown.
    mutating func school(_ bytes: [UInt8], _ range: Range<Int>, file: String, line: Int, column: String) -> Int? {
        if let index = schoolIndex.index(of: bytes.span.extracting(range)) { return Int(schoolSorted[Int(index)]) }
        let id = Identifier(bytes: bytes[range])
        if schools.isSurelyUnknown(id) {
            problems.add(file, line, column, Message("unknown school '\(id)' (not in schools.csv)", "未知学校“\(id)”（schools.csv 中没有）"))
        }
        return nil
    }

    /// The id of a row, interned in `table`; nil, with the problem recorded, when the cell is empty or the
    /// id was already used on an earlier line (`firstLines`, by entry).
    static func newID(_ record: CSVRecord, _ column: Column, _ cells: CellReader, in table: inout IdentifierTable,
                      firstLines: inout [Int], _ problems: inout ProblemList) -> Identifier? {
        let range = cells.range(record, column)
        guard !range.isEmpty else {
            cells.required(record, column, &problems)
            return nil
        }
        let (entry, inserted) = table.insert(record.bytes.span.extracting(range))
        guard inserted else {
            let id = Identifier(bytes: record.bytes[range])
            let earlier = firstLines[Int(entry)]
            problems.add(cells.file, record.line, column.name, Message("'\(id)' is already used on line \(earlier)", "“\(id)”已在第 \(earlier) 行使用"))
            return nil
        }
        firstLines.append(record.line)
        return Identifier(bytes: record.bytes[range])
    }

    mutating func readSchools(_ bytes: [UInt8]?) {
        let file = Dataset.schoolsFile
        guard let bytes, var reader = DataTableReader(csv: bytes, file: file, problems: &problems) else {
            schools.unknown = true
            return
        }
        let cells = CellReader(file: file)
        let id = Column("school_id", in: reader), capacityColumn = Column("capacity", in: reader)
        let name = Column("name", in: reader), kindColumn = Column("kind", in: reader), district = Column("district", in: reader)
        let groupColumn = Column("lottery_group", in: reader), batch1Column = Column("batch1_seats", in: reader)
        let feeders = Column("feeders", in: reader), overflowColumn = Column("overflow", in: reader)
        let lat = Column("lat", in: reader), lon = Column("lon", in: reader)
        _ = cells.requireColumns([id, capacityColumn], in: reader, into: &problems)
        guard id.index != nil else {
            schools.unknown = true
            return
        }
        var read: [School] = []
        var firstLines: [Int] = []
        var record = CSVRecord()
        while let status = reader.next(into: &record, problems: &problems) {
            if status == .unreadable {
                schools.noteUnreadable(record, column: id)
                continue
            }
            guard let schoolID = Self.newID(record, id, cells, in: &schoolIndex, firstLines: &firstLines, &problems) else { continue }
            let kind: SchoolKind = cells.enumeration(record, kindColumn, default: .public, &problems) ?? .public
            let parsedCapacity = capacityColumn.index == nil ? nil : cells.int(record, capacityColumn, default: nil, minimum: 0, &problems)
            let capacity = parsedCapacity ?? 0
            var group: Int?
            let groupText = cells.text(record, groupColumn)
            if !groupText.isEmpty {
                if groupText == "1" || groupText == "2" {
                    group = Int(groupText)
                    if kind != .public {
                        problems.add(file, record.line, groupColumn.name, Message(
                            "only public schools take part in a first-batch group, this one is \(kind.rawValue)",
                            "只有公办学校参加一批次分组派位，此校为 \(kind.rawValue)"))
                    }
                } else {
                    problems.add(file, record.line, groupColumn.name, Message(
                        "'\(groupText)' is not a first-batch group (leave empty, or write 1 or 2)",
                        "“\(groupText)”不是一批次分组（留空，或填 1 或 2）"))
                }
            }
            let batch1 = cells.int(record, batch1Column, default: 0, minimum: 0, &problems) ?? 0
            if let parsedCapacity, batch1 > parsedCapacity {
                problems.add(file, record.line, batch1Column.name, Message(
                    "\(batch1) seats released to the first batch exceed the capacity \(capacity)",
                    "投放一批次的 \(batch1) 个学位超过招生计划 \(capacity)"))
            }
            if batch1 > 0 && groupText.isEmpty {
                problems.add(file, record.line, batch1Column.name, Message(
                    "the school releases first-batch seats but has no lottery_group",
                    "此校投放了一批次学位，却没有 lottery_group（一批次分组）"))
            }
            let overflow = cells.bool(record, overflowColumn, default: kind == .public, &problems)
            let schoolName = cells.text(record, name)
            read.append(School(
                id: schoolID, name: schoolName.isEmpty ? schoolID.text : schoolName, kind: kind, district: cells.identifier(record, district),
                capacity: capacity, lotteryGroup: group, batch1Seats: batch1,
                feeders: cells.listItems(record, feeders).map { Identifier(bytes: record.bytes[$0]) },
                overflow: overflow, location: cells.coordinate(record, latitude: lat, longitude: lon, &problems), line: record.line
            ))
        }
        if reader.stoppedEarly { schools.unknown = true }

        // A primary's graduates can go straight up to one school only.
        var feederOwner: [Identifier: Int] = [:]
        for (index, school) in read.enumerated() {
            for primary in school.feeders {
                if let owner = feederOwner[primary] {
                    if read[owner].id != school.id {
                        problems.add(file, school.line, "feeders", Message(
                            "primary school '\(primary)' already feeds '\(read[owner].id)' (line \(read[owner].line)); a primary can feed one school only",
                            "小学“\(primary)”已对口直升至“\(read[owner].id)”（第 \(read[owner].line) 行）；一所小学只能对口一所学校"))
                    }
                } else {
                    feederOwner[primary] = index
                }
            }
        }
        let order = read.indices.sorted { read[$0].id < read[$1].id }
        schoolSorted = Array(repeating: 0, count: read.count)
        for (sorted, entry) in order.enumerated() { schoolSorted[entry] = Int32(sorted) }
        dataset.schools = order.map { read[$0] }
    }

    mutating func readZones(_ bytes: [UInt8]?) {
        let file = Dataset.zonesFile
        guard let bytes, var reader = DataTableReader(csv: bytes, file: file, problems: &problems) else {
            zones.unknown = true
            return
        }
        let cells = CellReader(file: file)
        let id = Column("zone_id", in: reader), kindColumn = Column("kind", in: reader)
        let schoolsColumn = Column("schools", in: reader), parentColumn = Column("parent", in: reader)
        _ = cells.requireColumns([id, kindColumn, schoolsColumn], in: reader, into: &problems)
        guard id.index != nil else {
            zones.unknown = true
            return
        }
        struct Pending { var zone: Zone; var parentID: Identifier }
        var pending: [Pending] = []
        var firstLines: [Int] = []
        var record = CSVRecord()
        while let status = reader.next(into: &record, problems: &problems) {
            if status == .unreadable {
                zones.noteUnreadable(record, column: id)
                continue
            }
            guard let zoneID = Self.newID(record, id, cells, in: &zoneIndex, firstLines: &firstLines, &problems) else { continue }
            var kind: ZoneKind?
            if kindColumn.index != nil {
                kind = ZoneKind.keywords.match(record.bytes.span.extracting(cells.range(record, kindColumn)))
                if kind == nil {
                    if cells.isEmpty(record, kindColumn) {
                        problems.add(file, record.line, kindColumn.name, Message("a value is required (single or multi)", "此项必填（single 或 multi）"))
                    } else {
                        cells.notOneOf(cells.text(record, kindColumn), ["single", "multi"], record, kindColumn, &problems)
                    }
                }
            }
            var schoolList: [Int] = []
            let items = cells.listItems(record, schoolsColumn)
            for item in items {
                guard let index = school(record.bytes, item, file: file, line: record.line, column: schoolsColumn.name) else { continue }
                if schoolList.contains(index) {
                    problems.add(file, record.line, schoolsColumn.name, Message("school '\(dataset.schools[index].id)' is listed twice",
                                                                                "学校“\(dataset.schools[index].id)”列出了两次"))
                } else {
                    schoolList.append(index)
                }
            }
            switch kind {
            case .single where items.count != 1:
                problems.add(file, record.line, schoolsColumn.name, Message(
                    "a single zone must list exactly one school, this one lists \(items.count)",
                    "单校划片片区只能对应一所学校，此片区列出了 \(items.count) 所"))
            case .multi where items.isEmpty:
                problems.add(file, record.line, schoolsColumn.name, Message("a multi zone must list its schools", "多校划片片区必须列出其学校"))
            default: break
            }
            let parentID = cells.identifier(record, parentColumn)
            if kind == .multi && !parentID.isEmpty {
                problems.add(file, record.line, parentColumn.name, Message(
                    "a multi zone cannot have a parent (only single zones roll up to a multi zone)",
                    "多校划片片区不能有上级片区（只有单校划片片区才归入多校划片片区）"))
            }
            // A zone whose kind could not be read is still known by id, so that its students are not also
            // reported as living in an unknown zone.
            pending.append(Pending(zone: Zone(id: zoneID, kind: kind ?? .multi, schools: schoolList, line: record.line),
                                   parentID: kind == .single ? parentID : ""))
        }
        if reader.stoppedEarly { zones.unknown = true }
        let order = pending.indices.sorted { pending[$0].zone.id < pending[$1].zone.id }
        zoneSorted = Array(repeating: 0, count: pending.count)
        for (sorted, entry) in order.enumerated() { zoneSorted[entry] = Int32(sorted) }
        var list: [Zone] = []
        for entry in order {
            var zone = pending[entry].zone
            let parentID = pending[entry].parentID
            if !parentID.isEmpty {
                if let parentEntry = zoneIndex.index(of: parentID.text) {
                    if pending[Int(parentEntry)].zone.kind == .multi {
                        zone.parent = Int(zoneSorted[Int(parentEntry)])
                    } else {
                        problems.add(file, zone.line, "parent", Message("parent '\(parentID)' is a single zone; a parent must be a multi zone",
                                                                        "上级片区“\(parentID)”是单校划片片区；上级片区必须是多校划片片区"))
                    }
                } else if zones.isSurelyUnknown(parentID) {
                    problems.add(file, zone.line, "parent", Message("unknown zone '\(parentID)'", "未知片区“\(parentID)”"))
                }
            }
            list.append(zone)
        }
        dataset.zones = list
    }

    /// The header of `students.csv`, and what reading its rows needs (``StudentRowReader``); nil when
    /// not even the header can be read, or it has no `student_id`.
    mutating func openStudents(_ bytes: [UInt8]?) -> (reader: DataTableReader, rows: StudentRowReader)? {
        let file = Dataset.studentsFile
        guard let bytes, let reader = DataTableReader(csv: bytes, file: file, problems: &problems) else { return nil }
        let cells = CellReader(file: file)
        let columns = StudentColumns(reader)
        _ = cells.requireColumns([columns.id, columns.zone], in: reader, into: &problems)
        guard columns.id.index != nil else { return nil }
        let rows = StudentRowReader(file: file, cells: cells, columns: columns, schoolIndex: schoolIndex, schoolSorted: schoolSorted,
                                    schools: schools, zoneIndex: zoneIndex, zoneSorted: zoneSorted, zones: zones)
        return (reader, rows)
    }

    /// The rows of `address_usage.csv` that can be used, and the problems of the others.
    static func readAddressUsage(_ bytes: [UInt8]) -> AddressUsageReading {
        var reading = AddressUsageReading()
        let file = Dataset.addressUsageFile
        guard var reader = DataTableReader(csv: bytes, file: file, problems: &reading.problems) else { return reading }
        let cells = CellReader(file: file)
        let address = Column("address_id", in: reader), year = Column("year", in: reader), level = Column("level", in: reader)
        guard cells.requireColumns([address, year, level], in: reader, into: &reading.problems) else { return reading }
        var record = CSVRecord()
        while let status = reader.next(into: &record, problems: &reading.problems) {
            guard status == .row else { continue }
            let addressID = cells.identifier(record, address)
            if addressID.isEmpty { cells.required(record, address, &reading.problems) }
            let usedYear = cells.int(record, year, default: nil, minimum: 1, &reading.problems)
            let usedLevel: AdmissionLevel? = cells.enumeration(record, level, default: nil, &reading.problems)
            if let usedYear, let usedLevel, !addressID.isEmpty {
                reading.usage.append(AddressUsage(addressID: addressID, year: usedYear, level: usedLevel, line: record.line))
            }
        }
        return reading
    }
}

/// What ``DatasetBuilder/readAddressUsage(_:)`` read.
struct AddressUsageReading: Sendable {
    var usage: [AddressUsage] = []
    var problems = ProblemList()
}

/// What is known of the ids in a file that was not read whole.
struct ReferencedIDs: Sendable {
    /// The file, or a part of it that may hold ids, could not be read at all.
    var unknown = false
    /// Ids of rows that were reported unreadable.
    var unreadable: Set<Identifier> = []

    /// Whether a reference to `id`, not found among the rows read, is surely unknown (and so reported).
    func isSurelyUnknown(_ id: Identifier) -> Bool { !unknown && !unreadable.contains(id) }

    /// Remembers the id of a row that could not be used, if its id cell can be told: a row with the wrong
    /// number of fields or a stray quote still has its cells, but a quote that never closed swallowed the rest.
    mutating func noteUnreadable(_ record: CSVRecord, column: Column) {
        if case .unclosedQuote = record.problem {
            unknown = true
            return
        }
        guard let index = column.index, index < record.count else {
            unknown = true
            return
        }
        unreadable.insert(Identifier(bytes: record.bytes[record.cell(index)]))
    }
}

extension ProblemList {
    /// The problems in file, line and column order.
    package var sorted: [InputProblem] { problems.sorted() }
}
