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
}
