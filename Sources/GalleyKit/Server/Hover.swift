/// Hover on a finding: its message, and what `galley explain` says of its rule (description,
/// options, examples, whether galley fix fixes it); for the readers' own checks, what the SARIF
/// rule catalogue says.
enum Hover {
    static func markdown(for diagnostics: [Diagnostic], linter: Linter?) -> String {
        let rules = linter?.rules ?? []
        let catalog = RuleCatalog(definitions: rules.map(\.definition))
        return diagnostics.map { diagnostic in
            var text = "**\(diagnostic.ruleID)** (\(diagnostic.severity.rawValue)): \(diagnostic.message)\n\n"
            if let rule = rules.first(where: { $0.id == diagnostic.ruleID }), let explanation = RuleDocumentation.text(forRule: rule.definition) {
                text += "```text\n\(explanation)```"
            } else if let index = catalog.index(of: diagnostic.ruleID) {
                let entry = catalog.entries[index]
                text += "\(entry.fullDescription)\n\n\(entry.help)"
            }
            return text
        }.joined(separator: "\n\n---\n\n")
    }
}
