/// Something Paiwei says to a person, in both languages it speaks (SPEC §7): English, and Chinese in
/// the policy documents' own words (docs/glossary.md). Written together at the one place that says it,
/// so that neither language can be forgotten.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    public let english: String
    /// Never nil: every message is written in both languages (the English-only initializer is gone).
    /// Optional still so that code written against the earlier type keeps compiling.
    public let chinese: String?

    public init(_ english: String, _ chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    public func text(in language: Language) -> String {
        switch language {
        case .english: english
        case .chinese: chinese ?? english
        }
    }

    public var description: String { english }
}

/// The languages of SPEC §7.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case chinese = "zh"
}

extension Message {
    /// Two messages said one after the other, in each language.
    public static func + (a: Message, b: Message) -> Message {
        Message(a.english + b.english, a.text(in: .chinese) + b.text(in: .chinese))
    }

    /// Text that is the same in every language: ids, paths, digests, numbers, tables already in both.
    public init(verbatim text: String) {
        self.init(text, text)
    }
}

/// An error that can say what went wrong in both languages; the command line prints ``message`` in the
/// language it speaks, where a plain `description` would always be English.
public protocol BilingualError: Error {
    var message: Message { get }
}
