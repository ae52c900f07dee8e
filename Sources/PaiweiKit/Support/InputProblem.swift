/// One thing wrong with the input, located so that a person can find and fix it:
/// `file:line: column: message`.
public struct InputProblem: Error, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based line of the record in the file; nil for a problem with the file as a whole.
    public let line: Int?
    /// The column (header name) or policy field at fault; empty for a whole row or file.
    public let column: String
    public let message: String

    public init(file: String, line: Int?, column: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !column.isEmpty { text += column + ": " }
        return text + message
    }

    public static func < (a: InputProblem, b: InputProblem) -> Bool {
        (a.file, a.line ?? 0, a.column, a.message) < (b.file, b.line ?? 0, b.column, b.message)
    }
}

/// Every problem found in one pass over the input; thrown instead of placing anything.
public struct InputProblems: Error, Equatable, Sendable, CustomStringConvertible {
    public let problems: [InputProblem]

    public init(_ problems: [InputProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// Collects problems while loading, so that one run reports all of them.
struct ProblemList {
    private(set) var problems: [InputProblem] = []

    mutating func add(_ file: String, _ line: Int?, _ column: String, _ message: String) {
        problems.append(InputProblem(file: file, line: line, column: column, message: message))
    }

    mutating func add(_ problem: InputProblem) {
        problems.append(problem)
    }

    mutating func add(contentsOf other: [InputProblem]) {
        problems.append(contentsOf: other)
    }

    var isEmpty: Bool { problems.isEmpty }

    /// Throws everything collected, in file and line order, if anything was.
    func throwIfAny() throws(InputProblems) {
        if !problems.isEmpty {
            throw InputProblems(problems.sorted())
        }
    }
}
