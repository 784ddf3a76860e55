/// The `Document` as JSON (`galley dump --format json`), for scripts, CMS integrations and tests
/// that would otherwise parse the text dump. A versioned shape, documented in
/// docs/formats/document-json.md: `version` changes only when a field is removed or changes
/// meaning; new fields may be added. Positions are 1-based lines and columns in code points, as in
/// every other output; blocks, sections and lists refer to each other by index.
public enum DocumentJSON {
    public static let formatVersion = 1

    /// The whole output for `documents`, in the order given: each metadata field, block, link…
    /// on a line of its own.
    public static func render(_ documents: [Document]) -> String {
        JSONOutput.object([
            ("version", .int(formatVersion)),
            ("tool", .object([("name", .string("galley")), ("version", .string(Galley.version))])),
            ("documents", .array(documents.map(object))),
        ]).pretty(depth: 4) + "\n"
    }

    static func object(_ document: Document) -> JSONOutput {
        let shape = Shape(document: document)
        var members: [(String, JSONOutput)] = [
            ("path", .string(document.path)),
            ("format", .string(document.format.rawValue)),
            ("language", shape.language(document.resolvedLanguage)),
            ("isArticle", .bool(document.isArticle)),
            ("notArticleReason", document.notArticleReason.map { .string($0) } ?? .null),
            ("content", document.extraction.map(shape.extraction) ?? .null),
            ("metadata", .array(document.metadata.fields.map(shape.field))),
            ("blocks", .array(document.blocks.indices.map(shape.block))),
            ("sections", .array(document.sections.map(shape.section))),
            ("lists", .array(document.lists.map(shape.list))),
            ("faq", document.faq.map(shape.faq) ?? .null),
            ("structuredFAQ", .array(document.structuredFAQ.map { entry in
                .object([("question", .string(entry.question)), ("answer", .string(entry.answer))] + shape.at(entry.offset))
            })),
            ("links", .array(document.links.map { link in
                .object([("url", .string(link.url)), ("text", shape.run(link.text))] + shape.span(link.range))
            })),
            ("images", .array(document.images.map { image in
                .object([("url", .string(image.url)), ("alt", image.alt.map(shape.run) ?? .null), ("block", image.block.map { .int($0) } ?? .null)]
                        + shape.at(image.offset))
            })),
            ("comments", .array(document.comments.map { comment in
                .object([("text", .string(comment.text))] + shape.span(comment.range))
            })),
        ]
        if !document.anchors.isEmpty { members.append(("anchors", .array(document.anchors.map { .string($0) }))) }
        if !document.templateLanguages.isEmpty {
            members.append(("templates", .array(document.templateLanguages.map { use in
                .object([("language", .string(use.language.rawValue)), ("detected", .bool(use.detected))])
            })))
        }
        if !document.ignored.isEmpty {
            members.append(("ignored", .array(document.ignored.map { span in
                .object([("kind", .string(span.kind.rawValue))] + shape.span(span.range))
            })))
        }
        members.append(("problems", .array(document.issues.map { issue in
            .object([("severity", .string(issue.severity.rawValue)), ("kind", .string(issue.kind.rawValue)), ("message", .string(issue.message))]
                    + shape.at(issue.offset))
        })))
        return .object(members)
    }

    /// Positions of one document.
    private struct Shape {
        let document: Document

        /// The language, where Galley learnt it (`assumed` when nothing said), and where it is written.
        func language(_ language: DocumentLanguage) -> JSONOutput {
            .object([("tag", .string(language.tag.description)), ("source", .string(language.source.rawValue))] + (language.offset.map(at) ?? []))
        }

        func at(_ offset: Int) -> [(String, JSONOutput)] {
            let location = document.location(of: offset)
            return [("line", .int(location.line)), ("column", .int(location.column))]
        }

        func span(_ range: SourceRange) -> [(String, JSONOutput)] {
            let span = document.span(of: range)
            return [("line", .int(span.start.line)), ("column", .int(span.start.column)),
                    ("endLine", .int(span.end.line)), ("endColumn", .int(span.end.column))]
        }

        /// A piece of prose and where it stands in the source, from its first character to the
        /// character after its last.
        func run(_ text: TextRun) -> JSONOutput {
            .object([("text", .string(text.text))] + span(text.sourceRange))
        }

        func field(_ field: MetadataField) -> JSONOutput {
            .object([("key", .string(field.key)), ("origin", .string(field.origin.rawValue))] + at(field.offset) + [("value", value(field.value))])
        }

        func value(_ value: MetadataValue) -> JSONOutput {
            switch value {
            case .string(let text):
                return .object([("type", .string("string")), ("text", .string(text.text))] + span(text.sourceRange))
            case .number(let number, let offset):
                return .object([("type", .string("number")), ("value", .double(number))] + at(offset))
            case .bool(let flag, let offset):
                return .object([("type", .string("boolean")), ("value", .bool(flag))] + at(offset))
            case .null(let offset):
                return .object([("type", .string("null"))] + at(offset))
            case .list(let items):
                return .object([("type", .string("list")), ("items", .array(items.map(self.value)))])
            case .map(let fields):
                return .object([("type", .string("map")), ("fields", .array(fields.map(field)))])
            }
        }

        func block(_ index: Int) -> JSONOutput {
            let block = document.blocks[index]
            var members: [(String, JSONOutput)] = [("index", .int(index)), ("kind", .string(block.kind.rawValue))]
            if block.kind == .heading { members.append(("level", .int(block.level))) }
            if let anchor = block.anchor { members.append(("anchor", .string(anchor))) }
            members += [
                ("role", .string(block.role.rawValue)),
                ("section", block.section.map { .int($0) } ?? .null),
                ("list", block.list.map { .int($0) } ?? .null),
                ("item", block.item.map { .int($0) } ?? .null),
                ("quoted", .bool(block.isQuoted)),
                ("emphasized", .bool(block.isEmphasized)),
            ]
            if block.isHeader { members.append(("header", .bool(true))) }
            if block.isFrontMatterTitle { members.append(("frontMatterTitle", .bool(true))) }
            return .object(members + span(block.range) + [("text", run(block.text))])
        }

        func section(_ section: Section) -> JSONOutput {
            .object([
                ("heading", .int(section.heading)), ("level", .int(section.level)),
                ("blocks", .object([("from", .int(section.blocks.lowerBound)), ("to", .int(section.blocks.upperBound))])),
                ("parent", section.parent.map { .int($0) } ?? .null), ("children", .array(section.children.map { .int($0) })),
            ])
        }

        func list(_ list: List) -> JSONOutput {
            .object([("ordered", .bool(list.isOrdered))] + at(list.offset) + [
                ("parent", list.parent.map { .int($0) } ?? .null), ("section", list.section.map { .int($0) } ?? .null),
                ("items", .array(list.items.map { item in
                    .object(at(item.offset) + [("blocks", .array(item.blocks.map { .int($0) }))] + (item.task.map { [("task", .bool($0))] } ?? []))
                })),
            ])
        }

        /// Where a web page's article was found (`galley dump`'s `content:` lines).
        func extraction(_ extraction: ContentExtraction) -> JSONOutput {
            func element(_ element: ContentExtraction.Element) -> JSONOutput {
                .object([("element", .string(element.description))] + at(element.offset))
            }
            return .object([
                ("roots", .array(extraction.roots.map(element))),
                ("reason", .string(extraction.reason)),
                ("leftOut", .array(extraction.leftOut.map { group in
                    .object([("reason", .string(group.reason)), ("elements", .array(group.elements.map(element)))])
                })),
            ])
        }

        func faq(_ faq: FAQ) -> JSONOutput {
            .object([("origin", .string(faq.origin.rawValue)), ("heading", faq.heading.map { .int($0) } ?? .null)] + at(faq.offset) + [
                ("entries", .array(faq.entries.map { entry in
                    .object([("question", .int(entry.question)), ("answers", .array(entry.answers.map { .int($0) }))] + at(entry.offset))
                })),
            ])
        }
    }
}
