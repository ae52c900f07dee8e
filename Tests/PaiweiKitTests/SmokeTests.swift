import Testing
@testable import PaiweiKit

@Test func seedParsesSixtyFourHexDigits() {
    #expect(LotterySeed(hex: String(repeating: "ab", count: 32)) != nil)
    #expect(LotterySeed(hex: "abc") == nil)
}
