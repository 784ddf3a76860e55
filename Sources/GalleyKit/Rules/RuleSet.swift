import YAMLParser

/// A named list of rules loaded from one YAML file.
public struct RuleSet: Sendable {
    public var name: String
    public var description: String
    public var path: String
    /// The languages the set is for (`languages:` at its top), when it says; each rule may say otherwise.
    public var languages: [LanguageTag]? = nil
    /// The rule entries as written, kept so configuration can rebuild a rule with other options.
    public var entries: [RuleEntry]
    /// The rules built from the entries as written.
    public var rules: [any Rule]
}

/// One rule as written in a rule set.
public struct RuleEntry: Sendable {
    public let id: String
    public let node: YAMLNode
    public let file: YAMLFile
    public let ruleSet: String
    /// The rule set's `languages:`, for rules that do not name their own.
    public var setLanguages: [LanguageTag]? = nil
}

/// Changes a configuration makes to a rule: switch it off, or change some of its options
/// (`severity`, `message`, kind options), merged into the rule's own as `OptionMerge` says.
/// Later changes win. Each value knows the file it was written in (`YAMLNode.source`).
public struct RuleOverride: Sendable {
    public var enabled: Bool?
    public var pairs: [YAMLPair]
    /// The rule id key the change was written under, for messages about the change as a whole.
    public var key: YAMLNode?

    public init(enabled: Bool? = nil, pairs: [YAMLPair] = [], key: YAMLNode? = nil) {
        self.enabled = enabled
        self.pairs = pairs
        self.key = key
    }

    public var isEmpty: Bool { enabled == nil && pairs.isEmpty }

    /// `self` with `later` applied on top.
    public func merged(with later: RuleOverride) -> RuleOverride {
        var result = self
        if let enabled = later.enabled { result.enabled = enabled }
        result.pairs = OptionMerge.merge(pairs, later.pairs, applyingToRule: false)
        if !later.pairs.isEmpty || result.key == nil { result.key = later.key }
        return result
    }
}

/// Loads and validates rule set YAML, collecting every problem with its position.
public enum RuleSetLoader {
    public static func load(path: String, bytes: [UInt8], displayPath: String? = nil) -> Result<RuleSet, ConfigErrors> {
        let file = YAMLFile(path: displayPath ?? path, source: SourceText(decoding: bytes))
        guard file.encodingErrors.isEmpty else { return .failure(ConfigErrors(file.encodingErrors)) }
        let stream: YAMLStream
        do {
            stream = try file.parse()
        } catch {
            return .failure(ConfigErrors([file.error(error.message, at: error.mark)]))
        }
        var errors = stream.warnings.map { file.error($0.message, at: $0.mark) }
        guard let root = stream.documents.first else {
            return .failure(ConfigErrors([ConfigError(path: file.path, location: SourceLocation(line: 1, column: 1), message: "the rule set is empty")]))
        }
        var reader = OptionReader(file: file, node: root)
        let name = reader.string("name", required: true) ?? ""
        let description = reader.string("description") ?? ""
        let setLanguages = languages(&reader)
        var entries: [RuleEntry] = []
        var rules: [any Rule] = []
        var seen: [String: SourceLocation] = [:]
        if let list = reader.node("rules") {
            if let items = list.items {
                for item in items {
                    guard let rule = build(item, file: file, ruleSet: name, setLanguages: setLanguages, override: nil, errors: &errors) else { continue }
                    if let first = seen[rule.id] {
                        errors.append(file.error("duplicate rule id '\(rule.id)' (first defined at \(first))", at: item["id"] ?? item))
                        continue
                    }
                    seen[rule.id] = rule.definition.location
                    entries.append(RuleEntry(id: rule.id, node: item, file: file, ruleSet: name, setLanguages: setLanguages))
                    rules.append(rule)
                }
            } else {
                reader.report("'rules' must be a list of rules, found \(OptionReader.describe(list))", at: list)
            }
        } else {
            reader.report("missing required key 'rules'", at: root)
        }
        errors += reader.finish()
        guard errors.isEmpty else { return .failure(ConfigErrors(errors.sorted { $0.location < $1.location })) }
        return .success(RuleSet(name: name, description: description, path: file.path, languages: setLanguages, entries: entries,
                                rules: ValeRuleBook.link(rules)))
    }

    /// `languages: [en, pt-BR]`: language tags, each checked; nil when the key is absent.
    static func languages(_ reader: inout OptionReader) -> [LanguageTag]? {
        guard let items = reader.strings("languages") else { return nil }
        var tags: [LanguageTag] = []
        for (text, node) in items {
            if let tag = LanguageTag(text) {
                tags.append(tag)
            } else {
                reader.report("'\(text)' is not a language tag (BCP 47: en, de-AT, pt-BR, zh-Hans)", at: node)
            }
        }
        return tags
    }

    /// Builds the rule of `entry` with `override` applied, for the articles `scope` gives it; nil
    /// when it is switched off or broken.
    public static func build(_ entry: RuleEntry, override: RuleOverride, scope: LanguageScope = .all, errors: inout [ConfigError]) -> (any Rule)? {
        if override.enabled == false { return nil }
        return build(entry.node, file: entry.file, ruleSet: entry.ruleSet, setLanguages: entry.setLanguages,
                     override: override.pairs.isEmpty ? nil : override, scope: scope, errors: &errors)
    }

    private static func build(_ node: YAMLNode, file: YAMLFile, ruleSet: String, setLanguages: [LanguageTag]?, override: RuleOverride?,
                              scope: LanguageScope = .all, errors: inout [ConfigError]) -> (any Rule)? {
        var effective = node
        if let override, let pairs = node.pairs {
            effective = YAMLNode(content: .mapping(OptionMerge.merge(pairs, override.pairs, applyingToRule: true)), tag: node.tag,
                                 start: node.start, end: node.end, source: node.source)
        }
        var options = OptionReader(file: file, node: effective)
        guard effective.pairs != nil else {
            errors += options.finish()
            return nil
        }
        let id = options.string("id", required: true)
        let kindName = options.string("kind", required: true)
        let severity = options.choice("severity", Severity.allCases.map(\.rawValue)).flatMap(Severity.init(rawValue:))
        let message = options.string("message")
        let description = options.string("description") ?? ""
        let ruleLanguages = languages(&options)
        if let id, !isValidID(id), let idNode = effective["id"] {
            options.report("rule id '\(id)' may only use letters, digits, '-', '_' and '.'", at: idNode)
        }
        guard let id, let kindName else {
            errors += options.finish(allowing: allKeys(of: effective))
            return nil
        }
        guard let kind = RuleKinds.named(kindName) else {
            let known = RuleKinds.all.map { $0.name }
            options.report("unknown rule kind '\(kindName)'\(OptionReader.suggestion(for: kindName, among: known)); kinds are: \(known.joined(separator: ", "))",
                           at: effective["kind"]!)
            errors += options.finish(allowing: allKeys(of: effective))
            return nil
        }
        var definition = RuleDefinition(
            id: id, kind: kindName, severity: severity ?? .warning, message: message, description: description,
            ruleSet: ruleSet, origin: file.path, location: file.location(node.start), languages: ruleLanguages ?? setLanguages)
        definition.languageScope = scope
        let rule = kind.make(definition, options: &options)
        let problems = options.finish()
        errors += problems
        return problems.isEmpty ? rule : nil
    }

    private static func allKeys(of node: YAMLNode) -> Set<String> {
        Set(node.pairs?.compactMap { $0.key.scalar } ?? [])
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { SourceAligner.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }
}
