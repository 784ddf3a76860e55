import Foundation
import Testing
@testable import GalleyKit

/// `galley vale` with the Hyperscan prefilter compiled at the first document
/// (`GALLEY_VALE_HYPERSCAN=always`), and without it (`GALLEY_VALE_HYPERSCAN=0`), and as a run of
/// this size does by default (fewer documents than `ValeLazyScanner.breakEven`: never
/// compiled): the same findings, byte for byte.
@Suite struct ValeScannerRunTests {
    static let rules = [
        "Ordinals.yml": "extends: existence\nmessage: \"Spell out '%s'.\"\ntokens:\n  - '\\d+(?:st|nd|rd|th)'\n  - 'e\\.g\\.'\n  - percent\n",
        "Passive.yml": "extends: existence\nmessage: \"'%s' may be passive.\"\nignorecase: true\nraw:\n  - '\\b(am|are|were|is|was|be)\\b\\s*\\b(?:\\w+ed|beaten|known)\\b'\n",
        "Swaps.yml": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nswap:\n  'caf(e|é)s?': café\n  '(?:kelvin|kilo)\\s+\\w+': the unit\n  'utili[sz]e': use\n",
        "Dashes.yml": "extends: existence\nmessage: \"No spaces around '%s'.\"\nnonword: true\ntokens:\n  - '\\s[—–]\\s'\n  - '(?<=\\w)\\s{2,}(?=[A-Z])'\n",
        // Left out of the scan (`ValeRuleBook.staysOutOfScan`): run on every heading.
        "HeadingEnd.yml": "extends: existence\nmessage: \"No '%s' at a heading's end.\"\nnonword: true\nscope: heading\ntokens:\n  - '[a-z][.?!]$'\n",
    ]

    static let texts = [
        "# The 1st café\n\nIt is beaten by the 22nd CAFE. Café au lait, e.g. here.\n\nA line\nbreak: it was\nknown. 50 percent  More.\n",
        "# Kelvin\n\nThe \u{212A}elvin scale, kilo grams and KILO watts; it is utilised — really – twice.\n",
        "# Nothing here.\n\nPlain words only, none of which any rule wants. Über naïve cafe\u{301}s.\n",
        "# Table\n\n| a | b |\n|---|---|\n| 3rd | was used |\n\n- am Tired\n- be 4th\n",
    ]

    /// A folder with the test style (`styles/Test`, `.vale.ini`) and `documents` articles in
    /// `docs/`, made of `texts` in turn; the folder and the articles' paths.
    static func project(documents count: Int) throws -> (root: String, files: [String]) {
        let root = try TestSupport.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/styles/Test", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/docs", withIntermediateDirectories: true)
        for (name, body) in rules { try body.write(toFile: root + "/styles/Test/" + name, atomically: true, encoding: .utf8) }
        try "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = Test\n".write(toFile: root + "/.vale.ini", atomically: true, encoding: .utf8)
        var files: [String] = []
        for index in 0..<count {
            let path = root + "/docs/\(String(format: "%03d", index)).md"
            try texts[index % texts.count].write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        return (root, files)
    }

    @Test func findingsAreTheSameWithAndWithoutTheScan() throws {
        let count = ValeLazyScanner.documentsBeforeCompiling * 2
        let (root, _) = try Self.project(documents: count)
        let arguments = ["vale", "--output=line", "--no-global", "--jobs", "1", "docs"]
        let scanned = try TestSupport.runGalley(arguments, in: root, environment: ["GALLEY_VALE_HYPERSCAN": "always", "GALLEY_CACHE_DIR": root + "/cache"])
        let plain = try TestSupport.runGalley(arguments, in: root, environment: ["GALLEY_VALE_HYPERSCAN": "0"])
        // A run this size never compiles; it reads the database the runs above kept.
        let byDefault = try TestSupport.runGalley(arguments, in: root, environment: ["GALLEY_CACHE_DIR": root + "/cache"])
        let notCached = try TestSupport.runGalley(arguments, in: root, environment: ["GALLEY_CACHE_DIR": root + "/empty"])
        #expect(notCached.stdout == plain.stdout)
        #expect(!FileManager.default.fileExists(atPath: root + "/empty"))
        #expect(scanned.status == plain.status)
        #expect(scanned.stdout == plain.stdout)
        #expect(byDefault.stdout == plain.stdout)
        #expect(scanned.stdout.split(separator: "\n").count >= count * 3)
        for rule in ["Test.Ordinals", "Test.Passive", "Test.Swaps", "Test.Dashes", "Test.HeadingEnd"] { #expect(scanned.stdout.contains(rule)) }
        let parallel = try TestSupport.runGalley(["vale", "--output=line", "--no-global", "docs"], in: root, environment: ["GALLEY_VALE_HYPERSCAN": "always", "GALLEY_CACHE_DIR": root + "/cache"])
        #expect(parallel.stdout == plain.stdout)
    }

    /// Only a pattern that must end at its unit's end, in a rule that reads only headings,
    /// stays out of the scan.
    @Test func headingEndPatternsStayOutOfTheScan() throws {
        func settings(_ scope: [String]) -> ValeRuleSettings {
            var settings = ValeRuleSettings(message: "%s", level: "warning")
            settings.scope = ValeScope(scope)
            settings.computeMasks()
            return settings
        }
        let atEnd = try ValePattern("(?:[a-z][.?!]$|[a-z0-9][.]\\s*\\z)")
        #expect(ValeRuleBook.staysOutOfScan(atEnd, settings: settings(["heading"])))
        #expect(ValeRuleBook.staysOutOfScan(atEnd, settings: settings(["heading.h2", "heading.h3"])))
        #expect(!ValeRuleBook.staysOutOfScan(atEnd, settings: settings(["text"])))
        #expect(!ValeRuleBook.staysOutOfScan(atEnd, settings: settings(["heading", "list"])))
        #expect(!ValeRuleBook.staysOutOfScan(try ValePattern(":\\s[a-z]"), settings: settings(["heading"])))
        #expect(!ValeRuleBook.staysOutOfScan(try ValePattern("(?:[a-z]$|[a-z]\\.)"), settings: settings(["heading"])))
        #expect(!ValeRuleBook.staysOutOfScan(try ValePattern("[a-z]\\$"), settings: settings(["heading"])))
    }

    /// A second large run reads the database the first one stored in the cache folder, with
    /// the same findings; a damaged entry, a folder that cannot be written and the cache
    /// turned off change nothing either, and nothing is said about them.
    @Test func theCachedDatabaseGivesTheSameFindings() throws {
        let (root, _) = try Self.project(documents: 6)
        let arguments = ["vale", "--output=line", "--no-global", "--jobs", "1", "docs"]
        let plain = try TestSupport.runGalley(arguments, in: root, environment: ["GALLEY_VALE_HYPERSCAN": "0"])
        let folder = root + "/cache"
        let environment = ["GALLEY_VALE_HYPERSCAN": "always", "GALLEY_CACHE_DIR": folder]
        let cold = try TestSupport.runGalley(arguments, in: root, environment: environment)
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder + "/vectorscan-v2").filter { $0.hasSuffix(".hsdb") }
        #expect(entries.count == 1)
        let warm = try TestSupport.runGalley(arguments, in: root, environment: environment)
        let entry = folder + "/vectorscan-v2/" + (entries.first ?? "")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: entry))
        bytes[bytes.count / 3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: entry))
        let damaged = try TestSupport.runGalley(arguments, in: root, environment: environment)
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: entry))
        let truncated = try TestSupport.runGalley(arguments, in: root, environment: environment)
        try "a file".write(toFile: root + "/not-a-folder", atomically: true, encoding: .utf8)
        let unwritable = try TestSupport.runGalley(arguments, in: root, environment: ["GALLEY_VALE_HYPERSCAN": "always", "GALLEY_CACHE_DIR": root + "/not-a-folder/cache"])
        let off = try TestSupport.runGalley(arguments, in: root, environment: ["GALLEY_VALE_HYPERSCAN": "always", "GALLEY_CACHE_DIR": "off"])
        #expect(!plain.stdout.isEmpty)
        for (what, run) in [("cold", cold), ("warm", warm), ("damaged", damaged), ("truncated", truncated), ("unwritable", unwritable), ("off", off)] {
            #expect(run.stdout == plain.stdout, "\(what)")
            #expect(run.stderr == plain.stderr, "\(what)")
            #expect(run.status == plain.status, "\(what)")
        }
    }

    /// `galley lint` with `vale:` knows its files before it starts (`LintPlan`): the scanners
    /// of the Vale rules are told, so a large run compiles at its first document and a small
    /// one never, as in `galley vale`.
    @Test func lintTellsTheScannersTheRunSize() throws {
        for (count, compiles) in [(ValeLazyScanner.breakEven, true), (3, false)] {
            let (root, files) = try Self.project(documents: count)
            try "vale: .vale.ini\n".write(toFile: root + "/.galley.yml", atomically: true, encoding: .utf8)
            let plan = LintPlan.make(files: PathList(files), configPath: nil, maxFileBytes: Linter.defaultMaxFileBytes)
            #expect(plan.errors.isEmpty)
            let scanners = ValeRuleBook.scanners(of: plan.linters.map { (rules: $0.rules, documents: 0) })
            #expect(scanners.count == 1)
            for (scanner, _) in scanners { #expect(scanner.compilesAtStart == compiles, "\(count) files") }
        }
    }
}
