/// Reading `students.csv`, the one file that grows with the cohort (a million rows in a city), in
/// stretches that workers read at once (``DataTableReader/stretches(_:workers:)``), then joined:
/// the students sorted by id, each id kept on its first line and refused on every later one, every
/// problem as one reader from the first line to the last would have found it.

/// The columns of `students.csv`, resolved once.
struct StudentColumns: Sendable {
    let id, zone, district, primary, latitude, longitude, hukou, review, housing, propertyDate, address, sibling,
        birth, disabled, care, preferences, accept, family: Column
    /// In `ChoiceColumn.allCases` order.
    let choices: [Column]

    init(_ reader: DataTableReader) {
        id = Column("student_id", in: reader)
        zone = Column("zone_id", in: reader)
        district = Column("district", in: reader)
        primary = Column("primary_school", in: reader)
        latitude = Column("lat", in: reader)
        longitude = Column("lon", in: reader)
        hukou = Column("hukou", in: reader)
        review = Column("review_passed", in: reader)
        housing = Column("housing", in: reader)
        propertyDate = Column("property_date", in: reader)
        address = Column("address_id", in: reader)
        sibling = Column("sibling_exempt", in: reader)
        birth = Column("birth_date", in: reader)
        disabled = Column("disabled", in: reader)
        care = Column("care", in: reader)
        preferences = Column("preferences", in: reader)
        accept = Column("accept_feeder", in: reader)
        family = Column("family_id", in: reader)
        choices = ChoiceColumn.allCases.map { Column($0.rawValue, in: reader) }
    }
}

/// The students of one stretch of `students.csv`, in file order, before ids are compared across
/// stretches.
struct StudentStretch: Sendable {
    var students: [Student] = []
    /// Per student, the first eight bytes of the id, big-endian and zero-padded: ordered as the ids are
    /// wherever they differ there.
    var keys: [UInt64] = []
    /// The ids' bytes back to back; student `i`'s are `idBytes[idEnds[i - 1]..<idEnds[i]]`.
    var idBytes: [UInt8] = []
    var idEnds: [Int] = []
    /// Every problem of the stretch; student `i`'s own are `problems[problemStarts[i]..<problemEnds[i]]`,
    /// dropped with the student if its id turns out to be used on an earlier line.
    var problems = ProblemList()
    var problemStarts: [Int32] = []
    var problemEnds: [Int32] = []

    func idRange(_ i: Int) -> Range<Int> { (i == 0 ? 0 : idEnds[i - 1])..<idEnds[i] }
}

/// Reads the rows of `students.csv` into students: what one worker needs, all of it read-only.
struct StudentRowReader: Sendable {
    let file: String
    let cells: CellReader
    let columns: StudentColumns
    let schoolIndex: IdentifierTable
    let schoolSorted: [Int32]
    let schools: ReferencedIDs
    let zoneIndex: IdentifierTable
    let zoneSorted: [Int32]
    let zones: ReferencedIDs

    /// Every row `reader` reads (its stretch).
    func read(_ reader: inout DataTableReader) -> StudentStretch {
        var part = StudentStretch()
        var record = CSVRecord()
        // The district and primary school of the row before, kept so that a value repeated down the file
        // (a district's own name, mostly) is one string, not one per student.
        var district = RepeatedIdentifier(), primary = RepeatedIdentifier()
        while let status = reader.next(into: &record, problems: &part.problems) {
            guard status == .row else { continue }
            read(record, into: &part, district: &district, primary: &primary)
        }
        return part
    }

    private func read(_ record: CSVRecord, into part: inout StudentStretch, district: inout RepeatedIdentifier,
                      primary: inout RepeatedIdentifier) {
        let c = columns
        let idRange = cells.range(record, c.id)
        guard !idRange.isEmpty else {
            cells.required(record, c.id, &part.problems)
            return
        }
        let bytes = record.bytes.span
        let idSpan = bytes.extracting(idRange)
        let studentID = Identifier(span: idSpan)
        let problemStart = Int32(part.problems.problems.count)
        if idSpan.count >= 7 && ("family:" as StaticString).withUTF8Buffer({ Identifier.equal(idSpan.extracting(0..<7), $0) }) {
            part.problems.add(file, record.line, c.id.name, Message(
                "'\(studentID)' begins with 'family:', which is reserved for family lottery draws",
                "“\(studentID)”以“family:”开头，此前缀留给同胞家庭的派位号"))
        }
        var zone = -1
        let zoneRange = cells.range(record, c.zone)
        if zoneRange.isEmpty {
            if c.zone.index != nil { cells.required(record, c.zone, &part.problems) }
        } else if let index = zoneIndex.index(of: bytes.extracting(zoneRange)) {
            zone = Int(zoneSorted[Int(index)])
        } else {
            let zoneID = Identifier(span: bytes.extracting(zoneRange))
            if zones.isSurelyUnknown(zoneID) {
                part.problems.add(file, record.line, c.zone.name, Message("unknown zone '\(zoneID)' (not in zones.csv)", "未知片区“\(zoneID)”（zones.csv 中没有）"))
            }
        }
        var care: UInt8 = 0
        cells.listItems(record, c.care) { item in
            if let category = CareCategory.keywords.match(bytes.extracting(item)) {
                care |= category.bit
            } else {
                cells.notOneOf(Identifier(span: bytes.extracting(item)).text, CareCategory.allCases.map(\.rawValue), record, c.care, &part.problems)
            }
        }
        var choices = InlineArray<4, Int32>(repeating: -1)
        for k in 0..<4 where !cells.isEmpty(record, c.choices[k]) {
            if let index = school(bytes.extracting(cells.range(record, c.choices[k])), record, c.choices[k], &part.problems) {
                choices[k] = Int32(index)
            }
        }
        var preferences: [Int] = []
        cells.listItems(record, c.preferences) { item in
            if let index = school(bytes.extracting(item), record, c.preferences, &part.problems) { preferences.append(index) }
        }
        let hukou: Hukou = cells.enumeration(record, c.hukou, default: .local, &part.problems) ?? .local
        let housing: Housing = cells.enumeration(record, c.housing, default: .owned, &part.problems) ?? .owned
        part.students.append(Student(
            id: studentID, zone: zone, district: district.identifier(record, c.district),
            primarySchool: primary.identifier(record, c.primary),
            location: cells.coordinate(record, latitude: c.latitude, longitude: c.longitude, &part.problems),
            hukou: hukou, reviewPassed: cells.bool(record, c.review, default: false, &part.problems),
            housing: housing, propertyDate: cells.date(record, c.propertyDate, &part.problems),
            addressID: cells.identifier(record, c.address),
            siblingExempt: cells.bool(record, c.sibling, default: false, &part.problems),
            birthDate: cells.date(record, c.birth, &part.problems),
            disabled: cells.bool(record, c.disabled, default: false, &part.problems), careBits: care,
            choices: choices, preferences: preferences,
            acceptFeeder: cells.bool(record, c.accept, default: true, &part.problems),
            familyID: cells.identifier(record, c.family), line: record.line
        ))
        var key: UInt64 = 0
        for k in 0..<8 { key = key << 8 | UInt64(k < idSpan.count ? idSpan[k] : 0) }
        part.keys.append(key)
        idSpan.withUnsafeBufferPointer { part.idBytes.append(contentsOf: $0) }
        part.idEnds.append(part.idBytes.count)
        part.problemStarts.append(problemStart)
        part.problemEnds.append(Int32(part.problems.problems.count))
    }

    /// The school with id `id`, or nil with a problem when it is surely unknown.
    private func school(_ id: Span<UInt8>, _ record: CSVRecord, _ column: Column, _ problems: inout ProblemList) -> Int? {
        if let index = schoolIndex.index(of: id) { return Int(schoolSorted[Int(index)]) }
        let schoolID = Identifier(span: id)
        if schools.isSurelyUnknown(schoolID) {
            problems.add(file, record.line, column.name, Message("unknown school '\(schoolID)' (not in schools.csv)", "未知学校“\(schoolID)”（schools.csv 中没有）"))
        }
        return nil
    }

    /// The students of every stretch as one list sorted by id, and the problems of all of them: an id
    /// already used on an earlier line is refused there, and that row's other problems are not reported
    /// (as one reader going down the file would have done).
    /// - Complexity: O(*n*) when the rows are in id order already, else O(*n* log *n*).
    func joined(_ parts: [StudentStretch], into problems: inout ProblemList) -> [Student] {
        let total = parts.reduce(0) { $0 + $1.students.count }
        // Whether every id is greater than the one before: then they are sorted and distinct.
        var ascending = true
        var previous: (part: Int, index: Int)?
        search: for p in parts.indices {
            for i in parts[p].students.indices {
                if let (q, j) = previous, !Self.less(parts[q], j, parts[p], i) {
                    ascending = false
                    break search
                }
                previous = (p, i)
            }
        }
        if ascending {
            for part in parts { problems.add(contentsOf: part.problems.problems) }
            if parts.count == 1 { return parts[0].students }
            var students: [Student] = []
            students.reserveCapacity(total)
            for part in parts { students.append(contentsOf: part.students) }
            return students
        }

        // Flattened: row r is parts[partOf[r]] row r - firstRow[partOf[r]].
        var firstRow: [Int] = []
        var partOf: [Int32] = []
        partOf.reserveCapacity(total)
        for p in parts.indices {
            firstRow.append(partOf.count)
            partOf.append(contentsOf: repeatElement(Int32(p), count: parts[p].students.count))
        }
        var order = Array(0..<total)
        order.sort { a, b in
            let pa = Int(partOf[a]), pb = Int(partOf[b])
            let ia = a - firstRow[pa], ib = b - firstRow[pb]
            if Self.less(parts[pa], ia, parts[pb], ib) { return true }
            if Self.less(parts[pb], ib, parts[pa], ia) { return false }
            return a < b
        }
        // Equal ids are now together, the first line first: keep it, refuse the others.
        var dropped = [Bool](repeating: false, count: total)
        var kept: [Int] = []
        kept.reserveCapacity(total)
        for r in order {
            if let first = kept.last {
                let pf = Int(partOf[first]), pr = Int(partOf[r])
                let f = first - firstRow[pf], i = r - firstRow[pr]
                if !Self.less(parts[pf], f, parts[pr], i) {
                    dropped[r] = true
                    let student = parts[pr].students[i], earlier = parts[pf].students[f].line
                    problems.add(file, student.line, columns.id.name, Message("'\(student.id)' is already used on line \(earlier)",
                                                                              "“\(student.id)”已在第 \(earlier) 行使用"))
                    continue
                }
            }
            kept.append(r)
        }
        for p in parts.indices {
            let part = parts[p]
            var next = 0
            for i in part.students.indices where dropped[firstRow[p] + i] {
                problems.add(contentsOf: part.problems.problems[next..<Int(part.problemStarts[i])])
                next = Int(part.problemEnds[i])
            }
            problems.add(contentsOf: part.problems.problems[next...])
        }
        return kept.map { r in
            let p = Int(partOf[r])
            return parts[p].students[r - firstRow[p]]
        }
    }

    /// Whether student `i` of `a` has a smaller id than student `j` of `b`, by bytes.
    private static func less(_ a: StudentStretch, _ i: Int, _ b: StudentStretch, _ j: Int) -> Bool {
        if a.keys[i] != b.keys[j] { return a.keys[i] < b.keys[j] }
        return a.idBytes.withUnsafeBufferPointer { x in
            b.idBytes.withUnsafeBufferPointer { y in
                UnsafeBufferPointer(rebasing: x[a.idRange(i)]).lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: y[b.idRange(j)]))
            }
        }
    }
}

/// The identifier of one column in the row before, reused while the next row holds the same bytes.
struct RepeatedIdentifier {
    private var bytes: [UInt8] = []
    private var value: Identifier = ""

    mutating func identifier(_ record: CSVRecord, _ column: Column) -> Identifier {
        guard let index = column.index else { return "" }
        let cell = record.bytes.span.extracting(record.cell(index))
        if bytes.withUnsafeBufferPointer({ Identifier.equal(cell, $0) }) { return value }
        bytes.removeAll(keepingCapacity: true)
        cell.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
        value = Identifier(span: cell)
        return value
    }
}
