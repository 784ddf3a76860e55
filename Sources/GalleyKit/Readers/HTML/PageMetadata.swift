/// The page's metadata beyond `<title>` and `<meta>`: an `Article`'s headline and description
/// from JSON-LD, the title and description of social cards (`og:`, `twitter:`) when the page
/// declares none of its own, and the title without the site's name after a separator.
enum PageMetadata {
    static func complete(_ builder: inout DocumentBuilder, options: HTMLOptions) {
        for data in builder.document.structuredData {
            guard let article = article(in: data.text) else { continue }
            for (key, field) in [("headline", "json-ld:headline"), ("description", "json-ld:description")] {
                guard case .string(let text, let offset)? = article[key] else { continue }
                let plain = StructuredFAQReader.plainText(text)
                guard !plain.isEmpty else { continue }
                let at = data.offset + offset + 1
                builder.setMetadata(field, .string(TextRun(text: plain, at: at)), at: at, origin: .jsonLD)
            }
            break
        }
        let metadata = builder.document.metadata
        for (key, fallbacks) in [("title", ["og:title", "twitter:title", "json-ld:headline"]),
                                 ("description", ["og:description", "twitter:description", "json-ld:description"])] {
            guard metadata[key] == nil, let found = fallbacks.lazy.compactMap({ metadata[$0] }).first else { continue }
            builder.setMetadata(key, found.value, at: found.offset, origin: found.origin)
        }
        if !options.titleSeparators.isEmpty, let title = builder.document.metadata["title"], title.origin == .htmlMeta,
           case .string(let run) = title.value, let stripped = withoutSiteName(run, separators: options.titleSeparators) {
            builder.replaceMetadata(MetadataField(key: title.key, value: .string(stripped), offset: title.offset, origin: title.origin))
        }
    }

    /// The title before the last separator, trimmed; nil when no separator leaves a title.
    static func withoutSiteName(_ run: TextRun, separators: [String]) -> TextRun? {
        let bytes = Array(run.text.utf8)
        var cut: Int?
        for separator in separators where !separator.isEmpty {
            let needle = Array(separator.utf8)
            guard needle.count <= bytes.count else { continue }
            var index = bytes.count - needle.count
            while index > 0 {
                if bytes[index..<(index + needle.count)].elementsEqual(needle) {
                    cut = max(cut ?? 0, index)
                    break
                }
                index -= 1
            }
        }
        guard var end = cut else { return nil }
        while end > 0, TextRunBuilder.isSpace(bytes[end - 1]) { end -= 1 }
        return end > 0 ? run.slice(0..<end) : nil
    }

    /// The first schema.org article (`Article`, `NewsArticle`, `BlogPosting`...) in JSON-LD, however nested.
    private static func article(in text: String) -> JSONValue? {
        guard let root = try? JSONValue.parse(text) else { return nil }
        var pending = [root]
        while !pending.isEmpty {
            let value = pending.removeFirst()
            switch value {
            case .array(let items):
                pending.append(contentsOf: items)
            case .object(let members):
                if value["@type"]?.elements.contains(where: { $0.string.map(isArticleType) ?? false }) == true { return value }
                pending.append(contentsOf: members.map(\.value))
            default:
                break
            }
        }
        return nil
    }

    private static func isArticleType(_ type: String) -> Bool {
        var name = Substring(type)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        return name.hasSuffix("Article") || ["BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "Report", "APIReference"].contains(name)
    }
}
