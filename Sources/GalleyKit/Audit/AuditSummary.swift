/// The library-wide figures of an audit, computed once from its rows so the HTML, CSV and JSON
/// writers all print the same numbers.
public struct AuditSummary: Sendable {
    public struct Totals: Sendable, Equatable {
        public var articles = 0
        public var words = 0
        public var errors = 0
        public var warnings = 0
        public var notes = 0
        public var articlesWithErrors = 0
        /// No errors and no warnings.
        public var cleanArticles = 0
        /// Over the articles that have enough prose to score.
        public var medianReadingEase: Double?
        public var medianGrade: Double?
        /// Articles left out of the reading-ease histogram because their language has no
        /// reading-ease formula (Japanese, Arabic...), never scored with an English one.
        public var withoutFormula = 0
        /// Those articles by language, most first.
        public var languagesWithoutFormula: [LanguageCount] = []
        /// Articles scored with another language's formula than English Flesch.
        public var scoredInOtherLanguages = 0
    }

    public struct LanguageCount: Sendable, Equatable {
        public var language: String
        public var articles: Int
    }

    /// Flesch reading ease in bands of ten; the first and last take everything beyond 0 and 100.
    public struct Band: Sendable, Equatable {
        public var lower: Int
        public var upper: Int
        public var articles: Int

        /// Flesch's own names for the bands, for people who do not know the scale.
        public var label: String {
            switch lower {
            case ..<30: return "very difficult"
            case 30..<50: return "difficult"
            case 50..<60: return "fairly difficult"
            case 60..<70: return "plain English"
            case 70..<80: return "fairly easy"
            case 80..<90: return "easy"
            default: return "very easy"
            }
        }
    }

    public var totals = Totals()
    public var histogram: [Band]
    /// Rule indexes, most articles first.
    public var topRules: [Int]
    /// Row indexes of the articles with the most errors, then warnings, then the hardest prose.
    public var worstArticles: [Int]

    public static let bandWidth = 10
    public static let listLength = 10

    public init(_ report: AuditReport) {
        var easeScores: [Double] = []
        var grades: [Double] = []
        histogram = stride(from: 0, to: 100, by: Self.bandWidth).map { Band(lower: $0, upper: $0 + Self.bandWidth, articles: 0) }
        var withoutFormula: [String: Int] = [:]
        for row in report.rows {
            totals.articles += 1
            if let tag = row.language.flatMap(LanguageTag.init), row.format != nil {
                let profile = LanguageProfile.of(tag)
                if profile.readingEase == nil {
                    withoutFormula[tag.description, default: 0] += 1
                } else if !profile.isEnglish, row.readingEase != nil {
                    totals.scoredInOtherLanguages += 1
                }
            }
            totals.words += row.words ?? 0
            totals.errors += row.errors
            totals.warnings += row.warnings
            totals.notes += row.notes
            if row.errors > 0 { totals.articlesWithErrors += 1 }
            if row.isClean { totals.cleanArticles += 1 }
            if let grade = row.grade.map(AuditNumber.rounded) { grades.append(grade) }
            if let ease = row.readingEase.map(AuditNumber.rounded) {
                easeScores.append(ease)
                histogram[Self.band(of: ease)].articles += 1
            }
        }
        totals.withoutFormula = withoutFormula.values.reduce(0, +)
        totals.languagesWithoutFormula = withoutFormula.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { LanguageCount(language: $0.key, articles: $0.value) }
        totals.medianReadingEase = Self.median(easeScores)
        totals.medianGrade = Self.median(grades)
        let rules = report.rules
        topRules = Array(rules.indices.sorted { (rules[$0].articles, rules[$0].findings, rules[$1].id) > (rules[$1].articles, rules[$1].findings, rules[$0].id) }
            .prefix(Self.listLength))
        let rows = report.rows
        worstArticles = Array(rows.indices.filter { !rows[$0].isClean }.sorted { a, b in
            let left = rows[a], right = rows[b]
            if left.errors != right.errors { return left.errors > right.errors }
            if left.warnings != right.warnings { return left.warnings > right.warnings }
            let leftEase = left.readingEase ?? .infinity, rightEase = right.readingEase ?? .infinity
            if leftEase != rightEase { return leftEase < rightEase }
            return a < b
        }.prefix(Self.listLength))
    }

    /// The band's name as the report prints it: Flesch's, except that "plain English" is "plain
    /// language" when articles in other languages are scored with their own formulas.
    public func label(of band: Band) -> String {
        totals.scoredInOtherLanguages > 0 && band.label == "plain English" ? "plain language" : band.label
    }

    /// "ja 13, zh-Hans 13, ar 12": the articles left out for their language, for people.
    public var languagesWithoutFormulaText: String {
        totals.languagesWithoutFormula.map { "\($0.language) \(AuditNumber.grouped($0.articles))" }.joined(separator: ", ")
    }

    /// Index of the band a (rounded) score falls in.
    static func band(of score: Double) -> Int {
        min(9, max(0, Int((score / Double(bandWidth)).rounded(.down))))
    }

    /// The middle value (the mean of the two middle ones for an even count), rounded as printed.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return AuditNumber.rounded(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
    }
}

/// Scores as every audit output prints them: one decimal.
public enum AuditNumber {
    public static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// "45.2", "-3.0", "9.5".
    public static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// "12,345": thousands separated, for people.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// "37 %" of a part in a whole, whole percents; "0 %" of nothing.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0 %" }
        return "\(Int((Double(part) * 100 / Double(whole)).rounded())) %"
    }
}
