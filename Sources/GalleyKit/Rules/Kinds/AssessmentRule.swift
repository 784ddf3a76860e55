/// `kind: assessment`: editors' checks of the prose in the spirit of Yoast: long sentences, long
/// paragraphs, long stretches without a subheading, sentences that start alike, passive voice,
/// too few transition words. Each check is an option; `true` takes its default thresholds.
struct AssessmentRule: Rule, RuleKind {
    static let name = "assessment"
    static let summary = "Editors' checks: long sentences, paragraph and section length, repeated sentence starts, passive voice, transition words."
    static let options: [(key: String, description: String)] = [
        ("long-sentences", "{words: 20, max-share: 25}: at most 25 % of sentences over 20 words; reported at the longest sentence"),
        ("paragraph-length", "{max-words: 150}: every longer paragraph is reported"),
        ("section-length", "{max-words: 300}: prose from one heading to the next, reported at the heading"),
        ("repeated-starts", "{min-run: 3}: that many consecutive sentences starting with the same word, reported at the first"),
        ("passive-voice", "{max-share: 10}: at most 10 % of sentences in the passive; reported at the first passive sentence"),
        ("transition-words", "{min-share: 30}: at least 30 % of sentences hold a transition word or phrase (English list)"),
        ("min-words", "share-based checks (long sentences, passive voice, transition words) skip documents with fewer words (default 0)"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("Three sentences in a row starting with the same word", options: "repeated-starts: true",
                    article: "# Title\n\nIt rains. It pours. It floods. Then it stops.\n", expected: ["3:1"]),
        RuleExample("A long paragraph is reported where it starts", options: "paragraph-length: {max-words: 8}",
                    article: "# Title\n\nShort one here.\n\nThis paragraph has rather more than eight words in it, sadly.\n", expected: ["5:1"]),
        RuleExample("Too much passive voice, reported at the first passive sentence", options: "passive-voice: {max-share: 10}",
                    article: "# Title\n\nWe met at noon. The report was written by the team. We left.\n", expected: ["3:17"]),
        RuleExample("Enough transition words pass", options: "transition-words: {min-share: 30}",
                    article: "# Title\n\nFirst, we plan. Then we build. However, we also test.\n", expected: []),
        RuleExample("Too many long sentences, reported at the longest", options: "long-sentences: {words: 5, max-share: 25}",
                    article: "# Title\n\nShort. This sentence has far too many words in it. This one is long as well, it seems.\n",
                    expected: ["3:8"]),
    ]

    let definition: RuleDefinition
    var checks: [EditorAssessment] = []
    var limits = AssessmentLimits()

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = AssessmentRule(definition: definition)
        rule.limits.minimumWords = options.int("min-words", range: 0...1_000_000) ?? 0
        for check in EditorAssessment.allCases {
            guard let node = options.node(check.rawValue) else { continue }
            if case .bool(let enabled)? = node.resolvedScalar {
                if enabled { rule.checks.append(check) }
                continue
            }
            var nested = options.reader(for: node)
            if node.pairs != nil {
                rule.read(check, from: &nested)
                rule.checks.append(check)
            }
            options.absorb(nested)
        }
        if rule.checks.isEmpty {
            options.report("an assessment rule needs at least one of: \(EditorAssessment.allCases.map(\.rawValue).joined(separator: ", "))",
                           at: options.node)
            return nil
        }
        return rule
    }

    private mutating func read(_ check: EditorAssessment, from options: inout OptionReader) {
        switch check {
        case .longSentences:
            limits.longSentenceWords = options.int("words", range: 1...1000) ?? limits.longSentenceWords
            limits.longSentenceMaxShare = share(options.double("max-share"), &options, "max-share") ?? limits.longSentenceMaxShare
        case .paragraphLength:
            limits.paragraphMaxWords = options.int("max-words", range: 1...100_000) ?? limits.paragraphMaxWords
        case .sectionLength:
            limits.sectionMaxWords = options.int("max-words", range: 1...1_000_000) ?? limits.sectionMaxWords
        case .repeatedStarts:
            limits.repeatedStartsRun = options.int("min-run", range: 2...100) ?? limits.repeatedStartsRun
        case .passiveVoice:
            limits.passiveMaxShare = share(options.double("max-share"), &options, "max-share") ?? limits.passiveMaxShare
        case .transitionWords:
            limits.transitionMinShare = share(options.double("min-share"), &options, "min-share") ?? limits.transitionMinShare
        }
    }

    private func share(_ value: Double?, _ options: inout OptionReader, _ key: String) -> Double? {
        guard let value else { return nil }
        guard (0...100).contains(value) else {
            options.report("'\(key)' is a percentage between 0 and 100, found \(value)", at: options.node[key] ?? options.node)
            return nil
        }
        return value
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        EditorAssessments.run(checks, limits: limits, document: document, prose: context.prose).flatMap { result in
            result.places.map { place in
                var finding = Finding(range: place.range, message: place.message,
                                      values: place.values.merging(["assessment": result.assessment.rawValue]) { current, _ in current })
                // Shares of the whole article (transition words) are shown at its start and
                // identified by the assessment, not by that line's text.
                if place.isAboutDocument { finding.subject = "assessment:" + result.assessment.rawValue }
                return finding
            }
        }
    }
}
