/// A document the client has open: its text exactly as the client holds it (line endings and a
/// byte-order mark included, so the client's positions apply), kept in step with incremental
/// changes, and what Galley reads it as.
struct ServerDocument: Sendable {
    let uri: String
    var version: Int
    let languageId: String
    private(set) var lines: LineIndex
    /// The file the document stands for (its configuration, its format), or a made-up name in
    /// the first workspace folder for a document that is not a file yet.
    let path: String
    /// The format Galley reads it as: from the file name, else from the language id.
    let format: DocumentFormat?

    var text: [UInt8] { lines.text }

    init(uri: String, version: Int, languageId: String, text: [UInt8], fallbackFolder: String) {
        self.uri = uri
        self.version = version
        self.languageId = languageId
        lines = LineIndex(text)
        let languageFormat = Self.formats[languageId.lowercased()]
        if let path = DocumentURI.path(of: uri) {
            self.path = path
            format = DocumentFormat(path: path) ?? languageFormat
        } else {
            let name = uri.split(separator: "/").last.map(String.init)?.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." } ?? ""
            let ext = languageFormat.map { Self.extensions[$0] ?? "md" } ?? "md"
            path = (fallbackFolder.hasSuffix("/") ? fallbackFolder : fallbackFolder + "/") + (name.isEmpty ? "untitled" : name) + "." + ext
            format = languageFormat
        }
    }

    /// Applies one `TextDocumentContentChangeEvent`: a range and its new text, or the whole text.
    mutating func apply(_ change: JSONValue, encoding: PositionEncoding) throws(RPCError) {
        guard let newText = change["text"]?.string else { throw .invalidParams("a content change needs 'text'") }
        guard let range = change["range"] else {
            lines = LineIndex(Array(newText.utf8))
            return
        }
        guard let start = Self.position(range["start"]), let end = Self.position(range["end"]) else {
            throw .invalidParams("a content change's 'range' needs 'start' and 'end' positions")
        }
        let from = lines.offset(line: start.line, character: start.character, encoding: encoding)
        let to = max(from, lines.offset(line: end.line, character: end.character, encoding: encoding))
        var bytes = lines.text
        bytes.replaceSubrange(from..<to, with: Array(newText.utf8))
        lines = LineIndex(bytes)
    }

    static func position(_ value: JSONValue?) -> (line: Int, character: Int)? {
        guard let line = value?["line"]?.int, let character = value?["character"]?.int, line >= 0, character >= 0 else { return nil }
        return (line, character)
    }

    /// Language ids editors use, for documents whose name does not say (untitled buffers).
    static let formats: [String: DocumentFormat] = [
        "markdown": .markdown, "mdx": .markdown, "html": .html, "xml": .xml, "docbook": .xml, "yaml": .yaml,
    ]
    static let extensions: [DocumentFormat: String] = [.markdown: "md", .html: "html", .xml: "xml", .yaml: "yml"]
}
