import Foundation

extension Dataset {
    public static let schoolsFile = "schools.csv"
    public static let zonesFile = "zones.csv"
    public static let studentsFile = "students.csv"
    public static let addressUsageFile = "address_usage.csv"
    /// The dataset's tables by their CSV names, the optional one last.
    public static let tableFiles = [schoolsFile, zonesFile, studentsFile, addressUsageFile]

    /// The names a table may be stored under (SPEC §2): its CSV name, and the workbook of the same
    /// base name (`students.csv`, `students.xlsx`).
    public static func fileNames(of csvName: String) -> [String] {
        let base = csvName.hasSuffix(".csv") ? String(csvName.dropLast(4)) : csvName
        return [base + ".csv", base + ".xlsx"]
    }

    /// The name under which the table `csvName` is among `names` (its CSV name or its workbook's), or
    /// nil when it is not there — and nil, with a problem, when both forms are: which one is meant?
    package static func fileName(of csvName: String, among names: some Collection<String>, problems: inout ProblemList) -> String? {
        let present = fileNames(of: csvName).filter { names.contains($0) }
        if present.count > 1 {
            problems.add(present[1], nil, "", Message(
                "the folder holds both \(present[0]) and \(present[1]): keep only the one that is meant, so that nobody has to guess which was placed",
                "文件夹中同时有 \(present[0]) 和 \(present[1])：请只保留要用的那一个，以免无从判断派位用的是哪个"))
            return nil
        }
        return present.first
    }

    /// The name the table `csvName` was read from: its workbook's when it was one (`students.xlsx`),
    /// else the CSV name — for messages and warnings that point into the file.
    public func fileName(of csvName: String) -> String {
        Self.fileNames(of: csvName).first { fileDigests[$0] != nil } ?? csvName
    }

    /// What a run says on stderr about how its files were read (SPEC §2): one line for each file that
    /// was not plain UTF-8 (GB18030, a workbook), in file name order.
    public var readingNotices: [Message] {
        fileEncodings.keys.sorted(by: utf8Less).compactMap { fileEncodings[$0]!.notice(file: $0) }
    }

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

    /// The files that could be read, each table as CSV or as a workbook (both, when both are there:
    /// ``read(files:)`` refuses that); a problem for each required table missing or unreadable.
    package static func readFiles(from directory: URL, problems: inout ProblemList) -> [String: [UInt8]] {
        readFiles(tableFiles, from: directory, required: [schoolsFile, zonesFile, studentsFile], problems: &problems)
    }

    /// The files of the tables `csvNames` present in `directory`, each by its CSV name or its
    /// workbook's; a problem for each table of `required` that is in neither form.
    package static func readFiles(_ csvNames: [String], from directory: URL, required: Set<String>,
                                  problems: inout ProblemList) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for csvName in csvNames {
            var found = false
            for name in fileNames(of: csvName) {
                let url = directory.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                found = true
                do {
                    files[name] = Array(try Data(contentsOf: url))
                } catch {
                    problems.add(name, nil, "", Message("cannot be read: \(error.localizedDescription)", "无法读取：\(error.localizedDescription)"))
                }
            }
            if !found && required.contains(csvName) {
                problems.add(csvName, nil, "", Message(
                    "required file is missing from \(directory.path) (as CSV, or as the workbook \(fileNames(of: csvName)[1]))",
                    "\(directory.path) 中缺少此必需文件（CSV 文件，或 Excel 工作簿 \(fileNames(of: csvName)[1])）"))
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
    /// problem in one file never hides one in another. Each table is a CSV file or a workbook of the
    /// same base name (`students.xlsx`), never both. The dataset is sound only when there are no
    /// problems; otherwise it holds what could be read, for checks that depend on the policy.
    public static func read(files: [String: [UInt8]]) -> DatasetReading {
        var builder = DatasetBuilder()
        var names: [String: String] = [:]
        var conflicting: Set<String> = []
        for csvName in tableFiles {
            let before = builder.problems.problems.count
            if let name = fileName(of: csvName, among: files.keys, problems: &builder.problems) {
                names[csvName] = name
            } else if builder.problems.problems.count > before {
                conflicting.insert(csvName)
            } else if csvName != addressUsageFile {
                builder.problems.add(csvName, nil, "", Message("required file is missing", "缺少此必需文件"))
            }
        }
        builder.names = names
        builder.readSchools(names[schoolsFile].flatMap { files[$0] })
        if conflicting.contains(schoolsFile) { builder.schools.unknown = true }
        builder.readZones(names[zonesFile].flatMap { files[$0] })
        if conflicting.contains(zonesFile) { builder.zones.unknown = true }
        builder.readStudents(names[studentsFile].flatMap { files[$0] })
        if let usage = names[addressUsageFile].flatMap({ files[$0] }) { builder.readAddressUsage(usage) }
        var dataset = builder.dataset
        dataset.fileDigests = files.mapValues { SHA256.hash($0) }
        dataset.fileEncodings = builder.encodings
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
    /// CSV name → the name each table was found under (its workbook's, if it was one).
    var names: [String: String] = [:]
    /// File name → how its bytes were read, for every file whose header could be read.
    var encodings: [String: InputEncoding] = [:]

    /// The name table `csvName` is read from.
    func name(_ csvName: String) -> String { names[csvName] ?? csvName }

    /// The reader of table `csvName`'s bytes (CSV or workbook by the name it was found under), with
    /// its encoding noted; nil when not even its header can be read.
    mutating func openTable(_ csvName: String, _ bytes: [UInt8], reading columns: Set<String>) -> DataTableReader? {
        let file = name(csvName)
        guard let reader = DataTableReader(bytes, file: file, reading: columns, problems: &problems) else { return nil }
        encodings[file] = reader.encoding
        return reader
    }

    /// The school with id bytes `bytes[range]`, or nil with a problem when it is surely unknown.
    mutating func school(_ bytes: [UInt8], _ range: Range<Int>, file: String, line: Int, column: String) -> Int? {
        if let index = schoolIndex.index(of: bytes.span.extracting(range)) { return Int(schoolSorted[Int(index)]) }
        let id = Identifier(bytes: bytes[range])
        if schools.isSurelyUnknown(id) {
            let schoolsFile = name(Dataset.schoolsFile)
            problems.add(file, line, column, Message("unknown school '\(id)' (not in \(schoolsFile))", "未知学校“\(id)”（\(schoolsFile) 中没有）"))
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
        return Identifier(span: record.bytes.span.extracting(range))
    }

    // The columns each table's reader takes from the file (a workbook's cells elsewhere may hold anything).
    static let schoolColumns: Set<String> = ["school_id", "name", "kind", "district", "capacity", "lottery_group", "batch1_seats",
                                             "feeders", "overflow", "lat", "lon"]
    static let zoneColumns: Set<String> = ["zone_id", "kind", "schools", "parent"]
    static let studentColumns: Set<String> = Set(["student_id", "district", "zone_id", "primary_school", "lat", "lon", "hukou",
                                                  "review_passed", "housing", "property_date", "address_id", "sibling_exempt",
                                                  "birth_date", "disabled", "care", "preferences", "accept_feeder", "family_id",
                                                  "sibling_school", "points"] + ChoiceColumn.allCases.map(\.rawValue))
    static let addressUsageColumns: Set<String> = ["address_id", "year", "level"]

    mutating func readSchools(_ bytes: [UInt8]?) {
        let file = name(Dataset.schoolsFile)
        guard let bytes, var reader = openTable(Dataset.schoolsFile, bytes, reading: Self.schoolColumns) else {
            schools.unknown = true
            return
        }
        let cells = CellReader(file: file)
        let id = Column("school_id", in: reader), capacityColumn = Column("capacity", in: reader)
        let nameColumn = Column("name", in: reader), kindColumn = Column("kind", in: reader), district = Column("district", in: reader)
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
            let schoolName = cells.text(record, nameColumn)
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
        let file = name(Dataset.zonesFile)
        guard let bytes, var reader = openTable(Dataset.zonesFile, bytes, reading: Self.zoneColumns) else {
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

    mutating func readStudents(_ bytes: [UInt8]?) {
        let file = name(Dataset.studentsFile)
        guard let bytes, var reader = openTable(Dataset.studentsFile, bytes, reading: Self.studentColumns) else { return }
        let cells = CellReader(file: file)
        let id = Column("student_id", in: reader), zoneColumn = Column("zone_id", in: reader)
        _ = cells.requireColumns([id, zoneColumn], in: reader, into: &problems)
        guard id.index != nil else { return }
        let district = Column("district", in: reader), primary = Column("primary_school", in: reader)
        let lat = Column("lat", in: reader), lon = Column("lon", in: reader)
        let hukouColumn = Column("hukou", in: reader), review = Column("review_passed", in: reader)
        let housingColumn = Column("housing", in: reader), propertyDate = Column("property_date", in: reader)
        let address = Column("address_id", in: reader), sibling = Column("sibling_exempt", in: reader)
        let birth = Column("birth_date", in: reader), disabled = Column("disabled", in: reader)
        let careColumn = Column("care", in: reader), preferencesColumn = Column("preferences", in: reader)
        let accept = Column("accept_feeder", in: reader), family = Column("family_id", in: reader)
        let choiceColumns = ChoiceColumn.allCases.map { Column($0.rawValue, in: reader) }
        let siblingColumn = Column("sibling_school", in: reader), pointsColumn = Column("points", in: reader)

        var students: [Student] = []
        students.reserveCapacity(bytes.count / 96)
        var studentIDs = StudentIDs()
        // A district or primary school repeated down the file is one identifier, not a new one per student.
        var districts = IdentifierInterner(), primarySchools = IdentifierInterner()
        // Each student's preferences gathered here (the first `preferenceCount`), then copied into an
        // array of their exact size.
        var preferenceScratch: [Int] = []
        var record = CSVRecord()
        while let status = reader.next(into: &record, problems: &problems) {
            guard status == .row else { continue }
            guard let studentID = studentIDs.newID(record, id, cells, students: students, &problems) else { continue }
            if studentID.hasBytePrefix("family:") {
                problems.add(file, record.line, id.name, Message(
                    "'\(studentID)' begins with 'family:', which is reserved for family lottery draws",
                    "“\(studentID)”以“family:”开头，此前缀留给以家庭为单位的摇号"))
            }
            var zone = -1
            let zoneRange = cells.range(record, zoneColumn)
            if zoneRange.isEmpty {
                if zoneColumn.index != nil { cells.required(record, zoneColumn, &problems) }
            } else if let index = zoneIndex.index(of: record.bytes.span.extracting(zoneRange)) {
                zone = Int(zoneSorted[Int(index)])
            } else {
                let zoneID = Identifier(bytes: record.bytes[zoneRange])
                if zones.isSurelyUnknown(zoneID) {
                    let zonesFile = name(Dataset.zonesFile)
                    problems.add(file, record.line, zoneColumn.name, Message("unknown zone '\(zoneID)' (not in \(zonesFile))", "未知片区“\(zoneID)”（\(zonesFile) 中没有）"))
                }
            }
            // Care as its bit set and the choices by column position: no array or dictionary per student.
            var care: UInt8 = 0
            cells.listItems(record, careColumn) { item in
                if let category = CareCategory.keywords.match(record.bytes.span.extracting(item)) {
                    care |= category.bit
                } else {
                    cells.notOneOf(String(decoding: record.bytes[item], as: UTF8.self), CareCategory.allCases.map(\.rawValue), record, careColumn, &problems)
                }
            }
            var choices = InlineArray<4, Int32>(repeating: -1)
            for k in 0..<4 where !cells.isEmpty(record, choiceColumns[k]) {
                let cell = choiceColumns[k]
                if let index = school(record.bytes, cells.range(record, cell), file: file, line: record.line, column: cell.name) {
                    choices[k] = Int32(index)
                }
            }
            var preferenceCount = 0
            cells.listItems(record, preferencesColumn) { item in
                if let index = school(record.bytes, item, file: file, line: record.line, column: preferencesColumn.name) {
                    if preferenceCount < preferenceScratch.count {
                        preferenceScratch[preferenceCount] = index
                    } else {
                        preferenceScratch.append(index)
                    }
                    preferenceCount += 1
                }
            }
            let preferences = preferenceCount == 0 ? [] : preferenceScratch.withUnsafeBufferPointer { Array($0[0..<preferenceCount]) }
            var siblingSchool: Int?
            if !cells.isEmpty(record, siblingColumn) {
                siblingSchool = school(record.bytes, cells.range(record, siblingColumn), file: file, line: record.line, column: siblingColumn.name)
            }
            let hukou: Hukou = cells.enumeration(record, hukouColumn, default: .local, &problems) ?? .local
            let housing: Housing = cells.enumeration(record, housingColumn, default: .owned, &problems) ?? .owned
            students.append(Student(
                id: studentID, zone: zone, district: districts.identifier(record, district),
                primarySchool: primarySchools.identifier(record, primary),
                location: cells.coordinate(record, latitude: lat, longitude: lon, &problems),
                hukou: hukou, reviewPassed: cells.bool(record, review, default: false, &problems),
                housing: housing, propertyDate: cells.date(record, propertyDate, &problems),
                addressID: cells.identifier(record, address),
                siblingExempt: cells.bool(record, sibling, default: false, &problems),
                birthDate: cells.date(record, birth, &problems),
                disabled: cells.bool(record, disabled, default: false, &problems),
                preferences: preferences,
                acceptFeeder: cells.bool(record, accept, default: true, &problems),
                familyID: cells.identifier(record, family), siblingSchool: siblingSchool,
                points: cells.points(record, pointsColumn, &problems), line: record.line
            ))
            // Set in place: a student is too large to copy for it.
            students[students.count - 1].care = care
            students[students.count - 1].choices = choices
        }
        // A bureau's export is in id order already, mostly: then there is nothing to move.
        if !studentIDs.ascending {
            students.sort { $0.id < $1.id }
        }
        dataset.students = students
    }

    mutating func readAddressUsage(_ bytes: [UInt8]) {
        let file = name(Dataset.addressUsageFile)
        guard var reader = openTable(Dataset.addressUsageFile, bytes, reading: Self.addressUsageColumns) else { return }
        let cells = CellReader(file: file)
        let address = Column("address_id", in: reader), year = Column("year", in: reader), level = Column("level", in: reader)
        guard cells.requireColumns([address, year, level], in: reader, into: &problems) else { return }
        var record = CSVRecord()
        while let status = reader.next(into: &record, problems: &problems) {
            guard status == .row else { continue }
            let addressID = cells.identifier(record, address)
            if addressID.isEmpty { cells.required(record, address, &problems) }
            let usedYear = cells.int(record, year, default: nil, minimum: 1, &problems)
            let usedLevel: AdmissionLevel? = cells.enumeration(record, level, default: nil, &problems)
            if let usedYear, let usedLevel, !addressID.isEmpty {
                dataset.addressUsage.append(AddressUsage(addressID: addressID, year: usedYear, level: usedLevel, line: record.line))
            }
        }
    }
}

/// The ids of `students.csv` read so far, to refuse one used twice (as ``DatasetBuilder/newID(_:_:_:in:firstLines:_:)``
/// does, with the same problems). While they come in ascending byte order, as a bureau's export of a
/// million rows mostly does, each is greater than every one before and so new: nothing is stored or
/// hashed. At the first id that is not greater than the one before, every id so far goes into a table
/// (in file order, so that entry `i` is student `i`), and the table decides from then on.
private struct StudentIDs {
    private var table: IdentifierTable?
    /// The line of each student, by table entry (kept from the start: the table may come late).
    private var firstLines: [Int] = []
    /// True while every id has been greater than the one before: the students are then sorted.
    private(set) var ascending = true

    /// The id of `record`'s student, or nil with the problem when it is empty or already used.
    mutating func newID(_ record: CSVRecord, _ column: Column, _ cells: CellReader, students: [Student],
                        _ problems: inout ProblemList) -> Identifier? {
        let range = cells.range(record, column)
        guard !range.isEmpty else {
            cells.required(record, column, &problems)
            return nil
        }
        let key = record.bytes.span.extracting(range)
        if ascending {
            if let last = students.last, !last.id.precedes(key) {
                ascending = false
                var table = IdentifierTable(capacity: max(16, students.count * 2))
                for student in students { _ = table.insert(student.id.text) }
                self.table = table
            } else {
                firstLines.append(record.line)
                return Identifier(span: key)
            }
        }
        return DatasetBuilder.newID(record, column, cells, in: &table!, firstLines: &firstLines, &problems)
    }
}

/// What is known of the ids in a file that was not read whole.
private struct ReferencedIDs {
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

/// `students.csv` read on its own, for the benchmarks (`paiwei-benchmarks --suite read`): the schools and
/// zones it refers to are read once, then ``read()`` reads the students exactly as ``Dataset/read(files:)``
/// does, as many times as asked.
package struct StudentReadingProbe {
    private let prepared: DatasetBuilder
    private let students: [UInt8]?

    /// Reads the schools and zones of `files` (CSV names).
    package init(files: [String: [UInt8]]) {
        var builder = DatasetBuilder()
        builder.readSchools(files[Dataset.schoolsFile])
        builder.readZones(files[Dataset.zonesFile])
        prepared = builder
        students = files[Dataset.studentsFile]
    }

    /// Reads `students.csv`: the students read and the problems found.
    @inline(never)
    package func read() -> (students: [Student], problems: Int) {
        var builder = prepared
        builder.readStudents(students)
        return (builder.dataset.students, builder.problems.problems.count)
    }
}
