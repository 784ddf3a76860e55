/// Documentation of the rule kinds, rendered from the kinds themselves: `galley explain` prints
/// it and docs/rules.md is generated from it, so both show the same examples the tests run.
public enum RuleDocumentation {
    /// Plain text for a terminal.
    public static func text(for kind: any RuleKind.Type) -> String {
        var lines = ["kind: \(kind.name)", "", kind.summary, "", "options:"]
        let width = (kind.options.map(\.key.count).max() ?? 0) + 2
        for option in kind.options { lines.append("  \(option.key.padding(to: width))\(option.description)") }
        lines += ["", "fixes: \(kind.fixes ?? "nothing; galley fix leaves its findings to you")"]
        for example in kind.examples {
            lines += ["", "example: \(example.title)", "  rule:", "    kind: \(kind.name)"]
            lines += example.options.split(separator: "\n").map { "    \($0)" }
            if !example.site.isEmpty {
                lines.append("  site (.galley.yml):")
                lines += example.site.split(separator: "\n").map { "    \($0)" }
            }
            for (path, text) in articles(of: example) {
                lines.append(path.map { "  article \($0):" } ?? "  article:")
                lines += indented(text)
            }
            lines.append("  reports: \(example.expected.isEmpty ? "nothing" : example.expected.joined(separator: ", "))")
            if let fixed = example.fixed {
                if fixed == example.article {
                    lines.append("  galley fix: changes nothing")
                } else {
                    lines.append("  galley fix makes it:")
                    lines += indented(fixed)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The example's articles: one without a path, or a library example's, each with its path.
    private static func articles(of example: RuleExample) -> [(path: String?, text: String)] {
        example.articles.isEmpty ? [(nil, example.article)] : example.articles.map { ($0.path, $0.text) }
    }

    /// A configured rule: where it is defined, what it is for, its message, and its kind's
    /// documentation (what `galley explain RULE` prints, and the language server's hover).
    public static func text(forRule definition: RuleDefinition) -> String? {
        guard let kind = RuleKinds.named(definition.kind) else { return nil }
        var text = "rule: \(definition.id) (\(definition.severity.rawValue))\n"
        text += "defined at: \(definition.origin):\(definition.location.line) in rule set '\(definition.ruleSet)'\n"
        if !definition.description.isEmpty { text += "\n\(definition.description)\n" }
        if let message = definition.message { text += "\nmessage: \(message)\n" }
        return text + "\n" + RuleDocumentation.text(for: kind)
    }

    private static func indented(_ article: String) -> [String] {
        article.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.isEmpty ? "" : "    \($0)" }
    }

    /// docs/rules.md.
    public static func markdown() -> String {
        var out = header
        out += "\n## Scopes\n\nText rules take `scope:`, a list of these names:\n\n| scope | reads |\n|---|---|\n"
        for scope in Scope.names { out += "| `\(scope.name)` | \(scope.description) |\n" }
        out += "\n## Kinds\n\n"
        for kind in RuleKinds.all { out += "- [`\(kind.name)`](#\(kind.name)): \(kind.summary)\(kind.fixes == nil ? "" : " *Fixable.*")\n" }
        for kind in RuleKinds.all {
            out += "\n### \(kind.name)\n\n\(kind.summary)\n\n"
            out += kind.fixes.map { "**`galley fix`** \($0)\n\n" } ?? "`galley fix` does not change its findings.\n\n"
            out += "| option | meaning |\n|---|---|\n"
            for option in kind.options { out += "| `\(option.key)` | \(option.description.replacingOccurrences("|", "\\|")) |\n" }
            for example in kind.examples {
                out += "\n**\(example.title)**\n\n```yaml\n- id: example\n  kind: \(kind.name)\n  severity: warning\n"
                for line in example.options.split(separator: "\n") { out += "  \(line)\n" }
                out += "```\n\n"
                if !example.site.isEmpty {
                    out += "With, in `.galley.yml`:\n\n```yaml\nsite:\n"
                    for line in example.site.split(separator: "\n") { out += "  \(line)\n" }
                    out += "```\n\n"
                }
                for (path, text) in articles(of: example) {
                    if let path { out += "`\(path)`:\n\n" }
                    out += "```markdown\n\(text)```\n\n"
                }
                out += example.expected.isEmpty ? "Reports nothing.\n" : "Reports at \(example.expected.map { "`\($0)`" }.joined(separator: ", ")).\n"
                if let fixed = example.fixed {
                    out += fixed == example.article ? "`galley fix` changes nothing.\n" : "\n`galley fix` makes it:\n\n```markdown\n\(fixed)```\n"
                }
            }
        }
        return out
    }

    static let header = """
    # Rules

    <!-- Generated from the rule kinds in Sources/GalleyKit/Rules/Kinds by `galley explain --markdown`;
         the test suite fails when this file and the code differ. -->

    A rule set is a YAML file: a name, a description, and a list of rules. Galley ships one,
    `house-style` (Rules/house-style.yml), and `.galley.yml` can add your own (see
    [configuration.md](configuration.md)).

    ```yaml
    name: tone
    description: Words our editors do not want to read.
    languages: [en]                   # optional: the set is for English articles only
    rules:
      - id: tone-hype                 # unique; letters, digits, - _ .
        kind: words                   # one of the kinds below
        severity: error               # error, warning (the default) or note
        message: "'{match}' is hype"  # optional; {placeholders} come from the finding
        description: Why the rule exists, shown by galley explain and in SARIF reports.
        languages: [en, en-GB]        # optional; overrides the set's; en covers en-US, en-GB...
        scope: [paragraphs, list-items]   # optional, for text rules
        terms: [game-changer, revolutionary]   # options of the kind
    ```

    `languages` limits a rule, or every rule of a set, to articles in those languages (the
    article's `lang`, or its configured language; English when nothing says). A word list in
    English has nothing to say about a Spanish article, so the bundled house style marks its word
    lists `languages: [en]`. Readability formulas and the passive-voice and transition-word
    assessments know their own languages and never run on another (see
    [readability.md](readability.md)).

    Most kinds check one article at a time, while Galley reads it. Three kinds are **library
    rules**: `unique`, `internal-links` and `orphans` compare articles with each other, so they
    run once every article has been read, over the few facts Galley keeps of each (title,
    description, H1, FAQ questions, headings and their ids, links); see
    [library.md](library.md) for how a run, a shard and a run over changed files use them, and
    `site:` in [configuration.md](configuration.md) for how links map to files.

    Everything is checked when the rule set loads: unknown keys (with a suggestion), wrong
    types, bad regular expressions, unknown kinds, duplicate ids. Each problem is reported as
    `file:line:column: error: …` and Galley exits with status 2 without linting anything;
    `galley check-config` runs just this check.

    Message placeholders: `{match}` (the text found), `{term}` (the listed term it matched),
    `{suggestion}` (substitute, spelling), `{suggestions}` and `{dictionary}` (spelling), `{count}`,
    `{min}`, `{max}`, `{field}`, `{heading}`, `{question}`, `{level}`, and `{message}` (the
    default message). A placeholder a finding does not have stays as written.

    """
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
