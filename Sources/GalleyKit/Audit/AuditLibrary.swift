/// The audit's library section: what the library rules found across articles, as lists an
/// editor can work through: groups of articles sharing a title, description, H1 or FAQ
/// question; links that lead nowhere or to an anchor that is gone; articles nothing links to.
/// The HTML page, the JSON and the library CSV show the same entries.
public struct AuditLibrary: Sendable {
    /// A value several articles share.
    public struct Duplicate: Sendable {
        public var rule: String
        public var severity: Severity
        /// What is shared: `title`, `description`, `H1`, `FAQ question`.
        public var what: String
        /// The value as the first article of the group writes it.
        public var value: String
        public var articles: [LibraryDetail.GroupMember]
    }

    public struct BrokenLink: Sendable {
        public var rule: String
        public var severity: Severity
        public var path: String
        public var line: Int
        public var column: Int
        public var url: String
        /// The file or page the link leads to (missing), or the article without the anchor.
        public var target: String
        /// The anchor that is missing; nil when the whole target is.
        public var anchor: String?
    }

    public struct Orphan: Sendable {
        public var rule: String
        public var severity: Severity
        public var path: String
        public var line: Int
    }

    /// The library rules that ran, by id.
    public var rules: [String] = []
    public var duplicates: [Duplicate] = []
    public var brokenLinks: [BrokenLink] = []
    public var orphans: [Orphan] = []

    public init(rules: [String]) {
        self.rules = rules
    }

    /// The section for the findings the library rules reported (after suppressions), which are
    /// in path order.
    public init(rules: [String], findings: [LibraryDiagnostic]) {
        self.rules = rules
        var groupIndex: [String: Int] = [:]
        for finding in findings {
            let diagnostic = finding.diagnostic
            switch finding.detail {
            case .duplicate(let what, let value, let group)?:
                let key = diagnostic.ruleID + "\u{0}" + (diagnostic.subject ?? value)
                if groupIndex[key] == nil {
                    groupIndex[key] = duplicates.count
                    duplicates.append(Duplicate(rule: diagnostic.ruleID, severity: diagnostic.severity, what: what, value: value, articles: group))
                }
            case .missingTarget(let url, let target)?:
                brokenLinks.append(BrokenLink(rule: diagnostic.ruleID, severity: diagnostic.severity, path: diagnostic.path, line: diagnostic.span.start.line,
                                              column: diagnostic.span.start.column, url: url, target: target, anchor: nil))
            case .missingAnchor(let url, let target, let anchor)?:
                brokenLinks.append(BrokenLink(rule: diagnostic.ruleID, severity: diagnostic.severity, path: diagnostic.path, line: diagnostic.span.start.line,
                                              column: diagnostic.span.start.column, url: url, target: target, anchor: anchor))
            case .orphan?:
                orphans.append(Orphan(rule: diagnostic.ruleID, severity: diagnostic.severity, path: diagnostic.path, line: diagnostic.span.start.line))
            case nil:
                break
            }
        }
    }

    public var missingTargets: Int { brokenLinks.lazy.filter { $0.anchor == nil }.count }
    public var missingAnchors: Int { brokenLinks.lazy.filter { $0.anchor != nil }.count }
    /// Articles in at least one duplicate group.
    public var articlesInDuplicates: Int { Set(duplicates.flatMap { $0.articles.map(\.path) }).count }
}
