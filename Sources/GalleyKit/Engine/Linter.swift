import SystemIO

/// One configuration's way from a file to its report: the loader that reads articles as the
/// configuration says, and the engine that runs its rules. Shared read-only by worker threads.
public struct Linter: Sendable {
    public let loader: ArticleLoader
    public let engine: RuleEngine
    /// Whether each report's summary carries the prose's words and scores (audits); off for a
    /// plain lint, which then pays for readability only if a rule asks for it.
    public var measuresProse: Bool
    /// How the site maps files to pages, for the library rules.
    public let site: SiteOptions
    /// Identifies the configuration (and overrides) the linter was built from, so facts taken
    /// under another one are never used for it (facts files, the cache).
    public let signature: String

    public static let defaultMaxFileBytes = ArticleLoader.defaultMaxFileBytes

    public init(rules: [any Rule], readerOptions: ReaderOptions = ReaderOptions(), maxFileBytes: Int = Linter.defaultMaxFileBytes,
                measuresProse: Bool = false, site: SiteOptions = SiteOptions(), signature: String = "") {
        loader = ArticleLoader(options: readerOptions, maxFileBytes: maxFileBytes)
        engine = RuleEngine(rules: rules, factFields: site.permalinkFields)
        self.measuresProse = measuresProse
        self.site = site
        self.signature = signature + "|facts:" + site.factsSignature
    }

    public var rules: [any Rule] { engine.rules }
    /// Whether reports carry the article's facts: the configuration has library rules.
    public var takesFacts: Bool { !engine.libraryRules.isEmpty }

    /// Reads and lints one file. Problems reading it become diagnostics, never crashes.
    /// A file that is not an article is not checked as one: a YAML data file (no `body`) is
    /// skipped silently with `onlyArticles` (content folders hold data and configuration YAML
    /// too), and linted when named; a file that says why it is none (an RSS feed, a sitemap, a
    /// redirect page) is skipped with a note saying so, silently with `silently`
    /// (`--only-articles`).
    public func lint(path: String, onlyArticles: Bool = false, silently: Bool = false) -> FileReport {
        report(path: path, loader.load(path: path), onlyArticles: onlyArticles, silently: silently)
    }

    /// Lints bytes that stand for the file at `path` (standard input, an editor's buffer).
    public func lint(path: String, bytes: [UInt8], format: DocumentFormat? = nil, onlyArticles: Bool = false, silently: Bool = false) -> FileReport {
        report(path: path, loader.load(path: path, bytes: bytes, format: format), onlyArticles: onlyArticles, silently: silently)
    }

    /// Lints bytes and keeps the document read from them (fixes map their edits through its source).
    func lintKeepingDocument(path: String, bytes: [UInt8], format: DocumentFormat?, onlyArticles: Bool, silently: Bool = false) -> (FileReport, Document?) {
        let loaded = loader.load(path: path, bytes: bytes, format: format)
        return (report(path: path, loaded, onlyArticles: onlyArticles, silently: silently), try? loaded.get())
    }

    private func report(path: String, _ loaded: Result<Document, ArticleLoader.Problem>, onlyArticles: Bool, silently: Bool) -> FileReport {
        let document: Document
        switch loaded {
        case .failure(let problem):
            // An empty YAML file in a content folder is data, not an empty article.
            if onlyArticles, problem.isEmptyFile, DocumentFormat(path: path) == .yaml { return FileReport(path: path, diagnostics: [], skipped: true) }
            return FileReport(path: path, diagnostics: [problem.diagnostic(path: path)], failed: problem.isFailure)
        case .success(let read):
            document = read
        }
        if !document.isArticle, let reason = document.notArticleReason {
            guard !silently else { return FileReport(path: path, diagnostics: [], skipped: true) }
            let note = ArticleLoader.Problem(message: "skipped: \(reason)", severity: .note, isFailure: false)
            return FileReport(path: path, diagnostics: [note.diagnostic(path: path)])
        }
        if onlyArticles, !document.isArticle { return FileReport(path: path, diagnostics: [], skipped: true) }
        let context = engine.context(for: document)
        let (diagnostics, facts) = engine.inspect(document, context: context, takingFacts: takesFacts)
        var report = FileReport(path: path, diagnostics: diagnostics, document: DocumentSummary(document, prose: measuresProse ? context.prose : nil))
        report.facts = facts
        return report
    }

    /// Only the facts of the article in `bytes` (standing for `path`), without linting it: for
    /// the files a run over changed files leaves alone. nil when it is no article.
    public func facts(path: String, bytes: [UInt8]) -> ArticleFacts? {
        guard case .success(let document) = loader.load(path: path, bytes: bytes), document.isArticle else { return nil }
        return engine.facts(of: document)
    }

    /// Diagnostics for a document already read.
    public func lint(_ document: Document) -> [Diagnostic] { engine.check(document) }
}

/// Everything one file produced.
public struct FileReport: Sendable {
    public var path: String
    public var diagnostics: [Diagnostic]
    /// Facts about the article for summaries and audits; nil when the file was not read.
    public var document: DocumentSummary?
    /// True when the file could not be read at all (a usage problem: exit 2).
    public var failed: Bool
    /// True when the file was found in a folder but is not an article (a YAML data file).
    public var skipped: Bool
    /// What the library rules need of the article, when the configuration has any.
    public var facts: ArticleFacts?
    /// The file was not linted in this run (it did not change): the report holds only library
    /// findings about it.
    public var holdsOnlyLibraryFindings = false

    public init(path: String, diagnostics: [Diagnostic], document: DocumentSummary? = nil, failed: Bool = false, skipped: Bool = false) {
        self.path = path
        self.diagnostics = diagnostics
        self.document = document
        self.failed = failed
        self.skipped = skipped
    }

    public func count(_ severity: Severity) -> Int { diagnostics.lazy.filter { $0.severity == severity }.count }
}

/// The little of a document that outlives linting (documents themselves are dropped per file).
public struct DocumentSummary: Sendable {
    public var title: String?
    public var format: DocumentFormat
    /// The prose's counts, when the linter measures prose (`Linter.measuresProse`).
    public var prose: TextCounts?
    public var language: LanguageTag

    public init(title: String?, format: DocumentFormat, prose: TextCounts? = nil, language: LanguageTag = .english) {
        self.title = title
        self.format = format
        self.prose = prose
        self.language = language
    }

    init(_ document: Document, prose: ProseAnalysis?) {
        self.init(title: document.metadata["title"]?.value.text, format: document.format, prose: prose?.documentCounts,
                  language: document.resolvedLanguage.tag)
    }

    public var words: Int? { prose?.words }
    /// The reading ease of the article's language (Flesch for English, Amstad's for German...);
    /// nil when its language has none.
    public var readingEase: Double? { LanguageProfile.of(language).readingEase.flatMap { metric in prose.flatMap(metric.score) } }
    public var grade: Double? { LanguageProfile.of(language).grade.flatMap { metric in prose.flatMap(metric.score) } }
}
