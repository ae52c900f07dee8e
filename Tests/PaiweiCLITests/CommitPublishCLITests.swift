import Foundation
import Testing

/// `commit`, `place --commitment`, `verify` and `publish` as a bureau, a notary and a journalist use them.
@Suite struct CommitPublishCLITests {
    @Test func commitPlaceVerifyPublish() throws {
        let scratch = try Scratch()
        try scratch.district()
        let commit = try Paiwei.run(["commit", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--out", scratch.path("commitment.json")])
        #expect(commit.status == 0, "\(commit.stderr)")
        let digest = try #require(commit.stdout.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        #expect(digest.count == 64 && commit.stdout.contains("students.csv"))
        #expect(try scratch.read("commitment.json").contains("\"commitment\": \"\(digest)\""))
        let again = try Paiwei.run(["commit", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--out", scratch.path("commitment.json")])
        #expect(again.status == 2 && again.stderr.contains("already exists"))

        let place = try Paiwei.run(["place", "--data", scratch.path("data"), "--commitment", scratch.path("commitment.json"),
                                    "--ceremony", "5", "--ceremony", "drand:quicknet:4000006:8f3c", "--candidate-runs", "2", "--drawn-index", "2",
                                    "--out", scratch.path("out")])
        #expect(place.status == 0, "\(place.stderr)")
        #expect(place.stderr.contains("Seed v2 from commitment \(digest) and 2 ceremony contributions: "))
        #expect(place.stderr.contains("Candidate run 2: seed") && place.stderr.contains("← drawn, stands"))
        #expect(scratch.exists("out/commitment.json"))
        #expect(try scratch.read("out/commitment.json") == scratch.read("commitment.json"))

        let verified = try Paiwei.run(["verify", scratch.path("out"), "--commitment", scratch.path("commitment.json")])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("bound to commitment \(digest)") && verified.stdout.contains("ok       commitment.json"))

        // A changed commitment in audit.json: exit 1, audit.json named.
        let audit = try scratch.read("out/audit.json")
        try FileManager.default.copyItem(atPath: scratch.path("out"), toPath: scratch.path("changed"))
        let flipped = (digest.first == "0" ? "1" : "0") + digest.dropFirst()
        try scratch.write("changed/audit.json", audit.replacingOccurrences(of: "\"commitment\": \"\(digest)\"", with: "\"commitment\": \"\(flipped)\""))
        let changed = try Paiwei.run(["verify", scratch.path("changed")])
        #expect(changed.status == 1 && changed.stdout.contains("CHANGED  audit.json"), "\(changed.stdout)")
        #expect(changed.stdout.contains("is not the digest of the recorded policy and file digests"))

        // publish: the bundle of the verified folder; a folder that does not verify is not published.
        let publish = try Paiwei.run(["publish", scratch.path("out"), "--out", scratch.path("public")])
        #expect(publish.status == 0, "\(publish.stderr)")
        for name in ["results.csv", "cutoffs.csv", "audit.json", "commitment.json", "index.html"] {
            #expect(scratch.exists("public/\(name)"), "\(name)")
        }
        #expect(try scratch.read("public/results.csv").hasPrefix("student_id,outcome,school_id,stage,lottery_label,lottery_number\n"))
        #expect(try scratch.read("public/audit.json") == audit)
        let refused = try Paiwei.run(["publish", scratch.path("changed"), "--out", scratch.path("public2")])
        #expect(refused.status == 1 && refused.stderr.contains("does not verify") && refused.stderr.contains("audit.json"), "\(refused.stderr)")
        #expect(!scratch.exists("public2"))
        let noAudit = try Paiwei.run(["publish", scratch.path("data"), "--out", scratch.path("public3")])
        #expect(noAudit.status == 2 && !scratch.exists("public3"))
    }

    /// One changed byte in each input in turn: `place --commitment` refuses (exit 2), names the file,
    /// and writes nothing.
    @Test func placeRefusesDataThatDifferFromTheCommitment() throws {
        let scratch = try Scratch()
        try scratch.district()
        #expect(try Paiwei.run(["commit", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--out", scratch.path("c.json")]).status == 0)
        for name in ["schools.csv", "zones.csv", "students.csv"] {
            try? FileManager.default.removeItem(atPath: scratch.path("d"))
            try FileManager.default.copyItem(atPath: scratch.path("data"), toPath: scratch.path("d"))
            var bytes = Array(try Data(contentsOf: scratch.url.appendingPathComponent("d/\(name)")))
            let at = bytes.lastIndex(of: UInt8(ascii: "4")) ?? bytes.count / 2
            bytes[at] = UInt8(ascii: "5")
            try scratch.write("d/\(name)", Data(bytes))
            let run = try Paiwei.run(["place", "--data", scratch.path("d"), "--commitment", scratch.path("c.json"), "--ceremony", "1", "--out", scratch.path("out")])
            #expect(run.status == 2, "\(name): \(run.stderr)")
            #expect(run.stderr.contains("\(name): differs from the committed file"), "\(name): \(run.stderr)")
            #expect(!scratch.exists("out"))
        }
        // The committed policy, or another: a --policy with other bytes is refused; --seed is refused.
        let other = try Paiwei.run(["place", "--data", scratch.path("data"), "--commitment", scratch.path("c.json"), "--policy", "chaoyang-2023-primary",
                                    "--ceremony", "1", "--out", scratch.path("out")])
        #expect(other.status == 2 && other.stderr.contains("chaoyang-2023-primary: is not the committed policy"), "\(other.stderr)")
        let same = try Paiwei.run(["place", "--data", scratch.path("data"), "--commitment", scratch.path("c.json"), "--policy", "chaoyang-2023-middle",
                                   "--ceremony", "1", "--out", scratch.path("out")])
        #expect(same.status == 0, "\(same.stderr)")
        let seed = try Paiwei.run(["place", "--data", scratch.path("data"), "--commitment", scratch.path("c.json"), "--seed", seedHex, "--out", scratch.path("out2")])
        #expect(seed.status == 2 && seed.stderr.contains("not --seed"))
        let none = try Paiwei.run(["place", "--data", scratch.path("data"), "--commitment", scratch.path("c.json"), "--out", scratch.path("out2")])
        #expect(none.status == 2 && none.stderr.contains("--ceremony"))
        // A commitment file that does not hold together.
        let text = try scratch.read("c.json")
        try scratch.write("bad.json", text.replacingOccurrences(of: "\\\"year\\\": 2023", with: "\\\"year\\\": 2022"))
        let bad = try Paiwei.run(["place", "--data", scratch.path("data"), "--commitment", scratch.path("bad.json"), "--ceremony", "1", "--out", scratch.path("out2")])
        #expect(bad.status == 2 && bad.stderr.contains("policy_sha256: is not the SHA-256 of policy_text"), "\(bad.stderr)")
    }

    @Test func messagesInChinese() throws {
        let scratch = try Scratch()
        try scratch.district()
        #expect(try Paiwei.run(["commit", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--out", scratch.path("c.json")]).status == 0)
        try scratch.write("data/zones.csv", try scratch.read("data/zones.csv") + "ZB,single,B\n")
        let run = try Paiwei.run(["--lang", "zh", "place", "--data", scratch.path("data"), "--commitment", scratch.path("c.json"), "--ceremony", "1", "--out", scratch.path("out")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("zones.csv: 与承诺时的文件不一致") && run.stderr.contains("未派位"), "\(run.stderr)")
        let help = try Paiwei.run(["publish", "--help"])
        #expect(help.status == 0 && help.stdout.contains("index.html#student=ID"))
    }
}
