/// A language as articles and configuration name it: a BCP 47 tag such as `en`, `de-AT`,
/// `pt-BR`, `zh-Hans`, `sr-Latn-RS`. `en_US` and `zh_hans` (underscores, as POSIX locales and
/// Jekyll sites write them) are read too. Stored in BCP 47's canonical case: `pt-BR`, `zh-Hans`.
public struct LanguageTag: Sendable, Hashable, CustomStringConvertible {
    /// The primary language subtag, lowercase: `pt`.
    public let language: String
    /// The script subtag, titlecase (`Hans`), when given.
    public let script: String?
    /// The region subtag, uppercase (`BR`) or three digits (`419`), when given.
    public let region: String?
    /// The whole tag in canonical case, variants and extensions included.
    public let description: String

    public static let english = LanguageTag("en")!

    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else { return nil }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
            .map(String.init)
        guard let first = parts.first, (2...3).contains(first.count) || first.lowercased() == "und",
              first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        guard parts.allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return nil }
        language = first.lowercased()
        var script: String?
        var region: String?
        var canonical = [language]
        for (position, part) in parts.enumerated().dropFirst() {
            if position == 1, part.count == 4, part.allSatisfy(\.isLetter) {
                script = part.prefix(1).uppercased() + part.dropFirst().lowercased()
                canonical.append(script!)
            } else if region == nil, position == 1 || (position == 2 && script != nil),
                      (part.count == 2 && part.allSatisfy(\.isLetter)) || (part.count == 3 && part.allSatisfy(\.isNumber)) {
                region = part.uppercased()
                canonical.append(region!)
            } else {
                canonical.append(part.lowercased())
            }
        }
        self.script = script
        self.region = region
        description = canonical.joined(separator: "-")
    }

    /// Whether this tag is `other` or more specific than it: `de-AT` matches `de`, `zh-Hant`
    /// matches `zh`, `de` does not match `de-AT`. Case does not matter.
    public func matches(_ other: LanguageTag) -> Bool {
        description == other.description || description.lowercased().hasPrefix(other.description.lowercased() + "-")
    }

    public var isEnglish: Bool { language == "en" }
}

/// The language an article is written in, and where Galley learnt it.
public struct DocumentLanguage: Sendable, Hashable {
    public enum Source: String, Sendable {
        /// `lang`, `language` or `locale` in Markdown or HTML front matter.
        case frontMatter = "front-matter"
        /// A top-level `lang`, `language` or `locale` key of a YAML article.
        case yamlKey = "yaml"
        /// `<html lang>` (or `xml:lang`) of an HTML page.
        case htmlAttribute = "html-lang"
        /// `xml:lang` on the root element of an XML document.
        case xmlAttribute = "xml-lang"
        /// `language:` in `.galley.yml`, for all files or those matching a glob.
        case configuration
        /// Nothing said, and most letters are of one script other than Latin: the language is
        /// undetermined (`und-Arab`, `und-Hani`), so nothing made for English applies.
        case script
        /// Nothing said, and the text is in Latin letters: Galley's default, English.
        case assumed
    }

    public var tag: LanguageTag
    public var source: Source
    /// Where the article declares it (the key or the element), when it does.
    public var offset: Int?

    public init(tag: LanguageTag, source: Source, offset: Int? = nil) {
        self.tag = tag
        self.source = source
        self.offset = offset
    }

    public static let assumedEnglish = DocumentLanguage(tag: .english, source: .assumed)

    /// Metadata keys that name the language, in order of preference.
    public static let metadataKeys = ["lang", "language", "locale"]
}

extension Document {
    /// The article's language: declared, configured, or English when nothing says otherwise.
    public var resolvedLanguage: DocumentLanguage { language ?? .assumedEnglish }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
