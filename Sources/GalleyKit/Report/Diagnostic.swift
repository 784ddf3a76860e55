public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding: where, how bad, what, and which rule said so.
public struct Diagnostic: Sendable, Hashable {
    public var path: String
    public var range: SourceRange
    public var span: SourceSpan
    public var severity: Severity
    public var message: String
    public var ruleID: String
    public var ruleSet: String?
    /// The offending text, when the finding is about a piece of text.
    public var matchedText: String?
    public var suggestion: String?
    /// Every replacement the rule offers, best first (`suggestion` is the first); what a fix or
    /// a code action chooses from.
    public var suggestions: [String]
    /// Identity of the finding that survives edits elsewhere in the file (see `Fingerprint`);
    /// set by the linter, which has the source.
    public var fingerprint: String?
    /// The text of the line the finding starts on, for reporters that show it.
    public var sourceLine: String?
    /// What a finding about the whole article is about (a missing section, field or FAQ): its
    /// identity, where other findings are identified by the text they point at.
    public var subject: String?
    /// Edits that resolve the finding, best first; `galley fix` applies the first.
    public var fixes: [Fix] = []
    /// 1-based UTF-8 byte columns of the start and the end; set by the engine, which has the source.
    public var byteColumns: ByteColumns?
}

// The initializer is declared in an extension so that the struct keeps its implicit memberwise
// one: built with it, a diagnostic is made in place; a hand-written initializer (a `self` built
// field by field) left the optimizer a copy and a destroy of every diagnostic it returned.
extension Diagnostic {
    public init(path: String, range: SourceRange, span: SourceSpan, severity: Severity, message: String, ruleID: String,
                ruleSet: String? = nil, matchedText: String? = nil, suggestion: String? = nil, suggestions: [String] = []) {
        self.path = path
        self.range = range
        self.span = span
        self.severity = severity
        self.message = message
        self.ruleID = ruleID
        self.ruleSet = ruleSet
        self.matchedText = matchedText
        self.suggestion = suggestion
        self.suggestions = suggestions.isEmpty ? (suggestion.map { [$0] } ?? []) : suggestions
    }

    /// The fingerprint, or one from rule and path alone for findings about a whole file.
    public var stableFingerprint: String {
        fingerprint ?? Fingerprint.compute(ruleID: ruleID, path: path, text: "", context: "")
    }

    /// Compiler order: path, then line, then column, then rule.
    public static func sortedOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        if lhs.span.start != rhs.span.start { return lhs.span.start < rhs.span.start }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.message < rhs.message
    }
}
