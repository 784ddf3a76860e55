import SystemIO

/// A source of code actions for one finding. The server asks every provider in
/// `CodeActions.providers` about each finding in the range the editor asks about; adding a kind
/// of action is adding a provider there. (Spelling's "add 'X' to the vocabulary" is one: it finds
/// the finding's rule in `context.linter`, and returns an action whose edit appends the word to
/// the rule's accept file with `WorkspaceEdit.append(_:toFile:)`; the file watcher then reloads
/// the configuration and the finding goes.)
protocol CodeActionProvider: Sendable {
    func actions(for diagnostic: Diagnostic, in context: CodeActionContext) -> [CodeAction]
}

enum CodeActions {
    static let providers: [any CodeActionProvider] = [QuickFixProvider(), AddToVocabularyProvider(), DisableLineProvider()]
}

/// What a provider works from: the linted version of the document and its linter.
struct CodeActionContext {
    let result: LintResult
    var linter: Linter? { result.linter }
    var source: SourceText? { result.source }
}

struct CodeAction {
    var title: String
    /// `quickfix`, or `source.fixAll.galley` for fixing the whole document.
    var kind: String
    var isPreferred = false
    var diagnostics: [Diagnostic] = []
    var edit: WorkspaceEdit
}

/// Changes an action makes: edits of the document (Galley's offsets), and text appended to
/// other files (a vocabulary), which the client applies.
struct WorkspaceEdit {
    var documentEdits: [TextEdit] = []
    var appends: [(path: String, text: String)] = []

    static func append(_ text: String, toFile path: String) -> WorkspaceEdit {
        WorkspaceEdit(appends: [(path, text)])
    }
}

/// The edits of each fix the finding offers, the first preferred.
struct QuickFixProvider: CodeActionProvider {
    func actions(for diagnostic: Diagnostic, in context: CodeActionContext) -> [CodeAction] {
        diagnostic.fixes.enumerated().map { index, fix in
            CodeAction(title: fix.title, kind: "quickfix", isPreferred: index == 0, diagnostics: [diagnostic], edit: WorkspaceEdit(documentEdits: fix.edits))
        }
    }
}

/// "Disable RULE on this line": `<!-- galley-disable-line RULE -->` at the end of the finding's
/// line (or the rule added to such a comment already there). Offered only when Galley, reading
/// the document with the comment, finds exactly what it found before without that rule on that
/// line: a comment that would land inside a tag, a YAML value or a code span is never offered.
struct DisableLineProvider: CodeActionProvider {
    func actions(for diagnostic: Diagnostic, in context: CodeActionContext) -> [CodeAction] {
        guard let source = context.source, let linter = context.linter else { return [] }
        let line = diagnostic.span.start.line
        let id = diagnostic.ruleID
        guard let edit = insertion(rule: id, line: line, source: source) else { return [] }
        var edited = source.bytes
        edited.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.replacement.utf8))
        let document = context.result.document
        let after = linter.lint(path: document.path, bytes: edited, format: document.format).diagnostics
        func key(_ d: Diagnostic) -> String { "\(d.ruleID)|\(d.span.start.line)|\(d.message)" }
        let expected = context.result.diagnostics.filter { !($0.ruleID == id && $0.span.start.line == line) }.map(key).sorted()
        guard after.map(key).sorted() == expected else { return [] }
        return [CodeAction(title: "Disable \(id) on this line", kind: "quickfix", diagnostics: [diagnostic], edit: WorkspaceEdit(documentEdits: [edit]))]
    }

    private func insertion(rule id: String, line: Int, source: SourceText) -> TextEdit? {
        guard line >= 1, line <= source.lineStarts.count else { return nil }
        let start = source.lineStarts[line - 1]
        var end = source.lineEnd(line)
        while end > start, source.bytes[end - 1] == 0x20 || source.bytes[end - 1] == 0x09 { end -= 1 }
        let line = source.bytes[start..<end]
        // A directive already closing the line takes the rule too.
        let directive = Array("<!-- galley-disable-line".utf8)
        if line.count >= directive.count + 3, line.suffix(3).elementsEqual("-->".utf8),
           let open = (start...(end - directive.count)).reversed().first(where: { source.bytes[$0..<$0 + directive.count].elementsEqual(directive) }) {
            let body = String(decoding: source.bytes[(open + directive.count)..<(end - 3)], as: UTF8.self)
            guard !body.contains("--"), !body.split(separator: " ").contains(Substring(id)) else { return nil }
            var close = end - 3
            while close > start, source.bytes[close - 1] == 0x20 { close -= 1 }
            return TextEdit(range: SourceRange(at: close), replacement: " \(id)", in: source)
        }
        return TextEdit(range: SourceRange(at: end), replacement: " <!-- galley-disable-line \(id) -->", in: source)
    }
}

/// Every fix `galley fix` would make in the document, as one action ("Fix all Galley findings").
enum FixAllAction {
    static func make(_ result: LintResult) -> CodeAction? {
        guard let linter = result.linter, let source = result.source, result.diagnostics.contains(where: { $0.fixes.first?.automatic == true }) else { return nil }
        let outcome = Fixer(linter: linter).fix(path: result.document.path, bytes: source.bytes, format: result.document.format)
        guard outcome.changed else { return nil }
        // One edit over the part that changed, in the decoded text's offsets.
        let old = source.bytes, new = outcome.fixed
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        while prefix > 0, old[min(prefix, old.count - 1)] & 0xC0 == 0x80 { prefix -= 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        while suffix > 0, old[old.count - suffix] & 0xC0 == 0x80 { suffix -= 1 }
        let replacement = String(decoding: new[prefix..<(new.count - suffix)], as: UTF8.self)
        let edit = TextEdit(range: SourceRange(start: prefix, end: old.count - suffix), replacement: replacement, in: source)
        return CodeAction(title: "Fix all Galley findings that can be fixed (\(Plural.count(outcome.applied, "fix")))", kind: "source.fixAll.galley",
                          edit: WorkspaceEdit(documentEdits: [edit]))
    }
}

/// Code actions as LSP JSON.
struct CodeActionRenderer {
    let result: LintResult
    let map: PositionMap
    /// The client applies `documentChanges` (versioned edits, file creation).
    let documentChanges: Bool
    let canCreateFiles: Bool

    func json(_ action: CodeAction) -> JSONOutput? {
        guard let edit = workspaceEdit(action.edit) else { return nil }
        var members: [(String, JSONOutput)] = [("title", .string(action.title)), ("kind", .string(action.kind))]
        if !action.diagnostics.isEmpty {
            members.append(("diagnostics", .array(action.diagnostics.map { LSPDiagnostics.json($0, map, linter: result.linter) })))
        }
        if action.isPreferred { members.append(("isPreferred", .bool(true))) }
        members.append(("edit", edit))
        return .object(members)
    }

    private func workspaceEdit(_ edit: WorkspaceEdit) -> JSONOutput? {
        let uri = result.document.uri
        let documentEdits = edit.documentEdits.map { textEdit in
            JSONOutput.object([("range", map.json(textEdit.range)), ("newText", .string(map.clientText(textEdit.replacement)))])
        }
        var appendEdits: [(uri: String, edits: [JSONOutput], create: Bool)] = []
        for (path, text) in edit.appends {
            let existing = try? FileSystem.read(path, maxBytes: 16 << 20)
            guard existing != nil || (documentChanges && canCreateFiles) else { return nil }
            let lines = LineIndex(existing ?? [])
            let end = lines.position(of: lines.text.count, encoding: map.encoding)
            let needsBreak = !(existing ?? []).isEmpty && existing?.last != 0x0A && existing?.last != 0x0D
            let position = PositionMap.Position(line: end.line, character: end.character)
            appendEdits.append((DocumentURI.uri(of: path), [.object([("range", PositionMap.json(position, position)),
                                                                     ("newText", .string((needsBreak ? "\n" : "") + text))])], existing == nil))
        }
        guard documentChanges else {
            var changes: [(String, JSONOutput)] = []
            if !documentEdits.isEmpty { changes.append((uri, .array(documentEdits))) }
            for append in appendEdits { changes.append((append.uri, .array(append.edits))) }
            return .object([("changes", .object(changes))])
        }
        var operations: [JSONOutput] = []
        if !documentEdits.isEmpty {
            operations.append(.object([("textDocument", .object([("uri", .string(uri)), ("version", .int(result.version))])), ("edits", .array(documentEdits))]))
        }
        for append in appendEdits {
            if append.create {
                operations.append(.object([("kind", .string("create")), ("uri", .string(append.uri)), ("options", .object([("ignoreIfExists", .bool(true))]))]))
            }
            operations.append(.object([("textDocument", .object([("uri", .string(append.uri)), ("version", .null)])), ("edits", .array(append.edits))]))
        }
        return .object([("documentChanges", .array(operations))])
    }
}
