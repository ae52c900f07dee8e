/// Per student, the outcomes that a worker has counted but not yet written into the tally's per-student
/// lists: each a code the caller chooses (``SimulationTally``: the school and whether overflow placed
/// the student there).
///
/// A worker counting replication after replication reads one record after another in student order,
/// not each student's own list (a separate allocation each: a cache miss per student per replication at
/// 150,000 students). A record is ``wordsPerStudent`` words, each an outcome (high 32 bits) and a count
/// (low 32 bits; 0: none): the first the latest run of equal outcomes — mostly a student gets the same
/// school again — the others runs ended, one per outcome. A run that finds them all taken by other
/// outcomes is handed back to the caller for the student's list.
struct PendingOutcomes: Sendable, Equatable {
    /// A run of `count` outcomes `outcome` for `student` that no word of the record could take.
    struct Spill {
        var student: Int
        var outcome: Int32
        var count: Int32
    }

    /// 32 bytes: two students to a cache line.
    static let wordsPerStudent = 4

    private var records: [UInt64]

    init(students: Int) {
        records = Array(repeating: 0, count: students * Self.wordsPerStudent)
    }

    /// Counts one replication: student `s`'s outcome is `outcome(s)`, or none where it is negative;
    /// `outcome` is called once per student, in student order. Returns the runs that did not fit.
    mutating func count(students: Int, outcome: (Int) -> Int32) -> [Spill] {
        precondition(students * Self.wordsPerStudent == records.count)
        var spills: [Spill] = []
        // Sound: student s's record is the words s·wordsPerStudent ..< (s + 1)·wordsPerStudent, within
        // the buffer for every s below `students` (checked above); the pointer does not outlive the closure.
        records.withUnsafeMutableBufferPointer { records in
            for s in 0..<students {
                let outcome = outcome(s)
                guard outcome >= 0 else { continue }
                let record = records.baseAddress! + s * Self.wordsPerStudent
                let run = record[0]
                if run >> 32 == UInt64(UInt32(outcome)) && run & 0xFFFF_FFFF != 0 && run & 0xFFFF_FFFF < UInt64(Int32.max) {
                    record[0] = run + 1
                    continue
                }
                if run != 0 && !Self.end(run, in: record) {
                    spills.append(Spill(student: s, outcome: Int32(truncatingIfNeeded: run >> 32), count: Int32(truncatingIfNeeded: run)))
                }
                record[0] = UInt64(UInt32(outcome)) << 32 | 1
            }
        }
        return spills
    }

    /// Adds the ended run `run` to the word of its outcome in `record`, or to an empty one; false if
    /// every word holds another outcome.
    private static func end(_ run: UInt64, in record: UnsafeMutablePointer<UInt64>) -> Bool {
        for k in 1..<wordsPerStudent {
            if record[k] == 0 {
                record[k] = run
                return true
            }
            // Same outcome, and the sum still a count of 31 bits.
            if record[k] >> 32 == run >> 32 && record[k] & 0xFFFF_FFFF + run & 0xFFFF_FFFF <= UInt64(Int32.max) {
                record[k] += run & 0xFFFF_FFFF
                return true
            }
        }
        return false
    }

    /// Student `s`'s pending runs, as (outcome, count).
    func runs(of s: Int) -> some Sequence<(outcome: Int32, count: Int32)> {
        records[s * Self.wordsPerStudent ..< (s + 1) * Self.wordsPerStudent].lazy
            .filter { $0 != 0 }
            .map { (Int32(truncatingIfNeeded: $0 >> 32), Int32(truncatingIfNeeded: $0)) }
    }
}
