/// "Add 'X' to the vocabulary": for a word a spelling rule reports as unknown, an action that
/// appends it (one line, as written) to the rule's accept file. Saving that file reloads the
/// configuration, and the finding goes away. Not offered for a rejected word, nor for a rule
/// that names no accept file.
struct AddToVocabularyProvider: CodeActionProvider {
    func actions(for diagnostic: Diagnostic, in context: CodeActionContext) -> [CodeAction] {
        guard let word = diagnostic.matchedText, let linter = context.linter,
              let rule = linter.rules.first(where: { $0.id == diagnostic.ruleID }) as? any VocabularyRule,
              let file = rule.acceptFile, let line = rule.vocabularyLine(for: word) else { return [] }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return [CodeAction(title: "Add '\(line)' to the vocabulary (\(name))", kind: "quickfix", diagnostics: [diagnostic],
                           edit: WorkspaceEdit.append(line + "\n", toFile: file))]
    }
}
