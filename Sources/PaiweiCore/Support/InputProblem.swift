/// One thing wrong with the input, located so that a person can find and fix it:
/// `file:line: column: message`, or `file:line:byte: message` for a byte that cannot be decoded.
public struct InputProblem: Error, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based line of the record in the file (a workbook's row); nil for a problem with the file as a whole.
    public let line: Int?
    /// 1-based byte within the line, for bytes that are not text; nil otherwise.
    public let byte: Int?
    /// The column (header name) or policy field at fault; empty for a whole row or file.
    public let column: String
    public let text: Message

    public init(file: String, line: Int?, byte: Int? = nil, column: String, message: Message) {
        self.file = file
        self.line = line
        self.byte = byte
        self.column = column
        self.text = message
    }

    /// The English text of the message.
    public var message: String { text.english }

    public var description: String { description(in: .english) }

    /// The located message; the location is the same in every language.
    public func description(in language: Language) -> String {
        var location = file
        if let line { location += ":\(line)" }
        if let byte { location += ":\(byte)" }
        location += ": "
        if !column.isEmpty { location += column + ": " }
        return location + text.text(in: language)
    }

    /// File, line, byte, column and message, texts by their UTF-8 bytes: the order problems are listed in.
    public static func < (a: InputProblem, b: InputProblem) -> Bool {
        if !a.file.utf8.elementsEqual(b.file.utf8) { return utf8Less(a.file, b.file) }
        if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
        if a.byte != b.byte { return (a.byte ?? 0) < (b.byte ?? 0) }
        if !a.column.utf8.elementsEqual(b.column.utf8) { return utf8Less(a.column, b.column) }
        return utf8Less(a.message, b.message)
    }
}

/// Every problem found in one pass over the input; thrown instead of placing anything.
public struct InputProblems: Error, Equatable, Sendable, CustomStringConvertible {
    public let problems: [InputProblem]

    public init(_ problems: [InputProblem]) {
        self.problems = problems
    }

    public var description: String { description(in: .english) }

    public func description(in language: Language) -> String {
        problems.map { $0.description(in: language) }.joined(separator: "\n")
    }
}

/// Collects problems while loading, so that one run reports all of them.
package struct ProblemList: Sendable {
    package private(set) var problems: [InputProblem] = []

    package init() {}

    package mutating func add(_ file: String, _ line: Int?, _ column: String, _ message: Message) {
        problems.append(InputProblem(file: file, line: line, column: column, message: message))
    }

    package mutating func add(_ problem: InputProblem) {
        problems.append(problem)
    }

    package mutating func add(contentsOf other: some Collection<InputProblem>) {
        problems.append(contentsOf: other)
    }

    package var isEmpty: Bool { problems.isEmpty }

    /// Throws everything collected, in file and line order, if anything was.
    package func throwIfAny() throws(InputProblems) {
        if !problems.isEmpty {
            throw InputProblems(problems.sorted())
        }
    }
}
