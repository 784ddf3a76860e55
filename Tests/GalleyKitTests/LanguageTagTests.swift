import Foundation
import Testing
@testable import GalleyKit

/// Language tags as articles and configuration write them, and the language of an article.
@Suite struct LanguageTagTests {
    @Test(arguments: [("en", "en"), ("EN", "en"), ("de-at", "de-AT"), ("pt_BR", "pt-BR"), ("zh-hans", "zh-Hans"), ("zh_Hant_TW", "zh-Hant-TW"),
                      ("sr-Latn-RS", "sr-Latn-RS"), ("es-419", "es-419"), (" fr ", "fr"), ("und-Arab", "und-Arab"), ("pcm", "pcm")])
    func parses(text: String, canonical: String) {
        #expect(LanguageTag(text)?.description == canonical, "\(text)")
    }

    @Test(arguments: ["", "english", "e", "12", "en--US", "de_", "x-klingon", "zh-Hans-CN-verylongvariant"])
    func rejects(text: String) {
        #expect(LanguageTag(text) == nil, "\(text)")
    }

    @Test func matching() {
        let austrian = LanguageTag("de-AT")!
        #expect(austrian.matches(LanguageTag("de")!))
        #expect(!LanguageTag("de")!.matches(austrian))
        #expect(!LanguageTag("den")!.matches(LanguageTag("de")!))
        #expect(LanguageTag("zh-Hant")!.matches(LanguageTag("zh")!))
    }

    @Test(arguments: [
        ("<!DOCTYPE html>\n<html lang=\"fr-CA\"><head><title>Titre</title></head><body><p>Bonjour.</p></body></html>\n", DocumentFormat.html, "fr-CA html-lang 2:7"),
        ("<article xmlns=\"http://docbook.org/ns/docbook\" xml:lang=\"it\"><title>Titolo</title><para>Ciao.</para></article>\n", .xml, "it xml-lang 1:48"),
        ("title: Titel\nlanguage: de\nbody: |\n  # Titel\n\n  Hallo.\n", .yaml, "de yaml 2:1"),
        ("---\nlocale: pt_BR\n---\n# Título\n\nOlá.\n", .markdown, "pt-BR front-matter 2:1"),
        ("---\nlang: nl\n---\n<html lang=\"en\"><body><p>Hallo.</p></body></html>\n", .html, "nl front-matter 2:1"),
    ])
    func declaredLanguage(text: String, format: DocumentFormat, expected: String) {
        let document = TestSupport.document(text, format: format, path: "test." + format.rawValue)
        let language = document.resolvedLanguage
        let location = language.offset.map { document.location(of: $0) }.map { "\($0.line):\($0.column)" } ?? "-"
        #expect("\(language.tag) \(language.source.rawValue) \(location)" == expected)
    }

    @Test func notALanguageTagIsReported() {
        let document = TestSupport.document("---\nlang: english\n---\n# Title\n\nText.\n")
        #expect(document.language == nil)
        #expect(document.issues.contains { $0.kind == .language && $0.message.contains("'lang: english' is not a language tag") })
    }

    /// Nothing declared: mostly Arabic letters make the article und-Arab, never English.
    @Test(arguments: [("# عنوان\n\nهذا نص عربي قصير، وفيه كلمة English واحدة.\n", "und-Arab"),
                      ("# 标题\n\n这是一个简短的中文段落，没有声明语言。\n", "und-Hani"),
                      ("# タイトル\n\nこれは日本語の短い文章です。漢字も使います。\n", "und-Jpan"),
                      ("# Title\n\nAn English text with one word of Русский.\n", "en")])
    func undeclaredScript(text: String, expected: String) {
        let document = TestSupport.document(text)
        #expect(document.resolvedLanguage.tag.description == expected)
        #expect(ProseAnalysis(document).profile.isEnglish == (expected == "en"))
    }

    /// Configuration: a default language, per-glob languages, and bad tags at their position.
    @Test func configuredLanguages() throws {
        let folder = try TestSupport.temporaryDirectory()
        try "language: fr\noverrides:\n  - files: [\"de/**\"]\n    language: de\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        try FileManagerSupport.createDirectory(folder + "/de")
        try "# Titre\n\nBonjour.\n".write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        try "# Titel\n\nHallo.\n".write(toFile: folder + "/de/b.md", atomically: true, encoding: .utf8)
        try "---\nlang: es\n---\n# Título\n\nHola.\n".write(toFile: folder + "/de/c.md", atomically: true, encoding: .utf8)
        for (file, expected) in [("a.md", "fr configuration"), ("de/b.md", "de configuration"), ("de/c.md", "es front-matter")] {
            let result = try TestSupport.runGalley(["dump", "--format", "json", folder + "/" + file])
            let language = try #require(JSONValue.parse(result.stdout)["documents"]?.elements.first?["language"])
            #expect("\(language["tag"]?.string ?? "") \(language["source"]?.string ?? "")" == expected, "\(file)")
        }
        try "language: english\nlanguages:\n  xx-: {rules: {}}\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        let result = try TestSupport.runGalley(["check-config", folder])
        #expect(result.status == 2)
        #expect(result.stderr.contains(".galley.yml:1:11: error: 'english' is not a language tag"), "\(result.stderr)")
        #expect(result.stderr.contains(".galley.yml:3:3: error: 'xx-' is not a language tag"), "\(result.stderr)")
    }
}

enum FileManagerSupport {
    static func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
