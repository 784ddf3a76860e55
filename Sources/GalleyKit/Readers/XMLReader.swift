import MarkupParser

/// XML through libxml2's strict parser (network, DTD loading and entity substitution off).
/// DocBook 5 is the default vocabulary; XHTML reads like HTML; other vocabularies come from
/// XPath mappings in the configuration.
enum XMLReader {
    static let docBookNamespace = "http://docbook.org/ns/docbook"
    static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
    static let xincludeNamespace = "http://www.w3.org/2001/XInclude"

    static func read(path: String, source: SourceText, options: ReaderOptions = ReaderOptions()) -> Document {
        let mappings = options.xmlMappings
        var builder = DocumentBuilder(path: path, format: .xml, source: source, options: options)
        let html = options.html
        var queries: [MarkupParser.XPathQuery] = []
        var firstQuery: [Int] = []
        for mapping in mappings {
            firstQuery.append(queries.count)
            queries += mapping.queries.map(\.query)
            if let sections = mapping.sections { queries.append(MarkupParser.XPathQuery(sections, namespaces: mapping.namespaces)) }
        }
        let htmlQueries = queries.count
        queries += html.queries
        let tree = MarkupParser.parse(source.bytes, as: .xml, selecting: queries)
        MarkupIssues.report(tree.issues, ignoring: [], minimum: .error, into: &builder)
        for entity in tree.entityDeclarations where entity.isExternal {
            let target = entity.systemID ?? entity.publicID ?? ""
            builder.addIssue(ReadIssue(kind: .entity, severity: .warning, offset: max(0, Int(entity.offset)),
                                       message: "external entity '\(entity.name)' (\(target)) is not loaded"))
        }
        if let dtd = tree.externalDTD {
            builder.addIssue(ReadIssue(kind: .entity, severity: .note, offset: max(0, Int(dtd.offset)),
                                       message: "the external DTD (\(dtd.systemID ?? dtd.publicID ?? "")) is not loaded; entities it defines are not expanded"))
        }
        for node in tree.nodes where node.kind == .element && node.name == "include" && node.namespace == xincludeNamespace {
            let target = tree.attribute("href", of: node) ?? ""
            builder.addIssue(ReadIssue(kind: .entity, severity: .note, offset: max(0, Int(node.offset)),
                                       message: "XInclude of '\(target)' is not processed; the included text is not checked"))
        }
        let root = tree.nodes.firstIndex { $0.kind == .element && $0.parent == MarkupTree.none }.map { tree.nodes[$0] }
        let vocabulary: any MarkupVocabulary
        var origin = MetadataField.Origin.docbookInfo
        if let root, let index = mappings.firstIndex(where: { $0.root == root.name && ($0.namespace == nil || $0.namespace == root.namespace) }) {
            let end = index + 1 < firstQuery.count ? firstQuery[index + 1] : htmlQueries
            vocabulary = XPathVocabulary(mapping: mappings[index], selections: tree.selections[firstQuery[index]..<end], tree: tree)
            origin = .xpath
        } else if let root, root.namespace == xhtmlNamespace || (root.namespace == nil && root.name == "html") {
            HTMLPage.read(tree, parsed: nil, options: html, results: tree.selections[min(htmlQueries, tree.selections.count)...], into: &builder)
            var document = builder.build()
            if let reason = HTMLPage.notArticleReason(document, tree) {
                document.isArticle = false
                document.notArticleReason = reason
            }
            return document
        } else if let root, !DocBookVocabulary.isArticleRoot(root) {
            var document = builder.build()
            document.isArticle = false
            document.notArticleReason = NonArticleXML.reason(root: root)
            return document
        } else {
            vocabulary = DocBookVocabulary()
        }
        MarkupWalker(tree: tree, vocabulary: vocabulary, metadataOrigin: origin).walk(into: &builder)
        // libxml2 keeps the local name: xml:lang is "lang" (XHTML's own lang attribute reads the same).
        builder.languageAttribute = HTMLReader.languageAttribute(of: tree, in: source, names: ["lang"], origin: .xmlAttribute)
        var document = builder.build()
        if origin == .xpath { document.metadata.mergeRepeatedKeys() }
        return document
    }
}
