/// Something in the input that was skipped, with where it came from (`warnings.csv`).
public struct PlacementWarning: Sendable, Hashable, Comparable {
    public let file: String
    public let line: Int
    public let studentID: Identifier
    /// What was skipped, in both languages; warnings.csv holds the English.
    public let text: Message
    public var message: String { text.english }

    public init(file: String, line: Int, studentID: Identifier, message: Message) {
        self.file = file
        self.line = line
        self.studentID = studentID
        self.text = message
    }

    public static func < (a: PlacementWarning, b: PlacementWarning) -> Bool {
        if !a.file.utf8.elementsEqual(b.file.utf8) { return utf8Less(a.file, b.file) }
        if a.line != b.line { return a.line < b.line }
        return utf8Less(a.message, b.message)
    }
}
