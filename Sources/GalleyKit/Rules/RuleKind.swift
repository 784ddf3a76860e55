/// A kind of check that rule sets configure from YAML (`kind: headings`, `kind: words`...).
/// Most kinds make a `Rule`, which checks one document; `unique`, `internal-links` and
/// `orphans` make a `LibraryRule`, which checks every article's facts at once.
///
/// Each kind documents itself and carries examples; the test suite runs every example and
/// `galley explain` prints them, so documentation and behaviour cannot drift apart.
public protocol RuleKind: Sendable {
    static var name: String { get }
    static var summary: String { get }
    /// Option keys, each with a one-line description.
    static var options: [(key: String, description: String)] { get }
    static var examples: [RuleExample] { get }
    /// What `galley fix` does about the kind's findings, in a sentence; nil when it fixes nothing.
    static var fixes: String? { get }
    /// Builds a rule from its options, reporting problems into `options`. Returns nil when the
    /// options are unusable.
    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)?
}

/// A rule entry and a Markdown article (or, for a library rule, several articles and the site
/// options), with where the rule must report (empty: nowhere).
public struct RuleExample: Sendable {
    public var title: String
    /// YAML of the rule's kind-specific options (and `message`, if the example shows one).
    public var options: String
    public var article: String
    /// A library rule's articles, by path.
    public var articles: [ExampleArticle] = []
    /// YAML of `site:` options a library example needs (see `SiteOptions`).
    public var site: String = ""
    /// `line:column` of every expected finding, in order (`path:line:column` for library rules).
    public var expected: [String]
    /// The article after `galley fix`, for kinds that fix.
    public var fixed: String?

    public init(_ title: String, options: String, article: String, expected: [String], fixed: String? = nil) {
        self.title = title
        self.options = options
        self.article = article
        self.expected = expected
        self.fixed = fixed
    }

    /// An example of a library rule: several articles, and where it reports across them.
    public init(_ title: String, options: String, articles: [ExampleArticle], site: String = "", expected: [String]) {
        self.title = title
        self.options = options
        article = ""
        self.articles = articles
        self.site = site
        self.expected = expected
    }

    public var triggers: Bool { !expected.isEmpty }
}

/// One article of a library rule's example.
public struct ExampleArticle: Sendable {
    public var path: String
    public var text: String

    public init(_ path: String, _ text: String) {
        self.path = path
        self.text = text
    }
}

extension RuleKind {
    public static var fixes: String? { nil }
}

public enum RuleKinds {
    public static let all: [any RuleKind.Type] = [
        HeadingsRule.self,
        WordsRule.self,
        SubstituteRule.self,
        PatternRule.self,
        OccurrenceRule.self,
        RequiredSectionRule.self,
        SectionOrderRule.self,
        FAQRule.self,
        MetadataRule.self,
        LinksRule.self,
        LengthRule.self,
        ReadabilityRule.self,
        AssessmentRule.self,
        ExistenceRule.self,
        SubstitutionRule.self,
        RepetitionRule.self,
        ConsistencyRule.self,
        ConditionalRule.self,
        CapitalizationRule.self,
        MetricRule.self,
        UniqueRule.self,
        InternalLinksRule.self,
        OrphansRule.self,
        ParseRule.self,
        SpellingRule.self,
    ]

    public static func named(_ name: String) -> (any RuleKind.Type)? {
        all.first { $0.name == name }
    }
}
