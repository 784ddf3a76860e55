import Foundation
import Testing
@testable import GalleyKit

/// Vale's spelling, on the spelling kind: `Vale.Spelling` (Vale's own style) and a style's
/// `extends: spelling` with Vale's options, Vale's vocabulary exceptions and Vale's output.
@Suite struct ValeSpellingTests {
    static func project(spell: String) throws -> String {
        let root = try TestSupport.temporaryDirectory()
        func write(_ path: String, _ text: String) throws {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        try write(".vale.ini", "StylesPath = styles\nMinAlertLevel = suggestion\nVocab = Team\n\n[*.md]\nBasedOnStyles = Vale, House\n")
        try write("styles/config/vocabularies/Team/accept.txt", "Kubernetes\n[Oo]bservability\n")
        try write("styles/House/Spell.yml", spell)
        try write("styles/ignore.txt", "frobnicate\nquuxify\n")
        try FileManager.default.createDirectory(atPath: root + "/styles/config/dictionaries", withIntermediateDirectories: true)
        for ext in ["aff", "dic"] {
            try FileManager.default.copyItem(atPath: TestSupport.fixturePath("spelling/dictionaries/team.\(ext)"), toPath: root + "/styles/config/dictionaries/team.\(ext)")
        }
        try write("a.md", "# Title\n\nWe recieve Kubernetes and kubernetes, observability, Zorgon, quuxify, frobnicates and Zorblaxes. NASA, ZorbDB and `codde`.\n")
        return root
    }

    /// Vale.Spelling checks against en_US with Vale's default filters (NASA, ZorbDB); the
    /// style's rule adds its dictionaries (from config/dictionaries), its filters and ignore
    /// file; the vocabulary's accepted words are exceptions, case-sensitive as in Vale.
    @Test func valeSpellingAndAStylesSpellingRule() throws {
        let root = try Self.project(spell: """
            extends: spelling
            message: "'%s' is a typo!"
            level: warning
            dictionaries: [en_US, team]
            filters: ['[Zz]org\\w*']
            ignore: [ignore.txt]
            """)
        let result = try TestSupport.runGalley(["vale", "--output=line", "--sort", "--no-global", "a.md"], in: root)
        #expect(result.stdout == """
            a.md:3:4:House.Spell:'recieve' is a typo!
            a.md:3:4:Vale.Spelling:Did you really mean 'recieve'?
            a.md:3:27:House.Spell:'kubernetes' is a typo!
            a.md:3:27:Vale.Spelling:Did you really mean 'kubernetes'?
            a.md:3:27:Vale.Terms:Use 'Kubernetes' instead of 'kubernetes'.
            a.md:3:54:Vale.Spelling:Did you really mean 'Zorgon'?
            a.md:3:62:Vale.Spelling:Did you really mean 'quuxify'?
            a.md:3:71:Vale.Spelling:Did you really mean 'frobnicates'?
            a.md:3:87:Vale.Spelling:Did you really mean 'Zorblaxes'?

            """)
        #expect(result.status == 1)
        #expect(!result.stderr.contains("not run"))
    }

    /// `custom: true` turns Vale's default filters off, and Galley's shape rules with them.
    @Test func customChecksAcronymsAndMixedCase() throws {
        let root = try Self.project(spell: "extends: spelling\nmessage: \"'%s' is a typo!\"\ncustom: true\n")
        let result = try TestSupport.runGalley(["vale", "--output=line", "--sort", "--no-global", "a.md"], in: root)
        let spell = result.stdout.split(separator: "\n").filter { $0.contains("House.Spell") }
        #expect(spell.contains { $0.contains("'NASA'") } == false)  // the dictionary knows NASA
        #expect(spell.contains { $0.contains("'ZorbDB'") })
    }

    /// A dictionary that is not installed: the rule is not run, with a warning naming the package.
    @Test func aMissingDictionaryIsAWarningNamingThePackage() throws {
        let root = try Self.project(spell: "extends: spelling\nmessage: \"'%s' is a typo!\"\ndictionaries: [nl_NL]\n")
        let project = try ValeProject.load(ValeProject.Options(directory: root, noGlobal: true)).get()
        #expect(project.rules.map(\.id).contains("Vale.Spelling"))
        #expect(!project.rules.map(\.id).contains("House.Spell"))
        #expect(project.warnings.contains { $0.message.hasPrefix("House.Spell is not run: no Hunspell dictionary 'nl_NL'") && $0.message.contains("hunspell-nl") })
    }
}
