import Foundation
import Testing

/// The `galley` executable as users and CI run it: arguments, exit codes, output streams.
@Suite struct CommandLineTests {
    @Test func versionAndHelp() throws {
        let version = try TestSupport.runGalley(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("galley "))
        let help = try TestSupport.runGalley(["help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("usage: galley"))
        let lintHelp = try TestSupport.runGalley(["help", "lint"])
        #expect(lintHelp.stdout.contains("--max-file-size"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try TestSupport.runGalley(["lint", "--fromat", "gcc", "Fixtures/explainer"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown option '--fromat' (did you mean '--format'?)"))
        #expect(result.stdout.isEmpty)
    }

    @Test func unknownCommandIsAUsageError() throws {
        let result = try TestSupport.runGalley(["lnt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean 'lint'?"))
    }

    @Test func missingPathIsReportedAndOtherFilesAreStillLinted() throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/nope.md", "Fixtures/defective/skipped-levels.md"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("galley: error: Fixtures/nope.md: no such file or directory"))
        #expect(result.stdout.contains("Fixtures/defective/skipped-levels.md:11:1: error:"))
    }

    @Test func foldersAreSearchedRecursivelyAndOutputIsSortedByPath() throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/defective", "Fixtures/explainer"])
        #expect(result.status == 1)
        let paths = result.stdout.split(separator: "\n").map { String($0.split(separator: ":")[0]) }
        #expect(paths == paths.sorted())
        let articles = try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixturePath("defective"))
            .filter { !$0.hasSuffix(".txt") }.map { "Fixtures/defective/" + $0 }
        #expect(Set(paths) == Set(articles))
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.count
        let warnings = result.stdout.split(separator: "\n").filter { $0.contains(": warning: ") }.count
        #expect(errors > 0)
        #expect(result.stderr == "\(errors) errors, \(warnings) \(warnings == 1 ? "warning" : "warnings") in \(articles.count + 4) files\n")
    }

    @Test func defaultPathIsTheCurrentFolder() throws {
        let result = try TestSupport.runGalley([], in: TestSupport.fixturePath("explainer"))
        #expect(result.status == 0)
        #expect(result.stderr == "0 errors, 0 warnings in 4 files\n")
    }

    @Test func unsupportedFileTypeIsAUsageError() throws {
        let result = try TestSupport.runGalley(["lint", "Package.swift"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unsupported file type"))
    }

}
