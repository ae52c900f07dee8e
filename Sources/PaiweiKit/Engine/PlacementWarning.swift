/// Something in the input that was skipped, with where it came from (`warnings.csv`).
public struct PlacementWarning: Sendable, Hashable, Comparable {
    public let file: String
    public let line: Int
    public let studentID: String
    public let message: String

    public init(file: String, line: Int, studentID: String, message: String) {
        self.file = file
        self.line = line
        self.studentID = studentID
        self.message = message
    }

    public static func < (a: PlacementWarning, b: PlacementWarning) -> Bool {
        (a.file, a.line, a.message) < (b.file, b.line, b.message)
    }
}
