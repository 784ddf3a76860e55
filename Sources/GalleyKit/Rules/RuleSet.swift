import YAMLParser

/// A named list of rules loaded from one YAML file.
public struct RuleSet: Sendable {
    public var name: String
    public var description: String
    public var path: String
    public var rules: [any Rule]
}

/// Loads and validates rule set YAML, collecting every problem with its position.
public enum RuleSetLoader {
    static let commonKeys: Set<String> = ["id", "kind", "severity", "message", "description"]

    public static func load(path: String, bytes: [UInt8], displayPath: String? = nil) -> Result<RuleSet, ConfigErrors> {
        let file = YAMLFile(path: displayPath ?? path, source: SourceText(decoding: bytes))
        let stream: YAMLStream
        do {
            stream = try YAMLParser.parse(file.source.bytes)
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
        var rules: [any Rule] = []
        var seen: [String: SourceLocation] = [:]
        if let list = reader.node("rules") {
            if let items = list.items {
                for item in items {
                    guard let rule = loadRule(item, file: file, ruleSet: name, errors: &errors) else { continue }
                    if let first = seen[rule.id] {
                        errors.append(file.error("duplicate rule id '\(rule.id)' (first defined at \(first))", at: item["id"] ?? item))
                        continue
                    }
                    seen[rule.id] = rule.definition.location
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
        return .success(RuleSet(name: name, description: description, path: file.path, rules: rules))
    }

    private static func loadRule(_ node: YAMLNode, file: YAMLFile, ruleSet: String, errors: inout [ConfigError]) -> (any Rule)? {
        var options = OptionReader(file: file, node: node)
        guard node.pairs != nil else {
            errors += options.finish()
            return nil
        }
        let id = options.string("id", required: true)
        let kindName = options.string("kind", required: true)
        let severity = options.choice("severity", Severity.allCases.map(\.rawValue)).flatMap(Severity.init(rawValue:))
        let message = options.string("message")
        let description = options.string("description") ?? ""
        if let id, !isValidID(id), let idNode = node["id"] {
            options.report("rule id '\(id)' may only use letters, digits, '-', '_' and '.'", at: idNode)
        }
        guard let id, let kindName else {
            errors += options.finish(allowing: allKeys(of: node))
            return nil
        }
        guard let kind = RuleKinds.named(kindName) else {
            let known = RuleKinds.all.map { $0.name }
            options.report("unknown rule kind '\(kindName)'\(OptionReader.suggestion(for: kindName, among: known)); kinds are: \(known.joined(separator: ", "))",
                           at: node["kind"]!)
            errors += options.finish(allowing: allKeys(of: node))
            return nil
        }
        let definition = RuleDefinition(
            id: id, kind: kindName, severity: severity ?? .warning, message: message, description: description,
            ruleSet: ruleSet, origin: file.path, location: file.location(node.start))
        let rule = kind.make(definition, options: &options)
        errors += options.finish()
        return rule
    }

    private static func allKeys(of node: YAMLNode) -> Set<String> {
        Set(node.pairs?.compactMap { $0.key.scalar } ?? [])
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { SourceAligner.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }
}
