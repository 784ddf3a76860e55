import SystemIO

/// The options every word-list kind shares: how terms are written and matched.
struct TermOptions {
    var caseSensitive = false
    var inflections = false
    var exceptions: [String] = []
    var scope = Scope.all

    static let descriptions: [(key: String, description: String)] = [
        ("case-sensitive", "match the terms' letter case exactly (default: false)"),
        ("inflections", "also match regular inflections of single-word terms: -s, -ed, -ing (default: false)"),
        ("exceptions", "phrases in which a term is fine, e.g. 'simply put' for 'simply'"),
        ("scope", "which parts of the article to read (default: all prose, title and description)"),
    ]

    static func read(_ options: inout OptionReader) -> TermOptions {
        var result = TermOptions()
        result.caseSensitive = options.bool("case-sensitive") ?? false
        result.inflections = options.bool("inflections") ?? false
        result.exceptions = options.strings("exceptions")?.map(\.0) ?? []
        result.scope = options.scope()
        return result
    }

    /// Specs for `term` (and its inflections), all carrying `payload`.
    func specs(for term: String, payload: Int) -> [TermSpec] {
        var phrases = [term]
        if inflections, !term.contains(" ") { phrases += Inflections.of(term) }
        return phrases.compactMap { TermSpec($0, payload: payload, caseSensitive: caseSensitive) }
    }

    var exceptionSpecs: [TermSpec] {
        exceptions.compactMap { TermSpec($0, caseSensitive: caseSensitive, isException: true) }
    }

    /// Terms from `terms` (a list) and `terms-file` (one per line, `#` comments), in order.
    static func terms(_ options: inout OptionReader, key: String = "terms", fileKey: String = "terms-file") -> [String] {
        var result: [String] = []
        for (term, node) in options.strings(key) ?? [] {
            if TermSpec(term) == nil {
                options.report("term '\(term)' has no word in it", at: node)
                continue
            }
            result.append(term)
        }
        if let path = options.string(fileKey), let node = options.node[fileKey] {
            // Relative to the file it is written in: a configuration overriding a bundled rule's
            // terms file names a file beside itself.
            guard let directory = options.file(of: node).directory else {
                options.report("'\(fileKey)' cannot be used in a bundled rule set", at: node)
                return result
            }
            let resolved = path.hasPrefix("/") ? path : directory + "/" + path
            if let target = RepositoryBoundary.of(directory).escape(of: resolved) {
                options.report("'\(fileKey)' leads outside the repository (\(target)); Galley only reads term files inside it", at: node)
                return result
            }
            do {
                let text = String(decoding: try FileSystem.read(resolved, maxBytes: 16 << 20), as: UTF8.self)
                for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
                    let term = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                        .trimmingCharacters() ?? ""
                    if !term.isEmpty, TermSpec(term) != nil { result.append(term) }
                }
            } catch {
                options.report("cannot read '\(fileKey)' \(resolved): \(error.reason)", at: node)
            }
        }
        return result
    }
}

extension String {
    func trimmingCharacters() -> String {
        // Most strings have nothing to trim: look at the bytes at either end first.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return self }
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
