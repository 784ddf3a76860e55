import CFuzzDriver
import GalleyKit
import SystemIO
#if canImport(Glibc)
import Glibc
#endif

/// What each fuzz target does with one input: the whole path a file takes through `galley lint`
/// (decoding, the reader, every bundled rule, suppressions, fingerprints) and the document dump.
/// A crash, a sanitizer report or a hang (libFuzzer's `-timeout`) is a finding; a diagnostic is not.
public enum FuzzSupport {
    /// The bundled house style, built once: every rule kind it uses runs on every input.
    static let houseStyle: Linter = {
        guard case .success(let set)? = BundledRules.load(BundledRules.defaultSetName) else {
            fatalError("the bundled house style does not load")
        }
        return Linter(rules: set.rules, readerOptions: ReaderOptions(xmlMappings: storyVocabulary))
    }()

    /// The `<story>` vocabulary of Fixtures/vocabulary, so XPath mappings are fuzzed too.
    static let storyVocabulary: [XMLVocabularyMapping] = {
        var mapping = XMLVocabularyMapping(root: "story")
        mapping.namespace = "urn:example:story"
        mapping.namespaces = ["s": "urn:example:story"]
        mapping.metadata = ["title": "/s:story/s:head/s:headline", "description": "/s:story/s:head/s:summary",
                            "categories": "/s:story/s:head/s:tags/s:tag"]
        mapping.headings = ["//s:subhead": 2]
        mapping.sections = "//s:part | //s:questions"
        mapping.sectionTitles = "//s:part/s:heading | //s:questions/s:heading"
        mapping.paragraphs = "//s:graf"
        mapping.lists = "//s:bullets"
        mapping.listItems = "//s:bullets/s:item"
        mapping.ignore = "//s:code"
        mapping.faqEntries = "//s:qa"
        mapping.faqQuestions = "//s:qa/s:q"
        mapping.faqAnswers = "//s:qa/s:a"
        return [mapping]
    }()

    /// An article every rule has something to say about, for rule sets to run on.
    static let probeArticle = Array("""
        ---
        title: Fuzzing
        description: A short article.
        categories: [Testing]
        ---
        # Fuzzing utilize a zebra

        ## Quick take

        - Simply obviously guaranteed. Click [here](http://example.com).
        - ![](image.png) in order to

        ## Frequently Asked Questions

        ### Is it?

        Yes &amp; no.

        <!-- galley-disable-next-line hype -->
        Text after a comment.
        """.utf8)

    public static func lint(_ bytes: [UInt8], as format: DocumentFormat, path: String) {
        let report = houseStyle.lint(path: path, bytes: bytes, format: format)
        consume(report)
        let document = ArticleFormats.read(path: path, bytes: bytes, format: format, options: ReaderOptions(xmlMappings: storyVocabulary))
        _ = DocumentDump.text(of: document)
        _ = DocumentJSON.render([document])
    }

    /// Loads the input as a rule set; when it loads, runs its rules on the probe article.
    public static func loadRuleSet(_ bytes: [UInt8]) {
        guard case .success(let set) = RuleSetLoader.load(path: "fuzz/rules.yml", bytes: bytes) else { return }
        let linter = Linter(rules: set.rules)
        consume(linter.lint(path: "probe.md", bytes: probeArticle, format: .markdown))
    }

    /// Writes the input as a `.galley.yml` (beside a valid rule set it may name) and loads it.
    public static func loadConfiguration(_ bytes: [UInt8]) {
        FuzzFiles.write(bytes, to: FuzzFiles.configuration)
        var loader = ConfigurationLoader()
        if case .success(let configuration) = loader.load(FuzzFiles.configuration) {
            var errors: [ConfigError] = []
            let rules = configuration.rules(applying: Array(configuration.overrides.indices), errors: &errors)
            let linter = Linter(rules: rules, readerOptions: configuration.readerOptions(applying: Array(configuration.overrides.indices)))
            consume(linter.lint(path: "probe.md", bytes: probeArticle, format: .markdown))
        }
    }

    /// A `.vale.ini` as `galley vale` reads it; each value also compiled and run as a Vale
    /// pattern (the regexp2 dialect parser and its PCRE2 translation), each section a glob.
    public static func readValeINI(_ bytes: [UInt8]) {
        if case .success(let configuration) = ValeConfiguration.read(iniBytes: bytes, path: "fuzz.ini") {
            _ = configuration.exercise(path: "docs/a.md")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n").prefix(64) {
            let value = line.split(separator: "=", maxSplits: 1).last.map(String.init) ?? String(line)
            _ = ValePatternCheck.run(value, on: "Tone: A café, naïve x² test_case. I'm here!\nNew line.")
        }
    }

    /// A Vale pattern (the first line) and a text (the rest): wherever PCRE2 matches in a unit
    /// of the text, the Hyperscan prefilter's relaxed form must have seen a match end there.
    /// A miss traps, so libFuzzer keeps the input.
    public static func scanValePattern(_ bytes: [UInt8]) {
        let input = String(decoding: bytes, as: UTF8.self)
        let parts = input.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard let pattern = parts.first, !pattern.isEmpty else { return }
        let text = parts.count > 1 ? String(parts[1]) : "It is used, e.g. here: a café, 10 MB \u{212A}elvin."
        if let miss = ValeScannerCheck.firstMiss(pattern: String(pattern), text: String(decoding: Array(text.utf8.prefix(ValeScannerCheck.longestText)), as: UTF8.self)) {
            fatalError("the Hyperscan prefilter misses a match: \(miss)")
        }
    }

    /// A Vectorscan cache entry of the Vale prefilter, without its checksum (one is appended).
    public static func readValeCacheEntry(_ bytes: [UInt8]) {
        if let events = ValeScannerCheck.readCacheEntry(bytes), events < 0 { fatalError("a negative count") }
    }

    /// The bundled library rules, with the site options a real site sets.
    static let library: Linter = {
        guard case .success(let set)? = BundledRules.load("library") else { fatalError("the bundled library rules do not load") }
        var site = SiteOptions()
        site.urlPattern = "/:path/"
        site.permalinkFields = ["permalink"]
        return Linter(rules: set.rules, site: site)
    }()

    /// A facts file (`galley library`'s input, written by another CI job). The input gets a
    /// valid checksum appended, so mutations reach the header and records instead of stopping
    /// at the checksum; whatever decodes then goes through the library rules.
    public static func readFactsFile(_ input: [UInt8]) {
        guard let file = try? FactsFile.decode(input + SHA256.hash(input)) else { return }
        var phase = LibraryPhase(linters: [library])
        for record in file.records.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) { phase.add(record, linter: 0) }
        var total = 0
        for finding in phase.run(workingDirectory: "/galley-fuzz-site") { total &+= finding.diagnostic.message.utf8.count }
        if total == -1 { print(total) }
    }

    /// A facts cache entry (`.galley-cache/`, a shared folder), with a valid checksum appended.
    public static func readCacheEntry(_ input: [UInt8]) {
        guard let facts = try? FactsCache.decodeEntry(input + SHA256.hash(input), path: "fuzz.md") else { return }
        var phase = LibraryPhase(linters: [library])
        phase.add(facts, linter: 0)
        if phase.run(workingDirectory: "/galley-fuzz-site").count == -1 { print(facts.path) }
    }
    /// Parses the input as an `html:` selector; when it parses, uses it as the content root and
    /// as an ignore selector on a page with chrome, so its XPath runs through libxml2 too.
    public static func selector(_ bytes: [UInt8]) {
        guard let list = try? CSSSelectorList(parsing: String(decoding: bytes, as: UTF8.self)) else { return }
        for configure in [{ (options: inout HTMLOptions) in options.content = [list] }, { options in options.ignore = [list] }] {
            var options = ReaderOptions()
            configure(&options.html)
            let document = ArticleFormats.read(path: "page.html", bytes: selectorPage, format: .html, options: options)
            _ = DocumentDump.text(of: document)
        }
    }

    /// A page with the chrome and the markup selectors aim at.
    static let selectorPage = Array("""
        <!DOCTYPE html><html><head><title>Page | Site</title></head><body>
        <header><nav><a href="/">Home</a></nav></header>
        <main id="main" class="site-main" role="main"><article class="post" data-kind="news">
        <h1 class="entry-title">Title <a class="headerlink" href="#t">¶</a></h1>
        <div class="entry-content"><p lang="en-GB">Text, with words.</p><ul><li>One</li></ul></div>
        <aside class="related"><h2>Related</h2></aside></article></main>
        <footer class="site-footer"><p>Footer</p></footer></body></html>
        """.utf8)

    /// Writes the input as a spelling rule's accept and reject files (one input, both lists),
    /// loads a rule set naming them, and checks the probe article with it: the vocabulary
    /// reader, its patterns and the matching of its terms.
    public static func loadVocabulary(_ bytes: [UInt8]) {
        FuzzFiles.write(bytes, to: FuzzFiles.folder + "/accept.txt")
        FuzzFiles.write(bytes, to: FuzzFiles.folder + "/reject.txt")
        let yaml = "name: vocabulary\nrules:\n  - id: spelling\n    kind: spelling\n    accept-file: accept.txt\n    reject-file: reject.txt\n"
        guard case .success(let set) = RuleSetLoader.load(path: FuzzFiles.folder + "/rules-vocabulary.yml", bytes: Array(yaml.utf8)) else { return }
        consume(Linter(rules: set.rules).lint(path: "probe.md", bytes: probeArticle + vocabularyProbe, format: .markdown))
    }

    /// Words for the vocabulary target to accept or reject: cases, possessives, a phrase.
    static let vocabularyProbe = Array("""

        GitHub, Github, kubectl's, Zorblax Engine, observability, recieve, {{ page.titel }}, e-mail, C#.
        """.utf8)

    /// The input as the bytes an editor sends `galley lsp`: framing, JSON-RPC, every request
    /// and notification, with documents linted by the nearest (or no) configuration.
    public static func languageServer(_ bytes: [UInt8]) {
        let (output, _) = LanguageServerMain.replay(bytes)
        if output.count == -1 { print(output.count) }
    }

    /// Touches every field of the report so nothing is optimized away.
    private static func consume(_ report: FileReport) {
        var total = 0
        for diagnostic in report.diagnostics {
            total &+= diagnostic.span.start.line &+ diagnostic.message.utf8.count &+ (diagnostic.fingerprint?.utf8.count ?? 0)
        }
        if total == -1 { print(total) }
    }
}

/// The scratch folder the configuration target writes its input into.
enum FuzzFiles {
    static let folder: String = {
        let base = Terminal.environment("TMPDIR") ?? "/tmp"
        let folder = "\(base)/galley-fuzz-configuration-\(getpid())"
        mkdir(folder, 0o755)
        // A valid rule set the fuzzed configuration can name, extend or override.
        write(Array("name: local\nrules:\n  - id: hype\n    kind: words\n    words: [cutting-edge]\n".utf8), to: folder + "/rules.yml")
        return folder
    }()

    static var configuration: String { folder + "/.galley.yml" }

    static func write(_ bytes: [UInt8], to path: String) {
        do {
            try FileSystem.writeAtomically(bytes, to: path)
        } catch {
            fatalError("cannot write \(path): \(error.reason)")
        }
    }
}

/// The callback libFuzzer calls with each input.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

/// Runs libFuzzer's driver (corpus, mutations, options from the command line) on `callback`.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ callback: FuzzCallback) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}

/// The input as an array (empty inputs have no address).
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
