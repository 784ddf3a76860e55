/// `kind: section-order`: listed sections, where present, appear in the listed order.
struct SectionOrderRule: Rule, RuleKind {
    static let name = "section-order"
    static let summary = "Checks that the listed sections that are present appear in the listed order."
    static let options: [(key: String, description: String)] = [
        ("sections", "headings in their expected order: text, or {heading, aliases, pattern}"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("A section before one listed ahead of it", options: "sections: [Quick take, Details, FAQ]",
                    article: "# Title\n\n## Details\n\n## Quick take\n", expected: ["5:1"]),
        RuleExample("Missing sections do not matter, order does", options: "sections: [Quick take, Details, FAQ]",
                    article: "# Title\n\n## Quick take\n\n## FAQ\n", expected: []),
    ]

    let definition: RuleDefinition
    let sections: [HeadingMatcher]

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        guard let node = options.node("sections") else {
            options.report("a section-order rule needs 'sections': the headings in order", at: options.node)
            return nil
        }
        guard let items = node.items, items.count >= 2 else {
            options.report("'sections' must list at least two headings", at: node)
            return nil
        }
        let sections = items.compactMap { HeadingMatcher.entry($0, options: &options) }
        return SectionOrderRule(definition: definition, sections: sections)
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        var latest: (rank: Int, name: String)?
        for heading in document.headings {
            let text = document.blocks[heading].text.text
            guard let rank = sections.firstIndex(where: { $0.matches(block: heading, in: context) }) else { continue }
            if let previous = latest, rank < previous.rank {
                findings.append(Finding(range: document.blocks[heading].range,
                                        message: "'\(text)' should come before '\(previous.name)'",
                                        values: ["section": text, "after": previous.name]))
            } else {
                latest = (rank, text)
            }
        }
        return findings
    }
}
