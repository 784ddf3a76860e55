/// One change to an article's text: replace `range` with `replacement`.
///
/// `range` is in the normalized bytes every `Document` offset points into; the edit reaches the
/// file's own bytes (its encoding, byte-order mark and line endings) through `SourceOrigin` only
/// when it is written. `span` and `byteColumns` say the same place for reports.
public struct TextEdit: Sendable, Hashable {
    public var range: SourceRange
    /// Start and end line and column (code points), the end being the character after the range.
    public var span: SourceSpan
    /// 1-based UTF-8 byte columns of the start and the end, for formats that count bytes.
    public var byteColumns: ByteColumns
    /// The new text, already escaped for the place it goes (entities in HTML, `\*` in Markdown).
    public var replacement: String

    public init(range: SourceRange, span: SourceSpan, byteColumns: ByteColumns, replacement: String) {
        self.range = range
        self.span = span
        self.byteColumns = byteColumns
        self.replacement = replacement
    }

    /// The edit at `range` of `source`, with its positions.
    public init(range: SourceRange, replacement: String, in source: SourceText) {
        self.init(range: range, span: source.span(range),
                  byteColumns: ByteColumns(start: source.byteColumn(of: range.start), end: source.byteColumn(of: range.end)),
                  replacement: replacement)
    }
}

/// 1-based UTF-8 byte columns of a span's start and end (on their own lines).
public struct ByteColumns: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// A way to resolve a finding: edits that belong together, applied all or none, and what they
/// do in words ("replace 'utilize' with 'use'"). A finding may offer several (a spelling
/// finding, one per suggestion); the first is the one `galley fix` applies, when it is
/// `automatic`.
public struct Fix: Sendable, Hashable {
    public var title: String
    public var edits: [TextEdit]
    /// Whether `galley fix` (and an editor's "fix all") may apply it unasked. A fix that is one
    /// guess among several (a spelling suggestion) is offered to a person instead: as an editor's
    /// quick fix, and in JSON and SARIF.
    public var automatic: Bool

    public init(title: String, edits: [TextEdit], automatic: Bool = true) {
        self.title = title
        self.edits = edits
        self.automatic = automatic
    }
}
