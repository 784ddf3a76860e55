/// What `galley metrics` reports for one document: counts, every score for the document and for
/// each section, the editor assessments, and optionally each distinct word with its syllables.
public struct MetricsReport: Sendable {
    public struct SectionScores: Sendable {
        public var heading: String
        public var level: Int
        public var location: SourceLocation
        public var counts: TextCounts
    }

    public struct WordEntry: Sendable {
        public var word: String
        public var syllables: Int
        public var source: Syllables.Source
        public var occurrences: Int
    }

    public var path: String
    /// The article's language and where it was learnt; `profile` says what applies to it.
    public var language: DocumentLanguage
    public var profile: LanguageProfile
    public var counts: TextCounts
    public var sections: [SectionScores]
    public var assessments: [AssessmentResult]
    public var words: [WordEntry]?
    private var document: Document

    public init(document: Document, prose: ProseAnalysis, limits: AssessmentLimits = AssessmentLimits(), includeWords: Bool = false) {
        self.document = document
        path = document.path
        language = document.resolvedLanguage
        profile = prose.profile
        counts = prose.documentCounts
        sections = document.sections.map { section in
            let heading = document.blocks[section.heading]
            return SectionScores(heading: heading.text.text, level: section.level, location: document.location(of: heading.range.start),
                                 counts: prose.counts(ofBlocks: ProseAnalysis.ownBlocks(of: section, in: document)))
        }
        assessments = EditorAssessments.run(EditorAssessment.allCases, limits: limits, document: document, prose: prose)
        words = includeWords ? Self.distinctWords(document, prose) : nil
    }

    private static func distinctWords(_ document: Document, _ prose: ProseAnalysis) -> [WordEntry] {
        var entries: [WordEntry] = []
        var positions: [String: Int] = [:]
        for block in prose.blocks {
            let run = document.blocks[block.index].text
            for word in block.words {
                let key = run.substring(word.range).lowercased()
                if let at = positions[key] {
                    entries[at].occurrences += 1
                } else {
                    positions[key] = entries.count
                    entries.append(WordEntry(word: key, syllables: word.syllables, source: word.syllableSource, occurrences: 1))
                }
            }
        }
        return entries
    }

    // MARK: Text

    public var text: String {
        var out = "\(path)\n"
        out += "  language: \(language.tag) (\(language.source.rawValue))\n"
        out += "  counts: " + counts.fields(for: profile).map { "\($0.name) \($0.value)" }.joined(separator: ", ") + "\n"
        out += "  document: " + scoreLine(counts) + "\n"
        if !sections.isEmpty { out += "  sections:\n" }
        for section in sections {
            out += "    \(section.location) \(String(repeating: "#", count: section.level)) \(section.heading) (\(section.counts.words) words): "
            out += scoreLine(section.counts) + "\n"
        }
        out += "  assessments:\n"
        for result in assessments {
            if let reason = result.notApplicable {
                out += "    \(result.assessment.rawValue): not applicable (\(reason))\n"
                continue
            }
            let value = result.value.map { Self.formatValue($0, of: result.assessment) } ?? "n/a"
            let status = result.value == nil ? "skipped" : result.passed ? "ok" : "\(result.places.count) to fix"
            out += "    \(result.assessment.rawValue): \(value) (limit \(Self.formatValue(result.limit, of: result.assessment))) \(status)\n"
            for place in result.places {
                out += "      \(document.location(of: place.range.start)): \(place.message)\n"
            }
        }
        if let words {
            out += "  words:\n"
            for entry in words {
                out += "    \(entry.word) \(entry.syllables) \(entry.source.rawValue)\(entry.occurrences > 1 ? " ×\(entry.occurrences)" : "")\n"
            }
        }
        return out
    }

    private func scoreLine(_ counts: TextCounts) -> String {
        let scores = ReadabilityMetric.scores(counts, for: profile)
        guard !scores.isEmpty else { return "not applicable (no readability formula for \(language.tag))" }
        return scores.map { "\($0.metric.rawValue) \($0.score.map(Self.formatScore) ?? "n/a")" }.joined(separator: ", ")
    }

    private static func formatValue(_ value: Double, of assessment: EditorAssessment) -> String {
        switch assessment {
        case .longSentences, .passiveVoice, .transitionWords: return EditorAssessments.format(value) + "%"
        case .paragraphLength, .sectionLength, .repeatedStarts: return String(Int(value))
        }
    }

    /// Two decimals: 45.21, 9.5, -3.07.
    public static func formatScore(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    // MARK: JSON

    /// One JSON object; see docs/readability.md for its shape.
    public var json: String {
        var fields: [String] = []
        fields.append("\"path\": \(Self.quote(path))")
        fields.append("\"language\": {\"tag\": \(Self.quote(language.tag.description)), \"source\": \(Self.quote(language.source.rawValue)), "
            + "\"reading-ease\": \(profile.readingEase.map { Self.quote($0.rawValue) } ?? "null")}")
        fields.append("\"counts\": \(countsJSON(counts))")
        fields.append("\"scores\": \(scoresJSON(counts))")
        let sectionItems = sections.map { section in
            "{\"heading\": \(Self.quote(section.heading)), \"level\": \(section.level), \"line\": \(section.location.line), "
                + "\"column\": \(section.location.column), \"counts\": \(countsJSON(section.counts)), \"scores\": \(scoresJSON(section.counts))}"
        }
        fields.append("\"sections\": [\(sectionItems.joined(separator: ", "))]")
        let assessmentItems = assessments.map { result in
            let places = result.places.map { place in
                let location = document.location(of: place.range.start)
                return "{\"line\": \(location.line), \"column\": \(location.column), \"message\": \(Self.quote(place.message))}"
            }
            let reason = result.notApplicable.map { ", \"not-applicable\": \(Self.quote($0))" } ?? ""
            return "{\"name\": \(Self.quote(result.assessment.rawValue)), \"value\": \(result.value.map(Self.formatScore) ?? "null"), "
                + "\"limit\": \(Self.formatScore(result.limit)), \"passed\": \(result.passed), \"findings\": [\(places.joined(separator: ", "))]\(reason)}"
        }
        fields.append("\"assessments\": [\(assessmentItems.joined(separator: ", "))]")
        if let words {
            let items = words.map {
                "{\"word\": \(Self.quote($0.word)), \"syllables\": \($0.syllables), \"source\": \(Self.quote($0.source.rawValue)), \"count\": \($0.occurrences)}"
            }
            fields.append("\"words\": [\(items.joined(separator: ", "))]")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    private func countsJSON(_ counts: TextCounts) -> String {
        "{" + counts.fields(for: profile).map { "\"\($0.name)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// The scores of the formulas the language has (an empty object when it has none).
    private func scoresJSON(_ counts: TextCounts) -> String {
        "{" + ReadabilityMetric.scores(counts, for: profile).map { "\"\($0.metric.rawValue)\": \($0.score.map(Self.formatScore) ?? "null")" }
            .joined(separator: ", ") + "}"
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
