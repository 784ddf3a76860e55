/// Inline suppressions applied to one article's library findings, with the same meaning they
/// have for its own findings (`Suppressions`): a front matter `galley: {disable: [...]}`,
/// `-next-line` and `-line` directives, and `disable`/`enable` regions. A directive naming a
/// library rule that suppressed nothing, and an every-rule directive that suppressed nothing in
/// either phase, get the note the per-file phase leaves to this one.
struct LibrarySuppressions {
    private var directives: [SuppressionFact]
    private var used: [Set<String>]

    init(_ directives: [SuppressionFact]) {
        self.directives = directives
        used = Array(repeating: [], count: directives.count)
    }

    /// Whether a directive hides `diagnostic` (and records that it did).
    mutating func suppresses(_ diagnostic: Diagnostic) -> Bool {
        let id = diagnostic.ruleID
        func covers(_ index: Int) -> Bool { directives[index].ids.isEmpty || directives[index].ids.contains(id) }
        if let index = directives.indices.first(where: { directives[$0].kind == .fileWide && covers($0) }) {
            used[index].insert(id)
            return true
        }
        let line = Int32(clamping: diagnostic.span.start.line)
        if let index = directives.indices.first(where: { index in
            let directive = directives[index]
            return (directive.kind == .disableNextLine && directive.endLine + 1 == line || directive.kind == .disableLine && directive.endLine == line)
                && covers(index)
        }) {
            used[index].insert(id)
            return true
        }
        let start = Int32(clamping: diagnostic.range.start)
        if let index = directives.indices.last(where: { index in
            let kind = directives[index].kind
            return (kind == .disable || kind == .enable) && directives[index].position.endOffset <= start && covers(index)
        }), directives[index].kind == .disable {
            used[index].insert(id)
            return true
        }
        return false
    }

    /// Notes for directives that suppressed nothing, at `path`.
    func unusedNotes(path: String) -> [Diagnostic] {
        var notes: [Diagnostic] = []
        for (index, directive) in directives.enumerated() where directive.kind != .enable {
            if directive.ids.isEmpty {
                if used[index].isEmpty && !directive.usedByFile { notes.append(note(directive, "\(directive.label) suppressed nothing", path: path)) }
                continue
            }
            for id in directive.ids where !used[index].contains(id) {
                notes.append(note(directive, "\(directive.label) for '\(id)' suppressed nothing", path: path))
            }
        }
        return notes
    }

    private func note(_ directive: SuppressionFact, _ message: String, path: String) -> Diagnostic {
        var diagnostic = Diagnostic(path: path, range: directive.position.range, span: directive.position.span, severity: .note,
                                    message: message, ruleID: Suppressions.unusedID)
        diagnostic.subject = "suppression:\(directive.label):\(directive.ids.joined(separator: ","))"
        return diagnostic
    }
}
