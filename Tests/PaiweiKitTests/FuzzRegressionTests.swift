import Testing
@testable import PaiweiCore
@testable import PaiweiRuns

/// Every input with which fuzzing the readers (scripts/fuzz.sh, #11) crashed, hung or drew a sanitizer
/// report, minimised, with the bytes as found; each test failed before its fix.
@Suite struct FuzzRegressionTests {
    // MARK: JSON nested too deep (audit target)

    /// 2,487 bytes, mostly `[` (a few tabs and CRs, a `^` at the end): the JSON parser recursed once per
    /// `[` and overflowed the stack (AddressSanitizer: stack-overflow in JSONParser.value) before it
    /// could report anything. It now refuses values nested more than 100 deep.
    static let deepBrackets = """
        [[[[[[[[[[[[[[[[[[[[[[[[[[[\t[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\t[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\t[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[\t[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\r\
        \r\r\r\r[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\t[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\t[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        \t[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\t[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[\t[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\r\r\r\r\r[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\r\r\r\r\r\r[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[\r\r\r\r\r\r[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[^[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
        """

    @Test func anAuditRecordNestedThousandsDeepIsAProblemNotACrash() throws {
        #expect(Self.deepBrackets.utf8.count == 2487)
        #expect(Self.deepBrackets.utf8.allSatisfy { "[\t\r^".utf8.contains($0) })
        let error = #expect(throws: InputProblems.self) { try AuditRecord.parse(Self.deepBrackets) }
        #expect(error?.problems.map(\.message) == ["not valid JSON: values nest more than 100 deep"])
    }

    @Test func aPolicyNestedThousandsDeepIsAProblemNotACrash() {
        // Well-formed this time, and far deeper than any stack.
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let reading = Policy.read(text, file: "policy.json")
        #expect(reading.policy == nil)
        #expect(reading.problems.map(\.message) == ["not valid JSON: values nest more than 100 deep"])
    }

    @Test func valuesNestedAHundredDeepStillRead() throws {
        let hundred = String(repeating: "[", count: 99) + "1" + String(repeating: "]", count: 99)
        _ = try ParsedJSON.parse(hundred, file: "a.json")
        let deeper = "[" + hundred + "]"
        #expect(throws: InputProblems.self) { try ParsedJSON.parse(deeper, file: "a.json") }
    }
}

extension FuzzRegressionTests {
    // MARK: A high surrogate before a \u escape that is not a low one (read in the parser while fuzzing)

    /// `"\uD800\u0041"`: the parser took any `\u` after a high surrogate for its low half and computed
    /// `low - 0xDC00` in UInt32, which traps for a low half below DC00. Such a pair is now a bad escape,
    /// as a lone surrogate already was.
    @Test(arguments: [#"{"name": "\uD800\u0041"}"#, #"{"name": "\udbff\u0000"}"#, #"{"name": "\uD800\uE000"}"#])
    func aHighSurrogateWithoutItsLowHalfIsAProblemNotACrash(text: String) {
        let reading = Policy.read(text, file: "policy.json")
        #expect(reading.policy == nil)
        #expect(reading.problems.map(\.message) == ["not valid JSON: bad \\u escape"])
    }

    @Test func aSurrogatePairStillReads() throws {
        let parsed = try ParsedJSON.parse(#"["\ud83d\ude00"]"#, file: "a.json")
        guard case .array(let items, _) = parsed else { Issue.record("not an array"); return }
        #expect(items.first?.stringValue == "😀")
    }
}
