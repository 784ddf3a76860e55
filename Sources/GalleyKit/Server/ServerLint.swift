/// One lint of one version of an open document: what is published, and what code actions and
/// hovers read until the next version is linted.
struct LintResult: Sendable {
    let document: ServerDocument
    /// The text as Galley decoded it (the map from its offsets back to the client's text).
    let source: SourceText?
    let diagnostics: [Diagnostic]
    let linter: Linter?

    var version: Int { document.version }

    static func run(_ document: ServerDocument, _ choice: ServerWorkspace.Choice) -> LintResult {
        switch choice {
        case .skip:
            return LintResult(document: document, source: nil, diagnostics: [], linter: nil)
        case .configurationErrors(let errors):
            let first = errors.sorted { ($0.path, $0.location) < ($1.path, $1.location) }[0]
            let message = "the configuration has \(Plural.count(errors.count, "error")), so nothing is linted; the first: \(first)"
            let diagnostic = Diagnostic(path: document.path, range: SourceRange(at: 0), span: SourceSpan(start: .init(line: 1, column: 1), end: .init(line: 1, column: 1)),
                                        severity: .error, message: message, ruleID: "configuration")
            return LintResult(document: document, source: nil, diagnostics: [diagnostic], linter: nil)
        case .lint(let linter):
            // A YAML file that is not an article (data, configuration) is left alone, as in folders.
            let (report, read) = linter.lintKeepingDocument(path: document.path, bytes: document.text, format: document.format,
                                                          onlyArticles: document.format == .yaml)
            return LintResult(document: document, source: read?.source, diagnostics: report.skipped ? [] : report.diagnostics, linter: linter)
        }
    }

    func positions(_ encoding: PositionEncoding) -> PositionMap {
        PositionMap(lines: document.lines, source: source, encoding: encoding)
    }
}

/// Galley's offsets (into the decoded, normalized text) as LSP positions in the client's text,
/// counted in the negotiated encoding: exact for any character, whatever the line endings.
struct PositionMap {
    let lines: LineIndex
    let source: SourceText?
    let encoding: PositionEncoding

    struct Position: Comparable {
        var line: Int
        var character: Int
        static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }
        var json: JSONOutput { .object([("line", .int(line)), ("character", .int(character))]) }
    }

    func position(_ offset: Int) -> Position {
        let original = source?.originalOffset(of: offset) ?? min(offset, lines.text.count)
        let (line, character) = lines.position(of: original, encoding: encoding)
        return Position(line: line, character: character)
    }

    func range(_ range: SourceRange) -> (start: Position, end: Position) {
        (position(range.start), position(range.end))
    }

    func json(_ range: SourceRange) -> JSONOutput {
        let (start, end) = self.range(range)
        return Self.json(start, end)
    }

    static func json(_ start: Position, _ end: Position) -> JSONOutput {
        .object([("start", start.json), ("end", end.json)])
    }

    /// Text to insert into the client's buffer: its own line breaks.
    func clientText(_ text: String) -> String {
        guard let lineBreak = source?.origin.lineBreak, lineBreak != .lf else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: lineBreak.rawValue)
    }
}

enum LSPDiagnostics {
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .note: return 3
        }
    }

    static func json(_ diagnostic: Diagnostic, _ map: PositionMap, linter: Linter?) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("range", map.json(diagnostic.range)),
            ("severity", .int(severity(diagnostic.severity))),
            ("code", .string(diagnostic.ruleID)),
        ]
        if let kind = linter?.rules.first(where: { $0.id == diagnostic.ruleID })?.definition.kind, RuleKinds.named(kind) != nil {
            members.append(("codeDescription", .object([("href", .string(Galley.informationURI + "/blob/main/docs/rules.md#" + kind))])))
        }
        members.append(("source", .string("galley")))
        members.append(("message", .string(diagnostic.message)))
        return .object(members)
    }

    static func publish(_ result: LintResult, _ encoding: PositionEncoding) -> JSONOutput {
        let map = result.positions(encoding)
        return RPCOutput.notification("textDocument/publishDiagnostics", .object([
            ("uri", .string(result.document.uri)),
            ("version", .int(result.version)),
            ("diagnostics", .array(result.diagnostics.map { json($0, map, linter: result.linter) })),
        ]))
    }

    static func clear(_ uri: String) -> JSONOutput {
        RPCOutput.notification("textDocument/publishDiagnostics", .object([("uri", .string(uri)), ("diagnostics", .array([]))]))
    }
}
