import Foundation
import Testing
@testable import GalleyKit

/// `galley vale` as CI scripts run `vale`: flags, output shapes, exit codes, in-text comments.
@Suite struct ValeCommandTests {
    static let project = TestSupport.fixturePath("vale/project")

    @Test func lineOutputIsValesAndGolden() throws {
        let result = try TestSupport.runGalley(["vale", "--output=line", "--sort", "--normalize", "--relative", "--no-global", "."], in: Self.project)
        #expect(result.status == 1)
        try TestSupport.expectGolden(result.stdout, "vale/golden/line.txt")
        // A rule Galley cannot run is a warning at its file:line:column; the others run.
        #expect(result.stderr.contains("styles/House/Script.yml:1:10: warning: House.Script is not run: Vale's script check runs Tengo programs"))
    }

    @Test func jsonOutputIsValesAndGolden() throws {
        let result = try TestSupport.runGalley(["vale", "--output=JSON", "--no-global", "docs/guide.md"], in: Self.project)
        #expect(result.status == 1)
        try TestSupport.expectGolden(result.stdout, "vale/golden/guide.json")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [[String: Any]]]
        let alerts = try #require(object?["docs/guide.md"])
        #expect(alerts.allSatisfy { Set($0.keys) == ["Action", "Span", "Check", "Description", "Link", "Message", "Severity", "Match", "Line"] })
    }

    @Test func levelsGlobsCommentsAndExit() throws {
        let errorsOnly = try TestSupport.runGalley(["vale", "--output=line", "--no-global", "--minAlertLevel=error", "."], in: Self.project)
        #expect(errorsOnly.stdout.split(separator: "\n").allSatisfy { $0.contains("House.Hype") || $0.contains("Vale.") })
        let noExit = try TestSupport.runGalley(["vale", "--output=line", "--no-global", "--no-exit", "."], in: Self.project)
        #expect(noExit.status == 0)
        // The draft section switches House.Hype off; the comment in guide.md switches it off between its two comments.
        #expect(!noExit.stdout.contains("idea.md"))
        #expect(!noExit.stdout.contains("game-changer"))
        let glob = try TestSupport.runGalley(["vale", "--output=line", "--no-global", "--glob=*.txt", "."], in: Self.project)
        #expect(glob.stdout.isEmpty && glob.status == 0)
    }

    @Test func standardInputAndText() throws {
        let piped = try TestSupport.runGalley(["vale", "--output=line", "--no-global", "--ext=.md"], in: Self.project, input: "# Title\n\nA revolutionary idea.\n")
        #expect(piped.stdout == "stdin.md:3:3:House.Hype:Avoid 'revolutionary'; say what it does.\n")
        let text = try TestSupport.runGalley(["vale", "--output=line", "--no-global", "--ext=.md", "A game changer."], in: Self.project)
        #expect(text.stdout == "stdin.md:1:3:House.Hype:Avoid 'game changer'; say what it does.\n")
    }

    @Test func badConfigurationIsExitTwoAtItsPosition() throws {
        let root = try TestSupport.temporaryDirectory()
        try "StylesPath = nowhere\nMinAlertLevel = loud\n".write(toFile: root + "/.vale.ini", atomically: true, encoding: .utf8)
        let result = try TestSupport.runGalley(["vale", "--no-global", "."], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains(".vale.ini:1:14: error: The path '"))
        #expect(result.stderr.contains(".vale.ini:2:17: error: MinAlertLevel must be 'suggestion', 'warning', or 'error'."))
        let missing = try TestSupport.runGalley(["vale", "--no-global", "--config", "nope.ini", "."], in: root)
        #expect(missing.status == 2)
    }

    @Test func galleyConfigurationRunsAValeSetUp() throws {
        let root = try TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Self.project + "/styles", toPath: root + "/styles")
        try "vale: styles/House\nrules:\n  House.Long: off\n".write(toFile: root + "/.galley.yml", atomically: true, encoding: .utf8)
        try "# Title\n\nA revolutionary idea: We utilize it.\n".write(toFile: root + "/a.md", atomically: true, encoding: .utf8)
        let lint = try TestSupport.runGalley(["lint", "a.md"], in: root)
        #expect(lint.stdout.contains("a.md:3:3: error: Avoid 'revolutionary'; say what it does. [House.Hype]"))
        #expect(lint.stdout.contains("[House.Colon]"))
        #expect(!lint.stdout.contains("[House.Long]"))
        let check = try TestSupport.runGalley(["check-config"], in: root)
        #expect(check.status == 0)
        #expect(check.stdout.contains("styles/House/Script.yml:1:10: warning: House.Script is not run"))
    }

    // MARK: Rules set aside, reported by every command that reads `.galley.yml`

    static let setAside = TestSupport.fixturePath("vale/set-aside")
    static let taggedWarning = "styles/Desk/Tagged.yml:1:10: warning: Desk.Tagged is not run: Vale's sequence check needs a part-of-speech tagger"

    private func count(_ text: String, _ needle: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func lintReportsARuleSetAsideOncePerRunOnStandardError() throws {
        let result = try TestSupport.runGalley(["lint", "--no-progress", "docs"], in: Self.setAside)
        // Three files share the configuration: the warning is printed once, not per file.
        #expect(count(result.stderr, "warning: Desk.Tagged is not run") == 1)
        #expect(result.stderr.contains(Self.taggedWarning))
        #expect(!result.stdout.contains("Desk.Tagged"))
        // The rules that can run do, and the exit status is the findings' (1 for an error).
        #expect(result.stdout.contains("docs/first.md:3:3: error: Avoid 'revolutionary'. [Desk.Hype]"))
        #expect(result.stdout.contains("docs/second.md:3:4: warning: Use 'use' instead of 'utilize'. [Desk.Swaps]"))
        // A swap whose replacement takes a group of its key (its own pattern, compiled on first use).
        #expect(result.stdout.contains("docs/second.md:3:21: warning: Use 'cloud based' instead of 'cloud-based'. [Desk.Swaps]"))
        #expect(result.status == 1)
    }

    @Test func aRuleSetAsideChangesNoExitStatus() throws {
        let clean = try TestSupport.runGalley(["lint", "docs/clean.md"], in: Self.setAside)
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
        #expect(count(clean.stderr, "warning: Desk.Tagged is not run") == 1)
        // Machine-readable output keeps standard output to itself.
        let json = try TestSupport.runGalley(["lint", "--format", "json", "docs/clean.md"], in: Self.setAside)
        #expect(json.status == 0)
        #expect(!json.stdout.contains("Desk.Tagged"))
        #expect(json.stderr.contains(Self.taggedWarning))
        // --max-warnings counts findings, not configuration warnings.
        let limited = try TestSupport.runGalley(["lint", "--max-warnings", "0", "docs/clean.md"], in: Self.setAside)
        #expect(limited.status == 0)
    }

    @Test func standardInputAuditAndFixReportARuleSetAsideToo() throws {
        let piped = try TestSupport.runGalley(["lint", "--stdin-filename", "docs/piped.md", "-"], in: Self.setAside, input: "# Title\n\nA revolutionary idea.\n")
        #expect(piped.status == 1)
        #expect(count(piped.stderr, "warning: Desk.Tagged is not run") == 1)
        let root = try TestSupport.temporaryDirectory()
        for name in [".galley.yml", "desk.yml", "styles", "docs"] {
            try FileManager.default.copyItem(atPath: Self.setAside + "/" + name, toPath: root + "/" + name)
        }
        let audit = try TestSupport.runGalley(["audit", "--no-progress", "--report", root + "/audit.html", "docs"], in: root)
        #expect(audit.status == 1)
        #expect(count(audit.stderr, "warning: Desk.Tagged is not run") == 1)
        let fix = try TestSupport.runGalley(["fix", "--dry-run", "docs"], in: root)
        #expect(fix.stdout.contains("+We use a plain, cloud based idea."))
        #expect(count(fix.stderr, "warning: Desk.Tagged is not run") == 1)
        // check-config lists it as it always did, on standard output.
        let check = try TestSupport.runGalley(["check-config"], in: Self.setAside)
        #expect(check.status == 0)
        #expect(check.stdout.contains(Self.taggedWarning))
    }

    @Test func thePlanCollectsEachConfigurationsWarningsOnce() throws {
        let docs = Self.setAside + "/docs"
        let files = ["first.md", "second.md", "clean.md"].map { docs + "/" + $0 }
        let plan = LintPlan.make(files: PathList(files), configPath: nil, maxFileBytes: Linter.defaultMaxFileBytes)
        #expect(plan.errors.isEmpty)
        #expect(plan.warnings.count == 1)
        #expect(plan.warnings.first?.message.hasPrefix("Desk.Tagged is not run: Vale's sequence check") == true)
        #expect(plan.warnings.first?.location == SourceLocation(line: 1, column: 10))
    }
}
