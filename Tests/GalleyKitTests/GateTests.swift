import Foundation
import Testing

/// The CI gates: exit status on errors and on too many warnings, severity filters, and reports
/// written to a file while the terminal keeps the summary.
@Suite struct GateTests {
    /// Two articles with an encoding warning each, one UTF-16 article (a note), no errors.
    static func warningsOnly() throws -> String {
        let root = try TestSupport.temporaryDirectory()
        try ReporterFixtures.configure(root)
        let latin1: [UInt8] = Array("# Title\n\nCaf".utf8) + [0xE9] + Array(" au lait.\n".utf8)
        try Data(latin1).write(to: URL(fileURLWithPath: root + "/first.md"))
        try Data(latin1).write(to: URL(fileURLWithPath: root + "/second.md"))
        let utf16: [UInt8] = [0xFF, 0xFE] + "# Title\n\nText.\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        try Data(utf16).write(to: URL(fileURLWithPath: root + "/wide.md"))
        return root
    }

    @Test func warningsAloneDoNotFail() throws {
        let root = try Self.warningsOnly()
        let run = try TestSupport.runGalley(["lint", "."], in: root)
        #expect(run.status == 0)
        #expect(run.stderr == "0 errors, 2 warnings, 1 note in 3 files\n")
        #expect(run.stdout.contains("first.md:3:4: warning: invalid UTF-8 byte 0xE9 replaced with U+FFFD [encoding]"))
        #expect(run.stdout.contains("wide.md:1:1: note: file is UTF-16LE; read as Unicode [encoding]"))
    }

    @Test func maxWarningsFailsOnMoreWarningsThanAllowed() throws {
        let root = try Self.warningsOnly()
        let over = try TestSupport.runGalley(["lint", "--max-warnings", "1", "."], in: root)
        #expect(over.status == 1)
        #expect(over.stderr.hasSuffix("galley: error: 2 warnings, more than --max-warnings 1 allows\n"))
        let atLimit = try TestSupport.runGalley(["lint", "--max-warnings", "2", "."], in: root)
        #expect(atLimit.status == 0)
        let zero = try TestSupport.runGalley(["lint", "--max-warnings=0", "."], in: root)
        #expect(zero.status == 1)
    }

    @Test func errorsFailWhateverTheWarningLimit() throws {
        let run = try TestSupport.runGalley(["lint", "--max-warnings", "100", "Fixtures/defective/skipped-levels.md"])
        #expect(run.status == 1)
        #expect(!run.stderr.contains("--max-warnings"))
    }

    @Test func minSeverityHidesLowerFindingsFromOutputAndCounts() throws {
        let root = try Self.warningsOnly()
        let warnings = try TestSupport.runGalley(["lint", "--min-severity", "warning", "."], in: root)
        #expect(!warnings.stdout.contains(": note: "))
        #expect(warnings.stdout.split(separator: "\n").count == 2)
        #expect(warnings.stderr == "0 errors, 2 warnings in 3 files\n")
        let errors = try TestSupport.runGalley(["lint", "--min-severity", "error", "--max-warnings", "0", "."], in: root)
        #expect(errors.status == 2, "--max-warnings has nothing to count once warnings are hidden")
        #expect(errors.stderr.contains("--max-warnings counts warnings, which --quiet or --min-severity error hide"))
    }

    @Test(arguments: [["--quiet"], ["-q"], ["--min-severity", "error"]])
    func quietShowsOnlyErrors(flags: [String]) throws {
        let root = try Self.warningsOnly()
        try FileManager.default.copyItem(atPath: TestSupport.fixturePath("defective/skipped-levels.md"), toPath: root + "/broken.md")
        let run = try TestSupport.runGalley(["lint"] + flags + ["."], in: root)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.contains(": error: ") })
        #expect(run.stderr == "3 errors, 0 warnings in 4 files\n")
    }

    @Test func severityAndFormatTyposAreUsageErrors() throws {
        let severity = try TestSupport.runGalley(["lint", "--min-severity", "warnig", "Fixtures/explainer"])
        #expect(severity.status == 2)
        #expect(severity.stderr.contains("--min-severity needs one of note, warning, error, not 'warnig' (did you mean 'warning'?)"))
        let format = try TestSupport.runGalley(["lint", "--format", "sarf", "Fixtures/explainer"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("unknown format 'sarf' (did you mean 'sarif'?)"))
        let limit = try TestSupport.runGalley(["lint", "--max-warnings", "-1", "Fixtures/explainer"])
        #expect(limit.status == 2)
        let contradiction = try TestSupport.runGalley(["lint", "--quiet", "--min-severity", "note", "Fixtures/explainer"])
        #expect(contradiction.status == 2)
    }

    @Test(arguments: ["gcc", "sarif", "junit"])
    func outputFileHoldsTheReportAndTheTerminalTheSummary(format: String) throws {
        let root = try TestSupport.temporaryDirectory()
        let report = root + "/report.out"
        let toFile = try TestSupport.runGalley(["lint", "--format", format, "--output", report, "Fixtures/defective"])
        let toTerminal = try TestSupport.runGalley(["lint", "--format", format, "Fixtures/defective"])
        #expect(toFile.status == 1)
        #expect(toFile.stdout.isEmpty)
        #expect(toFile.stderr == toTerminal.stderr)
        #expect(try String(contentsOfFile: report, encoding: .utf8) == toTerminal.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["report.out"], "no temporary file is left behind")
    }

    @Test func unwritableOutputIsAUsageError() throws {
        let run = try TestSupport.runGalley(["lint", "--output", "/nonexistent-folder/report.sarif", "Fixtures/explainer"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("galley: error: cannot write the report to /nonexistent-folder/report.sarif: no such file or directory"))
    }

    @Test func prettyHasNoColoursOffATerminal() throws {
        let run = try TestSupport.runGalley(["lint", "--format", "pretty", "Fixtures/defective"], environment: ["NO_COLOR": ""])
        #expect(!run.stdout.contains("\u{1B}["))
        #expect(run.stdout.contains("      | ^~~~"))
    }
}
