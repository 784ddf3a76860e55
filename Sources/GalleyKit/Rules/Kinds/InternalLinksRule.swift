/// `kind: internal-links`: links between the library's articles lead somewhere. A relative or
/// root-relative link must name a file or page that exists, and its `#fragment` an anchor the
/// target has: an explicit id, or a heading's id as the site's generator makes it (`site:` in
/// `.galley.yml` says which generator, where the site root is and how URLs map to files).
/// Links to other sites and schemes are not checked.
struct InternalLinksRule: LibraryRule, RuleKind {
    static let name = "internal-links"
    static let summary = "Library: relative and root-relative links lead to a file or page that exists, and their #fragment to an anchor that exists there (headings' ids as the site's generator makes them)."
    static let options: [(key: String, description: String)] = [
        ("fragments", "check #fragment links against the target's anchors (default: true)"),
        ("images", "check that image sources exist (default: true)"),
        ("ignore", "URL prefixes not to check, such as /api/ (pages another tool makes)"),
        ("ignore-anchors", "prefixes of anchors the site's own tooling makes, not checked (e.g. config. for ids a build hook adds)"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("A link to a file that does not exist, and to a heading that does not", options: "", articles: [
            ExampleArticle("guide/start.md", "# Start\n\nRead [the install guide](install.md) and\n[its options](setup.md#options).\n"),
            ExampleArticle("guide/setup.md", "# Setup\n\n## Choosing a plan\n\nText.\n"),
        ], expected: ["guide/start.md:3:6", "guide/start.md:4:1"]),
        RuleExample("Heading ids as the generator makes them: punctuation, emoji, repeated headings", options: "", articles: [
            ExampleArticle("faq.md", "# FAQ\n\n## What's new in 2.0? 🎉\n\n## Examples\n\n## Examples\n"),
            ExampleArticle("index.md", "# Home\n\nSee [what is new](faq.md#whats-new-in-20-), [examples](faq.md#examples-1)\nand [the top](#home).\n"),
        ], expected: []),
        RuleExample("URLs through a pattern, and an anchor Hugo would name differently", options: "", articles: [
            ExampleArticle("content/docs/install.md", "# Install\n\n## Linux & macOS\n"),
            ExampleArticle("content/index.md", "# Home\n\n[Linux](/docs/install/#linux--macos) or [macOS](/docs/install/#linux-macos).\n"),
        ], site: "root: content\nurl-pattern: /:path/\nslugs: hugo", expected: ["content/index.md:3:41"]),
    ]

    let definition: RuleDefinition
    var fragments = true
    var images = true
    var ignored: [String] = []
    var ignoredAnchors: [String] = []

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = InternalLinksRule(definition: definition)
        rule.fragments = options.bool("fragments") ?? true
        rule.images = options.bool("images") ?? true
        rule.ignored = (options.strings("ignore") ?? []).map(\.0)
        rule.ignoredAnchors = (options.strings("ignore-anchors") ?? []).map(\.0)
        return rule
    }

    var factFields: [String] { [] }

    func check(_ library: Library) -> [LibraryFinding] {
        var findings: [LibraryFinding] = []
        for article in library.indices {
            let facts = library.facts(article, sections: Library.linkSections)
            let targets = library.targets(of: article, facts: facts)
            for (link, target) in zip(facts.links, targets) {
                if link.isImage && !images { continue }
                if ignored.contains(where: { link.url.hasPrefix($0) }) { continue }
                switch target {
                case .notChecked, .file:
                    continue
                case .missing(let path):
                    let what = link.isImage ? "image" : "link"
                    findings.append(LibraryFinding(
                        article: article, position: link.position,
                        message: "\(what) '\(link.url)' leads nowhere: there is no \(path)",
                        values: ["url": link.url, "match": link.url, "target": path],
                        subject: "missing:" + path, related: [path], detail: .missingTarget(url: link.url, target: path)))
                case .article(let index, let fragment):
                    guard fragments, let fragment, !link.isImage, !ignoredAnchors.contains(where: { fragment.hasPrefix($0) }),
                          !library.hasAnchor(fragment, in: index) else { continue }
                    let targetPath = library.path(index)
                    let place = index == article ? "this article" : targetPath
                    let anchors = library.anchors(of: index).sorted()
                    let hint = Spelling.suggestion(for: fragment, among: anchors).replacing("did you mean '", with: "did you mean '#")
                    findings.append(LibraryFinding(
                        article: article, position: link.position,
                        message: "link '\(link.url)': \(place) has no anchor '#\(fragment)'\(hint)",
                        values: ["url": link.url, "match": link.url, "target": targetPath, "anchor": fragment],
                        subject: "anchor:" + targetPath + "#" + fragment, related: [targetPath],
                        detail: .missingAnchor(url: link.url, target: targetPath, anchor: fragment)))
                }
            }
        }
        return findings
    }
}
