/// What a report says about each rule that can appear in it: the configured rules, then the
/// checks the readers make themselves (`parse-error`, `encoding`...).
public struct RuleCatalog: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var severity: Severity
        /// One sentence.
        public var shortDescription: String
        /// What the rule checks and why.
        public var fullDescription: String
        /// How to act on a finding.
        public var help: String
        /// Where the rule's kind is documented, for configured rules.
        public var helpURI: String?
        public var ruleSet: String?
    }

    public private(set) var entries: [Entry] = []
    private var indexByID: [String: Int] = [:]

    public init(definitions: [RuleDefinition]) {
        for definition in definitions { insert(Self.entry(for: definition)) }
        for kind in Self.readerKinds { insert(Self.entry(for: kind)) }
    }

    public func index(of id: String) -> Int? { indexByID[id] }

    private mutating func insert(_ entry: Entry) {
        guard indexByID[entry.id] == nil else { return }
        indexByID[entry.id] = entries.count
        entries.append(entry)
    }

    private static func entry(for definition: RuleDefinition) -> Entry {
        let kind = RuleKinds.named(definition.kind)
        let kindSummary = kind?.summary ?? ""
        let short = definition.description.isEmpty ? (kindSummary.isEmpty ? definition.id : kindSummary) : definition.description
        let full = [definition.description, kindSummary].filter { !$0.isEmpty }.joined(separator: " ")
        let source = definition.ruleSet.isEmpty ? "" : " from the rule set '\(definition.ruleSet)'"
        let help = "\(short) This is the rule '\(definition.id)' (kind '\(definition.kind)')\(source). "
            + "Fix the text it points at, or re-grade or switch off the rule in .galley.yml (rules: {\(definition.id): off})."
        return Entry(id: definition.id, severity: definition.severity, shortDescription: short,
                     fullDescription: full.isEmpty ? short : full, help: help,
                     helpURI: kind.map { Galley.informationURI + "/blob/main/docs/rules.md#" + $0.name },
                     ruleSet: definition.ruleSet.isEmpty ? nil : definition.ruleSet)
    }

    static let readerKinds: [ReadIssue.Kind] = [.parse, .encoding, .entity, .frontMatter, .language, .skipped]

    private static func entry(for kind: ReadIssue.Kind) -> Entry {
        let short: String, full: String, help: String, severity: Severity
        switch kind {
        case .parse:
            severity = .error
            short = "The file could not be parsed cleanly."
            full = "The reader met markup it could not parse (an unclosed code fence, mismatched tags, XML that is not well-formed) and checked whatever it could read."
            help = "Fix the markup at the reported position; findings after it may be missing or misplaced until then."
        case .encoding:
            severity = .warning
            short = "The file is not clean UTF-8."
            full = "Invalid UTF-8 bytes were replaced with U+FFFD, or the file is UTF-16 and was converted."
            help = "Save the file as UTF-8."
        case .entity:
            severity = .warning
            short = "The document declares an external entity."
            full = "Galley never loads external entities or DTDs, so the text they would add is not checked."
            help = "Inline the entity's text, or accept that it is not linted."
        case .frontMatter:
            severity = .error
            short = "The front matter could not be read."
            full = "The YAML front matter between the '---' lines is malformed, so the article's metadata is missing."
            help = "Fix the YAML at the reported position."
        case .language:
            severity = .warning
            short = "The article declares a language Galley cannot read."
            full = "A lang, language or locale key, or a lang attribute, is not a BCP 47 language tag, so the article is read in its configured or default language."
            help = "Write a language tag: en, de-AT, pt-BR, zh-Hans."
        case .skipped:
            severity = .warning
            short = "The file was not linted."
            full = "The file could not be read, is larger than --max-file-size, or looks binary."
            help = "Check the file, or raise --max-file-size."
        }
        return Entry(id: kind.rawValue, severity: severity, shortDescription: short, fullDescription: full, help: help, helpURI: nil, ruleSet: nil)
    }
}
