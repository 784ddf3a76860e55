/// `kind: readability`: bounds on readability scores, for the whole document, each section or
/// each paragraph.
struct ReadabilityRule: Rule, RuleKind {
    static let name = "readability"
    static let summary = "Keeps readability scores (Flesch, Flesch-Kincaid, Gunning fog, SMOG, Coleman-Liau, ARI, Dale-Chall, LIX, and the formulas for German, Spanish, French, Italian, Dutch, Portuguese and Russian) within bounds; a formula applies only to articles in its language."
    static let options: [(key: String, description: String)] = [
        ("scope", "what is scored: document (its prose, the default), section (each section's own text, reported at its heading) or paragraph"),
        ("min-words", "skip scopes with fewer words: scores of a few sentences are noise (default 0 for document, 100 for section, 40 for paragraph)"),
    ] + ReadabilityMetric.allCases.map { ($0.rawValue, "bounds on \($0.displayName): {min: N} and/or {max: N}") }
    static let examples: [RuleExample] = [
        RuleExample("A hard section is reported at its heading", options: "scope: section\nmin-words: 5\nflesch-kincaid-grade: {max: 10}",
                    article: "# Title\n\n## Easy\n\nThe cat sat on the mat. It was a warm day. The dog slept by the door. We all had tea.\n\n"
                        + "## Hard\n\nConstitutional considerations notwithstanding, administrative reorganization necessitates comprehensive interdepartmental deliberation.\n",
                    expected: ["7:1"]),
        RuleExample("An easy document passes", options: "flesch-reading-ease: {min: 60}",
                    article: "# Title\n\nThe cat sat on the mat. It was a warm day. The dog slept by the door.\n", expected: []),
        RuleExample("A paragraph below the minimum ease is reported where it starts", options: "scope: paragraph\nmin-words: 5\nflesch-reading-ease: {min: 30}",
                    article: "# Title\n\nThe cat sat on the mat. It was warm.\n\nInstitutional accountability presupposes organizational transparency and verifiability.\n",
                    expected: ["5:1"]),
    ]

    enum Scope: String, CaseIterable {
        case document, section, paragraph
    }

    struct Bound: Sendable {
        var metric: ReadabilityMetric
        var min: Double?
        var max: Double?
    }

    let definition: RuleDefinition
    var scope = Scope.document
    var minimumWords = 0
    var bounds: [Bound] = []

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = ReadabilityRule(definition: definition)
        rule.scope = options.choice("scope", Scope.allCases.map(\.rawValue)).flatMap(Scope.init(rawValue:)) ?? .document
        rule.minimumWords = options.int("min-words", range: 0...100_000) ?? rule.scope.defaultMinimumWords
        for metric in ReadabilityMetric.allCases {
            guard var nested = options.options(metric.rawValue) else { continue }
            if nested.node.pairs != nil {
                let (lower, upper) = nested.doubleBounds("min", "max")
                let bound = Bound(metric: metric, min: lower, max: upper)
                if bound.min == nil && bound.max == nil {
                    nested.report("'\(metric.rawValue)' needs 'min' or 'max'", at: nested.node)
                } else if let low = bound.min, let high = bound.max, low > high {
                    nested.report("'\(metric.rawValue)': min \(low) is above max \(high)", at: nested.node)
                } else {
                    rule.bounds.append(bound)
                }
            }
            options.absorb(nested)
        }
        if rule.bounds.isEmpty {
            options.report("a readability rule needs bounds for at least one of: \(ReadabilityMetric.allCases.map(\.rawValue).joined(separator: ", "))",
                           at: options.node)
            return nil
        }
        return rule
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        let prose = context.prose
        // A formula made for another language is not applicable: no English number for German.
        let bounds = bounds.filter { prose.profile.metrics.contains($0.metric) }
        guard !bounds.isEmpty else { return [] }
        var findings: [Finding] = []
        switch scope {
        case .document:
            guard !prose.blocks.isEmpty else { return [] }
            // A score of the whole article: identified by the metric, not by the first line's text.
            findings += check(prose.documentCounts, bounds, at: SourceRange(at: document.blocks.first?.range.start ?? 0),
                              scopeName: "the document").map { finding in
                var whole = finding
                whole.subject = "document:" + (finding.values["metric"] ?? "")
                return whole
            }
        case .section:
            for section in document.sections {
                let counts = prose.counts(ofBlocks: ProseAnalysis.ownBlocks(of: section, in: document))
                findings += check(counts, bounds, at: document.blocks[section.heading].range, scopeName: "this section")
            }
        case .paragraph:
            for block in prose.blocks where document.blocks[block.index].kind == .paragraph {
                findings += check(block.counts, bounds, at: document.blocks[block.index].range, scopeName: "this paragraph")
            }
        }
        return findings
    }

    private func check(_ counts: TextCounts, _ bounds: [Bound], at range: SourceRange, scopeName: String) -> [Finding] {
        guard counts.words >= max(1, minimumWords) else { return [] }
        var findings: [Finding] = []
        for bound in bounds {
            guard let score = bound.metric.score(counts) else { continue }
            var limit: (word: String, value: Double)?
            if let min = bound.min, score < min { limit = ("at least", min) }
            if let max = bound.max, score > max { limit = ("at most", max) }
            guard let limit else { continue }
            let shown = MetricsReport.formatScore(score)
            let limitText = EditorAssessments.format(limit.value)
            findings.append(Finding(
                range: range,
                message: "\(bound.metric.displayName) is \(shown) for \(scopeName) (\(limit.word) \(limitText))",
                values: ["metric": bound.metric.rawValue, "score": shown, "limit": limitText, "scope": scope.rawValue,
                         "words": String(counts.words)]))
        }
        return findings
    }
}

extension ReadabilityRule.Scope {
    var defaultMinimumWords: Int {
        switch self {
        case .document: return 0
        case .section: return 100
        case .paragraph: return 40
        }
    }
}

extension ReadabilityMetric {
    /// The metric's name in messages.
    public var displayName: String {
        switch self {
        case .fleschReadingEase: return "Flesch reading ease"
        case .fleschKincaidGrade: return "Flesch-Kincaid grade"
        case .gunningFog: return "Gunning fog index"
        case .smog: return "SMOG grade"
        case .colemanLiau: return "Coleman-Liau index"
        case .ari: return "automated readability index"
        case .daleChall: return "Dale-Chall score"
        case .lix: return "LIX"
        case .fleschAmstad: return "Flesch reading ease for German (Amstad)"
        case .wienerSachtextformel: return "Wiener Sachtextformel"
        case .fernandezHuerta: return "Fernández Huerta reading ease"
        case .szigrisztPazos: return "Szigriszt Pazos perspicuity"
        case .gutierrezPolini: return "Gutiérrez de Polini comprehensibility"
        case .crawford: return "Crawford grade"
        case .kandelMoles: return "Kandel-Moles reading ease"
        case .gulpease: return "Gulpease index"
        case .fleschVacca: return "Flesch-Vacca reading ease"
        case .fleschDouma: return "Flesch-Douma reading ease"
        case .fleschMartins: return "Flesch reading ease for Portuguese (Martins)"
        case .oborneva: return "Oborneva reading ease"
        }
    }
}
