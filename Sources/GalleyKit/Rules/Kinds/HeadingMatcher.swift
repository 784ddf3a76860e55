import PCRE
import YAMLParser

/// Which headings stand for a named section: its text and aliases (compared case-insensitively,
/// ignoring spacing and a trailing colon), or a regular expression.
struct HeadingMatcher: Sendable {
    var name: String
    var texts: Set<String>
    var pattern: PCREPattern?

    func matches(_ heading: String) -> Bool {
        matches(heading, key: Self.normalize(heading))
    }

    /// With the heading's normalized `key` already at hand (`RuleContext.headingKey(ofBlock:)`).
    func matches(_ heading: String, key: String) -> Bool {
        if texts.contains(key) { return true }
        return pattern?.firstMatch(in: heading) != nil
    }

    /// Whether heading block `index` of the context's document names this section.
    func matches(block index: Int, in context: RuleContext) -> Bool {
        let text = context.document.blocks[index].text.text
        return matches(text, key: context.headingKey(ofBlock: index) ?? Self.normalize(text))
    }

    static func normalize(_ text: String) -> String {
        if let ascii = normalizeASCII(text) { return ascii }
        var words = text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        while let last = words.last, last == ":" || last == "." { words.removeLast() }
        return words
    }

    /// The same for ASCII text, on bytes (every document's headings are normalized once); nil
    /// for other text, which needs Unicode's lower case and white space.
    private static func normalizeASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var isASCII = true
            // Never longer than the text: a run of white space becomes at most one space.
            let normalized = String(unsafeUninitializedCapacity: bytes.count) { output in
                var length = 0
                var pendingSpace = false
                for byte in bytes {
                    guard byte < 0x80 else {
                        isASCII = false
                        return 0
                    }
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = length > 0
                        continue
                    }
                    if pendingSpace {
                        output[length] = 0x20
                        length += 1
                        pendingSpace = false
                    }
                    output[length] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    length += 1
                }
                while length > 0, output[length - 1] == UInt8(ascii: ":") || output[length - 1] == UInt8(ascii: ".") { length -= 1 }
                return length
            }
            return isASCII ? normalized : nil
        }
    }

    /// Reads `heading` (text), `aliases` and `pattern` from the options.
    static func read(_ options: inout OptionReader) -> HeadingMatcher? {
        let heading = options.string("heading")
        let aliases = options.strings("aliases")?.map(\.0) ?? []
        var pattern: PCREPattern?
        if let source = options.string("pattern"), let node = options.node["pattern"] {
            pattern = PatternRule.compile("(?i)" + source, ignoreCase: true, at: node, options: &options)
        }
        guard heading != nil || pattern != nil else {
            options.report("the section needs a 'heading' (text) or a 'pattern'", at: options.node)
            return nil
        }
        let texts = Set(([heading].compactMap { $0 } + aliases).map(normalize))
        return HeadingMatcher(name: heading ?? pattern!.pattern, texts: texts, pattern: pattern)
    }

    /// A section entry of a list: a heading text, or `{pattern: ...}`.
    static func entry(_ node: YAMLNode, options: inout OptionReader) -> HeadingMatcher? {
        if let text = node.scalar { return HeadingMatcher(name: text, texts: [normalize(text)], pattern: nil) }
        var nested = options.reader(for: node)
        let matcher = read(&nested)
        options.absorb(nested)
        return matcher
    }
}
