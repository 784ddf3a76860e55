import PCRE

/// `kind: occurrence`: how often a term or pattern may (or must) appear. With `token`, it is
/// Vale's occurrence check instead (`ValeOccurrenceRule`): counted in each block of a Vale scope.
struct OccurrenceRule: TermRule, RuleKind {
    static let name = "occurrence"
    static let summary = "Bounds how often a term or pattern appears: at least, at most, or per 100 words; with 'token', Vale's occurrence check, counted per sentence, paragraph or other Vale scope."
    static let options: [(key: String, description: String)] = [
        ("terms", "words or phrases to count (or use 'pattern')"),
        ("pattern", "a PCRE2 regular expression to count instead of terms"),
        ("ignore-case", "for 'pattern': match without regard to case"),
        ("min", "the fewest occurrences allowed; fewer is reported once, at the top of the article"),
        ("max", "the most occurrences allowed; every one past it is reported"),
        ("max-density", "the most occurrences per 100 words of the scope; reported at the first one"),
        ("token", "Vale's form: a Vale pattern counted in each block of the Vale scope; max and min then bound each block, and the finding's %s is the count"),
    ] + TermOptions.descriptions
    static let examples: [RuleExample] = [
        RuleExample("The article must speak to the reader", options: "terms: [you, your]\nmin: 1",
                    article: "# Title\n\nPeople often wonder about this.\n", expected: ["1:1"]),
        RuleExample("Once is enough", options: "terms: [you, your]\nmin: 1",
                    article: "# Title\n\nYour time matters.\n", expected: []),
        RuleExample("Every use past the limit is reported", options: "terms: [very]\nmax: 2",
                    article: "# Title\n\nVery good, very fast, very cheap.\n", expected: ["3:23"]),
        RuleExample("Density per 100 words", options: "terms: [really]\nmax-density: 10",
                    article: "# Title\n\nIt is really, really good.\n", expected: ["3:7"]),
        RuleExample("Vale's form: at most 6 words in each sentence", options: "token: '\\b(\\w+)\\b'\nmax: 6\nscope: sentence\nmessage: \"%s words; keep sentences short.\"",
                    article: "# Title\n\nThis sentence has far too many words in it. This one is short.\n", expected: ["3:1"]),
        RuleExample("Vale's form: headings of at most three words", options: "token: '[^\\s]+'\nmax: 3\nscope: heading",
                    article: "# A short title\n\nThe body is not counted at all here.\n", expected: []),
    ]

    let definition: RuleDefinition
    let terms: [TermSpec]
    let pattern: PCREPattern?
    let label: String
    let scope: Scope
    let minimum: Int?
    let maximum: Int?
    let maxDensity: Double?

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        if options.has("token") { return ValeOccurrenceRule.make(definition, options: &options) }
        let termOptions = TermOptions.read(&options)
        let words = TermOptions.terms(&options)
        let ignoreCase = options.bool("ignore-case") ?? false
        var pattern: PCREPattern?
        if let source = options.string("pattern"), let node = options.node["pattern"] {
            pattern = PatternRule.compile(source, ignoreCase: ignoreCase, at: node, options: &options)
            if pattern == nil { return nil }
        }
        let (minimum, maximum) = options.bounds("min", "max", range: 0...1_000_000)
        let density = options.double("max-density")
        if words.isEmpty == (pattern == nil) {
            options.report("an occurrence rule needs either 'terms' or 'pattern'", at: options.node)
            return nil
        }
        if minimum == nil && maximum == nil && density == nil {
            options.report("an occurrence rule needs 'min', 'max' or 'max-density'", at: options.node)
            return nil
        }
        let specs = words.enumerated().flatMap { termOptions.specs(for: $0.element, payload: $0.offset) } + termOptions.exceptionSpecs
        let label = pattern.map { $0.pattern } ?? words.map { "'\($0)'" }.joined(separator: " or ")
        return OccurrenceRule(definition: definition, terms: specs, pattern: pattern, label: label, scope: termOptions.scope,
                              minimum: minimum, maximum: maximum, maxDensity: density)
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        let units = context.units(in: scope)
        var occurrences: [(unit: Int, range: Range<Int>)] = []
        if let pattern {
            for unit in units {
                let text = context.units[unit].text
                let scan = pattern.scan(text.text)
                for range in scan.ranges where !range.isEmpty { occurrences.append((unit, range)) }
                if scan.gaveUp { return [PatternRule.gaveUp(pattern, in: text, so: "its occurrences are not counted")] }
            }
        } else {
            let inScope = context.unitSet(in: scope)
            occurrences = context.termHits(for: id).filter { inScope.contains($0.unit) }.map { ($0.unit, $0.hit.range) }
        }
        occurrences.sort { ($0.unit, $0.range.lowerBound) < ($1.unit, $1.range.lowerBound) }
        func range(of occurrence: (unit: Int, range: Range<Int>)) -> SourceRange {
            context.units[occurrence.unit].text.sourceRange(ofTextRange: occurrence.range)
        }
        func text(of occurrence: (unit: Int, range: Range<Int>)) -> String {
            context.units[occurrence.unit].text.substring(occurrence.range)
        }
        var findings: [Finding] = []
        let count = occurrences.count
        if let minimum, count < minimum {
            findings.append(.aboutDocument(document, subject: "too-few",
                                           message: "\(label) should appear at least \(Plural.count(minimum, "time")); found \(count)",
                                           values: ["count": String(count), "min": String(minimum)]))
        }
        if let maximum, count > maximum {
            for occurrence in occurrences[maximum...] {
                let match = text(of: occurrence)
                findings.append(Finding(range: range(of: occurrence), message: "'\(match)' appears \(Plural.count(count, "time")); at most \(maximum)",
                                        values: ["match": match, "count": String(count), "max": String(maximum)], matchedText: match))
            }
        }
        if let maxDensity, let first = occurrences.first {
            let words = units.reduce(0) { $0 + context.unitWords[$1].count }
            let density = words == 0 ? 0 : Double(count) * 100 / Double(words)
            if density > maxDensity {
                let match = text(of: first)
                findings.append(Finding(range: range(of: first),
                                        message: "\(label) appears \(Plural.count(count, "time")) in \(Plural.count(words, "word")) (\(Self.format(density)) per 100); at most \(Self.format(maxDensity))",
                                        values: ["match": match, "count": String(count), "density": Self.format(density)], matchedText: match))
            }
        }
        return findings
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
