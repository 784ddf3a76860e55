/// Per-document analysis shared by the rules that run on it, computed on first use so a run
/// pays only for what its active rules need. Each piece is a lazy value computed from the
/// document alone, so which rule asks first never changes the answer. One context serves one
/// document on one thread.
public final class RuleContext {
    public let document: Document
    let matcher: TermMatcher

    public init(document: Document, matcher: TermMatcher = TermMatcher()) {
        self.document = document
        self.matcher = matcher
    }

    /// Every piece of prose a text rule can read, each once: the blocks (unit `i` is block `i`),
    /// then the string values of metadata fields that are not a block's text already (a title
    /// taken from the H1 is the H1's unit, which then also carries the metadata key).
    public private(set) lazy var units: [TextUnit] = TextUnit.all(in: document)

    /// Word tokens of each unit's text and where its sentences may end, read once for every rule
    /// and the readability analysis.
    private lazy var tokenization = Tokenization(units)

    /// Word tokens of each unit's text.
    public var unitWords: [[WordToken]] { tokenization.words }

    /// Word tokens of each block's text, by block index.
    public var blockWords: [[WordToken]] { Array(unitWords.prefix(document.blocks.count)) }

    /// Words, sentences, syllables and readability counts of the prose (readability rules).
    public private(set) lazy var prose = ProseAnalysis(document) { index in (self.tokenization.words[index], self.sentences(inBlock: index)) }

    /// UTF-8 ranges of the sentences in block `index` (a block always ends a sentence), split
    /// where the tokenizer noted possible ends while reading the block's words; split once for
    /// the readability analysis and the sentence-length rules alike.
    func sentences(inBlock index: Int) -> [Range<Int>] {
        if sentenceCache.isEmpty { sentenceCache = Array(repeating: nil, count: document.blocks.count) }
        if let cached = sentenceCache[index] { return cached }
        var text = document.blocks[index].text.text
        let tokenization = tokenization
        let sentences = text.withUTF8 { SentenceSplitter.sentences(in: $0, candidates: tokenization.stops(ofUnit: index)) }
        sentenceCache[index] = sentences
        return sentences
    }

    private var sentenceCache: [[Range<Int>]?] = []

    /// Indexes of the units a scope covers (rules sharing a scope share the answer).
    public func units(in scope: Scope) -> [Int] {
        if let cached = cachedScope(scope) { return scopeUnits[cached].list }
        let units = units
        let blocks = document.blocks
        var list: [Int] = []
        for index in units.indices {
            if let block = units[index].block, scope.includes(kind: blocks[block].kind, role: blocks[block].role) {
                list.append(index)
            } else if let key = units[index].metadataKey, scope.includes(metadataKey: key) {
                list.append(index)
            }
        }
        scopeUnits.append((scope, list, Set(list)))
        return list
    }

    public func unitSet(in scope: Scope) -> Set<Int> {
        if let cached = cachedScope(scope) { return scopeUnits[cached].set }
        _ = units(in: scope)
        return scopeUnits[scopeUnits.count - 1].set
    }

    /// A configuration has a handful of scopes, and rules usually share the same one (the same
    /// sets, compared by identity first): a short list compared by `==` costs less than hashing
    /// every set of the scope on each ask.
    private var scopeUnits: [(scope: Scope, list: [Int], set: Set<Int>)] = []

    private func cachedScope(_ scope: Scope) -> Int? {
        scopeUnits.firstIndex { $0.scope == scope }
    }

    /// Analyses a family of rules shares on this document (Vale's text and word-list hits), made
    /// by the first rule that asks, keyed by an object the family owns for the whole run.
    /// Asked once by every rule of the family for every document (124 Vale rules): the last
    /// answer is kept beside the table, and a context belongs to one document on one thread, so
    /// neither is checked for exclusive access at each read.
    @exclusivity(unchecked) private var sharedAnalyses: [ObjectIdentifier: AnyObject] = [:]
    @exclusivity(unchecked) private var lastShared: (owner: ObjectIdentifier, value: AnyObject)?

    public func shared<Value: AnyObject>(by owner: AnyObject, _ make: () -> Value) -> Value {
        let key = ObjectIdentifier(owner)
        if let last = lastShared, last.owner == key, let value = last.value as? Value { return value }
        if let value = sharedAnalyses[key] as? Value {
            lastShared = (key, value)
            return value
        }
        let value = make()
        sharedAnalyses[key] = value
        lastShared = (key, value)
        return value
    }

    /// Heading texts as section names are compared: lower case, single spaces, no trailing colon.
    public var headingKeys: [Int: String] {
        Dictionary(uniqueKeysWithValues: document.headings.map { ($0, headingKeyByBlock[$0]!) })
    }

    /// The same by block index (nil for blocks that are not headings): asked for every heading by
    /// every section rule, an array read instead of a dictionary lookup.
    func headingKey(ofBlock index: Int) -> String? { headingKeyByBlock[index] }

    private lazy var headingKeyByBlock: [String?] = {
        var keys = [String?](repeating: nil, count: document.blocks.count)
        for index in document.headings { keys[index] = HeadingMatcher.normalize(document.blocks[index].text.text) }
        return keys
    }()

    /// Every word-list hit in the document, found in one pass for all rules, grouped by rule id
    /// (ids are unique across a configuration's rule sets).
    private lazy var hitsByOwner: [String: [UnitHit]] = {
        var grouped: [String: [UnitHit]] = [:]
        guard !matcher.isEmpty else { return grouped }
        let units = units
        let words = unitWords
        for index in units.indices {
            for hit in matcher.hits(in: units[index].text.text, tokens: words[index]) {
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
        var seen: Set<UnitRange> = []
        return all.filter { candidate in
            !candidate.hit.spec.isException && !exceptions.contains { exception in
                exception.unit == candidate.unit && exception.hit.range.overlaps(candidate.hit.range)
            } && seen.insert(UnitRange(unit: candidate.unit, range: candidate.hit.range)).inserted
        }
    }

    private struct UnitRange: Hashable {
        var unit: Int
        var range: Range<Int>
    }
}

/// The word tokens of every unit and the offsets where its sentences may end, read together in
/// one pass of the tokenizer (a class: rules ask for it block by block, and a struct behind a
/// lazy property was copied, arrays retained, on every ask).
private final class Tokenization {
    let words: [[WordToken]]
    /// Every unit's stops in one array (`stopRanges[i]` for unit `i`): one allocation, not one per unit.
    private let allStops: [Int]
    private let stopRanges: [Range<Int>]

    init(_ units: [TextUnit]) {
        // Built in locals: appending to a class's stored arrays checks exclusive access each time.
        var words: [[WordToken]] = []
        var allStops: [Int] = []
        var stopRanges: [Range<Int>] = []
        words.reserveCapacity(units.count)
        stopRanges.reserveCapacity(units.count)
        for unit in units {
            var text = unit.text.text
            let first = allStops.count
            words.append(text.withUTF8 { WordTokenizer.tokens(in: $0, stops: &allStops) })
            stopRanges.append(first..<allStops.count)
        }
        self.words = words
        self.allStops = allStops
        self.stopRanges = stopRanges
    }

    /// Where unit `index`'s sentences may end.
    func stops(ofUnit index: Int) -> ArraySlice<Int> { allStops[stopRanges[index]] }
}

public struct UnitHit: Sendable, Hashable {
    public var unit: Int
    public var hit: TermMatcher.Hit
}

/// A text a rule can read, and where it comes from: a block, a metadata field, or both (the H1
/// that is also the title).
public struct TextUnit: Sendable {
    public var text: TextRun
    public var block: Int?
    public var metadataKey: String?

    static func all(in document: Document) -> [TextUnit] {
        var units = document.blocks.indices.map { TextUnit(text: document.blocks[$0].text, block: $0, metadataKey: nil) }
        // Metadata taken from a block's text (the title from the H1, a DocBook title: always a
        // heading) is that block's text: one unit, so a word in it is checked and reported once.
        for field in document.metadata.fields where field.key != Suppressions.frontMatterKey {
            for run in strings(in: field.value) {
                let range = run.sourceRange
                if !run.isEmpty, let block = document.headings.first(where: { document.blocks[$0].text.sourceRange == range }),
                   units[block].metadataKey == nil, document.blocks[block].text.text == run.text {
                    units[block].metadataKey = field.key
                    continue
                }
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
