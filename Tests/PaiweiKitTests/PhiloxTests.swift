import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

private func philoxWords(_ x: Philox4x32.Counter) -> [UInt32] { [x.0, x.1, x.2, x.3] }

struct PhiloxTestVector: Sendable, CustomTestStringConvertible {
    var counter: [UInt32]
    var key: [UInt32]
    var output: [UInt32]
    var testDescription: String {
        counter.map { String($0, radix: 16) }.joined(separator: " ") + " ; " + key.map { String($0, radix: 16) }.joined(separator: " ")
    }
}

@Suite("Philox4x32-10")
struct PhiloxTests {
    /// Random123 known-answer tests (kat_vectors, philox4x32 with 10 rounds).
    static let random123Vectors: [PhiloxTestVector] = [
        PhiloxTestVector(counter: [0, 0, 0, 0], key: [0, 0],
                     output: [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]),
        PhiloxTestVector(counter: [0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff], key: [0xffff_ffff, 0xffff_ffff],
                     output: [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]),
        PhiloxTestVector(counter: [0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344], key: [0xa409_3822, 0x299f_31d0],
                     output: [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]),
    ]

    /// Computed with an independent Python implementation of Philox4x32-10
    /// (M0 = 0xD2511F53, M1 = 0xCD9E8D57, bumps 0x9E3779B9 / 0xBB67AE85, key bumped before rounds 2…10).
    static let pythonVectors: [PhiloxTestVector] = [
        PhiloxTestVector(counter: [1, 0, 0, 0], key: [0, 0],
                     output: [0xf8e4_cca4, 0x5cb2_00db, 0xb1a5_74eb, 0x097e_ff67]),
        PhiloxTestVector(counter: [0, 0, 0, 1], key: [1, 0],
                     output: [0x127b_ee41, 0x1e04_7488, 0x4884_2b20, 0x0a39_3496]),
        PhiloxTestVector(counter: [0xdead_beef, 0xcafe_babe, 0x1234_5678, 0x9abc_def0], key: [0x0123_4567, 0x89ab_cdef],
                     output: [0x01af_6002, 0x8b25_0b5d, 0x6556_c343, 0xac9d_ac10]),
        PhiloxTestVector(counter: [0x8000_0000, 0x7fff_ffff, 0xffff_ffff, 0], key: [0xffff_ffff, 0],
                     output: [0xc64a_29b2, 0xc492_1dfd, 0xf070_728a, 0xef1c_43e9]),
        PhiloxTestVector(counter: [12345, 67890, 0, 0], key: [0x9E37_79B9, 0xBB67_AE85],
                     output: [0xd014_ec2e, 0x1955_5ad5, 0xf2b9_644a, 0xf971_83c4]),
        PhiloxTestVector(counter: [0, 0, 1, 0], key: [0, 1],
                     output: [0x7f6c_13ff, 0x114b_2447, 0x0550_eced, 0xea1f_c805]),
    ]

    @Test(arguments: random123Vectors)
    func random123KnownAnswers(_ vector: PhiloxTestVector) {
        check(vector)
    }

    @Test(arguments: pythonVectors)
    func matchesIndependentPythonImplementation(_ vector: PhiloxTestVector) {
        check(vector)
    }

    private func check(_ v: PhiloxTestVector) {
        let out = Philox4x32.block(counter: (v.counter[0], v.counter[1], v.counter[2], v.counter[3]), key: (v.key[0], v.key[1]))
        #expect(philoxWords(out) == v.output)
    }

    /// A straightforward transcription of the round function, independent of the library's code path,
    /// used to cross-check many pseudo-random inputs.
    private static func reference(_ counter: [UInt32], _ key: [UInt32]) -> [UInt32] {
        var c = counter
        var k = key
        for round in 1...10 {
            if round >= 2 {
                k[0] = k[0] &+ 0x9E37_79B9
                k[1] = k[1] &+ 0xBB67_AE85
            }
            let p0 = c[0].multipliedFullWidth(by: 0xD251_1F53)
            let p1 = c[2].multipliedFullWidth(by: 0xCD9E_8D57)
            c = [p1.high ^ c[1] ^ k[0], p1.low, p0.high ^ c[3] ^ k[1], p0.low]
        }
        return c
    }

    @Test func referenceTranscriptionAgreesWithKnownAnswers() {
        for v in Self.random123Vectors + Self.pythonVectors {
            #expect(Self.reference(v.counter, v.key) == v.output)
        }
    }

    @Test func agreesWithTranscriptionOnManyInputs() {
        var state: UInt64 = 0x5EED
        func next() -> UInt32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32(truncatingIfNeeded: state >> 32)
        }
        for _ in 0..<2000 {
            let counter = [next(), next(), next(), next()]
            let key = [next(), next()]
            let out = Philox4x32.block(counter: (counter[0], counter[1], counter[2], counter[3]), key: (key[0], key[1]))
            #expect(philoxWords(out) == Self.reference(counter, key))
        }
    }

    @Test func isAPureFunction() {
        let a = Philox4x32.block(counter: (1, 2, 3, 4), key: (5, 6))
        let b = Philox4x32.block(counter: (1, 2, 3, 4), key: (5, 6))
        #expect(philoxWords(a) == philoxWords(b))
    }

    @Test func everyInputWordMatters() {
        let base = philoxWords(Philox4x32.block(counter: (1, 2, 3, 4), key: (5, 6)))
        let variants: [Philox4x32.Counter] = [
            Philox4x32.block(counter: (0, 2, 3, 4), key: (5, 6)),
            Philox4x32.block(counter: (1, 0, 3, 4), key: (5, 6)),
            Philox4x32.block(counter: (1, 2, 0, 4), key: (5, 6)),
            Philox4x32.block(counter: (1, 2, 3, 0), key: (5, 6)),
            Philox4x32.block(counter: (1, 2, 3, 4), key: (0, 6)),
            Philox4x32.block(counter: (1, 2, 3, 4), key: (5, 0)),
        ]
        var seen: Set<[UInt32]> = [base]
        for v in variants {
            #expect(seen.insert(philoxWords(v)).inserted)
        }
    }

    @Test func constantsAreThoseOfRandom123() {
        #expect(Philox4x32.multiplier0 == 0xD251_1F53)
        #expect(Philox4x32.multiplier1 == 0xCD9E_8D57)
        #expect(Philox4x32.keyIncrement0 == 0x9E37_79B9)
        #expect(Philox4x32.keyIncrement1 == 0xBB67_AE85)
    }

    /// Four lanes at a time give, number by number, what one at a time gives — for every count (the
    /// lanes and the scalar tail) and for keys differing lane by lane.
    @Test func fourLanesAgreeWithOneAtATime() {
        var random = TestRandom(state: 0x9417_0C0D)
        for count in 0...37 {
            let inputs = (0..<count).map { _ in
                (StudentCounter(studentID: "S\(random.next())"), (UInt32(truncatingIfNeeded: random.next()), UInt32(truncatingIfNeeded: random.next())))
            }
            var numbers = [UInt64](repeating: 0, count: count), written = [Bool](repeating: false, count: count)
            Philox4x32.numbers(count: count, input: { inputs[$0] }, output: { numbers[$0] = $1; written[$0] = true })
            #expect(written.allSatisfy { $0 })
            #expect(numbers == inputs.map { $0.0.number(key: $0.1) }, "count \(count)")
        }
    }
}
