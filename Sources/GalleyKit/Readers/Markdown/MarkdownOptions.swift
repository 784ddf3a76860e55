import PCRE

/// How the Markdown reader reads a file: which template languages are not prose, the user's own
/// patterns for text that is not prose, and whether the site renders the front matter title as
/// the page's H1. Built from configuration; the defaults detect template syntax and read
/// everything else.
public struct MarkdownOptions: Sendable {
    /// Template languages whose syntax is taken out of the prose; nil: those the file shows.
    public var templates: Set<TemplateLanguage>?
    /// Inline spans that are not prose (Vale calls these TokenIgnores), as PCRE2 patterns.
    public var tokenIgnores: [PCREPattern]
    /// Whole blocks that are not prose (Vale's BlockIgnores), as PCRE2 patterns matched over the
    /// whole file (`(?s)` lets `.` cross lines).
    public var blockIgnores: [PCREPattern]
    /// The site renders the front matter `title` as the page's H1 (markdownlint's
    /// `front_matter_title`): when the body has no H1, the title counts as one.
    public var frontMatterTitleIsH1: Bool

    public init(templates: Set<TemplateLanguage>? = nil, tokenIgnores: [PCREPattern] = [], blockIgnores: [PCREPattern] = [],
                frontMatterTitleIsH1: Bool = false) {
        self.templates = templates
        self.tokenIgnores = tokenIgnores
        self.blockIgnores = blockIgnores
        self.frontMatterTitleIsH1 = frontMatterTitleIsH1
    }

    public static let `default` = MarkdownOptions()
}
