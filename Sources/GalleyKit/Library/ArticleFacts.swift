/// The little an article tells the rest of the library: what library rules (duplicate titles,
/// broken links, orphans) need from it once its `Document` is gone. The engine takes them from
/// the document while linting it (`FactsExtractor`); a run keeps them for every article, a shard
/// writes them to a facts file, and the cache keeps them between runs.
public struct ArticleFacts: Sendable, Hashable {
    public var path: String
    public var format: DocumentFormat
    /// The `title` metadata (the first H1 when no title is declared) and the `description`.
    public var title: FactText?
    public var description: FactText?
    /// Other metadata fields library rules or the site options asked for (`unique` on `author`,
    /// `permalink`), each with its values (one per list item).
    public var fields: [FieldFact] = []
    /// The first level-1 heading.
    public var h1: FactText?
    public var faqQuestions: [FactText] = []
    /// Every heading, in order: what a `#fragment` link can land on.
    public var headings: [HeadingFact] = []
    /// Explicit ids that are not a heading's (`<a name>`, `<section id>`, raw HTML in Markdown).
    public var anchors: [String] = []
    /// Labels of Markdown footnote definitions (`[^note]: …`), which generators give ids.
    public var footnotes: [String] = []
    /// Links and image sources, in order, as written.
    public var links: [LinkFact] = []
    /// Inline suppressions a library finding could meet (see `SuppressionFact`).
    public var suppressions: [SuppressionFact] = []
    /// Where a finding about the whole article is shown: its first content.
    public var start = FactPosition()

    public init(path: String, format: DocumentFormat) {
        self.path = path
        self.format = format
    }

    public func field(_ name: String) -> FieldFact? {
        let wanted = name.lowercased()
        return fields.first { $0.name == wanted }
    }

    /// Parts of the facts a library pass may ask for alone (see `FactsStore.facts(_:sections:)`).
    public struct Sections: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The metadata fields (which may set the article's URL).
        public static let fields = Sections(rawValue: 1)
        /// Headings, explicit ids and footnote labels.
        public static let anchors = Sections(rawValue: 2)
        public static let links = Sections(rawValue: 4)
        public static let start = Sections(rawValue: 8)
    }

    /// Headings get ids from the site's generator when the article is Markdown (or a YAML
    /// article, whose body is); HTML and XML pages keep the ids they are written with.
    public var headingsGetGeneratedIDs: Bool { format != .html && format != .xml }
}

/// Some of what an article's facts hold about the article as a whole (see
/// `FactsStore.summary(_:parts:)`): the parts a rule asked for, the others left empty.
public struct FactsSummary: Sendable {
    public struct Parts: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let title = Parts(rawValue: 1)
        public static let description = Parts(rawValue: 2)
        public static let h1 = Parts(rawValue: 4)
        public static let fields = Parts(rawValue: 8)
        public static let faqQuestions = Parts(rawValue: 16)
    }

    public var title: FactText?
    public var description: FactText?
    public var h1: FactText?
    public var fields: [FieldFact] = []
    public var faqQuestions: [FactText] = []

    public init() {}

    public func field(_ name: String) -> FieldFact? {
        let wanted = name.lowercased()
        return fields.first { $0.name == wanted }
    }
}

/// A place in an article's source: lines and columns as every report prints them, byte offsets
/// for suppressions that compare positions.
public struct FactPosition: Sendable, Hashable {
    public var line: Int32 = 1
    public var column: Int32 = 1
    public var endLine: Int32 = 1
    public var endColumn: Int32 = 1
    public var offset: Int32 = 0
    public var endOffset: Int32 = 0

    public init() {}

    public init(_ span: SourceSpan, _ range: SourceRange) {
        line = Int32(clamping: span.start.line)
        column = Int32(clamping: span.start.column)
        endLine = Int32(clamping: span.end.line)
        endColumn = Int32(clamping: span.end.column)
        offset = Int32(clamping: range.start)
        endOffset = Int32(clamping: range.end)
    }

    public var span: SourceSpan {
        SourceSpan(start: SourceLocation(line: Int(line), column: Int(column)), end: SourceLocation(line: Int(endLine), column: Int(endColumn)))
    }

    public var range: SourceRange { SourceRange(start: Int(offset), end: Int(max(offset, endOffset))) }
}

public struct FactText: Sendable, Hashable {
    public var text: String
    public var position: FactPosition

    public init(_ text: String, at position: FactPosition) {
        self.text = text
        self.position = position
    }
}

public struct FieldFact: Sendable, Hashable {
    /// Lower case, as asked for.
    public var name: String
    public var values: [FactText]

    public init(name: String, values: [FactText]) {
        self.name = name
        self.values = values
    }
}

public struct HeadingFact: Sendable, Hashable {
    public var level: Int
    /// A Markdown heading's text as written between its markers (`## ` and any closing `#`s,
    /// or a setext heading's lines), from which each generator makes its id its own way; empty
    /// for HTML and XML pages.
    public var text: String
    /// The id the heading's markup gives it (`<h2 id>`, `xml:id`), which no generator changes.
    public var anchor: String?

    public init(level: Int, text: String, anchor: String? = nil) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

public struct LinkFact: Sendable, Hashable {
    public var url: String
    public var position: FactPosition
    /// An image source rather than a link: it must exist, but has no anchors.
    public var isImage: Bool

    public init(url: String, at position: FactPosition, isImage: Bool = false) {
        self.url = url
        self.position = position
        self.isImage = isImage
    }
}

/// An inline suppression as a library rule needs it. The per-file phase applies every directive
/// to the article's own findings; directives naming a library rule (or every rule) also travel
/// with the facts, so the library phase can apply them to library findings, and say which
/// suppressed nothing once both phases have had their turn.
public struct SuppressionFact: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        case disable, enable, disableNextLine, disableLine
        /// Front matter `galley: {disable: [...]}`: the whole file.
        case fileWide
    }

    public var kind: Kind
    /// Library rule ids named (empty: every rule).
    public var ids: [String]
    /// The directive itself, where a note about it is shown.
    public var position: FactPosition
    /// The line the directive ends on (for `-next-line` and `-line`).
    public var endLine: Int32
    /// An every-rule directive that already suppressed a finding of the article's own rules:
    /// no note about it, whatever the library phase finds.
    public var usedByFile: Bool
    /// How the directive is named in a note ("galley-disable-next-line", "front matter 'galley: disable'").
    public var label: String

    public init(kind: Kind, ids: [String], position: FactPosition, endLine: Int32, usedByFile: Bool, label: String) {
        self.kind = kind
        self.ids = ids
        self.position = position
        self.endLine = endLine
        self.usedByFile = usedByFile
        self.label = label
    }
}
