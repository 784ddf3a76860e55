import MarkupParser
import YAMLParser

/// Reads `xml: vocabularies:` mappings, checking every XPath expression when loading.
enum XMLVocabularyConfig {
    static func mappings(from node: YAMLNode, file: YAMLFile, errors: inout [ConfigError]) -> [XMLVocabularyMapping] {
        guard let items = node.items else {
            errors.append(file.error("'vocabularies' must be a list of mappings, found \(OptionReader.describe(node))", at: node))
            return []
        }
        return items.compactMap { mapping(from: $0, file: file, errors: &errors) }
    }

    static func mapping(from node: YAMLNode, file: YAMLFile, errors: inout [ConfigError]) -> XMLVocabularyMapping? {
        var options = OptionReader(file: file, node: node)
        guard let root = options.string("root", required: true) else {
            errors += options.finish()
            return nil
        }
        var mapping = XMLVocabularyMapping(root: root)
        mapping.namespace = options.string("namespace")
        if var namespaces = options.options("namespaces") {
            for key in namespaces.keys { mapping.namespaces[key] = namespaces.string(key) }
            options.absorb(namespaces)
        }
        func expression(_ reader: inout OptionReader, _ key: String) -> String? {
            guard let text = reader.string(key) else { return nil }
            if let message = MarkupParser.xpathError(in: .init(text, namespaces: mapping.namespaces)), let node = reader.node[key] {
                reader.report("'\(key)' is not a valid XPath expression: \(message)", at: node)
                return nil
            }
            return text
        }
        if var metadata = options.options("metadata") {
            for key in metadata.keys { mapping.metadata[key] = expression(&metadata, key) }
            options.absorb(metadata)
        }
        if var headings = options.options("headings") {
            for key in headings.keys {
                guard let level = headings.int(key, range: 1...6) else { continue }
                if let message = MarkupParser.xpathError(in: .init(key, namespaces: mapping.namespaces)), let keyNode = headings.node.pairs?.first(where: { $0.key.scalar == key })?.key {
                    headings.report("heading selector '\(key)' is not a valid XPath expression: \(message)", at: keyNode)
                    continue
                }
                mapping.headings[key] = level
            }
            options.absorb(headings)
        }
        mapping.sections = expression(&options, "sections")
        mapping.sectionTitles = expression(&options, "section-titles")
        mapping.paragraphs = expression(&options, "paragraphs")
        mapping.lists = expression(&options, "lists")
        mapping.orderedLists = expression(&options, "ordered-lists")
        mapping.listItems = expression(&options, "list-items")
        mapping.quotes = expression(&options, "quotes")
        mapping.tableCells = expression(&options, "table-cells")
        mapping.captions = expression(&options, "captions")
        mapping.ignore = expression(&options, "ignore")
        if var faq = options.options("faq") {
            mapping.faqEntries = expression(&faq, "entries")
            mapping.faqQuestions = expression(&faq, "questions")
            mapping.faqAnswers = expression(&faq, "answers")
            options.absorb(faq)
        }
        errors += options.finish()
        return mapping
    }
}
