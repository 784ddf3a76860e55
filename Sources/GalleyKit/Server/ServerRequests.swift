/// The requests that read a document's findings: code actions and hover.
extension LanguageServer {
    func codeActions(_ params: JSONValue?) throws(RPCError) -> JSONOutput {
        guard let uri = params?["textDocument", "uri"]?.string,
              let start = ServerDocument.position(params?["range", "start"]), let end = ServerDocument.position(params?["range", "end"]) else {
            throw .invalidParams("a code action request needs 'textDocument.uri' and a 'range'")
        }
        let only = params?["context", "only"]?.array?.compactMap(\.string)
        guard let result = currentResult(uri) else { return .array([]) }
        let encoding = shared.withLock { $0.encoding }
        let map = result.positions(encoding)
        let from = PositionMap.Position(line: start.line, character: start.character)
        let to = max(from, PositionMap.Position(line: end.line, character: end.character))
        let context = CodeActionContext(result: result)
        var actions: [CodeAction] = []
        if Self.wants("quickfix", only) {
            for diagnostic in result.diagnostics {
                let range = map.range(diagnostic.range)
                guard range.start <= to, range.end >= from else { continue }
                for provider in CodeActions.providers { actions += provider.actions(for: diagnostic, in: context) }
            }
        }
        // Fix all: asked for as a source action (on save), or offered beside quick fixes when
        // the document has several findings to fix.
        let fixable = result.diagnostics.filter { $0.fixes.first?.automatic == true }.count
        if Self.wants("source.fixAll.galley", only), only != nil || fixable > 1, let fixAll = FixAllAction.make(result) {
            actions.append(fixAll)
        }
        let (documentChanges, canCreateFiles) = clientEdits
        let renderer = CodeActionRenderer(result: result, map: map, documentChanges: documentChanges, canCreateFiles: canCreateFiles)
        return .array(actions.compactMap(renderer.json))
    }

    /// Whether the client's `only` filter admits an action of `kind` (a kind admits its sub-kinds).
    static func wants(_ kind: String, _ only: [String]?) -> Bool {
        guard let only else { return true }
        return only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
    }

    func hover(_ params: JSONValue?) throws(RPCError) -> JSONOutput {
        guard let uri = params?["textDocument", "uri"]?.string, let position = ServerDocument.position(params?["position"]) else {
            throw .invalidParams("a hover request needs 'textDocument.uri' and a 'position'")
        }
        guard let result = currentResult(uri) else { return .null }
        let map = result.positions(shared.withLock { $0.encoding })
        let at = PositionMap.Position(line: position.line, character: position.character)
        let hits = result.diagnostics.filter { diagnostic in
            let range = map.range(diagnostic.range)
            return range.start <= at && (at < range.end || range.start == range.end && at == range.start)
        }
        guard let first = hits.first else { return .null }
        let range = map.range(first.range)
        return .object([
            ("contents", .object([("kind", .string("markdown")), ("value", .string(Hover.markdown(for: hits, linter: result.linter)))])),
            ("range", PositionMap.json(range.start, range.end)),
        ])
    }
}
