import PCRE

/// `kind: metadata`: one metadata field: present, typed, of the right length, from allowed values.
struct MetadataRule: Rule, RuleKind {
    static let name = "metadata"
    static let summary = "Checks one metadata field (front matter key, <title>/<meta>, DocBook info): presence, type, length, items, values."
    static let options: [(key: String, description: String)] = [
        ("field", "the field: title, description, categories, date, author, or any key"),
        ("aliases", "other keys that stand for the field when it is absent (categories: category, keywords, tags by default)"),
        ("required", "the field must be present and not empty"),
        ("type", "string, list, number, boolean or date (YYYY-MM-DD, optionally with a time)"),
        ("min-length", "the fewest characters of a string (or of each list item)"),
        ("max-length", "the most characters of a string (or of each list item)"),
        ("min-items", "the fewest items of a list (a single value counts as one)"),
        ("max-items", "the most items of a list"),
        ("allowed", "the values a string (or each list item) may take"),
        ("pattern", "a regular expression a string (or each list item) must match"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("A required field is missing", options: "field: description\nrequired: true",
                    article: "---\ntitle: A title\n---\n\n# A title\n", expected: ["1:1"]),
        RuleExample("Too long", options: "field: title\nmax-length: 10",
                    article: "---\ntitle: A title that is far too long\n---\n\n# Title\n", expected: ["2:8"]),
        RuleExample("Keywords stand in for categories", options: "field: categories\nrequired: true\nmin-items: 1",
                    article: "---\nkeywords: [Health]\n---\n\n# Title\n", expected: []),
        RuleExample("Allowed values", options: "field: categories\nallowed: [Health, Money]",
                    article: "---\ncategories: [Health, Gardening]\n---\n\n# Title\n", expected: ["2:22"]),
        RuleExample("Dates", options: "field: date\ntype: date",
                    article: "---\ndate: last Tuesday\n---\n\n# Title\n", expected: ["2:7"]),
    ]

    static let defaultAliases: [String: [String]] = [
        "categories": ["category", "keywords", "tags"],
        "tags": ["keywords"],
        "description": ["summary", "excerpt"],
        "author": ["authors", "byline"],
        "date": ["pubdate", "published", "article:published_time"],
    ]

    enum ValueType: String, CaseIterable, Sendable { case string, list, number, boolean, date }

    let definition: RuleDefinition
    var field = ""
    var aliases: [String] = []
    var required = false
    var type: ValueType?
    var minLength: Int?
    var maxLength: Int?
    var minItems: Int?
    var maxItems: Int?
    var allowed: Set<String>?
    var pattern: PCREPattern?

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        guard let field = options.string("field", required: true) else { return nil }
        var rule = MetadataRule(definition: definition, field: field)
        rule.aliases = options.strings("aliases")?.map(\.0) ?? defaultAliases[field.lowercased()] ?? []
        rule.required = options.bool("required") ?? false
        rule.type = options.choice("type", ValueType.allCases.map(\.rawValue)).flatMap(ValueType.init(rawValue:))
        (rule.minLength, rule.maxLength) = options.bounds("min-length", "max-length", range: 0...1_000_000)
        (rule.minItems, rule.maxItems) = options.bounds("min-items", "max-items", range: 0...100_000)
        rule.allowed = options.strings("allowed").map { Set($0.map(\.0)) }
        if let source = options.string("pattern"), let node = options.node["pattern"] {
            rule.pattern = PatternRule.compile(source, ignoreCase: false, at: node, options: &options)
        }
        return rule
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        let found = ([field] + aliases).lazy.compactMap { document.metadata[$0] }.first
        guard let found, !isEmpty(found.value) else {
            guard required else { return [] }
            let message = found == nil ? "the article has no '\(field)'" : "'\(field)' is empty"
            var finding = Finding(range: SourceRange(at: found?.offset ?? 0), message: message, values: ["field": field])
            // About the article's metadata as a whole: identified by the field, not by a line's text.
            finding.subject = (found == nil ? "no-field:" : "empty-field:") + field.lowercased()
            return [finding]
        }
        var findings: [Finding] = []
        let value = found.value
        if let type, !has(type, value) {
            findings.append(Finding(range: range(of: value, fallback: found.offset), message: "'\(field)' should be a \(type.rawValue), not a \(value.typeName)",
                                    values: ["field": field, "type": type.rawValue]))
        }
        let items = value.items
        if let minItems, items.count < minItems {
            findings.append(Finding(range: range(of: value, fallback: found.offset), message: "'\(field)' has \(Plural.count(items.count, "item")); at least \(minItems)",
                                    values: ["field": field, "count": String(items.count)]))
        }
        if let maxItems, items.count > maxItems {
            findings.append(Finding(range: range(of: items[maxItems], fallback: found.offset), message: "'\(field)' has \(Plural.count(items.count, "item")); at most \(maxItems)",
                                    values: ["field": field, "count": String(items.count)]))
        }
        for item in items {
            guard let text = item.text else { continue }
            let itemRange = range(of: item, fallback: found.offset)
            let length = text.count
            if let minLength, length < minLength {
                findings.append(Finding(range: itemRange, message: "'\(field)' is \(Plural.count(length, "character")); at least \(minLength)",
                                        values: ["field": field, "length": String(length)], matchedText: text))
            }
            if let maxLength, length > maxLength {
                findings.append(Finding(range: itemRange, message: "'\(field)' is \(Plural.count(length, "character")); at most \(maxLength)",
                                        values: ["field": field, "length": String(length)], matchedText: text))
            }
            if let allowed, !allowed.contains(text) {
                findings.append(Finding(range: itemRange, message: "'\(text)' is not an allowed \(field)\(Spelling.suggestion(for: text, among: allowed.sorted()))",
                                        values: ["field": field, "match": text], matchedText: text))
            }
            if let pattern, pattern.firstMatch(in: text) == nil {
                findings.append(Finding(range: itemRange, message: "'\(field)' value '\(text)' does not match \(pattern.pattern)",
                                        values: ["field": field, "match": text], matchedText: text))
            }
        }
        return findings
    }

    private func isEmpty(_ value: MetadataValue) -> Bool {
        switch value {
        case .null: return true
        case .string(let run): return run.text.allSatisfy(\.isWhitespace)
        case .list(let items): return items.isEmpty
        case .map(let fields): return fields.isEmpty
        default: return false
        }
    }

    private func has(_ type: ValueType, _ value: MetadataValue) -> Bool {
        switch (type, value) {
        case (.string, .string), (.list, .list), (.number, .number), (.boolean, .bool): return true
        case (.date, .string(let run)): return Self.isDate(run.text)
        default: return false
        }
    }

    /// ISO 8601 calendar dates, optionally with a time: 2024-05-01, 2024-05-01T10:00:00Z.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10 else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digits.allSatisfy({ bytes[$0] >= 48 && bytes[$0] <= 57 }), bytes[4] == 45, bytes[7] == 45 else { return false }
        let month = Int(bytes[5] - 48) * 10 + Int(bytes[6] - 48)
        let day = Int(bytes[8] - 48) * 10 + Int(bytes[9] - 48)
        guard (1...12).contains(month), (1...31).contains(day) else { return false }
        return bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ")
    }

    private func range(of value: MetadataValue, fallback: Int) -> SourceRange {
        switch value {
        case .string(let run): return run.sourceRange
        default: return SourceRange(at: value.offset == 0 ? fallback : value.offset)
        }
    }
}
