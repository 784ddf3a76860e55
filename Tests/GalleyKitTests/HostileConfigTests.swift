import Foundation
import Testing
@testable import GalleyKit
import PCRE

#if canImport(Glibc)
import Glibc
#endif

/// Configuration and rule sets that are broken in hostile ways (binary, badly encoded, huge,
/// deep, pointing at pipes and folders): every problem at its file:line:column, exit 2, nothing
/// linted. And rule sets that are valid but expensive (catastrophic backtracking) cannot stall a run.
@Suite struct HostileConfigTests {
    private func expectRejected(_ files: [String: [UInt8]], _ errors: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = try HostileSupport.folder(files.merging(["a.md": Array("# A\n".utf8)]) { first, _ in first })
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for command in ["lint", "check-config"] {
            let run = try HostileSupport.lintUnchanged([command, "."], inputs: [folder], in: folder, timeout: 60, sourceLocation: sourceLocation)
            #expect(run.status == 2, "\(command)", sourceLocation: sourceLocation)
            #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
            #expect(run.errorLines == errors + ["galley: \(errors.count) configuration \(errors.count == 1 ? "error" : "errors"); nothing was linted"],
                    sourceLocation: sourceLocation)
        }
    }

    private static let useRules = Array("rule-sets: [rules.yml]\n".utf8)

    @Test func binaryAndBadlyEncodedRuleSets() throws {
        try expectRejected([".galley.yml": Self.useRules, "rules.yml": Array("name: x\nrules:\n  - id: a\n    kind: words\n    terms: [a\u{0}b]\n".utf8)],
                           ["rules.yml:1:1: error: the file holds NUL bytes, so it looks binary, not text"])
        try expectRejected([".galley.yml": Self.useRules, "rules.yml": Array("name: x\nrules:\n  - id: a\n    kind: words\n    terms: [caf".utf8) + [0xE9] + Array("]\n".utf8)],
                           ["rules.yml:5:16: error: invalid UTF-8 byte 0xE9; save the file as UTF-8"])
        try expectRejected([".galley.yml": Self.useRules, "rules.yml": Array("name: x\nrules:\n  - id: a\n    kind: words\n    terms: [a\u{1}b]\n".utf8)],
                           ["rules.yml:5:14: error: control characters are not allowed (0x1)"])
        try expectRejected([".galley.yml": [0xFF, 0xFE, 0x00, 0x00] + Array("r\0\0\0".utf8)],
                           [".galley.yml:1:1: error: the file is UTF-32LE, which Galley does not read; save it as UTF-8"])
    }

    @Test func ruleSetsThatAreFoldersOrPipes() throws {
        let folder = try HostileSupport.folder([".galley.yml": "rule-sets: [folder.yml, pipe.yml, missing.yml]\n", "a.md": "# A\n", "folder.yml/inside.md": "# B\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/pipe.yml", 0o644) == 0)
        let run = try HostileSupport.lintUnchanged(["lint", "a.md"], inputs: [folder], in: folder, timeout: 60)
        #expect(run.status == 2)
        #expect(run.errorLines == [
            ".galley.yml:1:13: error: cannot read rule set 'folder.yml': is a directory",
            ".galley.yml:1:25: error: cannot read rule set 'pipe.yml': is a named pipe (FIFO), not a regular file",
            ".galley.yml:1:35: error: cannot read rule set 'missing.yml': no such file or directory",
            "galley: 3 configuration errors; nothing was linted",
        ])
        let pointed = try HostileSupport.lintUnchanged(["lint", "--config", "pipe.yml", "a.md"], inputs: [folder], in: folder, timeout: 60)
        #expect(pointed.status == 2)
        #expect(pointed.errorLines.first == "pipe.yml:1:1: error: cannot read the configuration: is a named pipe (FIFO), not a regular file")
    }

    /// In a git work tree, `extends`, rule set paths and `terms-file` cannot lead outside it,
    /// by `..` or through a symbolic link.
    @Test func configurationCannotReachOutsideTheRepository() throws {
        let top = try HostileSupport.folder([
            "outside/base.yml": "rule-sets: [house-style]\n",
            "outside/rules.yml": "name: outside\nrules: []\n",
            "outside/terms.txt": "zebra\n",
            "repo/.galley.yml": "extends: ../outside/base.yml\nrule-sets: [rules.yml, linked.yml]\n",
            "repo/rules.yml": "name: inside\nrules:\n  - id: z\n    kind: words\n    terms-file: ../outside/terms.txt\n",
            "repo/a.md": "# A\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: top) }
        try FileManager.default.createDirectory(atPath: top + "/repo/.git", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: top + "/repo/linked.yml", withDestinationPath: "../outside/rules.yml")
        let run = try HostileSupport.lintUnchanged(["lint", "a.md"], inputs: [top], in: top + "/repo")
        #expect(run.status == 2)
        #expect(run.errorLines == [
            ".galley.yml:1:10: error: 'extends' leads outside the repository (\(top)/outside/base.yml); Galley only reads configuration inside it",
            ".galley.yml:2:24: error: rule set 'linked.yml' leads outside the repository (\(top)/outside/rules.yml); Galley only reads rule sets inside it",
            "rules.yml:5:17: error: 'terms-file' leads outside the repository (\(top)/outside/terms.txt); Galley only reads term files inside it",
            "galley: 3 configuration errors; nothing was linted",
        ])
    }

    @Test func hugeAndDeepConfiguration() throws {
        let huge = Array("rule-sets: [house-style]\n# ".utf8) + [UInt8](repeating: 0x78, count: 5 << 20) + [0x0A]
        try expectRejected([".galley.yml": huge], [".galley.yml:1:1: error: cannot read the configuration: is 5242908 bytes, over the limit of 4194304"])
        let deep = "rules:\n  title-length: " + String(repeating: "{a: ", count: 200) + "b" + String(repeating: "}", count: 200) + "\n"
        try expectRejected([".galley.yml": Array(deep.utf8)], [".galley.yml:2:521: error: nesting deeper than 128 levels"])
    }

    /// `(a+)+$` backtracks exponentially on "aaaa…!". PCRE2 gives up within its match limit,
    /// the rule says so once per file, and the run carries on.
    @Test func catastrophicBacktrackingCannotStallARun() throws {
        let rules = """
            name: slow
            rules:
              - id: slow-pattern
                kind: pattern
                message: "never shown: {match}"
                pattern: "(a+)+$"
              - id: slow-count
                kind: occurrence
                pattern: "(a+)+$"
                max: 1
              - id: zebra
                kind: words
                terms: [zebra]

            """
        let paragraph = String(repeating: "a", count: 40) + "!"
        let article = "# Slow\n\n" + Array(repeating: paragraph, count: 2_000).joined(separator: "\n\n") + "\n\nA zebra at the end.\n"
        let folder = try HostileSupport.folder([".galley.yml": "rule-sets: [rules.yml]\n", "rules.yml": rules, "slow.md": article])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "slow.md"], inputs: [folder], in: folder, timeout: 120)
        #expect(run.status == 0)
        #expect(run.lines == [
            "slow.md:3:1: warning: the pattern (a+)+$ gave up here (too much backtracking); its occurrences are not counted [slow-count]",
            "slow.md:3:1: warning: the pattern (a+)+$ gave up here (too much backtracking); the rest of the file is not checked with it [slow-pattern]",
            "slow.md:4003:3: warning: avoid 'zebra' [zebra]",
        ])
        let pattern = try PCREPattern("(a+)+$")
        #expect(pattern.scan(paragraph).gaveUp)
        #expect(!pattern.scan("aaa").gaveUp && pattern.scan("aaa").ranges == [0..<3])
    }
}
