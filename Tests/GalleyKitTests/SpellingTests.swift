import Foundation
import Testing
@testable import GalleyKit

/// `kind: spelling`: known misspellings at known positions in every format, with code, URLs,
/// identifiers and template tags beside them that must not be flagged; vocabulary case rules;
/// reject lists; suggestions; dictionaries and languages; configuration errors.
@Suite struct SpellingTests {
    static let articles = ["spelling/article.md", "spelling/article.html", "spelling/article.xml", "spelling/article.yml"]

    /// What every format must report, in order, and nothing else.
    static let expectedWords = [
        "misspeled", "recieve", "seperate", "Definately", "knwon", "Github", "kubernetes", "kubectll", "ACRONYMM",
        "Rustaceans", "Javascript", "alright", "Utilize", "Zulipp’s", "Zorblax",
    ]

    /// Beside the misspellings: code, URLs, identifiers, template tags, acronyms, hashes, accepted
    /// terms and names the article declares. None may be flagged.
    static let neverFlagged = [
        "adress", "occurence", "wich", "teh", "camelCaseNmae", "nmae", "confgi", "lcoal", "exmaple", "titel", "endiff", "usr",
        "NASA", "HTTPS", "APIs", "deadbeefcafe", "Lovelacey", "TOKIO", "KUBECTL", "Observability", "observability", "'Rustacean'",
        "Kubernetes’s", "Don’t", "'Engine'",
    ]

    @Test(arguments: articles)
    func misspellingsAreFoundAtTheirPositionsInEveryFormat(article: String) throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/" + article])
        try TestSupport.expectGolden(result.stdout, article + ".lint.txt")
        #expect(result.status == 0)
        let words = result.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let open = line.firstIndex(of: "'") else { return nil }
            let rest = line[line.index(after: open)...]
            return rest.firstIndex(of: "'").map { String(rest[..<$0]) }
        }
        #expect(words == Self.expectedWords, "\(article)")
        for word in Self.neverFlagged {
            let quoted = word.hasPrefix("'") ? word : "'\(word)'"
            #expect(!result.stdout.contains(quoted + " ") && !result.stdout.contains(quoted + ";"), "\(article) flags \(word)")
        }
    }

    /// The same prose in four formats reports the same words with the same suggestions.
    @Test func everyFormatGivesTheSameSuggestions() throws {
        func messages(_ article: String) throws -> [String] {
            try TestSupport.runGalley(["lint", "Fixtures/" + article]).stdout.split(separator: "\n").map { line in
                String(line.split(separator: " warning: ", maxSplits: 1).last ?? "")
            }
        }
        let markdown = try messages(Self.articles[0])
        for article in Self.articles.dropFirst() { #expect(try messages(article) == markdown, "\(article)") }
    }

    // MARK: Suggestions

    @Test func suggestionsReachJSONAsFixesTheFirstIsTheSuggestionCaseKept() throws {
        let result = try TestSupport.runGalley(["lint", "--format", "json", "Fixtures/spelling/article.md"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        func suggestions(_ word: String) -> [String]? {
            let fixes = diagnostics.first { $0["matchedText"] as? String == word }?["fixes"] as? [[String: Any]]
            return fixes?.compactMap { (($0["edits"] as? [[String: Any]])?.first)?["text"] as? String }
        }
        #expect(suggestions("Definately")?.first == "Definitely")
        #expect(suggestions("recieve")?.first == "receive")
        #expect(suggestions("ACRONYMM")?.first == "ACRONYM")
        #expect(suggestions("kubectll")?.first == "kubectl")
        #expect(suggestions("kubernetes") == ["Kubernetes"])
        #expect(suggestions("Javascript") == ["JavaScript"])
        #expect(suggestions("alright") == [])
        for diagnostic in diagnostics {
            let fixes = try #require(diagnostic["fixes"] as? [[String: Any]])
            #expect(fixes.count <= 3)
            #expect(fixes.allSatisfy { $0["automatic"] as? Bool == false })
            if let first = (fixes.first?["edits"] as? [[String: Any]])?.first?["text"] as? String {
                #expect((diagnostic["suggestion"] as? String) == first)
            }
        }
    }

    @Test func suggestionsAreSARIFFixesOfTheFindingsSpan() throws {
        let result = try TestSupport.runGalley(["lint", "--format", "sarif", "Fixtures/spelling/article.md"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let definately = try #require(results.first { (($0["message"] as? [String: Any])?["text"] as? String)?.contains("'Definately'") == true })
        let fixes = try #require(definately["fixes"] as? [[String: Any]])
        let change = try #require((fixes.first?["artifactChanges"] as? [[String: Any]])?.first)
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        #expect((replacement["insertedContent"] as? [String: Any])?["text"] as? String == "Definitely")
        let region = try #require(replacement["deletedRegion"] as? [String: Int])
        #expect(region == ["startLine": 11, "startColumn": 1, "endLine": 11, "endColumn": 11])
        let alright = try #require(results.first { (($0["message"] as? [String: Any])?["text"] as? String)?.contains("'alright'") == true })
        #expect(alright["fixes"] == nil)
    }

    /// Suggestions go to the first 50 distinct unknown words of a document, whatever was asked
    /// before, so the output does not depend on the order documents were checked in.
    @Test func suggestionsAreBoundedPerDocument() throws {
        // Sixty distinct unknown words, each one letter away from an accepted term.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let terms: [String] = (0..<60).map { (index: Int) -> String in "zorblax" + String(letters[index % 26]) + String(letters[index / 26]) }
        let findings = try Self.lint("# Title\n\n" + terms.map { $0 + "q" }.joined(separator: " ") + ".\n",
                                     options: "accept: [\(terms.joined(separator: ", "))]")
        #expect(findings.count == 60)
        #expect(findings.prefix(50).allSatisfy { !$0.suggestions.isEmpty })
        #expect(findings.dropFirst(50).allSatisfy { $0.suggestions.isEmpty })
    }

    // MARK: Vocabulary

    @Test func aCapitalizedTermIsAcceptedOnlyAsWritten() throws {
        let flagged = try Self.words("# Title\n\nZorblax, zorblax, ZORBLAX and ZorBlax.\n", options: "accept: [Zorblax]")
        #expect(flagged == ["zorblax", "ZORBLAX"])
    }

    @Test func aLowerCaseTermIsAcceptedInAnyCase() throws {
        let flagged = try Self.words("# Title\n\nZorblax, zorblax and ZORBLAX.\n", options: "accept: [zorblax]")
        #expect(flagged == [])
    }

    /// Vale's issue 670: an accepted term excused misspelled words that contain it.
    @Test func anAcceptedTermNeverExcusesALongerWord() throws {
        let flagged = try Self.words("# Title\n\nzorb, zorbs, zorbx, prezorb and zorb-zorbx.\n", options: "accept: [zorb, '[Xx]ylo']")
        #expect(flagged == ["zorbs", "zorbx", "prezorb", "zorbx"])
        let patterns = try Self.words("# Title\n\nXylo, xylo, Xyloo and axylo.\n", options: "accept: ['[Xx]ylo']")
        #expect(patterns == ["Xyloo", "axylo"])
    }

    @Test func patternsAreCaseSensitiveUnlessTheySayOtherwise() throws {
        #expect(try Self.words("# Title\n\nZorblax and zorblax.\n", options: "accept: ['Zorbla[x]']") == ["zorblax"])
        #expect(try Self.words("# Title\n\nZorblax and ZORBLAX.\n", options: "accept: ['(?i)zorbla[x]']") == [])
    }

    @Test func possessivesAndCurlyApostrophesFollowTheTerm() throws {
        let flagged = try Self.words("# Title\n\nZorblax's and Zorblax’s work, zorblax’s does not; NASA's and API’s pass.\n", options: "accept: [Zorblax]")
        #expect(flagged == ["zorblax’s"])
    }

    @Test func phrasesAreAcceptedOnlyWhole() throws {
        let flagged = try Self.words("# Title\n\nThe Zorblax Engine runs; Zorblax alone and the zorblax engine do not.\n",
                                     options: "accept: ['Zorblax Engine']")
        #expect(flagged == ["Zorblax", "zorblax"])
    }

    @Test func rejectedTermsAreFlaggedEvenWhenTheDictionaryKnowsThem() throws {
        let findings = try Self.lint("# Title\n\nAlright, alright: we utilize Javascript whilst in order to help.\n",
                                     options: "reject: [alright, '[Jj]avascript', 'in order to', Whilst]\naccept: [JavaScript]")
        #expect(findings.map(\.matchedText) == ["Alright", "alright", "Javascript", "in order to"])
        #expect(findings.allSatisfy { $0.message.contains("is on the reject list") })
        #expect(findings[2].suggestions == ["JavaScript"])
    }

    @Test func rejectedWordsAreFoundInCompoundsAndPossessives() throws {
        let findings = try Self.lint("# Title\n\nUtilize-based tools, alright’s mood, well-known.\n", options: "reject: [utilize, alright]")
        #expect(findings.map(\.matchedText) == ["Utilize", "alright"])
    }

    @Test func theAcceptFileIsWhereWordsAreAdded() throws {
        let folder = try TestSupport.temporaryDirectory()
        try "zorblax\n".write(toFile: folder + "/words.txt", atomically: true, encoding: .utf8)
        let rule = try #require(try Self.ruleSet("accept-file: [words.txt]", folder: folder).rules.first as? any VocabularyRule)
        #expect(rule.acceptFile == folder + "/words.txt")
        #expect((try Self.ruleSet("").rules.first as? any VocabularyRule)?.acceptFile == nil)
    }

    @Test func aValeVocabularyFolderIsReadAsIs() throws {
        let folder = try TestSupport.temporaryDirectory()
        let vocabulary = folder + "/styles/config/vocabularies/Base"
        try FileManager.default.createDirectory(atPath: vocabulary, withIntermediateDirectories: true)
        try "# Vale accept list\n[Zz]orblax\n(?i)tokio\nKubernetes\n".write(toFile: vocabulary + "/accept.txt", atomically: true, encoding: .utf8)
        try "[Jj]avascript\n".write(toFile: vocabulary + "/reject.txt", atomically: true, encoding: .utf8)
        let findings = try Self.lint("# Title\n\nZorblax, zorblax, ZORBLAX, Tokio, TOKIO, Kubernetes, kubernetes and javascript.\n",
                                     options: "vocabulary: styles/config/vocabularies/Base", folder: folder)
        #expect(findings.map(\.matchedText) == ["ZORBLAX", "kubernetes", "javascript"])
    }

    /// Code, links and metadata the rule does not read give the article's own terms; a slug
    /// that repeats the prose (the title's "how-to-recieve-mail") does not.
    @Test func wordsTheArticleUsesInCodeAreItsTerms() throws {
        let article = """
            ---
            author: Ada Lovelacey
            slug: how-to-recieve-mail
            ---
            # How to recieve mail

            Run rustupp with `rustupp update`; Lovelacey agrees. See the [rustupp-guide](https://example.com/rustupp-guide).

            """
        #expect(try Self.words(article) == ["recieve"])
        #expect(try Self.words(article, options: "article-terms: false") == ["recieve", "rustupp", "Lovelacey", "rustupp"])
    }

    /// The bundled `spelling` rule set, switched on and given a vocabulary in .galley.yml: the
    /// file paths are relative to the configuration that names them.
    @Test func theBundledRuleSetTakesItsVocabularyFromTheConfiguration() throws {
        let folder = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/.vocabulary", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/content/deep", withIntermediateDirectories: true)
        try "zorblax\n".write(toFile: folder + "/.vocabulary/accept.txt", atomically: true, encoding: .utf8)
        try "rule-sets: [spelling]\nrules:\n  spelling:\n    dictionary: en_GB\n    accept-file: .vocabulary/accept.txt\n"
            .write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        try "# Title\n\nThe colour of Zorblax, not the color of zorblaxx.\n".write(toFile: folder + "/content/deep/a.md", atomically: true, encoding: .utf8)
        let result = try TestSupport.runGalley(["lint", "content"], in: folder)
        #expect(result.stdout == """
            content/deep/a.md:3:32: warning: unknown word 'color'; did you mean 'colour', 'colon', 'col or'? [spelling]
            content/deep/a.md:3:41: warning: unknown word 'zorblaxx'; did you mean 'zorblax', 'razorblade'? [spelling]

            """)
        #expect(result.status == 0)
    }

    // MARK: Dictionaries and languages

    @Test func anotherDictionaryAndSeveralDictionaries() throws {
        let text = "# Title\n\nThe colour and the color.\n"
        #expect(try Self.words(text, options: "dictionary: en_GB") == ["color"])
        #expect(try Self.words(text) == ["colour"])
        #expect(try Self.words(text, options: "dictionary: [en_US, en_GB]") == [])
    }

    @Test func aDictionaryByPathAddsItsWords() throws {
        let text = "# Title\n\nZorblaxes frobnicate, Quuxly; quuxly and recieve do not.\n"
        let flagged = try Self.words(text, options: "dictionary: [en_US, dictionaries/team]", folder: TestSupport.fixturePath("spelling"))
        #expect(flagged == ["quuxly", "recieve"])
    }

    /// A dictionary in ISO 8859-1: words and suggestions are converted both ways.
    @Test func aDictionaryInAnotherEncoding() throws {
        let findings = try Self.lint("# Käse\n\nGrüße, Müsli, Käse, Müslo.\n", options: "dictionary: dictionaries/latin1.dic",
                                     folder: TestSupport.fixturePath("spelling"))
        #expect(findings.map(\.matchedText) == ["Müslo"])
        #expect(findings.first?.suggestions.first == "Müsli")
    }

    @Test func theArticlesLanguageChoosesTheDictionary() throws {
        let options = "dictionaries: {en-GB: en_GB}"
        #expect(try Self.words("---\nlang: en-GB\n---\n# Title\n\nThe colour, the color.\n", options: options) == ["color"])
        #expect(try Self.words("---\nlang: en-US\n---\n# Title\n\nThe colour, the color.\n", options: options) == ["colour"])
        #expect(try Self.words("---\nlanguage: en_gb\n---\n# Title\n\nThe colour, the color.\n", options: options) == ["color"])
        // Not mapped and not the dictionary's language: not checked rather than flagged word by word.
        #expect(try Self.words("---\nlang: de\n---\n# Title\n\nDie Farbe ist schön.\n", options: options) == [])
        #expect(try Self.words("---\nlang: de\n---\n# Title\n\nDie Farbe ist schön.\n") == [])
        #expect(try Self.words("# Title\n\nThe colour.\n", options: options) == ["colour"])
    }

    // MARK: Not prose

    @Test func templateSyntaxIsNotProse() throws {
        let text = "# Title\n\n{{< figure src=\"x\" titel=\"y\" >}} {% endiff %} {{ site.titel | upcas }} <% ned %> ${usr_nmae} {props.valeu} {{- range .Pagse }}.\nA stray { brace keeps recieve checked.\n"
        #expect(try Self.words(text) == ["recieve"])
    }

    @Test func codeURLsAddressesPathsAndIdentifiersAreNotProse() throws {
        let text = """
            # Title

            See https://exmaple.com/recieve, www.exmaple.org, ops@exmaple.com, jaybe@jekyll, /usr/lcoal/bin, ~/.confgi, C:\\Usres\\x,
            confgi.yml, Nodee.js, os.pathh, snake_case_nmae, camelCaseNmae, PascalCaseNmae, SQLitee, print(valeu), --verbos, .gitignoree,
            $HOMEE, @octocatt, #generall, :tadaa:, 10pxx, 3rdd, v1.2.3, deadbeefcafe, ABCDE, IDs, e.g. and i.e. all pass.
            """
        #expect(try Self.words(text + "\n") == [])
    }

    @Test func hyphenatedWordsAreCheckedPartByPart() throws {
        let findings = try Self.lint("# Title\n\nA well-knwon, pre-configured, JSON-based, self-hostd tool.\n")
        #expect(findings.map(\.matchedText) == ["knwon", "hostd"])
    }

    @Test func wordsInAnotherScriptAreLeftAloneButMixedScriptsAreNot() throws {
        // "сontain" starts with a Cyrillic с: a homoglyph, flagged; Łódź and 東京 are foreign.
        #expect(try Self.words("# Title\n\nŁódź, 東京, Dvořák and \u{0441}ontain.\n") == ["\u{0441}ontain"])
    }

    @Test func acronymLengthIsConfigurable() throws {
        let text = "# Title\n\nNASA, ABCDEF, XYZQW and IDs.\n"
        #expect(try Self.words(text) == ["ABCDEF"])
        // NASA is in the dictionary: checked, and known.
        #expect(try Self.words(text, options: "acronym-length: 3") == ["ABCDEF", "XYZQW"])
    }

    // MARK: Threads

    /// One session (a Hunspell handle and its caches) per worker at most, never per document,
    /// and the same findings on one thread and many.
    @Test func sessionsAreOnePerWorkerAndOutputIsTheSame() throws {
        let folder = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/dicts", withIntermediateDirectories: true)
        for ext in ["aff", "dic"] {
            try FileManager.default.copyItem(atPath: TestSupport.fixturePath("spelling/dictionaries/team.\(ext)"), toPath: folder + "/dicts/team.\(ext)")
        }
        let ruleSet = try Self.ruleSet("dictionary: [en_US, dicts/team]", folder: folder)
        let linter = Linter(rules: ruleSet.rules)
        let documents = (0..<64).map { index in
            TestSupport.document("# Title \(index)\n\nZorblaxes recieve \(index % 2 == 0 ? "seperate" : "frobnicate") letters.\n", path: "a\(index).md")
        }
        let sequential = documents.map { linter.lint($0).map { "\($0.path):\($0.span.start) \($0.message)" } }
        var parallel: [[String]] = []
        ParallelRun.run(documents, jobs: 4, work: { linter.lint($0).map { "\($0.path):\($0.span.start) \($0.message)" } }, deliver: { parallel.append($0) })
        #expect(parallel == sequential)
        let rule = try #require(ruleSet.rules.first as? SpellingRule)
        #expect(rule.settings.dictionary.pool.sessionsMade >= 1)
        #expect(rule.settings.dictionary.pool.sessionsMade <= 4)
    }

    // MARK: Helpers

    static func ruleSet(_ options: String, folder: String? = nil) throws -> RuleSet {
        var yaml = "name: test\nrules:\n  - id: spelling\n    kind: spelling\n"
        for line in options.split(separator: "\n") where !line.isEmpty { yaml += "    \(line)\n" }
        let path = (folder ?? TestSupport.fixturePath("spelling")) + "/test-rules.yml"
        switch RuleSetLoader.load(path: path, bytes: Array(yaml.utf8)) {
        case .success(let set): return set
        case .failure(let errors):
            Issue.record("rule set does not load: \(errors.errors.map(\.description))")
            throw errors
        }
    }

    static func lint(_ markdown: String, options: String = "", folder: String? = nil) throws -> [Diagnostic] {
        let linter = Linter(rules: try ruleSet(options, folder: folder).rules)
        return linter.lint(TestSupport.document(markdown)).filter { $0.ruleID == "spelling" }
    }

    static func words(_ markdown: String, options: String = "", folder: String? = nil) throws -> [String?] {
        try lint(markdown, options: options, folder: folder).map(\.matchedText)
    }
}
