/// What an audit keeps of a library: one row per article and its findings, never the documents.
/// Findings are stored compactly (rule and message as indexes into shared tables, since a
/// library repeats the same few hundred messages), so a 100,000-article audit stays small.
public struct AuditReport: Sendable {
    public struct Row: Sendable {
        public var path: String
        public var title: String?
        /// nil when the file could not be read.
        public var format: DocumentFormat?
        /// The article's language (BCP 47), nil when the file could not be read.
        public var language: String?
        public var words: Int?
        public var readingEase: Double?
        public var grade: Double?
        public var errors = 0
        public var warnings = 0
        public var notes = 0
        /// Indexes into `rules`, each rule once, most findings first.
        public var rulesBroken: [Int] = []
        /// Range in `findings`.
        public var findingRange: Range<Int> = 0..<0

        public var isClean: Bool { errors == 0 && warnings == 0 }
    }

    public struct Finding: Sendable {
        public var line: Int32
        public var column: Int32
        public var severity: Severity
        /// Index into `rules`.
        public var rule: Int32
        /// Index into `messages`.
        public var message: Int32
    }

    public struct RuleTally: Sendable {
        public var id: String
        public var severity: Severity
        public var description: String
        public var findings = 0
        /// Articles with at least one finding of the rule.
        public var articles = 0
    }

    public private(set) var rows: [Row] = []
    public private(set) var findings: [Finding] = []
    public private(set) var rules: [RuleTally] = []
    public private(set) var messages: [String] = []
    /// Files found in folders that are not articles (YAML data files), left out of the rows.
    public private(set) var skipped = 0
    /// What the library rules found, when the configuration has any.
    public private(set) var library: AuditLibrary?
    private var ruleIndex: [String: Int] = [:]
    private var messageIndex: [String: Int32] = [:]
    private let definitions: [String: RuleDefinition]

    /// `rules`: the active rules, for their descriptions.
    public init(rules: [RuleDefinition] = []) {
        definitions = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public mutating func add(_ report: FileReport) {
        guard !report.skipped else {
            skipped += 1
            return
        }
        var row = Row(path: report.path, title: report.document?.title, format: report.document?.format)
        row.words = report.document?.words
        row.language = report.document?.language.description
        row.readingEase = report.document?.readingEase
        row.grade = report.document?.grade
        let start = findings.count
        var perRule: [Int: Int] = [:]
        for diagnostic in report.diagnostics {
            switch diagnostic.severity {
            case .error: row.errors += 1
            case .warning: row.warnings += 1
            case .note: row.notes += 1
            }
            let rule = index(ofRule: diagnostic)
            rules[rule].findings += 1
            perRule[rule, default: 0] += 1
            findings.append(Finding(line: Int32(clamping: diagnostic.span.start.line), column: Int32(clamping: diagnostic.span.start.column),
                                    severity: diagnostic.severity, rule: Int32(rule), message: index(ofMessage: diagnostic.message)))
        }
        for rule in perRule.keys { rules[rule].articles += 1 }
        row.rulesBroken = perRule.sorted { ($0.value, rules[$1.key].id) > ($1.value, rules[$0.key].id) }.map(\.key)
        row.findingRange = start..<findings.count
        rows.append(row)
    }

    public func findings(of row: Row) -> ArraySlice<Finding> { findings[row.findingRange] }

    /// Adds the library rules' findings (in path order) to the rows of their articles, and the
    /// library section. `rules`: the library rules that ran.
    public mutating func addLibrary(_ libraryFindings: [LibraryDiagnostic], rules libraryRules: [String]) {
        library = AuditLibrary(rules: libraryRules, findings: libraryFindings)
        guard !libraryFindings.isEmpty else { return }
        var merged: [Finding] = []
        merged.reserveCapacity(findings.count + libraryFindings.count)
        var next = 0
        for position in rows.indices {
            var row = rows[position]
            var own = Array(findings[row.findingRange])
            while next < libraryFindings.count, libraryFindings[next].diagnostic.path.utf8.lexicographicallyPrecedes(row.path.utf8) { next += 1 }
            var perRule: [Int: Int] = [:]
            for finding in own { perRule[Int(finding.rule), default: 0] += 1 }
            let before = Set(perRule.keys)
            while next < libraryFindings.count, libraryFindings[next].diagnostic.path == row.path {
                let diagnostic = libraryFindings[next].diagnostic
                next += 1
                switch diagnostic.severity {
                case .error: row.errors += 1
                case .warning: row.warnings += 1
                case .note: row.notes += 1
                }
                let rule = index(ofRule: diagnostic)
                rules[rule].findings += 1
                perRule[rule, default: 0] += 1
                own.append(Finding(line: Int32(clamping: diagnostic.span.start.line), column: Int32(clamping: diagnostic.span.start.column),
                                   severity: diagnostic.severity, rule: Int32(rule), message: index(ofMessage: diagnostic.message)))
            }
            for rule in perRule.keys where !before.contains(rule) { rules[rule].articles += 1 }
            own.sort { ($0.line, $0.column, rules[Int($0.rule)].id) < ($1.line, $1.column, rules[Int($1.rule)].id) }
            row.rulesBroken = perRule.sorted { ($0.value, rules[$1.key].id) > ($1.value, rules[$0.key].id) }.map(\.key)
            row.findingRange = merged.count..<(merged.count + own.count)
            merged += own
            rows[position] = row
        }
        findings = merged
    }

    private mutating func index(ofRule diagnostic: Diagnostic) -> Int {
        if let known = ruleIndex[diagnostic.ruleID] { return known }
        let definition = definitions[diagnostic.ruleID]
        rules.append(RuleTally(id: diagnostic.ruleID, severity: definition?.severity ?? diagnostic.severity,
                               description: definition?.description ?? Self.readerRuleDescriptions[diagnostic.ruleID] ?? ""))
        ruleIndex[diagnostic.ruleID] = rules.count - 1
        return rules.count - 1
    }

    private mutating func index(ofMessage message: String) -> Int32 {
        if let known = messageIndex[message] { return known }
        messages.append(message)
        messageIndex[message] = Int32(messages.count - 1)
        return Int32(messages.count - 1)
    }

    /// Findings that come from reading the file rather than from a rule.
    static let readerRuleDescriptions: [String: String] = [
        ReadIssue.Kind.encoding.rawValue: "The file's text encoding is broken in places.",
        ReadIssue.Kind.parse.rawValue: "The markup could not be parsed cleanly.",
        ReadIssue.Kind.entity.rawValue: "The document declares an external entity, which Galley never loads.",
        ReadIssue.Kind.frontMatter.rawValue: "The front matter is not valid YAML.",
        ReadIssue.Kind.skipped.rawValue: "The file was not checked: unreadable, too large or binary.",
        ReadIssue.Kind.language.rawValue: "The declared language is not a language tag.",
        Suppressions.unusedID: "A galley-disable comment that suppressed nothing.",
    ]
}
