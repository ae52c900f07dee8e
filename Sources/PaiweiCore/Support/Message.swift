/// Something Paiwei says to a person, in both languages it speaks (SPEC §7): English, and Chinese in
/// the policy documents' own words (see ``Glossary``). Written together at the one place that says it,
/// so that neither language can be forgotten.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    public let english: String
    /// Nil only for messages not yet translated; the language test lists them.
    public let chinese: String?

    public init(_ english: String, _ chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    /// A message that still exists in English only.
    public init(english: String) {
        self.english = english
        self.chinese = nil
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
