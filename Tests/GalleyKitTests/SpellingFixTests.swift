import Foundation
import Testing
@testable import GalleyKit

/// Spelling suggestions as fixes: offered to editors (quick fixes) and in reports, applied by
/// `galley fix` only with `autofix: true`; and the editor's "add to the vocabulary" action.
@Suite struct SpellingFixTests {
    static func folder(options: String = "") throws -> String {
        let folder = try TestSupport.temporaryDirectory()
        try "rule-sets: [rules.yml]\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        var rules = "name: spell\nrules:\n  - id: spelling\n    kind: spelling\n    accept-file: accept.txt\n    reject: [alright]\n"
        for line in options.split(separator: "\n") { rules += "    \(line)\n" }
        try rules.write(toFile: folder + "/rules.yml", atomically: true, encoding: .utf8)
        try "zorblax\n".write(toFile: folder + "/accept.txt", atomically: true, encoding: .utf8)
        try "# Title\n\nWe recieve a Frobnitz, alright.\n".write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func galleyFixLeavesSpellingAloneUnlessAsked() throws {
        let folder = try Self.folder()
        let fix = try TestSupport.runGalley(["fix", "a.md"], in: folder)
        #expect(try String(contentsOfFile: folder + "/a.md", encoding: .utf8) == "# Title\n\nWe recieve a Frobnitz, alright.\n")
        #expect(fix.stdout.contains("a.md:3:4: warning: unknown word 'recieve'"))

        let asked = try Self.folder(options: "autofix: true")
        _ = try TestSupport.runGalley(["fix", "a.md"], in: asked)
        // The first suggestion replaces each unknown word; a rejected word has none to apply.
        let fixed = try String(contentsOfFile: asked + "/a.md", encoding: .utf8)
        #expect(fixed.hasPrefix("# Title\n\nWe receive a "))
        #expect(fixed.hasSuffix(", alright.\n"))
    }

    @Test func jsonListsEverySuggestionAsAFixThatIsNotAutomatic() throws {
        let folder = try Self.folder()
        let result = try TestSupport.runGalley(["lint", "--format", "json", "a.md"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let recieve = try #require(diagnostics.first { $0["matchedText"] as? String == "recieve" })
        let fixes = try #require(recieve["fixes"] as? [[String: Any]])
        #expect(fixes.map { $0["description"] as? String } == ["Replace 'recieve' with 'receive'", "Replace 'recieve' with 'relieve'", "Replace 'recieve' with 'reverie'"])
        #expect(fixes.allSatisfy { $0["automatic"] as? Bool == false })
        #expect(recieve["suggestion"] as? String == "receive")
        let edit = try #require((fixes.first?["edits"] as? [[String: Any]])?.first)
        #expect(edit["line"] as? Int == 3 && edit["column"] as? Int == 4 && edit["endColumn"] as? Int == 11 && edit["text"] as? String == "receive")
    }

    /// In the editor: each suggestion a quick fix (the first preferred), "add to the
    /// vocabulary" appending the word to the accept file, and saving that file clears the finding.
    @Test func theEditorOffersSuggestionsAndAddingToTheVocabulary() throws {
        let folder = try Self.folder()
        let harness = try LanguageServerTests.Harness(folder: folder)
        harness.initialize()
        harness.open("a.md", "# Title\n\nWe recieve a Frobnitz, alright.\n")
        #expect(LanguageServerTests.ranges(harness.published()[0]) == ["2:3-2:10 spelling", "2:13-2:21 spelling", "2:23-2:30 spelling"])
        harness.send(#"{"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"\#(harness.uri("a.md"))"},"range":{"start":{"line":2,"character":15},"end":{"line":2,"character":15}},"context":{"diagnostics":[]}}}"#)
        let actions = try #require(harness.take().first?["result"]?.array)
        let titles = actions.map { $0["title"]?.string ?? "" }
        #expect(titles.contains("Add 'Frobnitz' to the vocabulary (accept.txt)"))
        #expect(titles.last == "Disable spelling on this line")
        #expect(!titles.contains { $0.hasPrefix("Fix all") })
        let add = try #require(actions.first { $0["title"]?.string?.hasPrefix("Add ") == true })
        let append = try #require(add["edit", "changes", harness.uri("accept.txt")]?.array?.first)
        #expect(append["newText"]?.string == "Frobnitz\n")
        #expect(append["range", "start", "line"]?.int == 1)

        harness.send(#"{"jsonrpc":"2.0","id":8,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"\#(harness.uri("a.md"))"},"range":{"start":{"line":2,"character":5},"end":{"line":2,"character":5}},"context":{"diagnostics":[]}}}"#)
        let recieve = try #require(harness.take().first?["result"]?.array)
        #expect(recieve.first?["title"]?.string == "Replace 'recieve' with 'receive'")
        #expect(recieve.first?["isPreferred"]?.bool == true)
        #expect(recieve.contains { $0["title"]?.string == "Add 'recieve' to the vocabulary (accept.txt)" })

        // A rejected word is not offered for the vocabulary.
        harness.send(#"{"jsonrpc":"2.0","id":9,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"\#(harness.uri("a.md"))"},"range":{"start":{"line":2,"character":25},"end":{"line":2,"character":25}},"context":{"diagnostics":[]}}}"#)
        let rejected = try #require(harness.take().first?["result"]?.array)
        #expect(!rejected.contains { $0["title"]?.string?.hasPrefix("Add ") == true })

        try "zorblax\nFrobnitz\n".write(toFile: folder + "/accept.txt", atomically: true, encoding: .utf8)
        harness.send(#"{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":{"uri":"\#(harness.uri("accept.txt"))"}}}"#)
        #expect(LanguageServerTests.ranges(harness.published()[0]) == ["2:3-2:10 spelling", "2:23-2:30 spelling"])
    }
}
