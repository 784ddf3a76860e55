/// Inline suppressions: `<!-- galley-disable ids -->` … `<!-- galley-enable ids -->`,
/// `<!-- galley-disable-next-line ids -->`, `<!-- galley-disable-line ids -->` (the line the
/// comment ends on; in Markdown, HTML and XML comments alike), and `galley: {disable: [ids]}` in
/// front matter for the whole file. Without ids a directive covers every rule. A suppression
/// that suppressed nothing, and a `galley-` directive Galley does not know (a typo would
/// otherwise suppress nothing in silence), are reported as notes.
struct Suppressions {
    /// The front matter (or YAML article) key that holds per-file settings.
    static let frontMatterKey = "galley"
    static let unusedID = "unused-suppression"
    static let unknownDirectiveID = "unknown-directive"

    private enum Kind: String, CaseIterable {
        case disable = "galley-disable", enable = "galley-enable", disableNextLine = "galley-disable-next-line"
        case disableLine = "galley-disable-line"
    }

    private struct Directive {
        var kind: Kind
        /// Empty: every rule.
        var ids: [String]
        var range: SourceRange
        var endLine: Int
        var used: Set<String> = []
    }

    private var directives: [Directive] = []
    private var fileWide: Directive?
    private var problems: [Diagnostic] = []
    private let document: Document

    init(document: Document) {
        self.document = document
        for comment in document.comments {
            var words = comment.text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," }).map(String.init)
            guard let first = words.first else { continue }
            guard let kind = Kind(rawValue: first) else {
                if first.lowercased().hasPrefix("galley-") || first.lowercased().hasPrefix("galley:") {
                    let known = Kind.allCases.map(\.rawValue)
                    problems.append(note(comment.range, "unknown directive '\(first)'\(Spelling.suggestion(for: first.lowercased(), among: known)); Galley knows \(known.joined(separator: ", "))",
                                         id: Self.unknownDirectiveID))
                }
                continue
            }
            words.removeFirst()
            if let reason = words.firstIndex(of: "--") { words.removeSubrange(reason...) }
            let endLine = document.location(of: comment.range.end).line
            directives.append(Directive(kind: kind, ids: words, range: comment.range, endLine: endLine))
        }
        if let field = document.metadata[Self.frontMatterKey] { readFileWide(field) }
    }

    var isEmpty: Bool { directives.isEmpty && fileWide == nil && problems.isEmpty }

    private mutating func readFileWide(_ field: MetadataField) {
        let range = SourceRange(at: field.offset)
        guard case .map(let settings) = field.value else {
            problems.append(note(range, "front matter '\(Self.frontMatterKey)' must be a mapping such as {disable: [rule-id]}", severity: .warning))
            return
        }
        for setting in settings {
            guard setting.key == "disable" else {
                problems.append(note(SourceRange(at: setting.offset), "unknown '\(Self.frontMatterKey)' setting '\(setting.key)'; settings: disable", severity: .warning))
                continue
            }
            var ids: [String] = []
            for item in setting.value.items {
                guard let id = item.text else { continue }
                if id != "all" { ids.append(id) }
            }
            fileWide = Directive(kind: .disable, ids: ids, range: SourceRange(at: setting.offset), endLine: 0)
        }
    }

    /// The diagnostics that survive, plus notes about suppressions that did nothing.
    /// `deferredIDs` are the library rules': their findings come after every file is read, so
    /// whether a directive naming one (or every rule) suppressed anything is the library
    /// phase's to say (see `libraryFacts`).
    mutating func apply(to diagnostics: [Diagnostic], activeIDs: Set<String>, deferredIDs: Set<String> = []) -> [Diagnostic] {
        guard !isEmpty else { return diagnostics }
        var kept = problems
        for diagnostic in diagnostics {
            if !suppresses(diagnostic) { kept.append(diagnostic) }
        }
        for directive in directives where directive.kind != .enable {
            kept += unused(directive, activeIDs: activeIDs, deferredIDs: deferredIDs, label: directive.kind.rawValue)
        }
        if let fileWide { kept += unused(fileWide, activeIDs: activeIDs, deferredIDs: deferredIDs, label: Self.fileWideLabel) }
        return kept
    }

    static let fileWideLabel = "front matter '\(frontMatterKey): disable'"

    /// The directives a library finding could meet: those naming one of `libraryIDs` (with only
    /// those ids) and those naming every rule, in source order, region directives included so
    /// that `galley-enable` still ends a region. Call after `apply`, which records what the
    /// article's own findings used.
    func libraryFacts(libraryIDs: Set<String>) -> [SuppressionFact] {
        guard !libraryIDs.isEmpty else { return [] }
        var facts: [SuppressionFact] = []
        func add(_ directive: Directive, kind: SuppressionFact.Kind, label: String) {
            let ids = directive.ids.filter(libraryIDs.contains)
            guard directive.ids.isEmpty || !ids.isEmpty else { return }
            let position = FactPosition(document.span(of: directive.range), directive.range)
            facts.append(SuppressionFact(kind: kind, ids: ids, position: position, endLine: Int32(clamping: directive.endLine),
                                         usedByFile: directive.ids.isEmpty && !directive.used.isEmpty, label: label))
        }
        if let fileWide { add(fileWide, kind: .fileWide, label: Self.fileWideLabel) }
        for directive in directives {
            let kind: SuppressionFact.Kind
            switch directive.kind {
            case .disable: kind = .disable
            case .enable: kind = .enable
            case .disableNextLine: kind = .disableNextLine
            case .disableLine: kind = .disableLine
            }
            add(directive, kind: kind, label: directive.kind.rawValue)
        }
        return facts
    }

    private mutating func suppresses(_ diagnostic: Diagnostic) -> Bool {
        let id = diagnostic.ruleID
        if fileWide.map({ covers($0, id) }) == true {
            fileWide?.used.insert(id)
            return true
        }
        let line = diagnostic.span.start.line
        if let index = directives.firstIndex(where: { directive in
            (directive.kind == .disableNextLine && directive.endLine + 1 == line || directive.kind == .disableLine && directive.endLine == line)
                && covers(directive, id)
        }) {
            directives[index].used.insert(id)
            return true
        }
        // The last region directive before the finding that names its rule (or all rules) decides.
        let start = diagnostic.range.start
        if let index = directives.lastIndex(where: { ($0.kind == .disable || $0.kind == .enable) && $0.range.end <= start && covers($0, id) }),
           directives[index].kind == .disable {
            directives[index].used.insert(id)
            return true
        }
        return false
    }

    private func covers(_ directive: Directive, _ id: String) -> Bool {
        directive.ids.isEmpty || directive.ids.contains(id)
    }

    private func unused(_ directive: Directive, activeIDs: Set<String>, deferredIDs: Set<String>, label: String) -> [Diagnostic] {
        if directive.ids.isEmpty {
            return directive.used.isEmpty && deferredIDs.isEmpty ? [note(directive.range, "\(label) suppressed nothing")] : []
        }
        return directive.ids.filter { !directive.used.contains($0) && !deferredIDs.contains($0) }.map { id in
            if activeIDs.contains(id) { return note(directive.range, "\(label) for '\(id)' suppressed nothing") }
            let hint = Spelling.suggestion(for: id, among: activeIDs.sorted())
            return note(directive.range, "\(label) names '\(id)', which is not an active rule\(hint)")
        }
    }

    private func note(_ range: SourceRange, _ message: String, severity: Severity = .note, id: String = Suppressions.unusedID) -> Diagnostic {
        Diagnostic(path: document.path, range: range, span: document.span(of: range), severity: severity, message: message, ruleID: id)
    }
}
