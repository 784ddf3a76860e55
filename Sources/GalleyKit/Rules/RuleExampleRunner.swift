/// Runs a rule kind's documented examples, for the test suite and for `galley explain`.
public enum RuleExampleRunner {
    /// The rule set YAML that holds an example's rule.
    public static func ruleSetYAML(kind: String, example: RuleExample) -> String {
        var yaml = "name: examples\nrules:\n  - id: example\n    kind: \(kind)\n    severity: warning\n"
        for line in example.options.split(separator: "\n", omittingEmptySubsequences: false) {
            yaml += "    \(line)\n"
        }
        return yaml
    }

    /// `line:column` of every finding the example's rule reports on its article, or the
    /// configuration errors when the example's options do not load.
    public static func run(kind: String, example: RuleExample) -> Result<[String], ConfigErrors> {
        let yaml = ruleSetYAML(kind: kind, example: example)
        switch RuleSetLoader.load(path: "<example>", bytes: Array(yaml.utf8)) {
        case .failure(let errors):
            return .failure(errors)
        case .success(let ruleSet):
            let document = ArticleFormats.read(path: "example.md", bytes: Array(example.article.utf8), format: .markdown)
            let found = RuleEngine(rules: ruleSet.rules).check(document).filter { $0.ruleID == "example" }
            return .success(found.map { $0.span.start.description })
        }
    }
}
