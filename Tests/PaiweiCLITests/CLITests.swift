import Foundation
import Testing

/// The `paiwei` binary end to end: output files, exit statuses, messages.
@Suite struct CLITests {
    @Test func helpIsAvailableEverywhere() throws {
        let overview = try Paiwei.run([])
        #expect(overview.status == 0 && overview.stdout.contains("Commands:"))
        for command in ["demo", "place", "check", "generate", "policy"] {
            let help = try Paiwei.run([command, "--help"])
            #expect(help.status == 0, "\(command) --help")
            #expect(help.stdout.contains("Usage: paiwei \(command)"), "\(command) --help")
        }
    }

    @Test func usageMistakesExitWithStatusTwo() throws {
        let unknown = try Paiwei.run(["teleport"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown command 'teleport'"))
        let scratch = try Scratch()
        try scratch.district()
        let noSeed = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--out", scratch.path("out")])
        #expect(noSeed.status == 2 && noSeed.stderr.contains("give the seed"))
        let badSeed = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", "abc", "--out", scratch.path("out")])
        #expect(badSeed.status == 2 && badSeed.stderr.contains("64 hexadecimal digits"))
        let both = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", seedHex, "--ceremony", "7", "--out", scratch.path("out")])
        #expect(both.status == 2)
        let unknownOption = try Paiwei.run(["check", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--colour", "red"])
        #expect(unknownOption.status == 2 && unknownOption.stderr.contains("unknown option --colour"))
        #expect(!scratch.exists("out"))
    }

    @Test func placeWritesEveryFileAndRefusesToOverwrite() throws {
        let scratch = try Scratch()
        try scratch.district()
        let run = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", seedHex, "--out", scratch.path("out")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Placed 5 of 5 students"))
        for file in ["placements.csv", "schools.csv", "warnings.csv", "summary.json"] {
            #expect(scratch.exists("out/\(file)"), "\(file)")
        }
        let placements = try scratch.read("out/placements.csv")
        #expect(placements.hasPrefix("student_id,outcome,school_id,stage,preference_rank,lottery_label,lottery_number,reason\ns1,"))
        #expect(placements.split(separator: "\n").count == 6)

        let again = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", seedHex, "--out", scratch.path("out")])
        #expect(again.status == 2 && again.stderr.contains("already exists"))
        #expect(try scratch.read("out/placements.csv") == placements)
    }

    @Test func badInputListsEveryProblemAndWritesNothing() throws {
        let scratch = try Scratch()
        try scratch.write("data/schools.csv", "school_id,capacity,batch1_seats,lottery_group\nA,2,3,1\nA,x,0,\n")
        try scratch.write("data/zones.csv", "zone_id,kind,schools\nZ,single,A;B\n")
        try scratch.write("data/students.csv", "student_id,zone_id,birth_date\ns1,Q,2011-02-30\n")
        let run = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", seedHex, "--out", scratch.path("out")])
        #expect(run.status == 2)
        for expected in [
            "schools.csv:2: batch1_seats: 3 seats released to the first batch exceed the capacity 2",
            "schools.csv:3: school_id: 'A' is already used on line 2",
            "zones.csv:2: schools: unknown school 'B'",
            "students.csv:2: zone_id: unknown zone 'Q'",
            "students.csv:2: birth_date: '2011-02-30' is not a date",
        ] {
            #expect(run.stderr.contains(expected), "missing: \(expected)\n\(run.stderr)")
        }
        #expect(run.stderr.contains("nothing was placed"))
        #expect(!scratch.exists("out"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".out") }
        #expect(leftovers.isEmpty)
    }

    @Test func gbkFileIsReadAndSaidSo() throws {
        let scratch = try Scratch()
        try scratch.district()
        var students = Data("student_id,zone_id,lat,lon\n".utf8)
        students.append(contentsOf: [0xD5, 0xC5, 0xC8, 0xFD])   // 张三 in GBK
        students.append(contentsOf: Data(",ZA,39.90,116.40\n".utf8))
        try scratch.write("data/students.csv", students)
        let run = try Paiwei.run(["check", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("students.csv is not UTF-8: read as GB18030 (GBK)"), "\(run.stderr)")
        #expect(!run.stderr.contains("schools.csv"))
        // What an official asks before the run: per zone and per school, in both languages.
        #expect(run.stdout.contains("各片区学生与学位 / Students and seats per zone"), "\(run.stdout)")
        #expect(run.stdout.contains("ZA    单校划片/single"), "\(run.stdout)")
        var bad = Data("student_id,zone_id\n".utf8)
        bad.append(contentsOf: [0xD5, 0xC5, 0xFF, 0x2C, 0x5A, 0x41, 0x0A])
        try scratch.write("data/students.csv", bad)
        let refused = try Paiwei.run(["check", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("students.csv:2:3: this byte is neither UTF-8 nor GB18030"), "\(refused.stderr)")
    }

    @Test func missingFilesAndUnknownPolicy() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("empty"), withIntermediateDirectories: true)
        let run = try Paiwei.run(["check", "--data", scratch.path("empty"), "--policy", "atlantis-2023"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("schools.csv: required file is missing"))
        #expect(run.stderr.contains("students.csv: required file is missing"))
        #expect(run.stderr.contains("atlantis-2023: neither a preset"))
    }

    /// `policy show` → edit nothing → place with the file gives the same bytes as place with the name.
    @Test func shownPolicyPlacesLikeThePreset() throws {
        let scratch = try Scratch()
        try scratch.district()
        let shown = try Paiwei.run(["policy", "show", "chaoyang-2023-middle"])
        #expect(shown.status == 0 && shown.stdout.contains("\"redirect_to_parent\""))
        try scratch.write("policy.json", shown.stdout)
        #expect(try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", seedHex, "--out", scratch.path("by-name")]).status == 0)
        #expect(try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", scratch.path("policy.json"), "--seed", seedHex, "--out", scratch.path("by-file")]).status == 0)
        for file in ["placements.csv", "schools.csv", "summary.json", "warnings.csv"] {
            #expect(try scratch.read("by-name/\(file)") == scratch.read("by-file/\(file)"), "\(file)")
        }
        let list = try Paiwei.run(["policy", "list"])
        #expect(list.status == 0 && list.stdout.contains("chaoyang-2023-primary"))
        #expect(try Paiwei.run(["policy", "show", "nowhere"]).status == 2)
    }

    @Test func policyFileErrorsNameLineAndField() throws {
        let scratch = try Scratch()
        try scratch.district()
        try scratch.write("policy.json", "{\"year\": 2023,\n \"stages\": [{\"kind\": \"multi_zone\", \"mechanism\": \"boston\"}]}\n")
        let run = try Paiwei.run(["check", "--data", scratch.path("data"), "--policy", scratch.path("policy.json")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("policy.json:2: stages[0].mechanism: 'boston' is not one of"))
    }

    @Test func ceremonySeedEqualsThePrintedHexSeed() throws {
        let scratch = try Scratch()
        try scratch.district()
        let ceremony = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--ceremony", "17", "--ceremony", "42", "--out", scratch.path("a")])
        #expect(ceremony.status == 0)
        // SHA-256("paiwei-seed-v1\n17\n42"), computed independently with Python's hashlib.
        let seed = "a31e1688d6ef17b5ab4010fd3ded7aff0bc8e7927d992d6f088090cf02515451"
        #expect(ceremony.stderr.contains("ceremony contributions: \(seed)"))
        let hex = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", seed, "--out", scratch.path("b")])
        #expect(hex.status == 0)
        #expect(try scratch.read("a/placements.csv") == scratch.read("b/placements.csv"))
    }

    @Test func generateIsDeterministicAndPlaceable() throws {
        let scratch = try Scratch()
        for out in ["g1", "g2"] {
            let run = try Paiwei.run(["generate", "--preset", "chaoyang", "--students", "600", "--seed", "5", "--out", scratch.path(out)])
            #expect(run.status == 0, "\(run.stderr)")
        }
        for file in ["schools.csv", "zones.csv", "students.csv", "address_usage.csv"] {
            #expect(try scratch.read("g1/\(file)") == scratch.read("g2/\(file)"), "\(file)")
        }
        let check = try Paiwei.run(["check", "--data", scratch.path("g1"), "--policy", "chaoyang-2023-middle"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(try Paiwei.run(["generate", "--preset", "atlantis", "--students", "10", "--seed", "1", "--out", scratch.path("g3")]).status == 2)
    }

    @Test func demoPlacesTheSample() throws {
        let scratch = try Scratch()
        let run = try Paiwei.run(["demo", "--out", scratch.path("demo")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Placed") && run.stdout.contains("multi-zone"))
        #expect(scratch.exists("demo/placements.csv"))
        // Running it again replaces the demo's own output.
        #expect(try Paiwei.run(["demo", "--out", scratch.path("demo")]).status == 0)
    }

    /// SPEC §6.5: one run lists every problem — a CSV syntax error in one file hides nothing in another,
    /// and the rules that depend on the policy are checked beside the rules of the files themselves.
    @Test func checkListsEveryProblemOfTheDatasetAtOnce() throws {
        let data = OutputDigestTests.repository.appendingPathComponent("datasets/bad-input/every-problem-at-once").path
        let run = try Paiwei.run(["check", "--data", data, "--policy", "chaoyang-2023-middle"])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "schools.csv:3: feeders: primary school 'P01' already feeds 'M01' (line 2); a primary can feed one school only",
            "schools.csv:4: batch1_seats: the school releases first-batch seats but has no lottery_group",
            "schools.csv:5: lat: coordinates are required for a school taking overflow students (overflow=yes)",
            "schools.csv:7: the row has 11 fields but the header has 10",
            "students.csv:3: preferences: unknown school 'M09' (not in schools.csv)",
            "students.csv:4: group1_choice: school 'M02' (public, lottery group 2) cannot be chosen here: stage 'group1' places only into public schools of lottery group 1",
            "students.csv:5: private_choice: school 'M01' (public, lottery group 1) cannot be chosen here: stage 'private' places only into private schools",
            "students.csv:6: lat: home coordinates are required: the policy has an overflow stage, which places by distance",
            "students.csv:7: hukou: 'citizen' is not one of: local, treated_local, nonlocal",
            "paiwei: 9 problems in the input; nothing was placed and nothing was written.",
        ], "\(run.stderr)")
    }

    /// Swift seeds its hashing per process, so a page built by iterating a dictionary would differ from
    /// one run to the next: two processes must write the same bytes.
    @Test func pagesAreTheSameBytesInEveryProcess() throws {
        let scratch = try Scratch()
        #expect(try Paiwei.run(["generate", "--preset", "chaoyang", "--students", "600", "--seed", "3", "--out", scratch.path("data")]).status == 0)
        for run in ["a", "b"] {
            let placed = try Paiwei.run(["place", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", seedHex, "--out", scratch.path(run)])
            #expect(placed.status == 0, "\(placed.stderr)")
        }
        for page in ["report.html", "rosters.html", "summary.json", "schools.csv"] {
            #expect(try scratch.read("a/\(page)") == scratch.read("b/\(page)"), "\(page)")
        }
    }

    /// A child that writes more than a pipe holds to stderr before it exits must not hang the tests.
    @Test func aLongListOfProblemsDoesNotStallTheRunner() throws {
        let scratch = try Scratch()
        try scratch.district()
        var rows = "student_id,zone_id\n"
        for k in 0..<4000 { rows += "x\(k),NOWHERE\n" }
        try scratch.write("data/students.csv", rows)
        let run = try Paiwei.run(["check", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle"])
        #expect(run.status == 2)
        #expect(run.stderr.utf8.count > 65_536 && run.stderr.contains("8,000 problems"))
    }
}
