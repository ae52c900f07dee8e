import Testing
@testable import PaiweiCore

/// The size of what a dataset holds per student: at a million students every byte of `Student` is a
/// megabyte of the run's memory (issue 13's 1 GiB for 1,000,000 students).
@Suite struct DatasetLayoutTests {
    @Test func aStudentPacksWithoutPadding() {
        // 5 ids × 16, zone, preferences and line × 8 (104), the optionals at 8-byte boundaries (17, 9, 9
        // and 9 bytes: up to 169), choices 16 and points 4 at 4-byte ones (up to 192), 7 one-byte fields:
        // 199 bytes, 200 a student in an array (208 in declaration order before).
        #expect(MemoryLayout<Student>.stride <= 200, "Student is \(MemoryLayout<Student>.stride) bytes")
    }
}
