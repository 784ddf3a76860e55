/// `kind: parse`: the problems the reader met in the markup (mismatched tags, XML that is not
/// well-formed, an unclosed code fence), reported at their place. The rule's severity is the
/// most a problem gets: those the reader judged minor (a template's duplicate ids, a summary of
/// problems not shown) keep their lower severity.
struct ParseRule: Rule, RuleKind {
    static let name = "parse"
    static let summary = "Reports markup the reader could not read as written, at its place. Problems that are not the author's (ids a page template repeats, HTML5 elements an older parser does not know) stay notes whatever the severity."
    static let options: [(key: String, description: String)] = []
    static let examples: [RuleExample] = [
        RuleExample("A code fence that is never closed", options: "",
                    article: "# Title\n\nText.\n\n```\ncode\n", expected: ["5:1"]),
        RuleExample("A closed fence is fine", options: "",
                    article: "# Title\n\n```\ncode\n```\n", expected: []),
    ]

    let definition: RuleDefinition

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        ParseRule(definition: definition)
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        document.issues.filter { $0.kind == .parse }.map { issue in
            var finding = Finding(range: SourceRange(at: issue.offset), message: issue.message)
            finding.maximumSeverity = issue.severity
            return finding
        }
    }
}
