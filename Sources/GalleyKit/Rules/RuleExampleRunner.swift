import YAMLParser

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

    /// The example's article after `galley fix` with the example's rule.
    public static func fixed(kind: String, example: RuleExample) -> Result<String, ConfigErrors> {
        RuleSetLoader.load(path: "<example>", bytes: Array(ruleSetYAML(kind: kind, example: example).utf8)).map { ruleSet in
            let fixer = Fixer(linter: Linter(rules: ruleSet.rules))
            return String(decoding: fixer.fix(path: "example.md", bytes: Array(example.article.utf8), format: .markdown).fixed, as: UTF8.self)
        }
    }

    /// `line:column` of every finding the example's rule reports on its article, or the
    /// configuration errors when the example's options do not load.
    public static func run(kind: String, example: RuleExample) -> Result<[String], ConfigErrors> {
        let yaml = ruleSetYAML(kind: kind, example: example)
        switch RuleSetLoader.load(path: "<example>", bytes: Array(yaml.utf8)) {
        case .failure(let errors):
            return .failure(errors)
        case .success(let ruleSet):
            if ruleSet.rules.contains(where: { $0 is any LibraryRule }) { return runLibrary(example, rules: ruleSet.rules) }
            let document = ArticleFormats.read(path: "example.md", bytes: Array(example.article.utf8), format: .markdown)
            let found = RuleEngine(rules: ruleSet.rules).check(document).filter { $0.ruleID == "example" }
            return .success(found.map { $0.span.start.description })
        }
    }

    /// The folder a library example's articles stand in: nothing is read from it.
    static let exampleFolder = "/galley-example"

    /// A library rule's example: every article linted for its facts, then the library phase;
    /// findings as `path:line:column`.
    private static func runLibrary(_ example: RuleExample, rules: [any Rule]) -> Result<[String], ConfigErrors> {
        var site = SiteOptions()
        if !example.site.isEmpty {
            let file = YAMLFile(path: "<example site>", source: SourceText(utf8: example.site))
            do {
                guard let root = try file.parse().documents.first else { return .success([]) }
                var reader = OptionReader(file: file, node: root)
                site.read(&reader, directory: exampleFolder)
                let errors = reader.finish()
                guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
            } catch {
                return .failure(ConfigErrors([file.error(error.message, at: error.mark)]))
            }
        }
        let linter = Linter(rules: rules, site: site)
        var phase = LibraryPhase(linters: [linter])
        for article in example.articles.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            let report = linter.lint(path: article.path, bytes: Array(article.text.utf8))
            if let facts = report.facts { phase.add(facts, linter: 0) }
        }
        let found = phase.run(workingDirectory: exampleFolder).map(\.diagnostic).filter { $0.ruleID == "example" }
        return .success(found.map { "\($0.path):\($0.span.start)" })
    }
}
