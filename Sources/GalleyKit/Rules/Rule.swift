/// A check that looks at a `Document` and reports findings. Rules know nothing of file formats.
public protocol Rule: Sendable {
    var definition: RuleDefinition { get }
    func check(_ document: Document, context: RuleContext) -> [Finding]
}

/// What every rule has, whatever its kind: the fields common to all entries of a rule set.
public struct RuleDefinition: Sendable, Hashable {
    public var id: String
    public var kind: String
    public var severity: Severity
    /// Message template; `{placeholders}` are filled from the finding.
    public var message: String?
    public var description: String
    /// Rule set name and the file the rule came from (`<bundled>` for built-in sets).
    public var ruleSet: String
    public var origin: String
    public var location: SourceLocation
    /// The languages the rule is for (`languages:` of the rule or its rule set); nil: every language.
    public var languages: [LanguageTag]?
    /// Which articles the configuration gives this version of the rule (see `LanguageScope`).
    public var languageScope = LanguageScope.all

    public init(id: String, kind: String, severity: Severity, message: String? = nil, description: String = "",
                ruleSet: String = "", origin: String = "", location: SourceLocation = SourceLocation(line: 1, column: 1),
                languages: [LanguageTag]? = nil) {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.message = message
        self.description = description
        self.ruleSet = ruleSet
        self.origin = origin
        self.location = location
        self.languages = languages
    }

    /// Whether the rule runs on an article in `language`: one of its languages (`de` covers
    /// `de-AT`), and in the configuration's scope.
    public func applies(to language: LanguageTag) -> Bool {
        if let languages, !languages.contains(where: { language.matches($0) }) { return false }
        return languageScope.includes(language)
    }
}

/// Where the configuration's per-language settings (`languages:` in `.galley.yml`) send a rule:
/// the version of a rule changed for Spanish runs only on Spanish articles, and the unchanged
/// version on every other language.
public enum LanguageScope: Sendable, Hashable {
    case all
    case only(LanguageTag)
    case except([LanguageTag])

    public func includes(_ language: LanguageTag) -> Bool {
        switch self {
        case .all: return true
        case .only(let tag): return language.matches(tag)
        case .except(let tags): return !tags.contains { language.matches($0) }
        }
    }
}

/// One problem a rule found, before the engine adds path, rule and severity.
public struct Finding: Sendable, Hashable {
    public var range: SourceRange
    /// The default message, used when the rule has no message template.
    public var message: String
    /// Values for the message template: `{match}`, `{suggestion}`, `{count}`...
    public var values: [String: String]
    public var matchedText: String?
    public var suggestion: String?
    /// Replacements, best first, when a rule has several (spelling); `suggestion` is the first.
    public var suggestions: [String]
    /// The finding is about the rule itself (its pattern gave up), so its message template does not apply.
    public var isAboutTheRule = false
    /// Set for a finding about the whole article rather than a piece of it (see `aboutDocument`).
    public var subject: String?
    /// Ways to resolve it by editing the text, best first (see `RuleContext.replacementFix`).
    public var fixes: [Fix] = []
    /// The most severe the finding may be reported, whatever the rule's severity (a reader's
    /// problem it judged to be a note stays a note).
    public var maximumSeverity: Severity?
}

// In an extension, so that the struct keeps its implicit memberwise initializer for hot paths
// (`ValeRule.valeCheck`): a finding built by this one is copied and destroyed once more on its
// way into an array (the optimizer does not forward a `self` built field by field).
extension Finding {
    public init(range: SourceRange, message: String, values: [String: String] = [:], matchedText: String? = nil, suggestion: String? = nil,
                suggestions: [String] = []) {
        self.range = range
        self.message = message
        self.values = values
        self.matchedText = matchedText
        self.suggestion = suggestion
        self.suggestions = suggestions
    }

    /// A finding about the whole article, usually something missing from it ("no FAQ block",
    /// "no 'description'"). It is shown at the article's first content, but identified by
    /// `subject` alone: editing that first line must not make it a new finding in a baseline.
    public static func aboutDocument(_ document: Document, subject: String, message: String, values: [String: String] = [:]) -> Finding {
        var finding = Finding(range: SourceRange(at: document.blocks.first?.range.start ?? 0), message: message, values: values)
        finding.subject = subject
        return finding
    }
}

/// A rule whose terms join the shared one-pass matcher.
public protocol TermRule: Rule {
    var terms: [TermSpec] { get }
}

extension Rule {
    public var id: String { definition.id }
    public var severity: Severity { definition.severity }

    /// The message of `finding` with the rule's template applied.
    func message(for finding: Finding) -> String {
        guard let template = definition.message, !finding.isAboutTheRule else { return finding.message }
        return MessageTemplate.render(template, values: finding.values.merging(["message": finding.message]) { current, _ in current })
    }
}

enum MessageTemplate {
    /// Replaces `{name}` with `values[name]`; unknown names stay as written.
    static func render(_ template: String, values: [String: String]) -> String {
        var output = ""
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "{", let close = template[index...].firstIndex(of: "}") {
                let name = String(template[template.index(after: index)..<close])
                if let value = values[name] {
                    output += value
                    index = template.index(after: close)
                    continue
                }
            }
            output.append(character)
            index = template.index(after: index)
        }
        return output
    }
}
