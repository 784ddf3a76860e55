/// The ids static site generators give headings, so a link's `#fragment` can be checked
/// against the page the site will serve. Each style follows its generator's own code:
///
/// Ids come from the heading as rendered (code spans kept, emphasis and links as their text)
/// unless said otherwise; `{#id}` at the end of a heading sets its id in every style but
/// `github`, and `{#id .class}` (Hugo) or `{: #id}` (MkDocs' attr_list) in those that read them.
///
/// - `github`, `docusaurus`: github-slugger 2 (GitHub's rendering; Docusaurus uses it too):
///   lower case; letters, marks, decimal and letter numbers, connector punctuation, `-` and
///   spaces stay, every other character goes; each space becomes `-`. Repeats get `-1`, `-2`….
/// - `jekyll`: kramdown-parser-gfm, Jekyll's default: lower case; word characters (letters,
///   marks, numbers, connector punctuation), `-`, spaces and tabs stay; spaces and tabs become
///   `-`. Repeats get `-1`, `-2`….
/// - `kramdown`: kramdown with its own input syntax, from the heading as written: leading characters up to the first ASCII
///   letter go, then everything but ASCII letters, digits, spaces and `-`; spaces become `-`;
///   lower case; `section` when nothing is left. Repeats get `-1`, `-2`….
/// - `hugo`: Hugo's Goldmark ids (`autoHeadingIDType: github`), from the heading as written:
///   letters, digits and `_` kept in lower case, spaces, tabs and `-` become `-`, the rest goes;
///   `heading` when nothing is left. Repeats get the first free `-1`, `-2`…, avoiding ids
///   written in the page.
/// - `mkdocs`: Python-Markdown's toc extension: accents folded to ASCII (NFKD), everything but
///   ASCII word characters, spaces and `-` removed, trimmed, lower case, runs of spaces and `-`
///   become one `-`. Repeats (and ids written in the page) get `_1`, `_2`….
public enum HeadingSlugs {
    public enum Style: String, CaseIterable, Sendable {
        case github, docusaurus, jekyll, kramdown, hugo, mkdocs
    }

    /// One heading of a page: its Markdown text as written (empty for an HTML or XML heading),
    /// and the id its markup gives it, if any.
    public struct Heading: Sendable {
        public var markdown: String
        public var markupID: String?

        public init(markdown: String, markupID: String? = nil) {
            self.markdown = markdown
            self.markupID = markupID
        }
    }

    /// What a style makes an id from: the id an attribute list gives (nil if none), else the
    /// text it slugs (as written or as rendered, as its generator does).
    static func source(of heading: Heading, style: Style) -> (id: String?, text: String) {
        if let id = heading.markupID { return (id, "") }
        let written = heading.markdown
        switch style {
        case .github:
            return (nil, MarkdownHeadingText.render(written))
        case .docusaurus, .jekyll:
            if let id = MarkdownHeadingText.attributeList(in: written, .idOnly)?.id { return (id, "") }
            return (nil, MarkdownHeadingText.render(written))
        case .kramdown:
            if let id = MarkdownHeadingText.attributeList(in: written, .idOnly)?.id { return (id, "") }
            return (nil, written)
        case .hugo:
            if let (rest, id) = MarkdownHeadingText.attributeList(in: written, .attributes) { return (id, rest) }
            return (nil, written)
        case .mkdocs:
            if let (rest, id) = MarkdownHeadingText.attributeList(in: written, .attributesOrIAL) { return (id, MarkdownHeadingText.render(rest)) }
            return (nil, MarkdownHeadingText.render(written))
        }
    }

    /// The id of each heading of one page, in order. `otherIDs` are the page's other explicit
    /// ids (raw HTML), which some generators avoid when making ids.
    public static func ids(of headings: [Heading], style: Style, otherIDs: [String] = []) -> [String] {
        let sources = headings.map { source(of: $0, style: style) }
        switch style {
        case .github, .docusaurus:
            var occurrences: [String: Int] = [:]
            occurrences.reserveCapacity(sources.count)
            return sources.map { source in
                if let id = source.id { return id }
                let original = githubSlug(source.text)
                var result = original
                while occurrences[result] != nil {
                    occurrences[original, default: 0] += 1
                    result = original + "-" + String(occurrences[original]!)
                }
                occurrences[result] = 0
                return result
            }
        case .jekyll, .kramdown:
            var counters: [String: Int] = [:]
            counters.reserveCapacity(sources.count)
            return sources.map { source in
                if let id = source.id { return id }
                let base = style == .jekyll ? jekyllSlug(source.text) : kramdownSlug(source.text)
                let count = counters[base, default: -1] + 1
                counters[base] = count
                return count > 0 ? base + "-" + String(count) : base
            }
        case .hugo:
            var used: Set<String> = []
            return sources.map { source in
                if let id = source.id {
                    used.insert(id)
                    return id
                }
                let base = hugoSlug(source.text)
                var result = base
                if used.contains(result) {
                    var number = 1
                    while used.contains(base + "-" + String(number)) { number += 1 }
                    result = base + "-" + String(number)
                }
                used.insert(result)
                return result
            }
        case .mkdocs:
            var used = Set(otherIDs + sources.compactMap(\.id))
            return sources.map { source in
                if let id = source.id { return id }
                var id = mkdocsSlug(source.text)
                while used.contains(id) || id.isEmpty { id = nextMkDocsID(id) }
                used.insert(id)
                return id
            }
        }
    }

    /// The ids footnotes get, for their definitions and their references: `fn:note` and
    /// `fnref:note` (Python-Markdown, kramdown), `user-content-fn-note` (GitHub, remark-gfm),
    /// `fn:1` by number (Hugo's Goldmark).
    public static func footnoteIDs(_ labels: [String], style: Style) -> [String] {
        switch style {
        case .mkdocs, .kramdown, .jekyll:
            return labels.flatMap { ["fn:" + $0, "fnref:" + $0] }
        case .github, .docusaurus:
            return labels.flatMap { ["user-content-fn-" + $0, "user-content-fnref-" + $0] }
        case .hugo:
            return labels.indices.flatMap { ["fn:\($0 + 1)", "fnref:\($0 + 1)"] }
        }
    }

    /// github-slugger's `slug`: the regular expression it strips with is every character of
    /// the categories below that is not alphabetic, and not `-` or a space.
    static func githubSlug(_ text: String) -> String {
        if let ascii = asciiSlug(text, keepsUnderscore: true, spaces: [0x20]) { return ascii }
        // Scalar by scalar, each lower-cased as `String.lowercased()` does (its full lowercase
        // mapping), ASCII ones on bytes, into one UTF-8 buffer.
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        func add(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if byte == 0x20 {
                    output.append(0x2D)
                } else if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F {
                    output.append(byte)
                }
                return
            }
            var keeps = scalar.properties.isAlphabetic
            if !keeps {
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .connectorPunctuation, .surrogate:
                    keeps = true
                default:
                    break
                }
            }
            if keeps { UTF8.encode(scalar) { output.append($0) } }
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                add(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(UInt8(scalar.value) + 32) : scalar)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { add(lower) }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// kramdown-parser-gfm's `generate_gfm_header_id`, before the repeat counter.
    static func jekyllSlug(_ text: String) -> String {
        if let ascii = asciiSlug(text, keepsUnderscore: true, spaces: [0x20, 0x09]) { return ascii }
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " || scalar == "\t" {
                result.append("-")
            } else if scalar == "-" || isRubyWordCharacter(scalar) {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The common case of the GitHub-like styles, on bytes: ASCII text, lower-cased, letters,
    /// digits and `-` kept (and `_` when `keepsUnderscore`), each of `spaces` made `-`, the rest
    /// dropped. nil when the text is not all ASCII.
    private static func asciiSlug(_ text: String, keepsUnderscore: Bool, spaces: [UInt8]) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            if byte >= 0x41 && byte <= 0x5A {
                output.append(byte + 32)
            } else if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || (keepsUnderscore && byte == 0x5F) {
                output.append(byte)
            } else if spaces.contains(byte) {
                output.append(0x2D)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Onigmo's `\p{Word}`: alphabetic characters, marks, decimal digits, connector punctuation
    /// (`²` and `½` are not, `Ⅻ` is: checked against kramdown-parser-gfm).
    private static func isRubyWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isAlphabetic { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// kramdown's `basic_generate_id`, with its `section` for an empty result.
    static func kramdownSlug(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count, !isASCIILetter(bytes[start]) { start += 1 }
        var result: [UInt8] = []
        for byte in bytes[start...] {
            if isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D {
                result.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
            } else if byte == 0x20 {
                result.append(0x2D)
            }
        }
        return result.isEmpty ? "section" : String(decoding: result, as: UTF8.self)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }

    /// Hugo's `sanitizeAnchorNameWithHook` for the `github` type, with `heading` for an empty id.
    static func hugoSlug(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "-" || scalar == " " || scalar == "\t" {
                result.append("-")
            } else if scalar == "_" || isGoLetter(scalar) || scalar.properties.generalCategory == .decimalNumber {
                // Go's unicode.ToLower maps one rune to one rune.
                let lower = scalar.properties.lowercaseMapping.unicodeScalars
                result.append(lower.count == 1 ? lower.first! : scalar)
            }
        }
        return result.isEmpty ? "heading" : String(result)
    }

    private static func isGoLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Python-Markdown's `slugify(value, '-')`.
    static func mkdocsSlug(_ text: String) -> String {
        var folded: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                folded.append(UInt8(scalar.value))
            } else if let ascii = ASCIIFolding.table[scalar.value] {
                folded.append(contentsOf: ascii.utf8)
            }
        }
        // re.sub(r'[^\w\s-]', '', value).strip().lower()
        var kept = folded.filter { isPythonWord($0) || isPythonSpace($0) || $0 == 0x2D }
        while let first = kept.first, isPythonSpace(first) { kept.removeFirst() }
        while let last = kept.last, isPythonSpace(last) { kept.removeLast() }
        // re.sub(r'[-\s]+', '-', value)
        var result: [UInt8] = []
        var inRun = false
        for byte in kept {
            if byte == 0x2D || isPythonSpace(byte) {
                if !inRun { result.append(0x2D) }
                inRun = true
            } else {
                result.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                inRun = false
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func isPythonWord(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    /// Python's `\s` on ASCII: space, \t \n \v \f \r and the separators \x1c–\x1f.
    private static func isPythonSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F)
    }

    /// Python-Markdown's `unique`: `id_1` after `id`, `id_3` after `id_2`.
    private static func nextMkDocsID(_ id: String) -> String {
        if let underscore = id.lastIndex(of: "_") {
            let digits = id[id.index(after: underscore)...]
            if !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(digits) {
                return id[..<underscore] + "_" + String(number + 1)
            }
        }
        return id + "_1"
    }
}
