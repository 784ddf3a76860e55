/// `kind: required-section`: a section the house style expects, where and how it should be.
struct RequiredSectionRule: Rule, RuleKind {
    static let name = "required-section"
    static let summary = "Requires a section by its heading (text, aliases or pattern): its level, position, count and content."
    static let options: [(key: String, description: String)] = [
        ("heading", "the heading text, compared case-insensitively"),
        ("aliases", "other headings that count as this section"),
        ("pattern", "a regular expression for the heading instead of (or besides) the text"),
        ("level", "the heading level it must have (1-6)"),
        ("position", "'first' (the first section at its level), 'last', or {after: heading}"),
        ("min-count", "how many times it must appear (default 1)"),
        ("max-count", "how many times it may appear (default: no limit)"),
        ("list-items", "{min: N, max: M}: the section must hold a list with that many items"),
        ("min-words", "the fewest words of text in the section"),
        ("max-words", "the most words of text in the section"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("A missing section is reported at the top", options: "heading: Quick take",
                    article: "# Title\n\n## Details\n\nText.\n", expected: ["1:1"]),
        RuleExample("Aliases count", options: "heading: Quick take\naliases: [Key points]",
                    article: "# Title\n\n## Key points\n\n- One\n", expected: []),
        RuleExample("It must be the first section", options: "heading: Quick take\nposition: first",
                    article: "# Title\n\n## Details\n\n## Quick take\n", expected: ["5:1"]),
        RuleExample("It must be a list of 3 to 5 items", options: "heading: Quick take\nlist-items: {min: 3, max: 5}",
                    article: "# Title\n\n## Quick take\n\n- One\n- Two\n", expected: ["3:1"]),
        RuleExample("At the right level", options: "heading: Quick take\nlevel: 2",
                    article: "# Title\n\n### Quick take\n", expected: ["3:1"]),
    ]

    enum Position: Sendable { case any, first, last, after(HeadingMatcher) }

    let definition: RuleDefinition
    let section: HeadingMatcher
    var level: Int?
    var position = Position.any
    var minCount = 1
    var maxCount: Int?
    var listItems: (min: Int?, max: Int?)?
    var minWords: Int?
    var maxWords: Int?

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        guard let section = HeadingMatcher.read(&options) else { return nil }
        var rule = RequiredSectionRule(definition: definition, section: section)
        rule.level = options.int("level", range: 1...6)
        if let node = options.node("position") {
            if let text = node.scalar {
                switch text {
                case "first": rule.position = .first
                case "last": rule.position = .last
                case "any": rule.position = .any
                default: options.report("'position' must be 'first', 'last', 'any' or {after: heading}, found '\(text)'", at: node)
                }
            } else {
                var nested = options.reader(for: node)
                if let afterNode = nested.node("after"), let after = HeadingMatcher.entry(afterNode, options: &nested) { rule.position = .after(after) }
                options.absorb(nested)
            }
        }
        let (minCount, maxCount) = options.bounds("min-count", "max-count", range: 0...100)
        rule.minCount = minCount ?? 1
        if maxCount == 0, let node = options.node["max-count"] {
            options.report("'max-count' must be between 1 and 100, found 0 (min-count: 0 makes a section optional)", at: node)
        }
        rule.maxCount = maxCount
        if var items = options.options("list-items") {
            rule.listItems = items.bounds("min", "max", range: 0...1000)
            options.absorb(items)
        }
        (rule.minWords, rule.maxWords) = options.bounds("min-words", "max-words", range: 0...1_000_000)
        return rule
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        let matching = document.sections.indices.filter { section.matches(block: document.sections[$0].heading, in: context) }
        guard !matching.isEmpty else {
            guard minCount > 0 else { return [] }
            return [.aboutDocument(document, subject: "no-section:" + HeadingMatcher.normalize(section.name),
                                   message: "the article has no '\(section.name)' section", values: ["section": section.name])]
        }
        var findings: [Finding] = []
        let headingRange = { (index: Int) in document.blocks[document.sections[index].heading].range }
        if matching.count < minCount {
            findings.append(Finding(range: headingRange(matching[0]),
                                    message: "'\(section.name)' appears \(Plural.count(matching.count, "time")); it should appear at least \(Plural.count(minCount, "time"))"))
        }
        if let maxCount, matching.count > maxCount {
            for index in matching[maxCount...] {
                findings.append(Finding(range: headingRange(index), message: "'\(section.name)' appears \(Plural.count(matching.count, "time")); at most \(maxCount)"))
            }
        }
        for index in matching {
            let current = document.sections[index]
            let heading = document.blocks[current.heading]
            if let level, current.level != level {
                findings.append(Finding(range: heading.range, message: "'\(heading.text.text)' should be a level \(level) heading, not level \(current.level)",
                                        values: ["level": String(current.level), "expected": String(level)]))
            }
            if let problem = positionProblem(of: index, in: context) {
                findings.append(Finding(range: heading.range, message: problem))
            }
            findings += contentProblems(of: current, in: document, context: context)
        }
        return findings
    }

    private func positionProblem(of index: Int, in context: RuleContext) -> String? {
        let document = context.document
        let current = document.sections[index]
        // Siblings: sections at the same level under the same parent.
        let siblings = document.sections.indices.filter { document.sections[$0].level == current.level && document.sections[$0].parent == current.parent }
        switch position {
        case .any:
            return nil
        case .first:
            return siblings.first == index ? nil : "'\(section.name)' should be the first section"
        case .last:
            return siblings.last == index ? nil : "'\(section.name)' should be the last section"
        case .after(let other):
            guard let previous = siblings.last(where: { $0 < index }) else { return "'\(section.name)' should come after '\(other.name)'" }
            return other.matches(block: document.sections[previous].heading, in: context) ? nil : "'\(section.name)' should come right after '\(other.name)'"
        }
    }

    private func contentProblems(of section: Section, in document: Document, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let heading = document.blocks[section.heading]
        if let listItems {
            let lists = document.lists.filter { list in
                list.parent == nil && list.items.first?.blocks.first.map { section.blocks.contains($0) } == true
            }
            let count = lists.first?.items.count ?? 0
            if lists.isEmpty {
                findings.append(Finding(range: heading.range, message: "'\(heading.text.text)' should hold a list", values: ["count": "0"]))
            } else if let minimum = listItems.min, count < minimum {
                findings.append(Finding(range: heading.range, message: "'\(heading.text.text)' lists \(Plural.count(count, "item")); at least \(minimum)", values: ["count": String(count)]))
            } else if let maximum = listItems.max, count > maximum {
                findings.append(Finding(range: heading.range, message: "'\(heading.text.text)' lists \(Plural.count(count, "item")); at most \(maximum)", values: ["count": String(count)]))
            }
        }
        if minWords != nil || maxWords != nil {
            let words = section.blocks.filter { document.blocks[$0].kind != .heading }.reduce(0) { $0 + context.unitWords[$1].count }
            if let minWords, words < minWords {
                findings.append(Finding(range: heading.range, message: "'\(heading.text.text)' has \(Plural.count(words, "word")); at least \(minWords)", values: ["count": String(words)]))
            }
            if let maxWords, words > maxWords {
                findings.append(Finding(range: heading.range, message: "'\(heading.text.text)' has \(Plural.count(words, "word")); at most \(maxWords)", values: ["count": String(words)]))
            }
        }
        return findings
    }
}
