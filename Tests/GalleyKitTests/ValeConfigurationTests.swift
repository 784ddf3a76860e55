import Foundation
import Testing
@testable import GalleyKit

/// `.vale.ini` read as go-ini and Vale read it, and Vale set-ups loaded from real folders.
@Suite struct ValeConfigurationTests {
    @Test func iniAsGoINIReadsIt() throws {
        let text = """
        # comment
        StylesPath = styles  # inline comment after a space
        MinAlertLevel: suggestion
        Vocab = Base, Extra

        [*.{md,txt}]
        BasedOnStyles = Vale
        BasedOnStyles = Google
        TokenIgnores = (\\$+[^\\n$]+\\$+)
        Google.Headings = NO

        [*.md]
        Google.Will = warning
        """
        let ini = try ValeINI.parse(Array(text.utf8), path: ".vale.ini").get()
        let core = try #require(ini.section(""))
        #expect(core.entry("StylesPath")?.value == "styles")
        #expect(core.entry("MinAlertLevel")?.value == "suggestion")
        #expect(core.entry("Vocab")?.list == ["Base", "Extra"])
        let section = try #require(ini.section("*.{md,txt}"))
        #expect(section.values("BasedOnStyles") == ["Vale", "Google"])
        #expect(section.entry("TokenIgnores")?.value == "(\\$+[^\\n$]+\\$+)")
        #expect(section.entry("Google.Headings")?.line == 10)
    }

    @Test func iniProblemsAreAtTheirLineAndColumn() {
        guard case .failure(let failure) = ValeINI.parse(Array("StylesPath = a\n  [unclosed\nno delimiter here\n".utf8), path: "x.ini") else {
            Issue.record("a broken .vale.ini was accepted")
            return
        }
        #expect(failure.errors.map(\.description) == [
            "x.ini:2:3: error: unclosed section: [unclosed",
            "x.ini:3:1: error: expected 'key = value', a [section] or a comment, found 'no delimiter here'",
        ])
    }

    @Test func globsAsValeMatchesThem() {
        #expect(ValeGlob("*.md").matches("docs/a.md"))
        #expect(ValeGlob("*.{md,txt}").matches("a.txt"))
        #expect(!ValeGlob("!*.md").matches("a.md"))
        #expect(ValeGlob("docs/**/*.md").matches("docs/a/b/c.md"))
        #expect(ValeGlob("docs/**/*.md").matches("docs/c.md"))
        #expect(!ValeGlob("docs/**/*.md").matches("other/c.md"))
        #expect(ValeGlob("[!a]*.md").matches("b.md"))
    }

    @Test func hostileINIStaysLinearAndBounded() throws {
        // A megabyte of brackets, keys without values, and one very long line.
        var text = String(repeating: "[", count: 200_000) + "\n"
        text += String(repeating: "k=\n", count: 100_000)
        text += "x = " + String(repeating: "a", count: 500_000) + "\n"
        let started = Date()
        _ = ValeINI.parse(Array(text.utf8), path: "big.ini")
        #expect(Date().timeIntervalSince(started) < 5)
        let tooLarge = [UInt8](repeating: 0x61, count: ValeINI.maxBytes + 1)
        guard case .failure = ValeINI.parse(tooLarge, path: "huge.ini") else {
            Issue.record("an oversized .vale.ini was read")
            return
        }
        // Invalid UTF-8 is an error at its position, not a crash.
        #expect(throws: ConfigErrors.self) { try ValeINI.parse([0x5B, 0xFF, 0xFE, 0x5D], path: "bad.ini").get() }
        // A glob built to explode backtracking gives up instead of hanging.
        let glob = ValeGlob(String(repeating: "*a", count: 40) + "b")
        let started2 = Date()
        #expect(!glob.matches(String(repeating: "a", count: 200)))
        #expect(Date().timeIntervalSince(started2) < 2)
    }

    @Test func projectLoadsStylesVocabulariesAndVale() throws {
        let root = try TestSupport.temporaryDirectory()
        try write(root + "/.vale.ini", """
        StylesPath = styles
        MinAlertLevel = suggestion
        Vocab = Team

        [*.md]
        BasedOnStyles = House, Vale
        House.Broken = YES
        Vale.Spelling = NO
        """)
        try write(root + "/styles/House/Hype.yml", "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [revolutionary]\n")
        try write(root + "/styles/House/Broken.yml", "extends: existence\nmessage: \"x\"\ntokens: ['(?<=a+)b']\nscope: [heading, bogus]\n")
        try write(root + "/styles/House/Tagged.yml", "extends: sequence\nmessage: \"x\"\ntokens: []\n")
        try write(root + "/styles/config/vocabularies/Team/accept.txt", "Galley\n# comment\n")
        try write(root + "/styles/config/vocabularies/Team/reject.txt", "synergy\n")
        let project = try ValeProject.load(ValeProject.Options(directory: root, noGlobal: true)).get()
        #expect(project.rules.map(\.id).sorted() == ["House.Hype", "Vale.Avoid", "Vale.Repetition", "Vale.Terms"])
        let warnings = project.warnings.map { "\($0.path.split(separator: "/").suffix(2).joined(separator: "/")):\($0.location): \($0.message)" }
        #expect(warnings.contains { $0.hasPrefix("House/Broken.yml:4:8: House.Broken is not run: 'bogus' is not a valid scope") })
        #expect(warnings.contains { $0.hasPrefix("House/Broken.yml:3:10: House.Broken is not run: the lookbehind (?<=a+) has no fixed length") })
        #expect(warnings.contains { $0.hasPrefix("House/Tagged.yml:1:10: House.Tagged is not run: Vale's sequence check needs a part-of-speech tagger") })
        #expect(project.rules(for: "a.md").count == 4)
        #expect(project.rules(for: "a.txt").isEmpty)
    }

    @Test func missingStyleIsAnErrorAtTheConfiguration() throws {
        let root = try TestSupport.temporaryDirectory()
        try write(root + "/.vale.ini", "StylesPath = styles\n\n[*]\nBasedOnStyles = Nope\n")
        try FileManager.default.createDirectory(atPath: root + "/styles", withIntermediateDirectories: true)
        guard case .failure(let failure) = ValeProject.load(ValeProject.Options(directory: root, noGlobal: true)) else {
            Issue.record("a missing style was accepted")
            return
        }
        #expect(failure.errors.map(\.message).first?.hasPrefix("style 'Nope' does not exist on StylesPath") == true)
        #expect(failure.errors.first?.location == SourceLocation(line: 4, column: 17))
    }

    /// The extension a file is read as, found on bytes for ASCII paths, against the reading by
    /// path components and characters it replaces.
    @Test func normalizedExtensionMatchesTheReadingByComponents() {
        var configuration = ValeConfiguration()
        configuration.formats = ["mdx": "md", "": "txt"]
        func byComponents(_ path: String) -> String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: ".") else { return "" }
            let ext = String(name[name.index(after: dot)...])
            return configuration.formats[ext] ?? ext
        }
        let paths = ["", "/", "//", "a", "a.md", "docs/a.md", "docs/a.mdx", "./a.b.c", "x.md/", "x.md//", "docs.v2/readme",
                     "docs/.hidden", "docs/a.", "a/.", ".", "..", "/abs/path/file.RST", "dir.d/sub/file", "stdin.md", "x.mdx",
                     "café/a.md", "a.me\u{301}d", "docs/ü.ä", "a.\u{301}b"]
        for path in paths {
            #expect(configuration.normalizedExtension(of: path) == byComponents(path), "\(path)")
        }
    }

    private func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
