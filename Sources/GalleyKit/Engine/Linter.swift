import SystemIO

/// Runs rules over documents. Built once per run and shared read-only by every worker thread.
public struct Linter: Sendable {
    public private(set) var rules: [any Rule]
    public var xmlMappings: [XMLVocabularyMapping]
    /// The terms of every word-list rule, compiled once and shared read-only by all threads.
    private let matcher: TermMatcher
    /// Rule ids a suppression may name: the rules, and the reader's own diagnostics.
    private let activeIDs: Set<String>
    /// Files larger than this are skipped with a warning.
    public var maxFileBytes: Int
    /// Whether each report's summary carries the prose's words and scores (audits); off for a
    /// plain lint, which then pays for readability only if a rule asks for it.
    public var measuresProse: Bool

    public static let defaultMaxFileBytes = 10 << 20

    public init(rules: [any Rule], xmlMappings: [XMLVocabularyMapping] = [], maxFileBytes: Int = Linter.defaultMaxFileBytes,
                measuresProse: Bool = false) {
        self.rules = rules
        self.xmlMappings = xmlMappings
        self.maxFileBytes = maxFileBytes
        self.measuresProse = measuresProse
        var matcher = TermMatcher()
        for case let rule as any TermRule in rules {
            for spec in rule.terms { matcher.add(spec, owner: rule.id) }
        }
        self.matcher = matcher
        activeIDs = Set(rules.map(\.id) + ReadIssue.Kind.allCases.map(\.rawValue))
    }

    /// Reads and lints one file. Problems reading it become diagnostics, never crashes.
    /// With `onlyArticles`, a YAML file that is not an article (no `body`) is skipped silently:
    /// content folders hold data and configuration YAML too.
    public func lint(path: String, onlyArticles: Bool = false) -> FileReport {
        guard let format = DocumentFormat(path: path) else {
            return FileReport(path: path, diagnostics: [fileProblem(path, "unsupported file type; Galley reads .md, .html, .xml and .yml articles", .error)])
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, maxBytes: maxFileBytes)
        } catch {
            if error.code == FileSystem.tooLarge {
                var size = ByteCount(error.size ?? 0).description
                var limit = ByteCount(maxFileBytes).description
                if size == limit { (size, limit) = ("\(error.size ?? 0) bytes", "\(maxFileBytes) bytes") }
                return FileReport(path: path, diagnostics: [fileProblem(path, "skipped: the file is \(size), over the limit of \(limit) (raise it with --max-file-size)", .warning)])
            }
            // Found in a folder but not a file to read: say why it was skipped. (Named on the
            // command line, such paths never get here: they are usage problems.)
            if error.isSpecialFile || error.isLoop || error.isMissing {
                return FileReport(path: path, diagnostics: [fileProblem(path, "skipped: \(FileSystem.explain(error))", .warning)])
            }
            return FileReport(path: path, diagnostics: [fileProblem(path, "cannot read: \(error.reason)", .error)], failed: true)
        }
        return lint(path: path, bytes: bytes, format: format, onlyArticles: onlyArticles)
    }

    public func lint(path: String, bytes: [UInt8], format: DocumentFormat, onlyArticles: Bool = false) -> FileReport {
        let source = SourceText(decoding: bytes)
        if let reason = source.skipReason {
            return FileReport(path: path, diagnostics: [fileProblem(path, "skipped: \(reason)", .note)])
        }
        let document = DocumentReader.read(path: path, source: source, format: format, xmlMappings: xmlMappings)
        if onlyArticles, !document.isArticle { return FileReport(path: path, diagnostics: [], skipped: true) }
        let context = RuleContext(document: document, matcher: matcher)
        let diagnostics = lint(document, context: context)
        return FileReport(path: path, diagnostics: diagnostics, document: DocumentSummary(document, prose: measuresProse ? context.prose : nil))
    }

    /// Diagnostics for a document: reader issues first, then every rule's findings, in source order.
    public func lint(_ document: Document) -> [Diagnostic] {
        lint(document, context: RuleContext(document: document, matcher: matcher))
    }

    private func lint(_ document: Document, context: RuleContext) -> [Diagnostic] {
        var diagnostics = document.issues.map { issue in
            Diagnostic(path: document.path, range: SourceRange(at: issue.offset), span: document.span(of: SourceRange(at: issue.offset)),
                       severity: issue.severity, message: issue.message, ruleID: issue.kind.rawValue)
        }
        for rule in rules {
            for finding in rule.check(document, context: context) {
                diagnostics.append(Diagnostic(
                    path: document.path, range: finding.range, span: document.span(of: finding.range),
                    severity: rule.severity, message: rule.message(for: finding), ruleID: rule.id,
                    ruleSet: rule.definition.ruleSet, matchedText: finding.matchedText, suggestion: finding.suggestion))
            }
        }
        var suppressions = Suppressions(document: document)
        diagnostics = suppressions.apply(to: diagnostics, activeIDs: activeIDs)
        diagnostics.sort(by: Diagnostic.sortedOrder)
        Fingerprint.assign(to: &diagnostics, source: document.source)
        return diagnostics
    }

    private func fileProblem(_ path: String, _ message: String, _ severity: Severity) -> Diagnostic {
        Diagnostic(path: path, range: SourceRange(at: 0), span: SourceSpan(start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 1)),
                   severity: severity, message: message, ruleID: ReadIssue.Kind.skipped.rawValue)
    }
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

    public init(title: String?, format: DocumentFormat, prose: TextCounts? = nil) {
        self.title = title
        self.format = format
        self.prose = prose
    }

    init(_ document: Document, prose: ProseAnalysis?) {
        self.init(title: document.metadata["title"]?.value.text, format: document.format, prose: prose?.documentCounts)
    }

    public var words: Int? { prose?.words }
    public var readingEase: Double? { prose.flatMap(ReadabilityMetric.fleschReadingEase.score) }
    public var grade: Double? { prose.flatMap(ReadabilityMetric.fleschKincaidGrade.score) }
}
