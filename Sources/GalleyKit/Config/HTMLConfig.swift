import YAMLParser

/// `html:` as written in one place of the configuration (the top level or one override): only
/// the keys given there. Each key given replaces what the file inherits; `null` unsets it.
public struct HTMLSettings: Sendable {
    var content: [CSSSelectorList]??
    var ignore: [CSSSelectorList]??
    var titleSeparators: [String]??
    var faq: HTMLOptions.FAQSelectors??

    public init() {}

    /// `self` over `later`'s keys: what an extending file or a matching override changes.
    func merged(with later: HTMLSettings) -> HTMLSettings {
        var result = self
        if let content = later.content { result.content = content }
        if let ignore = later.ignore { result.ignore = ignore }
        if let separators = later.titleSeparators { result.titleSeparators = separators }
        if let faq = later.faq { result.faq = faq }
        return result
    }

    func applied(to options: HTMLOptions) -> HTMLOptions {
        var result = options
        if let content { result.content = content ?? [] }
        if let ignore { result.ignore = ignore ?? [] }
        if let titleSeparators { result.titleSeparators = titleSeparators ?? [] }
        if let faq { result.faq = faq }
        return result
    }
}

/// Reads `html:` settings, compiling every selector when loading: a bad one is an error at its
/// file, line and column (the column of the character at fault, when the selector is written on
/// one line).
enum HTMLConfig {
    static let keys: [(key: String, description: String)] = [
        ("content", "CSS selectors of the article's element, tried in order (default: <main>, [role=main], the page's <article>, else a score)"),
        ("ignore", "CSS selectors of elements never read (beside navigation, page header and footer, asides, hidden elements...)"),
        ("title-separator", "what separates the page title from the site name in <title> (\" | \" in \"How to X | Help Centre\"); a list for several"),
        ("faq", "{entries, question, answer}: CSS selectors of the site's own FAQ markup"),
    ]

    static func settings(_ reader: inout OptionReader) -> HTMLSettings {
        // Every known key counts as read, so a misspelt one is reported with the right suggestion.
        for (key, _) in keys { _ = reader.node(key) }
        var settings = HTMLSettings()
        if reader.has("content") { settings.content = .some(selectorList(&reader, "content")) }
        if reader.has("ignore") { settings.ignore = .some(selectorList(&reader, "ignore")) }
        if reader.has("title-separator") {
            if let node = reader.node("title-separator"), node.resolvedScalar == .null {
                settings.titleSeparators = .some(nil)
            } else if let separators = reader.strings("title-separator") {
                for (separator, node) in separators where separator.allSatisfy(\.isWhitespace) {
                    reader.report("'title-separator' must have a character other than spaces", at: node)
                }
                settings.titleSeparators = .some(separators.map(\.0).filter { !$0.allSatisfy(\.isWhitespace) })
            }
        }
        if reader.has("faq") {
            if let node = reader.node("faq"), node.resolvedScalar == .null {
                settings.faq = .some(nil)
            } else if var faq = reader.options("faq") {
                let entries = selector(&faq, "entries")
                let question = selector(&faq, "question")
                let answer = selector(&faq, "answer")
                if let entries, let question, let answer {
                    settings.faq = .some(HTMLOptions.FAQSelectors(entries: entries, question: question, answer: answer))
                }
                reader.absorb(faq)
            }
        }
        return settings
    }

    /// A list of selector lists (a single string is a list of one); nil for `null`.
    private static func selectorList(_ reader: inout OptionReader, _ key: String) -> [CSSSelectorList]? {
        if let node = reader.node(key), node.resolvedScalar == .null { return nil }
        return (reader.strings(key) ?? []).compactMap { text, node in compile(text, at: node, key: key, reader: &reader) }
    }

    private static func selector(_ reader: inout OptionReader, _ key: String) -> CSSSelectorList? {
        guard let text = reader.string(key, required: true), let node = reader.node(key) else { return nil }
        return compile(text, at: node, key: key, reader: &reader)
    }

    private static func compile(_ text: String, at node: YAMLNode, key: String, reader: inout OptionReader) -> CSSSelectorList? {
        do {
            return try CSSSelectorList(parsing: text)
        } catch {
            let file = reader.file(of: node)
            reader.report(ConfigError(path: file.path, location: location(of: error.offset, in: node, file: file),
                                      message: "'\(key)': '\(text)' is not a selector Galley reads: \(error.message)"))
            return nil
        }
    }

    /// Where the `offset`-th character of a scalar's value is in the file: exact for a selector on
    /// one line without escapes (what selectors nearly always are), else the scalar's start.
    static func location(of offset: Int, in node: YAMLNode, file: YAMLFile) -> SourceLocation {
        guard case .scalar(let value, let style) = node.content, node.start.line == node.end.line else { return file.location(node.start) }
        let quotes: Int
        switch style {
        case .plain: quotes = 0
        case .singleQuoted, .doubleQuoted: quotes = 1
        case .literal, .folded: return file.location(node.start)
        }
        // The span written equals the value plus its quotes only when nothing was escaped.
        guard node.end.column - node.start.column == value.unicodeScalars.count + 2 * quotes else { return file.location(node.start) }
        let shift = quotes + min(offset, value.unicodeScalars.count)
        return file.location(YAMLMark(line: node.start.line, column: node.start.column + shift, index: node.start.index + shift))
    }
}
