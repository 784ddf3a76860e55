/// Galley has two kinds of rules. A `Rule` checks one `Document` while its file is being linted.
/// A `LibraryRule` checks the whole library at once, after every file has been linted: it never
/// sees a document, only every article's `ArticleFacts` (through `Library`), so it can compare
/// articles with each other (duplicate titles) and follow links between them.
///
/// Library rules are configured like every other rule (rule sets in YAML, ids, severities,
/// overrides, suppressions, baselines); the per-file engine skips them and the library phase
/// (`LibraryPhase`) runs them.
public protocol LibraryRule: Rule {
    /// Metadata fields the rule reads besides title and description, which facts then keep.
    var factFields: [String] { get }
    func check(_ library: Library) -> [LibraryFinding]
}

extension LibraryRule {
    public var factFields: [String] { [] }

    /// A library rule has nothing to say about one document alone.
    public func check(_ document: Document, context: RuleContext) -> [Finding] { [] }
}

/// One problem a library rule found, before the library phase adds rule, severity, suppressions
/// and fingerprint.
public struct LibraryFinding: Sendable {
    /// The article it is reported in (index into the library).
    public var article: Int
    public var position: FactPosition
    /// The default message, used when the rule has no message template.
    public var message: String
    /// Values for the message template.
    public var values: [String: String]
    /// What the finding is about, which identifies it in baselines and code scanning instead of
    /// the text of a line: the duplicated value, the link target, the orphan.
    public var subject: String
    /// Articles the finding also concerns (the rest of a duplicate group, a link's target): a run
    /// over changed files reports it when one of them changed.
    public var related: [String]
    /// What the audit shows of it.
    public var detail: LibraryDetail

    public init(article: Int, position: FactPosition, message: String, values: [String: String] = [:], subject: String,
                related: [String] = [], detail: LibraryDetail) {
        self.article = article
        self.position = position
        self.message = message
        self.values = values
        self.subject = subject
        self.related = related
        self.detail = detail
    }
}

extension LibraryFinding {
    /// What stands in for a finding already converted, so its strings are freed early.
    static let released = LibraryFinding(article: -1, position: FactPosition(), message: "", subject: "", detail: .orphan)
}

/// A library finding as the audit's library section lists it.
public enum LibraryDetail: Sendable, Hashable {
    /// A value shared by several articles: what it is (`title`, `h1`, `FAQ question`), the value
    /// as written in this article, and every article of the group with the line it is on.
    case duplicate(what: String, value: String, group: [GroupMember])
    /// A link whose target does not exist: the URL as written and the file or page it leads to.
    case missingTarget(url: String, target: String)
    /// A link to an existing article without the anchor it names.
    case missingAnchor(url: String, target: String, anchor: String)
    /// An article no other article links to.
    case orphan

    public struct GroupMember: Sendable, Hashable {
        public var path: String
        public var line: Int

        public init(path: String, line: Int) {
            self.path = path
            self.line = line
        }
    }
}
