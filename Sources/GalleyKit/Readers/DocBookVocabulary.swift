import MarkupParser

/// DocBook 5 (and namespace-less DocBook 4) elements as article structure.
struct DocBookVocabulary: MarkupVocabulary {
    var syntax: SourceAligner.Syntax { .markup }

    private static let roots: Set<String> = ["article", "book", "set"]
    private static let chapters: Set<String> = ["chapter", "preface", "appendix", "part", "reference", "glossary", "bibliography", "colophon", "dedication"]
    private static let sections: Set<String> = ["section", "simplesect", "refsection", "refentry", "refsect1", "refsect2", "refsect3"]
    private static let infos: Set<String> = ["info", "articleinfo", "bookinfo", "chapterinfo", "sectioninfo", "sect1info", "sect2info", "sect3info"]
    private static let captioned: Set<String> = ["table", "informaltable", "figure", "example", "equation", "sidebar", "formalpara", "procedure"]
    private static let containers: Set<String> = [
        "note", "tip", "warning", "caution", "important", "sidebar", "example", "figure", "informalfigure", "table",
        "informaltable", "tgroup", "thead", "tbody", "tfoot", "row", "footnote", "glossentry", "glossdef", "variablelist",
        "varlistentry", "calloutlist", "callout", "firstname", "surname", "honorific", "othername", "lineage",
    ]
    private static let notProse: Set<String> = [
        "programlisting", "screen", "synopsis", "cmdsynopsis", "funcsynopsis", "literallayout", "code", "literal",
        "command", "filename", "userinput", "computeroutput", "option", "varname", "function", "classname",
        "methodname", "parameter", "replaceable", "envar", "systemitem", "markup", "tag", "prompt", "keycap",
        "keycombo", "uri", "email", "constant", "type", "package", "indexterm", "remark", "annotation", "label",
        "imageobject", "videoobject", "audioobject", "titleabbrev", "mathphrase", "equation", "inlineequation",
    ]

    /// A DocBook document: any root in DocBook 5's namespace, or (DocBook 4, which has none) a
    /// root that DocBook defines as a document or a part of one.
    static func isArticleRoot(_ root: MarkupNode) -> Bool {
        if root.namespace == XMLReader.docBookNamespace { return true }
        guard root.namespace == nil else { return false }
        let name = root.name
        return roots.contains(name) || chapters.contains(name) || sections.contains(name) || infos.contains(name)
            || ["sect1", "sect2", "sect3", "sect4", "sect5", "qandaset", "qandadiv", "qandaentry", "partintro", "sidebar"].contains(name)
    }

    func role(of index: Int32, in tree: MarkupTree, sectionLevel: Int) -> MarkupRole {
        let node = tree.nodes[Int(index)]
        let name = node.name
        let parent = node.parent == MarkupTree.none ? nil : tree.nodes[Int(node.parent)]
        if let parent, Self.infos.contains(parent.name), isDocumentInfo(parent, tree) {
            return infoChildRole(name)
        }
        switch name {
        case _ where Self.roots.contains(name) && node.parent == MarkupTree.none: return .section(level: 1)
        case _ where Self.chapters.contains(name): return .section(level: sectionLevel + 1)
        case _ where Self.sections.contains(name): return .section(level: sectionLevel + 1)
        case "sect1", "sect2", "sect3", "sect4", "sect5": return .section(level: Int(name.utf8.last! - 48) + 1)
        case "qandaset", "qandadiv": return .faqSet(.qandaset, always: true)
        case "qandaentry": return .faqEntry(defaultRole: .body, origin: .mapped)
        case "question": return .faqQuestion(startsEntry: false, kind: .paragraph)
        case "answer": return .faqAnswer(kind: .paragraph)
        case "title":
            guard let parent else { return .skip }
            if Self.captioned.contains(parent.name) { return .block(.caption) }
            return .sectionTitle
        case "subtitle": return .skip
        case _ where Self.infos.contains(name): return .container
        case "para", "simpara": return .block(.paragraph)
        case "formalpara": return .container
        case "itemizedlist", "simplelist": return .list(ordered: false)
        case "orderedlist", "procedure": return .list(ordered: true)
        case "listitem": return parent?.name == "varlistentry" ? .block(.definition) : .listItem
        case "member", "step": return .listItem
        case "term": return .block(.term)
        case "blockquote", "epigraph": return .quote
        case "attribution", "caption": return .block(.caption)
        case "entry": return .block(.tableCell)
        case "link": return .link(url: tree.attribute("href", of: node) ?? tree.attribute("linkend", of: node).map { "#" + $0 } ?? "")
        case "ulink": return .link(url: tree.attribute("url", of: node) ?? "")
        case "mediaobject", "inlinemediaobject": return .imageWithContentAlt(url: imageFile(in: index, tree))
        default:
            if Self.containers.contains(name) { return .container }
            if Self.notProse.contains(name) { return .skip }
            return .transparent
        }
    }

    private func isDocumentInfo(_ info: MarkupNode, _ tree: MarkupTree) -> Bool {
        guard info.parent != MarkupTree.none else { return false }
        return tree.nodes[Int(info.parent)].parent == MarkupTree.none
    }

    private func infoChildRole(_ name: String) -> MarkupRole {
        switch name {
        case "title": return .sectionTitle
        case "subtitle": return .metadata(key: "subtitle")
        case "abstract": return .metadata(key: "description")
        case "keywordset": return .metadataList(key: "keywords")
        case "subjectset": return .metadataList(key: "categories")
        case "author", "editor": return .metadata(key: "author")
        case "authorgroup": return .metadataList(key: "authors")
        case "pubdate", "date": return .metadata(key: "date")
        default: return .skip
        }
    }

    /// The `fileref` of the first `imagedata` inside a media object.
    private func imageFile(in index: Int32, _ tree: MarkupTree) -> String {
        var pending = [index]
        while let current = pending.popLast() {
            for child in tree.children(of: current) where tree.nodes[Int(child)].kind == .element {
                let node = tree.nodes[Int(child)]
                if node.name == "imagedata" { return tree.attribute("fileref", of: node) ?? "" }
                pending.append(child)
            }
        }
        return ""
    }
}
