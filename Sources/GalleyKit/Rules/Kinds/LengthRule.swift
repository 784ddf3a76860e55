/// `kind: length`: bounds on sentences, paragraphs and sections (in words) and headings (in characters).
struct LengthRule: Rule, RuleKind {
    static let name = "length"
    static let summary = "Bounds the length of sentences, paragraphs and sections (words) and headings (characters)."
    static let options: [(key: String, description: String)] = [
        ("sentence", "{min, max} words per sentence, reported at the sentence"),
        ("paragraph", "{min, max} words per paragraph (any block of prose), reported at the paragraph"),
        ("section", "{min, max} words of text in a section before its first sub-heading, reported at the heading"),
        ("heading", "{min, max} characters per heading"),
        ("scope", "which blocks sentence and paragraph bounds apply to (default: body)"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("A long sentence", options: "sentence: {max: 8}",
                    article: "# Title\n\nShort one. This sentence runs on for rather more than eight words in all.\n", expected: ["3:12"]),
        RuleExample("A long heading", options: "heading: {max: 20}",
                    article: "# A heading that runs far too long\n", expected: ["1:1"]),
        RuleExample("Paragraphs within bounds", options: "paragraph: {min: 2, max: 50}",
                    article: "# Title\n\nA paragraph of a sensible length.\n", expected: []),
    ]

    typealias Bounds = (min: Int?, max: Int?)

    let definition: RuleDefinition
    var sentence: Bounds?
    var paragraph: Bounds?
    var section: Bounds?
    var heading: Bounds?
    var scope = Scope.all

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = LengthRule(definition: definition)
        func bounds(_ key: String) -> Bounds? {
            guard var nested = options.options(key) else { return nil }
            let result = nested.bounds("min", "max", range: 0...1_000_000)
            options.absorb(nested)
            return result
        }
        rule.sentence = bounds("sentence")
        rule.paragraph = bounds("paragraph")
        rule.section = bounds("section")
        rule.heading = bounds("heading")
        rule.scope = options.scope(default: .body)
        if rule.sentence == nil && rule.paragraph == nil && rule.section == nil && rule.heading == nil {
            options.report("a length rule needs at least one of: sentence, paragraph, section, heading", at: options.node)
            return nil
        }
        return rule
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // Blocks read in place (a copy of each block per rule cost more than the checks).
        let blocks = document.blocks
        for index in blocks.indices {
            if blocks[index].kind == .heading {
                if let heading {
                    let length = blocks[index].text.text.count
                    findings += violations(length, heading, unit: "character", range: blocks[index].range, what: "heading")
                }
                continue
            }
            guard scope.includes(kind: blocks[index].kind, role: blocks[index].role) else { continue }
            let words = context.unitWords[index]
            if let paragraph {
                findings += violations(words.count, paragraph, unit: "word", range: blocks[index].range, what: "paragraph")
            }
            if let sentence {
                // Words and sentences are both in text order: one sweep counts each sentence's words.
                var next = 0
                for range in context.sentences(inBlock: index) {
                    while next < words.count, words[next].range.lowerBound < range.lowerBound { next += 1 }
                    let first = next
                    while next < words.count, words[next].range.lowerBound < range.upperBound { next += 1 }
                    let count = next - first
                    // Most sentences are within bounds: their source range is looked up only for a finding.
                    guard (sentence.max.map { count > $0 } ?? false) || (sentence.min.map { count < $0 } ?? false) else { continue }
                    let source = blocks[index].text.sourceRange(ofTextRange: range)
                    findings += violations(count, sentence, unit: "word", range: source, what: "sentence")
                }
            }
        }
        if let section {
            for current in document.sections {
                let end = current.children.first.map { document.sections[$0].heading } ?? current.blocks.upperBound
                let count = (current.heading + 1..<end).reduce(0) { $0 + context.unitWords[$1].count }
                findings += violations(count, section, unit: "word", range: document.blocks[current.heading].range, what: "section")
            }
        }
        return findings
    }

    private func violations(_ count: Int, _ bounds: Bounds, unit: String, range: SourceRange, what: String) -> [Finding] {
        if let maximum = bounds.max, count > maximum {
            return [Finding(range: range, message: "\(what) is \(Plural.count(count, unit)) long; at most \(maximum)", values: ["count": String(count), "max": String(maximum)])]
        }
        if let minimum = bounds.min, count < minimum {
            return [Finding(range: range, message: "\(what) is \(Plural.count(count, unit)) long; at least \(minimum)", values: ["count": String(count), "min": String(minimum)])]
        }
        return []
    }
}
