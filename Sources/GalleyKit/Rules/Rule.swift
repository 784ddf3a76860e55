/// A check that looks at a `Document` and reports findings. Rules know nothing of file formats.
public protocol Rule: Sendable {
    var definition: RuleDefinition { get }
    func check(_ document: Document, context: RuleContext) -> [Finding]
}

/// What every rule has, whatever its kind: the fields common to all entries of a rule set.
public struct RuleDefinition: Sendable, Hashable {
    public var id: String
    public var kind: String
    public var severity: Severity
    /// Message template; `{placeholders}` are filled from the finding.
    public var message: String?
    public var description: String
    /// Rule set name and the file the rule came from (`<bundled>` for built-in sets).
    public var ruleSet: String
    public var origin: String
    public var location: SourceLocation

    public init(id: String, kind: String, severity: Severity, message: String? = nil, description: String = "",
                ruleSet: String = "", origin: String = "", location: SourceLocation = SourceLocation(line: 1, column: 1)) {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.message = message
        self.description = description
        self.ruleSet = ruleSet
        self.origin = origin
        self.location = location
    }
}

/// One problem a rule found, before the engine adds path, rule and severity.
public struct Finding: Sendable, Hashable {
    public var range: SourceRange
    /// The default message, used when the rule has no message template.
    public var message: String
    /// Values for the message template: `{match}`, `{suggestion}`, `{count}`...
    public var values: [String: String]
    public var matchedText: String?
    public var suggestion: String?
    /// The finding is about the rule itself (its pattern gave up), so its message template does not apply.
    public var isAboutTheRule = false

    public init(range: SourceRange, message: String, values: [String: String] = [:], matchedText: String? = nil, suggestion: String? = nil) {
        self.range = range
        self.message = message
        self.values = values
        self.matchedText = matchedText
        self.suggestion = suggestion
    }
}

/// Per-document analysis shared by the rules that run on it, computed on first use so a run
/// pays only for what its active rules need. One context serves one document on one thread.
public final class RuleContext {
    public let document: Document
    let matcher: TermMatcher

    public init(document: Document, matcher: TermMatcher = TermMatcher()) {
        self.document = document
        self.matcher = matcher
    }

    /// Every piece of prose a text rule can read: the blocks (unit `i` is block `i`), then the
    /// string values of metadata fields.
    public private(set) lazy var units: [TextUnit] = TextUnit.all(in: document)

    /// Word tokens of each unit's text, read once for every rule and the readability analysis.
    public private(set) lazy var unitWords: [[WordToken]] = tokenizeUnits()

    /// Where each unit's sentences may end (`WordTokenizer`'s stops), read with `unitWords`.
    private(set) var unitStops: [[Int]] = []

    /// Word tokens of each block's text, by block index.
    public var blockWords: [[WordToken]] { Array(unitWords.prefix(document.blocks.count)) }

    /// Words, sentences, syllables and readability counts of the prose (readability rules).
    public private(set) lazy var prose = ProseAnalysis(document) { index in (self.unitWords[index], self.unitStops[index]) }

    private func tokenizeUnits() -> [[WordToken]] {
        var stops: [[Int]] = []
        stops.reserveCapacity(units.count)
        let words = units.map { unit -> [WordToken] in
            var text = unit.text.text
            var unitStops: [Int] = []
            let tokens = text.withUTF8 { WordTokenizer.tokens(in: $0, stops: &unitStops) }
            stops.append(unitStops)
            return tokens
        }
        unitStops = stops
        return words
    }

    /// Indexes of the units a scope covers (rules sharing a scope share the answer).
    public func units(in scope: Scope) -> [Int] {
        if let cached = scopeUnits[scope] { return cached.list }
        let list = units.indices.filter { index in
            let unit = units[index]
            if let block = unit.block { return scope.includes(document.blocks[block]) }
            return unit.metadataKey.map { scope.includes(metadataKey: $0) } ?? false
        }
        scopeUnits[scope] = (list, Set(list))
        return list
    }

    public func unitSet(in scope: Scope) -> Set<Int> {
        if let cached = scopeUnits[scope] { return cached.set }
        _ = units(in: scope)
        return scopeUnits[scope]!.set
    }

    private var scopeUnits: [Scope: (list: [Int], set: Set<Int>)] = [:]

    /// Heading texts as section names are compared: lower case, single spaces, no trailing colon.
    public private(set) lazy var headingKeys: [Int: String] = Dictionary(
        uniqueKeysWithValues: document.headings.map { ($0, HeadingMatcher.normalize(document.blocks[$0].text.text)) })

    /// Every word-list hit in the document, found in one pass for all rules, grouped by rule id.
    private lazy var hitsByOwner: [String: [UnitHit]] = {
        var grouped: [String: [UnitHit]] = [:]
        guard !matcher.isEmpty else { return grouped }
        for index in units.indices {
            for hit in matcher.hits(in: units[index].text.text, tokens: unitWords[index]) {
                grouped[hit.owner, default: []].append(UnitHit(unit: index, hit: hit))
            }
        }
        return grouped
    }()

    /// Hits of rule `id`'s terms, exceptions removed (with the hits they overlap).
    public func termHits(for id: String) -> [UnitHit] {
        let all = hitsByOwner[id] ?? []
        let exceptions = all.filter { $0.hit.spec.isException }
        // Two terms can match the same words ("guarantee" inflected and "guaranteed"): one finding.
        var seen: Set<[Int]> = []
        return all.filter { candidate in
            !candidate.hit.spec.isException && !exceptions.contains { exception in
                exception.unit == candidate.unit && exception.hit.range.overlaps(candidate.hit.range)
            } && seen.insert([candidate.unit, candidate.hit.range.lowerBound, candidate.hit.range.upperBound]).inserted
        }
    }
}

public struct UnitHit: Sendable, Hashable {
    public var unit: Int
    public var hit: TermMatcher.Hit
}

/// A text a rule can read, and where it comes from.
public struct TextUnit: Sendable {
    public var text: TextRun
    public var block: Int?
    public var metadataKey: String?

    static func all(in document: Document) -> [TextUnit] {
        var units = document.blocks.indices.map { TextUnit(text: document.blocks[$0].text, block: $0, metadataKey: nil) }
        for field in document.metadata.fields where field.key != Suppressions.frontMatterKey {
            for run in strings(in: field.value) {
                units.append(TextUnit(text: run, block: nil, metadataKey: field.key))
            }
        }
        return units
    }

    private static func strings(in value: MetadataValue) -> [TextRun] {
        switch value {
        case .string(let run): return [run]
        case .list(let items): return items.flatMap(strings)
        default: return []
        }
    }
}

/// A rule whose terms join the shared one-pass matcher.
public protocol TermRule: Rule {
    var terms: [TermSpec] { get }
}

extension Rule {
    public var id: String { definition.id }
    public var severity: Severity { definition.severity }

    /// The message of `finding` with the rule's template applied.
    func message(for finding: Finding) -> String {
        guard let template = definition.message, !finding.isAboutTheRule else { return finding.message }
        return MessageTemplate.render(template, values: finding.values.merging(["message": finding.message]) { current, _ in current })
    }
}

enum MessageTemplate {
    /// Replaces `{name}` with `values[name]`; unknown names stay as written.
    static func render(_ template: String, values: [String: String]) -> String {
        var output = ""
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "{", let close = template[index...].firstIndex(of: "}") {
                let name = String(template[template.index(after: index)..<close])
                if let value = values[name] {
                    output += value
                    index = template.index(after: close)
                    continue
                }
            }
            output.append(character)
            index = template.index(after: index)
        }
        return output
    }
}
