import PCRE
import YAMLParser

/// `kind: pattern`: a regular expression (PCRE2, compiled once with JIT) for anything else.
struct PatternRule: Rule, RuleKind {
    static let name = "pattern"
    static let summary = "Reports every match of a PCRE2 regular expression in the chosen parts of the article."
    static let options: [(key: String, description: String)] = [
        ("pattern", "a PCRE2 regular expression (Perl syntax; \\b word boundaries, (?i) and so on)"),
        ("ignore-case", "match without regard to letter case (default: false)"),
        ("scope", "which parts of the article to read (default: all prose, title and description)"),
        ("whitespace", "'collapsed' (default): white space reads as the page shows it, each run (line breaks included) as one space; 'as-written': as the source writes it, so a pattern can check spacing (two spaces after a full stop, a line break)"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("Each match is reported", options: #"pattern: '\b(\w+) \1\b'"#,
                    article: "# Title\n\nThis is is a repeated word.\n", expected: ["3:6"]),
        RuleExample("Case can be ignored", options: "pattern: 'e\\.g\\. '\nignore-case: true",
                    article: "# Title\n\nSome tools, E.g. Galley, help.\n", expected: ["3:13"]),
        RuleExample("No match, no finding", options: #"pattern: '\s{2,}'"#,
                    article: "# Title\n\nSingle spaces only.\n", expected: []),
        RuleExample("White space as written: two spaces after a full stop", options: "pattern: '\\.  '\nwhitespace: as-written",
                    article: "# Title\n\nOne sentence.  Two spaces before this one.\n", expected: ["3:13"]),
        RuleExample("By default white space reads as rendered, one space", options: "pattern: '\\.  '",
                    article: "# Title\n\nOne sentence.  Two spaces before this one.\n", expected: []),
    ]

    let definition: RuleDefinition
    let pattern: PCREPattern
    let scope: Scope
    /// Match the source's white space instead of the collapsed text.
    var asWritten = false

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let ignoreCase = options.bool("ignore-case") ?? false
        let scope = options.scope()
        let asWritten = options.choice("whitespace", ["collapsed", "as-written"]) == "as-written"
        guard let source = options.string("pattern", required: true), let node = options.node["pattern"] else { return nil }
        guard let compiled = compile(source, ignoreCase: ignoreCase, at: node, options: &options) else { return nil }
        return PatternRule(definition: definition, pattern: compiled, scope: scope, asWritten: asWritten)
    }

    /// Compiles `source`, reporting a bad pattern at the character where PCRE2 gave up.
    static func compile(_ source: String, ignoreCase: Bool, at node: YAMLNode, options: inout OptionReader) -> PCREPattern? {
        do {
            return try PCREPattern(source, options: ignoreCase ? .caseInsensitive : [])
        } catch {
            let character = String(decoding: Array(source.utf8).prefix(error.offset), as: UTF8.self).count
            let file = options.file(of: node)
            var location = file.location(node.start)
            if case .scalar(_, let style) = node.content, node.start.line == node.end.line {
                location.column += character + (style == .plain ? 0 : 1)
            }
            options.report(ConfigError(path: file.path, location: location,
                                       message: "invalid regular expression: \(error.message) (at character \(character + 1) of the pattern)"))
            return nil
        }
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for index in context.units(in: scope) {
            let read = context.units[index].text
            let text = asWritten ? read.withSourceWhitespace(in: document.source.bytes) : read
            let scan = pattern.scan(text.text)
            for range in scan.ranges where !range.isEmpty {
                let match = text.substring(range)
                findings.append(Finding(range: text.sourceRange(ofTextRange: range), message: "'\(match)' matches \(pattern.pattern)",
                                        values: ["match": match], matchedText: match))
            }
            if scan.gaveUp {
                // Said once, and the rest of the article is not tried: a pattern that backtracks
                // this much on one paragraph would on every other one too.
                findings.append(Self.gaveUp(pattern, in: text, so: "the rest of the file is not checked with it"))
                break
            }
        }
        return findings
    }

    /// A finding about the rule: PCRE2 hit its match limit (`PCREPattern.matchLimit`) on `text`.
    static func gaveUp(_ pattern: PCREPattern, in text: TextRun, so consequence: String) -> Finding {
        var finding = Finding(range: text.sourceRange, message: "the pattern \(pattern.pattern) gave up here (too much backtracking); \(consequence)")
        finding.isAboutTheRule = true
        return finding
    }
}
