import Foundation
import Testing

/// `verify`, `explain` and `lottery-number` as a notary, a journalist and a family use them.
@Suite struct AuditCLITests {
    @Test func verifyExplainAndLotteryNumber() throws {
        let scratch = try Scratch()
        try scratch.district()
        let place = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--ceremony", "5", "--ceremony", "12",
                                    "--candidate-runs", "3", "--drawn-index", "1", "--out", scratch.path("out")])
        #expect(place.status == 0, "\(place.stderr)")
        #expect(place.stderr.contains("Candidate run 1: seed") && place.stderr.contains("← drawn, stands"))

        let verified = try Paiwei.run(["verify", scratch.path("out")])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("Verified: all"))
        let withData = try Paiwei.run(["verify", scratch.path("out"), "--data", scratch.path("data")])
        #expect(withData.status == 0)

        // The family's own number, from the published seed, equals the one published for them.
        let audit = try scratch.read("out/audit.json")
        let seedLine = audit.split(separator: "\n").first { $0.contains("\"seed\": \"") }!
        let seed = String(seedLine.split(separator: "\"")[3])
        let row = try scratch.read("out/placements.csv").split(separator: "\n").first { $0.hasPrefix("s4,") }!
        let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let number = try Paiwei.run(["lottery-number", "--seed", seed, "--label", fields[5], "--student", "s4"])
        #expect(number.status == 0 && number.stdout == fields[6] + "\n")

        let explain = try Paiwei.run(["explain", "--out", scratch.path("out"), "--student", "s4"])
        #expect(explain.status == 0 && explain.stdout.contains("Student s4") && explain.stdout.contains("Outcome:"))
        // In the language of the other messages, one at a time.
        #expect(!explain.stdout.contains("结果："))
        let chinese = try Paiwei.run(["--lang", "zh", "explain", "--out", scratch.path("out"), "--student", "s4"])
        #expect(chinese.status == 0 && chinese.stdout.contains("学生 s4") && chinese.stdout.contains("结果：") && !chinese.stdout.contains("Outcome:"), "\(chinese.stdout)")
        #expect(chinese.stdout.split(separator: "\n").count == explain.stdout.split(separator: "\n").count)
        #expect(try Paiwei.run(["explain", "--out", scratch.path("out"), "--student", "nobody"]).status == 2)

        // One changed byte in the published placements: exit 1, the file named.
        var placements = Array(try Data(contentsOf: scratch.url.appendingPathComponent("out/placements.csv")))
        placements[placements.count / 2] ^= 0x01
        try scratch.write("out/placements.csv", Data(placements))
        let tampered = try Paiwei.run(["verify", scratch.path("out")])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("CHANGED  placements.csv"))
        #expect(tampered.stdout.contains("NOT verified"))

        let nothing = try Paiwei.run(["verify", scratch.path("data")])
        #expect(nothing.status == 2 && nothing.stderr.contains("no audit record here"))
    }
}
