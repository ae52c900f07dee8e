import Foundation
import Testing

/// SPEC §7 (revision of 2026-12-01): every bad input and every usage mistake, said in English and in
/// Chinese by the real `paiwei`, with the same exit status, the same lines and the same locations.
@Suite struct LanguageCLITests {
    /// One way of calling `paiwei` that it refuses.
    struct Case: CustomStringConvertible {
        let name: String
        let arguments: [String]
        var description: String { name }
    }

    /// A folder holding every input the cases need: the bad-input dataset of the repository, the CLI
    /// tests' own bad folders, the workbook fixtures, a commitment, a placement to tamper with.
    struct Inputs {
        let scratch: Scratch
        let cases: [Case]

        init() throws {
            let scratch = try Scratch()
            self.scratch = scratch
            let repository = OutputDigestTests.repository
            let fixtures = repository.appendingPathComponent("Tests/PaiweiKitTests/Fixtures")
            let p = { (name: String) in scratch.path(name) }
            let policy = "chaoyang-2023-middle"
            var cases: [Case] = []
            func add(_ name: String, _ arguments: [String]) { cases.append(Case(name: name, arguments: arguments)) }

            // Bad input: the repository's dataset with one mistake of each kind.
            add("every problem at once", ["check", "--data", repository.appendingPathComponent("datasets/bad-input/every-problem-at-once").path, "--policy", policy])

            // Bad input: the CLI tests' folders.
            try scratch.district()
            try scratch.write("bad/schools.csv", "school_id,capacity,batch1_seats,lottery_group\nA,2,3,1\nA,x,0,\n")
            try scratch.write("bad/zones.csv", "zone_id,kind,schools\nZ,single,A;B\n")
            try scratch.write("bad/students.csv", "student_id,zone_id,birth_date\ns1,Q,2011-02-30\n")
            add("bad rows", ["place", "--data", p("bad"), "--policy", policy, "--seed", seedHex, "--out", p("never")])
            try scratch.district("gbk")
            var bytes = Data("student_id,zone_id\n".utf8)
            bytes.append(contentsOf: [0xD5, 0xC5, 0xFF, 0x2C, 0x5A, 0x41, 0x0A])
            try scratch.write("gbk/students.csv", bytes)
            add("byte neither UTF-8 nor GB18030", ["check", "--data", p("gbk"), "--policy", policy])
            try FileManager.default.createDirectory(atPath: p("empty"), withIntermediateDirectories: true)
            add("missing files and unknown policy", ["check", "--data", p("empty"), "--policy", "atlantis-2023"])
            try scratch.write("boston.json", "{\"year\": 2023,\n \"stages\": [{\"kind\": \"multi_zone\", \"mechanism\": \"boston\"}]}\n")
            add("policy field", ["check", "--data", p("data"), "--policy", p("boston.json")])
            try scratch.write("broken.json", "{\"year\": 2023,\n \"stages\": [\n")
            add("policy not JSON", ["check", "--data", p("data"), "--policy", p("broken.json")])
            try scratch.write("fields.json", "{\"name\": 7, \"stages\": [{\"kind\": \"lottery\"}, {\"kind\": \"overflow\", \"families\": \"together\"}], \"colour\": 1}\n")
            add("policy fields", ["check", "--data", p("data"), "--policy", p("fields.json")])
            var rows = "student_id,zone_id,hukou,preferences\n"
            for k in 0..<30 { rows += "x\(k % 20),\(k % 3 == 0 ? "NOWHERE" : "M"),\(k % 4 == 0 ? "martian" : "local"),\(k % 5 == 0 ? "A;A;Q" : "A")\n" }
            try scratch.district("many")
            try scratch.write("many/students.csv", rows)
            add("many problems", ["check", "--data", p("many"), "--policy", policy])

            // Bad input: the loader's mistakes of DatasetLoadingTests, a file at a time (a broken row hides nothing).
            let schools = "school_id,capacity\nS1,10\nS2,10\n", zones = "zone_id,kind,schools\nZ1,single,S1\nM1,multi,S1;S2\n"
            let students = "student_id,zone_id\nA,Z1\n"
            func folder(_ name: String, schools: String = schools, zones: String = zones, students: String = students, usage: String? = nil) throws {
                try scratch.write("\(name)/schools.csv", schools)
                try scratch.write("\(name)/zones.csv", zones)
                try scratch.write("\(name)/students.csv", students)
                if let usage { try scratch.write("\(name)/address_usage.csv", usage) }
                add("loader: \(name)", ["check", "--data", p(name), "--policy", policy])
            }
            try folder("schools", schools: """
                school_id,capacity,lottery_group,batch1_seats,kind,overflow,feeders,lat,lon
                S1,ten,1,5,,,,39.9,116.4
                S2,1.5,,,,,P1,39.9,116.4
                S3,-1,,,charter,maybe,P1,91,116
                S4,,3,,,,,39,-180.5
                S1,5,2,-2,private,,,39.9,
                S6,10,1,11,boarding,,,,

                """)
            try folder("zones", zones: """
                zone_id,kind,schools,parent
                Z1,sngle,S1,MX
                M1,multi,S1;SX;S1,M2
                M2,multi, ; ,
                Z1,single,S1;S2,
                Z3,,S2,
                Z4,single,S2,Z5
                Z5,single,S1,

                """)
            try folder("students", students: """
                student_id,zone_id,birth_date,property_date,lat,lon,review_passed,accept_feeder,hukou,private_choice,preferences
                A,Z1,2019-02-29,2022-02-28,91,116,maybe,y,x,SX,S1;NOPE
                B,Z9,2011-01-01,2022-13-01,39.9,,yes,no,local,,
                A,Z1,,,39,181,,,,,
                ,Z1,,,,,,,,,

                """)
            try folder("columns", schools: "school_id,name\nS1,x\n", zones: "zone_id,schools\nZ1,S1\n", students: "student_id,school\nA,S1\n",
                       usage: "address_id,year\nX,2020\n")

            // Bad input: workbooks.
            try scratch.district("sheet")
            try FileManager.default.removeItem(atPath: p("sheet/students.csv"))
            try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("workbooks/problems.xlsx").path, toPath: p("sheet/students.xlsx"))
            add("workbook cells", ["check", "--data", p("sheet"), "--policy", policy])
            try scratch.district("nozip")
            try FileManager.default.removeItem(atPath: p("nozip/students.csv"))
            try scratch.write("nozip/students.xlsx", "student_id,zone_id\n")
            add("workbook that is no workbook", ["check", "--data", p("nozip"), "--policy", policy])
            try scratch.district("both")
            try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("workbooks/students-sample.xlsx").path, toPath: p("both/students.xlsx"))
            add("both forms of one file", ["check", "--data", p("both"), "--policy", policy])

            // Bad input: a commitment the data no longer match, and a commitment file that is none.
            try Paiwei.run(["commit", "--data", p("data"), "--policy", policy, "--out", p("c.json")])
            try scratch.district("changed")
            try scratch.write("changed/zones.csv", try scratch.read("changed/zones.csv") + "ZB,single,B\n")
            add("data differ from the commitment", ["place", "--data", p("changed"), "--commitment", p("c.json"), "--ceremony", "1", "--out", p("never")])
            try scratch.write("empty.json", "{}\n")
            add("commitment file that is none", ["place", "--data", p("data"), "--commitment", p("empty.json"), "--ceremony", "1", "--out", p("never")])

            // Bad input: a placement folder changed after the fact, and folders that are none.
            try Paiwei.run(["place", "--data", p("data"), "--policy", policy, "--seed", seedHex, "--out", p("placed")])
            try scratch.write("placed/placements.csv", try scratch.read("placed/placements.csv").replacingOccurrences(of: "s1,", with: "s9,"))
            add("verify a changed folder", ["verify", p("placed")])
            add("publish a changed folder", ["publish", p("placed"), "--out", p("never")])
            add("verify no placement", ["verify", p("empty")])
            add("explain no placement", ["explain", "--out", p("empty"), "--student", "s1"])
            add("merge no slice", ["merge", "--data", p("data"), "--policy", policy, "--out", p("never"), p("empty")])

            // Bad input: forecasts.
            try ForecastCLITests.district(scratch, cohorts: false)
            let forecast = ["forecast", "--data", p("data"), "--policy", p("policy.json"), "--years", "2026-2027", "--replications", "2", "--out", p("never")]
            add("forecast without cohorts", forecast)
            try scratch.district("cohorts")
            try scratch.write("cohorts/cohorts.csv", "zone_id,year,students\nZA,2026,x\nZQ,2026,4\nM,2026,3\nM,2026,5\n")
            add("forecast with bad cohorts", ["forecast", "--data", p("cohorts"), "--policy", policy, "--years", "2026", "--replications", "2", "--out", p("never")])
            try scratch.write("cohorts/scenario.json", "{\"name\": \"s\", \"capacity\": [{\"school_id\": \"Q\", \"year\": 2026, \"capacity\": -1}], \"colour\": 1}\n")
            add("forecast with bad scenario", ["forecast", "--data", p("cohorts"), "--policy", policy, "--years", "2026", "--replications", "2",
                                               "--scenario", p("cohorts/scenario.json"), "--out", p("never")])
            add("forecast without scenario", forecast + ["--scenario", p("none.json")])
            add("compare no forecasts", ["forecast", "--compare", p("empty"), p("data")])

            // Usage mistakes of every command.
            let place = ["place", "--data", p("data"), "--policy", policy]
            add("unknown command", ["teleport"])
            add("demo: unknown option", ["demo", "--colour", "red"])
            add("commit: no data", ["commit", "--policy", policy, "--out", p("never")])
            add("commit: out exists", ["commit", "--data", p("data"), "--policy", policy, "--out", p("c.json")])
            add("place: no seed", place + ["--out", p("never")])
            add("place: bad seed", place + ["--seed", "abc", "--out", p("never")])
            add("place: seed and ceremony", place + ["--seed", seedHex, "--ceremony", "7", "--out", p("never")])
            add("place: empty contribution", place + ["--ceremony", "", "--out", p("never")])
            add("place: runs without index", place + ["--ceremony", "7", "--candidate-runs", "3", "--out", p("never")])
            add("place: index beyond runs", place + ["--ceremony", "7", "--candidate-runs", "3", "--drawn-index", "4", "--out", p("never")])
            add("place: workers", place + ["--seed", seedHex, "--workers", "0", "--out", p("never")])
            add("place: twice", place + ["--seed", seedHex, "--seed", seedHex, "--out", p("never")])
            add("place: value missing", place + ["--seed", seedHex, "--out"])
            add("place: out exists", place + ["--seed", seedHex, "--out", p("placed")])
            add("place: commitment and seed", ["place", "--data", p("data"), "--commitment", p("c.json"), "--seed", seedHex, "--out", p("never")])
            add("check: unknown option", ["check", "--data", p("data"), "--policy", policy, "--colour", "red"])
            add("check: no policy", ["check", "--data", p("data")])
            add("check: stray argument", ["check", "stray", "--data", p("data"), "--policy", policy])
            add("verify: no folder", ["verify"])
            add("publish: no folder", ["publish", "--out", p("never")])
            add("explain: no student", ["explain", "--out", p("placed")])
            add("lottery-number: bad seed", ["lottery-number", "--seed", "12", "--label", "multi-zone/M", "--student", "s3"])
            add("lottery-number: no label", ["lottery-number", "--seed", seedHex, "--student", "s3"])
            let simulate = ["simulate", "--data", p("data"), "--policy", policy, "--seed", seedHex]
            add("simulate: bad range", simulate + ["--replication-range", "5..2", "--out", p("never")])
            add("simulate: range and count", simulate + ["--replication-range", "0..<5", "--replications", "5", "--out", p("never")])
            add("simulate: no count", simulate + ["--out", p("never")])
            add("simulate: bad seed", ["simulate", "--data", p("data"), "--policy", policy, "--seed", "zz", "--replications", "2", "--out", p("never")])
            add("merge: no slices", ["merge", "--data", p("data"), "--policy", policy, "--out", p("never")])
            add("forecast: bad years", forecast.map { $0 == "2026-2027" ? "next-year" : $0 })
            add("forecast: years backwards", forecast.map { $0 == "2026-2027" ? "2027-2026" : $0 })
            add("forecast: too many years", forecast.map { $0 == "2026-2027" ? "2026-2099" : $0 })
            add("forecast: bad thresholds", forecast + ["--thresholds", "yellow=1.2,red=1.0"])
            add("forecast: unknown level", forecast + ["--thresholds", "orange=0.5"])
            add("forecast: compare one", ["forecast", "--compare", p("data")])
            add("forecast: compare with data", ["forecast", "--compare", p("data"), p("empty"), "--data", p("data")])
            add("forecast: stray folder", forecast + [p("data")])
            add("generate: unknown preset", ["generate", "--preset", "atlantis", "--students", "10", "--seed", "1", "--out", p("never")])
            add("generate: bad seed", ["generate", "--preset", "chaoyang", "--students", "10", "--seed", "-1", "--out", p("never")])
            add("generate: no students", ["generate", "--preset", "chaoyang", "--seed", "1", "--out", p("never")])
            add("policy: nothing", ["policy"])
            add("policy: unknown preset", ["policy", "show", "nowhere"])
            add("policy: show without name", ["policy", "show"])
            add("policy: list with argument", ["policy", "list", "x"])
            self.cases = cases
        }
    }

    /// CJK Unified Ideographs (and extension A) and CJK punctuation and full-width forms.
    static func hasCJK(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
    }

    /// `file:line: `, `file:line:byte: ` or `file: `, and the `column: ` after it, of a located problem:
    /// the part that must be the same in both languages. Nil for a line that is not located.
    static func location(_ line: String) -> String? {
        guard let match = line.firstMatch(of: /^(\S+?)((?::\d+){0,2}): (?:([A-Za-z_][A-Za-z0-9_.\[\]]*): )?/) else { return nil }
        let file = match.output.1
        // A file name has a dot or a slash; `paiwei:` and the like are not locations.
        guard file.contains(".") || file.contains("/") else { return nil }
        return String(match.output.0)
    }

    /// A line that is only data — paths, ids, digests, numbers, options — and so reads the same in both languages.
    static func isOnlyData(_ line: String) -> Bool {
        line.split(whereSeparator: \.isWhitespace).allSatisfy { token in
            let word = token.trimmingCharacters(in: CharacterSet(charactersIn: "[]()<>{}|…,;:'\""))
            return word.contains("/") || word.contains(".") || word.contains("_") || word.hasPrefix("-")
                || word.contains(where: \.isNumber) || word.allSatisfy { !$0.isLowercase }
        }
    }

    /// English text with its quoted data taken out: what is left must have no Chinese in it.
    static func unquoted(_ line: String) -> String {
        line.replacing(/'[^']*'|"[^"]*"|“[^”]*”/, with: "")
    }

    static func aboveTables(_ text: String) -> String {
        text.components(separatedBy: "\n\n").first ?? text
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    /// Each case once in each language; the cases share one scratch folder, so they run one after the other.
    @Test func everyRefusalIsSaidInBothLanguages() throws {
        let inputs = try Inputs()
        #expect(inputs.cases.count > 60)
        for refused in inputs.cases { try Self.compare(refused) }
    }

    static func compare(_ refused: Case) throws {
        let english = try Paiwei.run(["--lang", "en"] + refused.arguments)
        let chinese = try Paiwei.run(["--lang", "zh"] + refused.arguments)
        #expect(english.status != 0, "\(refused) is not refused: \(english.stdout)\(english.stderr)")
        #expect(!english.stderr.isEmpty || refused.arguments.first == "verify", "\(refused) says nothing")
        #expect(english.status == chinese.status, "\(refused)")
        for (en, zh) in [(english.stdout, chinese.stdout), (english.stderr, chinese.stderr)] {
            let enLines = Self.lines(en), zhLines = Self.lines(zh)
            #expect(enLines.count == zhLines.count, "\(refused):\n\(en)\n---\n\(zh)")
            for (e, z) in zip(enLines, zhLines) {
                if let location = Self.location(e) {
                    #expect(z.hasPrefix(location), "\(refused): the location differs:\n\(e)\n\(z)")
                }
                #expect(!Self.hasCJK(Self.unquoted(e)), "\(refused): Chinese in the English line:\n\(e)")
                #expect(Self.hasCJK(z) || Self.isOnlyData(z), "\(refused): a line left in English:\n\(z)")
            }
        }
    }

    /// What the commands say when they succeed, in both languages: the same lines, each one in its language.
    @Test func everySummaryIsSaidInBothLanguages() throws {
        let scratch = try Scratch()
        // The CLI tests' district, with a preference listed twice (a warning), and the forecast tests' one.
        try scratch.district("warned")
        try scratch.write("warned/students.csv", try scratch.read("warned/students.csv").replacingOccurrences(of: "s4,M,,,A,", with: "s4,M,,,A;A,"))
        try ForecastCLITests.district(scratch)
        let p = { (name: String) in scratch.path(name) }
        let policy = "chaoyang-2023-middle"
        for language in ["en", "zh"] {
            try Paiwei.run(["place", "--data", p("data"), "--policy", p("policy.json"), "--seed", seedHex, "--out", p("placed-\(language)")])
            try Paiwei.run(["forecast", "--data", p("data"), "--policy", p("policy.json"), "--years", "2026-2027", "--replications", "3", "--out", p("forecast-\(language)")])
        }
        let commands: [(String, (String) -> [String])] = [
            ("check", { _ in ["check", "--data", p("warned"), "--policy", policy] }),
            ("place", { ["place", "--data", p("warned"), "--policy", policy, "--ceremony", "1", "--ceremony", "2", "--candidate-runs", "2", "--drawn-index", "1", "--out", p("place-\($0)")] }),
            ("commit", { ["commit", "--data", p("data"), "--policy", p("policy.json"), "--out", p("commit-\($0).json")] }),
            ("verify", { ["verify", p("placed-\($0)")] }),
            ("publish", { ["publish", p("placed-\($0)"), "--out", p("public-\($0)")] }),
            ("simulate", { ["simulate", "--data", p("data"), "--policy", p("policy.json"), "--seed", seedHex, "--replications", "4", "--out", p("simulate-\($0)")] }),
            ("simulate slice", { ["simulate", "--data", p("warned"), "--policy", policy, "--seed", seedHex, "--replication-range", "0..<3", "--compare-mechanism", "--out", p("slice-\($0)")] }),
            ("merge", { ["merge", "--data", p("warned"), "--policy", policy, "--out", p("merged-\($0)"), p("slice-\($0)")] }),
            ("forecast", { ["forecast", "--data", p("data"), "--policy", p("policy.json"), "--years", "2026-2027", "--replications", "3", "--out", p("f-\($0)")] }),
            ("forecast compare", { ["forecast", "--compare", p("forecast-\($0)"), p("f-\($0)"), "--out", p("compare-\($0)")] }),
            ("generate", { ["generate", "--preset", "chaoyang", "--students", "40", "--seed", "1", "--out", p("generated-\($0)")] }),
            ("policy list", { _ in ["policy", "list"] }),
            ("demo", { ["demo", "--out", p("demo-\($0)")] }),
        ]
        for (name, arguments) in commands {
            let english = try Paiwei.run(["--lang", "en"] + arguments("en"))
            let chinese = try Paiwei.run(["--lang", "zh"] + arguments("zh"))
            #expect(english.status == 0 && chinese.status == 0, "\(name): \(english.stderr)\(chinese.stderr)")
            for (en, zh) in [(english.stdout, chinese.stdout), (english.stderr, chinese.stderr)] {
                // check's tables are in both languages at once, the same in either run: only the lines above them are said in one.
                let tables = name == "check"
                let enLines = Self.lines(tables ? Self.aboveTables(en) : en), zhLines = Self.lines(tables ? Self.aboveTables(zh) : zh)
                #expect(enLines.count == zhLines.count, "\(name):\n\(en)\n---\n\(zh)")
                for line in enLines { #expect(!Self.hasCJK(Self.unquoted(line)), "\(name): Chinese in the English line:\n\(line)") }
                for line in zhLines { #expect(Self.hasCJK(line) || Self.isOnlyData(line), "\(name): a line left in English:\n\(line)") }
            }
        }
    }

    /// Without --lang, the first of LC_ALL, LC_MESSAGES and LANG that is set decides.
    @Test func theEnvironmentChoosesLikeLang() throws {
        let inputs = try Inputs()
        for name in ["every problem at once", "unknown command", "place: no seed", "forecast: bad thresholds"] {
            let refused = try #require(inputs.cases.first { $0.name == name })
            let english = try Paiwei.run(["--lang", "en"] + refused.arguments)
            let chinese = try Paiwei.run(["--lang", "zh"] + refused.arguments)
            #expect(english.stderr != chinese.stderr, "\(name)")
            for (environment, expected) in [
                (["LANG": "zh_CN.UTF-8"], chinese),
                (["LANG": "zh_TW.UTF-8"], chinese),
                (["LANG": "en_US.UTF-8"], english),
                ([:], english),
                (["LC_ALL": "C", "LANG": "zh_CN.UTF-8"], english),
                (["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"], chinese),
                (["LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"], chinese),
                (["LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"], english),
                (["LC_ALL": "", "LANG": "zh_CN.UTF-8"], chinese),
            ] {
                let run = try Paiwei.run(refused.arguments, environment: environment)
                #expect(run.status == expected.status && run.stdout == expected.stdout && run.stderr == expected.stderr, "\(name) with \(environment)")
            }
            // --lang wins over the environment.
            let given = try Paiwei.run(["--lang", "en"] + refused.arguments, environment: ["LANG": "zh_CN.UTF-8"])
            #expect(given.stderr == english.stderr, "\(name)")
        }
    }

    static let commands = ["demo", "commit", "place", "check", "verify", "publish", "explain", "lottery-number", "simulate", "merge", "forecast", "generate", "policy"]

    /// Every command's --help, and the overview, in both languages; `paiwei help CMD` is `paiwei CMD --help`.
    @Test func helpInBothLanguages() throws {
        let overview = try Paiwei.run([], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(overview.status == 0 && overview.stdout.contains("用法：paiwei <命令>"))
        #expect(try Paiwei.run(["help"], environment: ["LC_MESSAGES": "zh_CN.UTF-8"]).stdout == overview.stdout)
        for command in Self.commands {
            let english = try Paiwei.run([command, "--help"])
            let chinese = try Paiwei.run([command, "--help"], environment: ["LANG": "zh_CN.UTF-8"])
            // The English help may quote a document's words, in brackets, and nothing else in Chinese.
            let glossesRemoved = Self.unquoted(english.stdout).replacing(/\([^)]*\)/, with: "")
            #expect(english.status == 0 && english.stdout.contains("Usage: paiwei \(command)") && !Self.hasCJK(glossesRemoved), "\(command)")
            #expect(chinese.status == 0 && chinese.stdout.contains("用法：paiwei \(command)"), "\(command)\n\(chinese.stdout)")
            #expect(try Paiwei.run(["--lang", "zh", "help", command]).stdout == chinese.stdout, "\(command)")
            #expect(try Paiwei.run(["help", command]).stdout == english.stdout, "\(command)")
            // Every paragraph of the Chinese help is Chinese: a line of prose without a Chinese character is one left over.
            for line in Self.lines(chinese.stdout) where !Self.hasCJK(line) {
                #expect(Self.isOnlyData(line) || line.trimmingCharacters(in: .whitespaces).hasPrefix("paiwei ") || line.contains("|"), "\(command): \(line)")
            }
        }
    }
}
