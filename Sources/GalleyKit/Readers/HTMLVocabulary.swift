import MarkupParser

/// HTML (and XHTML) elements as article structure, within the page's content roots: outside
/// them only the page's metadata is read.
struct HTMLVocabulary: MarkupVocabulary {
    var syntax: SourceAligner.Syntax { .markup }
    let layout: PageLayout

    private static let containers: Set<String> = [
        "html", "body", "main", "div", "header", "footer", "form", "fieldset", "figure",
        "address", "center", "table", "thead", "tbody", "tfoot", "tr", "hgroup", "search", "dialog", "legend", "hr",
    ]
    private static let notProse: Set<String> = [
        "style", "template", "noscript", "pre", "code", "kbd", "samp", "var", "svg", "math", "iframe", "object", "embed",
        "canvas", "select", "textarea", "nav", "button", "link", "base", "audio", "video", "map", "head-script", "input",
    ]

    func role(of index: Int32, in tree: MarkupTree, sectionLevel: Int) -> MarkupRole {
        let node = tree.nodes[Int(index)]
        let name = node.name.lowercased()
        guard layout.isInside(index) else { return metadataRole(node, name: name, tree) ?? .outside }
        if layout.isLeftOut(index) { return .skip }
        if let role = layout.faqRole(index) { return role }
        if let trigger = layout.trigger(index) { return trigger.map { .heading(level: $0) } ?? .transparent }
        switch name {
        case "p": return .block(.paragraph)
        case "section", "article", "aside": return .sectioning
        case "h1", "h2", "h3", "h4", "h5", "h6": return .heading(level: Int(name.utf8.last! - 48))
        case "ul", "menu": return .list(ordered: false)
        case "ol": return .list(ordered: true)
        case "li": return .listItem
        case "blockquote": return .quote
        case "td", "th": return .block(.tableCell)
        case "caption", "figcaption": return .block(.caption)
        case "dl": return .faqSet(.definitionList, always: isInsideFAQContainer(index, tree))
        case "dt": return .faqQuestion(startsEntry: true, kind: .term)
        case "dd": return .faqAnswer(kind: .definition)
        case "details": return .details(always: isInsideFAQContainer(index, tree))
        case "summary": return .faqQuestion(startsEntry: false, kind: .paragraph)
        case "a": return tree.attribute("href", of: node).map { .link(url: $0) } ?? .transparent
        case "img": return .image(url: tree.attribute("src", of: node) ?? "", altAttribute: "alt")
        case "br": return .lineBreak
        case "title", "meta", "script":
            return metadataRole(node, name: name, tree) ?? .skip
        default:
            if Self.containers.contains(name) { return .container }
            if Self.notProse.contains(name) { return .skip }
            return .transparent
        }
    }

    /// `<title>`, `<meta name content>` and JSON-LD: the page's metadata, read wherever it is.
    private func metadataRole(_ node: MarkupNode, name: String, _ tree: MarkupTree) -> MarkupRole? {
        switch name {
        case "title":
            return parentName(of: node, tree) == "head" ? .metadata(key: "title") : nil
        case "meta":
            guard let key = tree.attribute("name", of: node) ?? tree.attribute("property", of: node),
                  let value = tree.attribute("content", of: node) else { return nil }
            return .metaTag(key: key.lowercased(), value: value)
        case "script":
            let type = tree.attribute("type", of: node)?.lowercased() ?? ""
            return type == "application/ld+json" ? .structuredData : nil
        default:
            return nil
        }
    }

    private func parentName(of node: MarkupNode, _ tree: MarkupTree) -> String? {
        node.parent == MarkupTree.none ? nil : tree.nodes[Int(node.parent)].name.lowercased()
    }

    /// An element whose class or id mentions "faq" marks its `<dl>` and `<details>` as the FAQ.
    private func isInsideFAQContainer(_ index: Int32, _ tree: MarkupTree) -> Bool {
        var current = index
        while current != MarkupTree.none {
            let node = tree.nodes[Int(current)]
            for attribute in ["class", "id"] {
                if let value = tree.attribute(attribute, of: node)?.lowercased(), value.contains("faq") { return true }
            }
            current = node.parent
        }
        return false
    }
}
