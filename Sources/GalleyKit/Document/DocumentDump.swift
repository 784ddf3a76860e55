/// A stable, readable text form of a `Document`, for golden tests and `galley dump`.
/// Positions are line:column; every text is shown with where its first character is.
public enum DocumentDump {
    public static func text(of document: Document) -> String {
        var lines: [String] = []
        func at(_ offset: Int) -> String { document.location(of: offset).description }
        func quoted(_ text: String) -> String {
            var escaped = ""
            for character in text {
                switch character {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                default: escaped.append(character)
                }
            }
            return "\"\(escaped)\""
        }
        func run(_ text: TextRun) -> String {
            text.isEmpty ? "\"\"" : "\(quoted(text.text)) @\(at(text.sourceRange.start))-\(at(text.sourceRange.end))"
        }
        func show(_ value: MetadataValue, indent: String) {
            switch value {
            case .string(let text): lines.append("\(indent)\(run(text))")
            case .number(let number, let offset): lines.append("\(indent)\(MetadataValue.number(number, at: offset).text ?? "") @\(at(offset))")
            case .bool(let flag, let offset): lines.append("\(indent)\(flag) @\(at(offset))")
            case .null(let offset): lines.append("\(indent)null @\(at(offset))")
            case .list(let items):
                lines.append("\(indent)list of \(items.count)")
                for item in items { show(item, indent: indent + "  - ") }
            case .map(let fields):
                lines.append("\(indent)map of \(fields.count)")
                for field in fields {
                    lines.append("\(indent)  \(field.key) @\(at(field.offset)):")
                    show(field.value, indent: indent + "    ")
                }
            }
        }

        lines.append("format: \(document.format.rawValue)")
        if let reason = document.notArticleReason { lines.append("not an article: \(reason)") }
        if let extraction = document.extraction {
            let roots = extraction.roots.map { "\($0.description) @\(at($0.offset))" }.joined(separator: ", ")
            lines.append("content: \(roots.isEmpty ? "none" : roots)")
            lines.append("  because: \(extraction.reason)")
            for group in extraction.leftOut {
                let shown = group.elements.prefix(8).map { "\($0.description) @\(at($0.offset))" }
                let more = group.elements.count > 8 ? ", and \(group.elements.count - 8) more" : ""
                lines.append("  left out (\(group.reason)): \(shown.joined(separator: ", "))\(more)")
            }
        }
        if !document.templateLanguages.isEmpty {
            let uses = document.templateLanguages.map { "\($0.language.rawValue) (\($0.detected ? "detected" : "configured"))" }
            lines.append("templates: \(uses.joined(separator: ", "))")
        }
        if let language = document.language {
            lines.append("language: \(language.tag) (\(language.source.rawValue)\(language.offset.map { " @\(at($0))" } ?? ""))")
        }
        lines.append("metadata:")
        for field in document.metadata.fields {
            lines.append("  \(field.key) (\(field.origin.rawValue)) @\(at(field.offset)):")
            show(field.value, indent: "    ")
        }
        lines.append("blocks:")
        for (index, block) in document.blocks.enumerated() {
            var attributes = [block.kind.rawValue]
            if block.kind == .heading { attributes[0] = "h\(block.level)" }
            if block.role != .body { attributes.append(block.role.rawValue) }
            if let section = block.section { attributes.append("section=\(section)") }
            if let list = block.list, let item = block.item { attributes.append("list=\(list).\(item)") }
            if block.isQuoted { attributes.append("quoted") }
            if block.isEmphasized { attributes.append("emphasized") }
            if block.isHeader { attributes.append("header") }
            if let anchor = block.anchor { attributes.append("anchor=\(anchor)") }
            if block.isFrontMatterTitle { attributes.append("front-matter-title") }
            lines.append("  [\(index)] \(attributes.joined(separator: " ")) @\(at(block.range.start)): \(run(block.text))")
        }
        lines.append("sections:")
        for (index, section) in document.sections.enumerated() {
            let parent = section.parent.map(String.init) ?? "-"
            lines.append("  [\(index)] h\(section.level) heading=[\(section.heading)] blocks=\(section.blocks.lowerBound)..<\(section.blocks.upperBound) parent=\(parent)")
        }
        if !document.lists.isEmpty {
            lines.append("lists:")
            for (index, list) in document.lists.enumerated() {
                let items = list.items.map { item in
                    let task = item.task.map { $0 ? "x " : "_ " } ?? ""
                    return "[" + task + item.blocks.map(String.init).joined(separator: ",") + "]"
                }.joined(separator: " ")
                let parent = list.parent.map { " parent=\($0)" } ?? ""
                lines.append("  [\(index)] \(list.isOrdered ? "ordered" : "unordered") @\(at(list.offset))\(parent) items: \(items)")
            }
        }
        if let faq = document.faq {
            let heading = faq.heading.map { " heading=[\($0)]" } ?? ""
            lines.append("faq: \(faq.origin.rawValue)\(heading) @\(at(faq.offset))")
            for entry in faq.entries {
                lines.append("  Q [\(entry.question)] A \(entry.answers.map { "[\($0)]" }.joined(separator: " "))")
            }
        }
        if !document.structuredFAQ.isEmpty {
            lines.append("structured-faq:")
            for entry in document.structuredFAQ {
                lines.append("  Q \(quoted(entry.question)) @\(at(entry.offset)) A \(quoted(entry.answer))")
            }
        }
        if !document.links.isEmpty {
            lines.append("links:")
            for link in document.links { lines.append("  \(quoted(link.url)) @\(at(link.range.start)): \(run(link.text))") }
        }
        if !document.images.isEmpty {
            lines.append("images:")
            for image in document.images {
                let alt = image.alt.map(run) ?? "no alt"
                lines.append("  \(quoted(image.url)) @\(at(image.offset)): \(alt)")
            }
        }
        if !document.comments.isEmpty {
            lines.append("comments:")
            for comment in document.comments {
                lines.append("  @\(at(comment.range.start))-\(at(comment.range.end)) \(quoted(comment.text))")
            }
        }
        if !document.anchors.isEmpty {
            lines.append("anchors: \(document.anchors.map(quoted).joined(separator: " "))")
        }
        if !document.ignored.isEmpty {
            lines.append("ignored:")
            for span in document.ignored {
                let text = document.source.text(span.range)
                let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
                lines.append("  @\(at(span.range.start))-\(at(span.range.end)) \(span.kind.rawValue) \(quoted(shown))")
            }
        }
        if !document.issues.isEmpty {
            lines.append("issues:")
            for issue in document.issues {
                lines.append("  @\(at(issue.offset)) \(issue.severity.rawValue) [\(issue.kind.rawValue)] \(issue.message)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
