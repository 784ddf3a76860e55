import Foundation
import Testing
@testable import GalleyKit

/// A spelling rule that cannot work is a configuration error at its file:line:column, exit 2,
/// nothing linted: a missing dictionary names the Debian package to install; a vocabulary file
/// that cannot be read, or holds a bad line, is reported where the problem is. Vocabulary files
/// come with the content, so hostile ones (binary, huge, invalid UTF-8, endless errors) are
/// bounded errors, never crashes or hangs.
@Suite struct SpellingConfigurationTests {
    static func errors(_ options: String, files: [String: [UInt8]] = [:]) throws -> [String] {
        let folder = try TestSupport.temporaryDirectory()
        for (name, bytes) in files {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        var yaml = "name: test\nrules:\n  - id: spelling\n    kind: spelling\n"
        for line in options.split(separator: "\n") { yaml += "    \(line)\n" }
        switch RuleSetLoader.load(path: folder + "/rules.yml", bytes: Array(yaml.utf8)) {
        case .success: return []
        case .failure(let errors):
            return errors.errors.map { $0.description.replacingOccurrences(of: folder + "/", with: "") }
        }
    }

    @Test func aMissingDictionaryNamesTheDebianPackage() throws {
        let errors = try Self.errors("dictionary: nl_NL")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("rules.yml:5:17: error: no Hunspell dictionary 'nl_NL' on this system (looked in ") == true)
        #expect(errors.first?.hasSuffix("install the Debian package hunspell-nl (apt-get install hunspell-nl)") == true)
        let regional = try Self.errors("dictionary: [en_US, de_AT]")
        #expect(regional.first?.hasPrefix("rules.yml:5:25: error: no Hunspell dictionary 'de_AT'") == true)
        #expect(regional.first?.contains("hunspell-de-at") == true)
        let unknown = try Self.errors("dictionary: xx_YY")
        #expect(unknown.first?.hasSuffix("no Debian package is known for it; 'apt-cache search hunspell' lists the dictionaries Debian has") == true)
    }

    @Test func theDefaultDictionaryIsLookedUpInDICPATHFirst() throws {
        // An empty DICPATH folder changes nothing: en_US is still found in the system folders.
        #expect(try Self.errors("") == [])
        #expect(DictionaryLocator.debianPackage(for: "en_US") == "hunspell-en-us")
        #expect(DictionaryLocator.debianPackage(for: "fr_CA") == "hunspell-fr")
        #expect(DictionaryLocator.debianPackage(for: "pt_BR") == "hunspell-pt-br")
        #expect(DictionaryLocator.debianPackage(for: "en_NZ") == nil)
    }

    @Test func dictionariesByPathMustBeReadable() throws {
        #expect(try Self.errors("dictionary: dicts/medical") == ["rules.yml:5:17: error: cannot read the dictionary dicts/medical.aff: no such file or directory"])
        let onlyAffix = try Self.errors("dictionary: dicts/medical.dic", files: ["dicts/medical.aff": Array("SET UTF-8\n".utf8)])
        #expect(onlyAffix == ["rules.yml:5:17: error: cannot read the dictionary dicts/medical.dic: no such file or directory"])
        let encoding = try Self.errors("dictionary: dicts/odd", files: ["dicts/odd.aff": Array("SET NO-SUCH-ENCODING\n".utf8), "dicts/odd.dic": Array("1\nword\n".utf8)])
        #expect(encoding == ["rules.yml:5:17: error: dicts/odd.aff is encoded in NO-SUCH-ENCODING, which this system cannot convert; save the dictionary as UTF-8"])
    }

    @Test func vocabularyFilesThatCannotBeReadAreReportedAtTheOption() throws {
        #expect(try Self.errors("accept-file: words/accept.txt") == ["rules.yml:5:18: error: cannot read the vocabulary file words/accept.txt: no such file or directory"])
        #expect(try Self.errors("reject-file: [ok.txt, words]", files: ["ok.txt": [], "words/x": []])
                == ["rules.yml:5:27: error: cannot read the vocabulary file words: is a directory"])
        #expect(try Self.errors("vocabulary: styles/config/vocabularies/Base")
                == ["rules.yml:5:17: error: cannot read the vocabulary folder styles/config/vocabularies/Base: no such file or directory"])
        #expect(try Self.errors("vocabulary: Base", files: ["Base/README": []])
                == ["rules.yml:5:17: error: the vocabulary folder Base has neither accept.txt nor reject.txt (a Vale vocabulary holds one or both)"])
    }

    @Test func badLinesAreReportedInTheVocabularyFileAtTheirPosition() throws {
        let errors = try Self.errors("accept-file: accept.txt\naccept: ['ok', '(unclosed']",
                                     files: ["accept.txt": Array("# comment\n  [Oo]k\n  foo(bar   # why\nC# and F#\n".utf8)])
        #expect(errors == [
            "accept.txt:3:10: error: 'foo(bar' is not a valid regular expression: missing closing parenthesis",
            "rules.yml:6:20: error: '(unclosed' is not a valid regular expression: missing closing parenthesis",
        ])
    }

    @Test func termsAreReadAsWrittenCommentsAndBlanksDropped() throws {
        let (terms, errors) = VocabularyFile.parse(Array("# heading\n\nGitHub\n  kubectl  # the CLI\nC#\nVisual Studio Code\n(?i)tokio\n\r\nend\r\n".utf8), path: "a.txt")
        #expect(errors.isEmpty)
        #expect(terms.map(\.form) == [.word("GitHub"), .word("kubectl"), .word("C#"), .phrase(["Visual", "Studio", "Code"]), .pattern("(?i)tokio"), .word("end")])
        #expect(terms.map(\.line) == [3, 4, 5, 6, 7, 9])
    }

    // MARK: Hostile vocabulary files

    @Test func aBinaryFileIsNotAVocabulary() throws {
        let errors = try Self.errors("accept-file: a.bin", files: ["a.bin": [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3]])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("a.bin:1:1: error: the vocabulary file is not text (") == true)
    }

    @Test func invalidUTF8IsReportedWhereItIs() throws {
        let errors = try Self.errors("accept-file: a.txt", files: ["a.txt": Array("ok\nbad \u{FF}".utf8).map { $0 == 0xC3 ? 0xFF : $0 }.filter { $0 != 0xBF }])
        #expect(errors == ["a.txt:2:5: error: invalid UTF-8 byte 0xFF; save the vocabulary file as UTF-8"])
    }

    @Test func aHugeFileIsRefusedAndLongTermsAndEndlessErrorsAreBounded() throws {
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: VocabularyFile.maxBytes + 1)
        let errors = try Self.errors("accept-file: huge.txt", files: ["huge.txt": huge])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("rules.yml:5:18: error: cannot read the vocabulary file huge.txt: it is over the limit of 16") == true)

        let long = String(repeating: "z", count: 300) + "\n"
        #expect(try Self.errors("accept-file: long.txt", files: ["long.txt": Array(long.utf8)])
                == ["long.txt:1:1: error: a vocabulary term is at most 256 characters; this one has 300"])

        let start = Date()
        let broken = String(repeating: "(\n", count: 100_000)
        let many = try Self.errors("reject-file: many.txt", files: ["many.txt": Array(broken.utf8)])
        #expect(many.count == VocabularyFile.maxErrors + 1)
        #expect(many.last == "many.txt:21:1: error: too many problems in this vocabulary file; the rest of it is not checked")
        #expect(Date().timeIntervalSince(start) < 20)
    }

    /// Patterns that backtrack badly give up within PCRE2's match limit; a big list is matched
    /// in a few alternations, not one pattern per term.
    @Test func manyAndCatastrophicPatternsStayBounded() throws {
        var lines = (0..<2_000).map { "[Zz]orb\($0 % 10)x\(String(repeating: "a", count: $0 % 7))" }
        lines.append("(a+)+$")
        let folder = try TestSupport.temporaryDirectory()
        try lines.joined(separator: "\n").write(toFile: folder + "/accept.txt", atomically: true, encoding: .utf8)
        let start = Date()
        let findings = try SpellingTests.lint("# Title\n\n" + String(repeating: "a", count: 60) + "b zorbix.\n", options: "accept-file: accept.txt", folder: folder)
        #expect(findings.map(\.matchedText) == ["zorbix"])
        #expect(Date().timeIntervalSince(start) < 20)
    }

    // MARK: The command line

    @Test func checkConfigReportsSpellingProblemsAndExitsTwo() throws {
        let folder = try TestSupport.temporaryDirectory()
        try "rule-sets: [rules.yml]\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        try "name: t\nrules:\n  - id: s\n    kind: spelling\n    dictionary: nl_NL\n    accept-file: nowhere.txt\n".write(toFile: folder + "/rules.yml", atomically: true, encoding: .utf8)
        let result = try TestSupport.runGalley(["check-config", "."], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("rules.yml:5:17: error: no Hunspell dictionary 'nl_NL'"))
        #expect(result.stderr.contains("hunspell-nl"))
        #expect(result.stderr.contains("rules.yml:6:18: error: cannot read the vocabulary file ./nowhere.txt: no such file or directory"))
        let lint = try TestSupport.runGalley(["lint", "."], in: folder)
        #expect(lint.status == 2)
        #expect(lint.stdout.isEmpty)
    }
}
