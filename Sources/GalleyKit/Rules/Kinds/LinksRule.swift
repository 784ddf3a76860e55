/// `kind: links`: images carry alt text; link text says where it goes.
struct LinksRule: Rule, RuleKind {
    static let name = "links"
    static let summary = "Checks links and images: alt text present, no vague or empty link text."
    static let options: [(key: String, description: String)] = [
        ("alt-text", "every image has alt text; alt=\"\" marks a decorative image and passes"),
        ("vague-text", "link texts that say nothing about the target (e.g. 'click here', 'read more')"),
        ("empty-text", "every link has text"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("An image without alt text, in HTML or Markdown syntax", options: "alt-text: true",
                    article: "# Title\n\n<img src=\"a.png\">\n\n![](b.png)\n", expected: ["3:1", "5:1"]),
        RuleExample("alt=\"\" marks a decorative image; Markdown cannot", options: "alt-text: true",
                    article: "# Title\n\nText <img src=\"line.png\" alt=\"\"> here.\n", expected: []),
        RuleExample("Vague link text", options: "vague-text: [click here, read more]",
                    article: "# Title\n\nFor details, [click here](https://example.com).\n", expected: ["3:15"]),
        RuleExample("Inline code is link text", options: "empty-text: true",
                    article: "# Title\n\nSee [`repo/contribute`](https://example.com) and [](https://example.org).\n", expected: ["3:50"]),
        RuleExample("Descriptive link text and alt text", options: "alt-text: true\nvague-text: [click here]",
                    article: "# Title\n\nRead [the style guide](https://example.com).\n\n![A chart of results](c.png)\n", expected: []),
    ]

    let definition: RuleDefinition
    var altText = false
    var vagueTexts: Set<String> = []
    var emptyText = false

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = LinksRule(definition: definition)
        rule.altText = options.bool("alt-text") ?? false
        rule.vagueTexts = Set((options.strings("vague-text") ?? []).map { normalize($0.0) })
        rule.emptyText = options.bool("empty-text") ?? false
        if !rule.altText && rule.vagueTexts.isEmpty && !rule.emptyText {
            options.report("a links rule needs at least one of: alt-text, vague-text, empty-text", at: options.node)
            return nil
        }
        return rule
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        if altText {
            for image in document.images where image.alt == nil || (image.alt?.isEmpty == true && !image.emptyAltIsDecorative) {
                // Markdown cannot say "decorative": ![](x.png) is a forgotten description.
                findings.append(Finding(range: SourceRange(at: image.offset), message: "image '\(image.url)' has no alt text", values: ["url": image.url]))
            }
        }
        for link in document.links {
            let text = Self.normalize(link.text.text)
            let hasImage = document.images.contains { link.range.start <= $0.offset && $0.offset < max(link.range.end, link.range.start + 1) }
            if emptyText, text.isEmpty, !hasImage {
                findings.append(Finding(range: link.range, message: "link to '\(link.url)' has no text", values: ["url": link.url]))
            } else if vagueTexts.contains(text) {
                findings.append(Finding(range: link.text.sourceRange, message: "link text '\(link.text.text)' does not say where it goes",
                                        values: ["match": link.text.text, "url": link.url], matchedText: link.text.text))
            }
        }
        return findings
    }

    static func normalize(_ text: String) -> String {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }
}
