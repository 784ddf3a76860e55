import PCRE

/// The word lists of rules built together (a Vale configuration's styles, a rule set), compiled
/// into one literal index; each rule owns a slot in it.
final class ValeWordBook: Sendable {
    private let built: ValeOnce<ValeLiteralIndex>
    private let build: (@Sendable () -> ValeLiteralIndex)?

    /// Whether the book holds no word (known without building it).
    let isEmpty: Bool

    var index: ValeLiteralIndex { built.value { build!() } }

    /// The patterns of the book's rules, scanned for once per text; `scanIDs` gives each
    /// rule's pattern (by slot) its id there, or -1.
    let scanner: ValeLazyScanner?
    let scanIDs: [Int]
    /// Per slot, the first slot whose program finds the same matches as its own (see `twins`),
    /// or -1 when no other slot does: what one finds in a unit, the others read back.
    let twins: [Int32]

    init(_ index: ValeLiteralIndex, scanner: ValeLazyScanner? = nil, scanIDs: [Int] = [], twins: [Int32] = []) {
        built = ValeOnce(index)
        build = nil
        isEmpty = index.isEmpty
        self.scanner = scanner
        self.scanIDs = scanIDs
        self.twins = twins
    }

    /// For the programs of a book (by slot), the first slot whose program is the same pattern
    /// with no word list of its own, where two or more slots hold one: such programs find the
    /// same matches in any unit (three packages ship the same Passive rule, the costliest
    /// pattern of the benchmark). -1 for the others.
    static func twins(of programs: [ValeTokenProgram]) -> [Int32] {
        var first: [(signature: ValeTokenProgram.Signature, slot: Int32)] = []
        var twins = [Int32](repeating: -1, count: programs.count)
        var shared = false
        for (slot, program) in programs.enumerated() {
            guard let signature = program.signature else { continue }
            if let earlier = first.first(where: { $0.signature == signature })?.slot {
                twins[slot] = earlier
                twins[Int(earlier)] = earlier
                shared = true
            } else {
                first.append((signature, Int32(slot)))
            }
        }
        return shared ? twins : []
    }

    /// A book whose index is built on first use: a rule's own book, which a rule set's shared
    /// book replaces at load (`ValeRuleBook.link`), is then never built.
    init(isEmpty: Bool, building: @escaping @Sendable () -> ValeLiteralIndex) {
        built = ValeOnce()
        build = building
        self.isEmpty = isEmpty
        scanner = nil
        scanIDs = []
        twins = []
    }

    /// The covered slots of the book's scanner by expression: expression e's slots are
    /// `slots[starts[e]..<starts[e + 1]]`. Made once, with the scanner (which, once compiled,
    /// every document shares).
    final class ScanSlots: Sendable {
        let starts: [Int]
        let slots: [Int]

        init(ids: [Int], scanner: ValePatternScanner) {
            let covered = ids.enumerated().filter { $0.element >= 0 && scanner.covers($0.element) }
                .map { (expression: scanner.expression(of: $0.element), slot: $0.offset) }
                .sorted { ($0.expression, $0.slot) < ($1.expression, $1.slot) }
            let expressions = (covered.last?.expression ?? -1) + 1
            // starts[e]: the first entry of expression e, or of the next one there is.
            var starts = [Int](repeating: covered.count, count: expressions + 1)
            for (position, entry) in covered.enumerated().reversed() { starts[entry.expression] = position }
            for expression in stride(from: expressions - 1, through: 0, by: -1) { starts[expression] = min(starts[expression], starts[expression + 1]) }
            self.starts = starts
            self.slots = covered.map(\.slot)
        }
    }

    let scanSlots = ValeOnce<ScanSlots>()

    /// The book's hits in one document, found once per text for all the book's rules. Every
    /// block text is read (and scanned) when the document's first rule asks: every rule of the
    /// book asks at its start which texts are worth reading, and what is read then stays as it
    /// is (constants, which a rule reads without an exclusivity check).
    final class Hits {
        private let book: ValeWordBook
        private let document: ValeDocument
        /// The book's scanner for this document, if it is compiled.
        private let scanner: ValePatternScanner?
        /// Words of one set of block texts in `ownerTexts` and `patternTexts`.
        private let setWords: Int

        /// Every block text's hits, text after text, each text's ordered by owner (the rule's
        /// slot), start, then rank: text i's from `textStarts[i]` to `textStarts[i + 1]`.
        private let blockHits: [ValeLiteralIndex.Hit]
        private let textStarts: [Int]
        /// Per owner, the block texts that hold a hit of it (`setWords` words each).
        private let ownerTexts: [UInt64]
        private let ownerCount: Int
        /// Per block text, where the scan saw the patterns end (empty without a scanner).
        private let blockEnds: [ValePatternScanner.Ends]
        /// Per slot, the block texts where its pattern may match (`setWords` words each).
        private let patternTexts: [UInt64]
        /// The hits and scans of the other texts (summary, raw), made when asked for.
        private var otherHits: [(text: Int, hits: [ValeLiteralIndex.Hit])] = []
        private var otherEnds: [(text: Int, ends: ValePatternScanner.Ends)] = []
        /// What the first of a set of twin programs found in a unit (`ValeWordBook.twins`).
        private var twinMatches: [TwinKey: (matches: [ValeTokenProgram.Match], gaveUp: Bool)] = [:]

        private struct TwinKey: Hashable {
            var twin: Int32
            var text: Int32
            var start: Int32
            var end: Int32
        }

        init(book: ValeWordBook, document: ValeDocument) {
            self.book = book
            self.document = document
            let scanner = book.scanner?.forNextDocument()
            self.scanner = scanner
            let blockCount = document.blockTextCount
            let setWords = (blockCount + 63) / 64
            self.setWords = setWords
            var blockHits: [ValeLiteralIndex.Hit] = []
            var textStarts: [Int] = []
            textStarts.reserveCapacity(blockCount + 1)
            if !book.isEmpty {
                let literals = book.index
                for index in 0..<blockCount {
                    textStarts.append(blockHits.count)
                    let first = blockHits.count
                    var text = document.text(index).run.text
                    text.withUTF8 { literals.hits(in: $0, into: &blockHits) }
                    Self.order(&blockHits[first...])
                }
            } else {
                textStarts.append(contentsOf: repeatElement(0, count: blockCount))
            }
            textStarts.append(blockHits.count)
            let ownerCount = Int(blockHits.lazy.map(\.owner).max() ?? -1) + 1
            var ownerTexts = [UInt64](repeating: 0, count: ownerCount * setWords)
            for index in 0..<blockCount {
                for hit in blockHits[textStarts[index]..<textStarts[index + 1]] {
                    ownerTexts[Int(hit.owner) * setWords + index >> 6] |= 1 << UInt64(index & 63)
                }
            }
            self.blockHits = blockHits
            self.textStarts = textStarts
            self.ownerCount = ownerCount
            self.ownerTexts = ownerTexts
            // Every block text is scanned once, and each covered pattern's texts read off it.
            var blockEnds: [ValePatternScanner.Ends] = []
            var patternTexts: [UInt64] = []
            if let scanner {
                let ids = book.scanIDs
                let slots = book.scanSlots.value { ScanSlots(ids: ids, scanner: scanner) }
                patternTexts = [UInt64](repeating: 0, count: ids.count * setWords)
                blockEnds.reserveCapacity(blockCount)
                for index in 0..<blockCount {
                    let ends = scanner.scan(document.text(index))
                    // The slots of each expression the scan saw, rather than each slot's own search.
                    let walked = scanner.forEachExpression(in: ends) { expression in
                        guard expression + 1 < slots.starts.count else { return }
                        for slot in slots.slots[slots.starts[expression]..<slots.starts[expression + 1]] {
                            patternTexts[slot * setWords + index >> 6] |= 1 << UInt64(index & 63)
                        }
                    }
                    if !walked {
                        for (slot, id) in ids.enumerated() where id >= 0 && scanner.covers(id) && scanner.mayMatch(id, in: ends) {
                            patternTexts[slot * setWords + index >> 6] |= 1 << UInt64(index & 63)
                        }
                    }
                    blockEnds.append(ends)
                }
            }
            self.blockEnds = blockEnds
            self.patternTexts = patternTexts
        }

        /// The matches of the program in `owner` in a unit of text `index`: found once for all
        /// the owner's twins (`ValeWordBook.twins`), by `find` for the others.
        func matches(owner: Int32, text index: Int, range: Range<Int>,
                     find: () -> (matches: [ValeTokenProgram.Match], gaveUp: Bool)) -> (matches: [ValeTokenProgram.Match], gaveUp: Bool) {
            let twins = book.twins
            guard Int(owner) < twins.count, twins[Int(owner)] >= 0 else { return find() }
            let key = TwinKey(twin: twins[Int(owner)], text: Int32(index), start: Int32(range.lowerBound), end: Int32(range.upperBound))
            if let found = twinMatches[key] { return found }
            let found = find()
            twinMatches[key] = found
            return found
        }

        /// Puts hits found in text order (at one place by owner, then rank) by owner, start,
        /// then rank.
        private static func order(_ hits: inout ArraySlice<ValeLiteralIndex.Hit>) {
            func before(_ a: ValeLiteralIndex.Hit, _ b: ValeLiteralIndex.Hit) -> Bool { (a.owner, a.start, a.rank) < (b.owner, b.start, b.rank) }
            if zip(hits, hits.dropFirst()).contains(where: { before($1, $0) }) { hits.sort(by: before) }
        }

        /// Which of the document's block texts hold a hit of the rule in `owner`.
        func textsWithHits(owner: Int32) -> ValeTextSet {
            guard Int(owner) < ownerCount else { return ValeTextSet(count: 0) }
            return ValeTextSet(words: ownerTexts[Int(owner) * setWords..<(Int(owner) + 1) * setWords])
        }

        /// The block texts in which the rule in `owner`'s pattern may match; nil when the
        /// pattern is not covered.
        func textsWithPatternHits(owner: Int32) -> ValeTextSet? {
            guard let scanner, let id = scanID(owner), scanner.covers(id) else { return nil }
            return ValeTextSet(words: patternTexts[Int(owner) * setWords..<(Int(owner) + 1) * setWords])
        }

        /// The scanner's view of the rule in `owner`'s pattern in one text, or nil when the
        /// pattern is not covered (it must then be run everywhere).
        func scan(owner: Int32, text index: Int) -> (scanner: ValePatternScanner, id: Int, ends: ValePatternScanner.Ends)? {
            guard let scanner, let id = scanID(owner), scanner.covers(id) else { return nil }
            if index < blockEnds.count { return (scanner, id, blockEnds[index]) }
            for entry in otherEnds where entry.text == index { return (scanner, id, entry.ends) }
            let ends = scanner.scan(document.text(index))
            otherEnds.append((index, ends))
            return (scanner, id, ends)
        }

        private func scanID(_ owner: Int32) -> Int? {
            let ids = book.scanIDs
            guard Int(owner) < ids.count, ids[Int(owner)] >= 0 else { return nil }
            return ids[Int(owner)]
        }

        /// The hits of the rule in `owner` in text `index`, in text order.
        func hits(text index: Int, owner: Int32) -> ArraySlice<ValeLiteralIndex.Hit> {
            let all = hitsOfText(index)
            // The owner's run in the text's hits (ordered by owner).
            var low = all.startIndex
            var high = all.endIndex
            while low < high {
                let middle = (low + high) / 2
                if all[middle].owner < owner { low = middle + 1 } else { high = middle }
            }
            var end = low
            while end < all.endIndex, all[end].owner == owner { end += 1 }
            return all[low..<end]
        }

        /// Every hit in text `index`, ordered by owner, start, then rank.
        private func hitsOfText(_ index: Int) -> ArraySlice<ValeLiteralIndex.Hit> {
            if index + 1 < textStarts.count { return blockHits[textStarts[index]..<textStarts[index + 1]] }
            for entry in otherHits where entry.text == index { return entry.hits[...] }
            var hits: [ValeLiteralIndex.Hit] = []
            if !book.isEmpty {
                var text = document.text(index).run.text
                let literals = book.index
                text.withUTF8 { literals.hits(in: $0, into: &hits) }
                Self.order(&hits[...])
            }
            otherHits.append((index, hits))
            return hits[...]
        }
    }
}

/// How one rule finds the alternatives of its list (`tokens`, `swap` keys): those that are
/// plain words through the shared `ValeLiteralIndex`, the others with one PCRE2 pattern, merged
/// in the order regexp2 gives `\b(?:a|b|…)\b`: leftmost first, and at one place the
/// alternative listed first.
struct ValeTokenProgram: Sendable {
    /// Literal strings and their rank: the alternative's position times `rankStride`, plus
    /// the string's position in the alternative's expansion.
    let literals: [(string: String, rank: Int32)]
    let caseInsensitive: Bool
    /// How many alternatives went to the pattern rather than the literal index.
    private(set) var patternAlternatives = 0
    /// The other alternatives, each opened by `(*MARK:position)`.
    let pattern: ValePattern?
    /// The book the literals were added to, and this rule's slot there.
    var book: ValeWordBook
    var slot: Int32

    static let rankStride: Int32 = 1024

    /// What a program's matches depend on when it has no word list: its pattern's tree (every
    /// compiled form is printed from it), and how an alternative is read off a match. Not for a
    /// pattern whose leading lookbehind was taken off its tree.
    struct Signature: Equatable {
        var root: ValeRegexNode
        var groupsAreAlternatives: Bool
    }

    var signature: Signature? {
        guard literals.isEmpty, let pattern, pattern.lookbehind == nil else { return nil }
        return Signature(root: pattern.root, groupsAreAlternatives: groupsAreAlternatives)
    }

    /// A match: where, and which alternative (its position in the list).
    struct Match {
        var range: Range<Int>
        var alternative: Int
    }

    /// When the list is a whole pattern of Vale's (a `raw` part, a custom word template), the
    /// alternative is the first capturing group that took part (`groupsAreAlternatives`), or 0.
    private let groupsAreAlternatives: Bool

    /// The most bytes from a match's start to where the scan may see it end (4 a character),
    /// or nil when that has no bound or the pattern reads where the search starts (`\G`): a
    /// match cannot start further than this before the first place where the scan saw the
    /// pattern end. The relaxed form the scan runs may consume an edge lookaround
    /// (`ValeRegexHyperscan`), so lookarounds count as wide as what they read.
    private let widestMatch: Int?
    /// The fewest characters a match of the pattern takes, so the fewest bytes: a search that
    /// starts closer than that to the unit's end cannot find one (a heading's second search,
    /// after the match that ends it).
    private let narrowestMatch: Int

    static func widestMatch(_ pattern: ValePattern?) -> Int? {
        guard let root = pattern?.root, !readsSearchStart(root), let characters = ValeRegexWidth.of(consumingLookarounds(root)).max else { return nil }
        return characters * 4
    }

    /// `node` with every lookaround read as a group that takes up what it looks at.
    private static func consumingLookarounds(_ node: ValeRegexNode) -> ValeRegexNode {
        switch node {
        case .sequence(let items): return .sequence(items.map(consumingLookarounds))
        case .alternation(let branches): return .alternation(branches.map(consumingLookarounds))
        case .group(.lookahead, let body), .group(.lookbehind, let body): return .group(.nonCapturing(nil), consumingLookarounds(body))
        case .group(let kind, let body): return .group(kind, consumingLookarounds(body))
        case .repetition(let body, let min, let max, let lazy): return .repetition(consumingLookarounds(body), min: min, max: max, lazy: lazy)
        case .literal, .dot, .set, .assertion, .backreference, .flags, .mark: return node
        }
    }

    private static func readsSearchStart(_ node: ValeRegexNode) -> Bool {
        switch node {
        case .assertion(let assertion): return assertion == .previousMatchEnd
        case .sequence(let items), .alternation(let items): return items.contains(where: readsSearchStart)
        case .group(_, let body), .repetition(let body, _, _, _): return readsSearchStart(body)
        case .literal, .dot, .set, .backreference, .flags, .mark: return false
        }
    }

    /// Splits `alternatives` (nodes of the list, in order) between the literal index and one
    /// pattern written with Vale's default template around them: `\b(?:…)\b` for word lists
    /// (`bounded`), `(?:…)` for `nonword` ones, under `(?m)` and, when asked, `(?i)`.
    init(alternatives: [ValeRegexNode], caseInsensitive: Bool, bounded: Bool, source: String) throws(ValePattern.Failure) {
        var literals: [(String, Int32)] = []
        var rest: [ValeRegexNode] = []
        for (position, node) in alternatives.enumerated() {
            if let strings = ValeRegexLiterals.wordLiterals(node, bounded: bounded) {
                for (offset, string) in strings.enumerated() {
                    literals.append((string, Int32(position) * Self.rankStride + Int32(offset)))
                }
            } else {
                rest.append(.sequence([.mark(String(position)), node]))
            }
        }
        self.literals = literals
        self.caseInsensitive = caseInsensitive
        patternAlternatives = rest.count
        groupsAreAlternatives = false
        if rest.isEmpty {
            pattern = nil
        } else {
            var items: [ValeRegexNode] = []
            if caseInsensitive { items.append(.flags(ValeRegexFlags(on: "i", off: ""))) }
            items.append(.flags(ValeRegexFlags(on: "m", off: "")))
            if bounded { items.append(.assertion(.wordBoundary)) }
            items.append(.group(.nonCapturing(nil), rest.count == 1 ? rest[0] : .alternation(rest)))
            if bounded { items.append(.assertion(.wordBoundary)) }
            pattern = try ValePattern(root: .sequence(items), source: source)
        }
        widestMatch = Self.widestMatch(pattern)
        narrowestMatch = pattern.map { ValeRegexWidth.of($0.root).min } ?? 0
        book = ValeWordBook(ValeLiteralIndex([]))
        slot = 0
        if !literals.isEmpty { relink(to: Self.privateBook(literals, caseInsensitive: caseInsensitive), slot: 0) }
    }

    /// The whole of Vale's pattern, matched as it is.
    init(whole pattern: ValePattern, groupsAreAlternatives: Bool) {
        literals = []
        caseInsensitive = false
        self.pattern = pattern
        self.groupsAreAlternatives = groupsAreAlternatives
        widestMatch = Self.widestMatch(pattern)
        narrowestMatch = ValeRegexWidth.of(pattern.root).min
        book = ValeWordBook(ValeLiteralIndex([]))
        slot = 0
    }

    /// A book of this program's literals alone (until the rule is linked into a shared one).
    private static func privateBook(_ literals: [(String, Int32)], caseInsensitive: Bool) -> ValeWordBook {
        ValeWordBook(isEmpty: literals.isEmpty) { ValeLiteralIndex(literals.map { literal(string: $0.0, rank: $0.1, caseInsensitive: caseInsensitive, owner: 0) }) }
    }

    static func literal(string: String, rank: Int32, caseInsensitive: Bool, owner: Int32) -> ValeLiteralIndex.Literal {
        ValeLiteralIndex.Literal(bytes: Array(string.utf8), folded: Array(ValeFold.lower(string).utf8), caseInsensitive: caseInsensitive,
                                 owner: owner, rank: rank)
    }

    /// For a list of plain words only: the texts that hold any of its words (a unit of any
    /// other text is skipped). Block texts only; nil to read every unit.
    func textsToRead(_ run: ValeRun, context: RuleContext) -> ValeTextSet? {
        guard let hits = run.hits(book, context: context) else { return nil }
        guard pattern != nil else { return literals.isEmpty ? nil : hits.textsWithHits(owner: slot) }
        guard let texts = hits.textsWithPatternHits(owner: slot) else { return nil }
        return literals.isEmpty ? texts : texts.union(hits.textsWithHits(owner: slot))
    }

    mutating func relink(to book: ValeWordBook, slot: Int32) {
        self.book = book
        self.slot = slot
    }

    /// Every match in `range` of text `textIndex`, leftmost first, not overlapping.
    func matches(in document: ValeDocument, text textIndex: Int, range: Range<Int>, hits: ValeWordBook.Hits?,
                 scratch: PCREPattern.Scratch) -> (matches: [Match], gaveUp: Bool) {
        guard let hits else { return find(in: document, text: textIndex, range: range, hits: nil, scratch: scratch) }
        return hits.matches(owner: slot, text: textIndex, range: range) {
            find(in: document, text: textIndex, range: range, hits: hits, scratch: scratch)
        }
    }

    private func find(in document: ValeDocument, text textIndex: Int, range: Range<Int>, hits: ValeWordBook.Hits?,
                      scratch: PCREPattern.Scratch) -> (matches: [Match], gaveUp: Bool) {
        // The rule's literal hits in the text, in text order; those in `range` are read in place.
        let candidates: ArraySlice<ValeLiteralIndex.Hit> = if !literals.isEmpty, let hits { hits.hits(text: textIndex, owner: slot) } else { [] }
        /// The first candidate from `index` on that starts at or after `start` and lies within
        /// `range` (at one place, the best-ranked that fits), or `candidates.endIndex`.
        func candidate(from index: Int, startingAt start: Int) -> Int {
            var index = index
            while index < candidates.endIndex {
                let hit = candidates[index]
                if Int(hit.start) >= range.upperBound { return candidates.endIndex }
                if Int(hit.start) >= start && Int(hit.end) <= range.upperBound { return index }
                index += 1
            }
            return index
        }
        var first = candidates.startIndex
        var high = candidates.endIndex
        while first < high {
            let middle = (first + high) / 2
            if Int(candidates[middle].start) < range.lowerBound { first = middle + 1 } else { high = middle }
        }
        guard let pattern else {
            // Leftmost first, not overlapping, as a regular expression would find them.
            var found: [Match] = []
            var next = candidate(from: first, startingAt: range.lowerBound)
            while next < candidates.endIndex {
                let hit = candidates[next]
                found.append(Match(range: Int(hit.start) - range.lowerBound..<Int(hit.end) - range.lowerBound, alternative: Int(hit.rank / Self.rankStride)))
                next = candidate(from: next + 1, startingAt: Int(hit.end))
            }
            return (found, false)
        }
        let valeText = document.text(textIndex)
        // Where the scanner covers the pattern, it is run only from places after which the
        // scan saw one of its matches end inside the range.
        let scanned = hits?.scan(owner: slot, text: textIndex)
        func mayFind(from position: Int) -> Bool {
            guard let (scanner, id, ends) = scanned else { return true }
            return scanner.mayEnd(id, in: ends, after: range.lowerBound + position, through: range.upperBound)
        }
        if candidate(from: first, startingAt: range.lowerBound) == candidates.endIndex, scanned != nil, !mayFind(from: 0) { return ([], false) }
        /// Where a search from `position` may start: a match of bounded width cannot start more
        /// than `widestMatch` bytes before the first place after `position` where the scan saw
        /// the pattern end (every match ends at such a place, after where it starts).
        func searchStart(from position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
            let after = range.lowerBound + position
            // Nothing to skip when the scan saw an end within `widestMatch` bytes (or the unit
            // is no longer than that).
            guard let (scanner, id, ends) = scanned, let widestMatch, range.upperBound - after > widestMatch,
                  !scanner.mayEnd(id, in: ends, after: after, through: after + widestMatch) else { return position }
            var low = after + widestMatch + 1
            var high = range.upperBound
            while low < high {
                let middle = (low + high) / 2
                if scanner.mayEnd(id, in: ends, after: after, through: middle) { high = middle } else { low = middle + 1 }
            }
            var start = max(position, low - range.lowerBound - widestMatch)
            while start > position, start < bytes.count, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            return start
        }
        var text = valeText.run.text
        return text.withUTF8 { whole -> ([Match], Bool) in
            let bytes = UnsafeBufferPointer(rebasing: whole[range])
            var found: [Match] = []
            var position = 0
            var next = first
            var pending: PCREPattern.Match?
            var regexDone = scanned == nil ? !pattern.mayMatch(valeText) : false
            while position <= bytes.count {
                next = candidate(from: next, startingAt: range.lowerBound + position)
                if !regexDone, pending.map({ $0.range.lowerBound < position }) ?? true, bytes.count - position < narrowestMatch || !mayFind(from: position) {
                    pending = nil
                    regexDone = true
                }
                if !regexDone, pending.map({ $0.range.lowerBound < position }) ?? true {
                    switch pattern.search(bytes, from: searchStart(from: position, in: bytes), form: valeText.patternForm, groups: groupsAreAlternatives,
                                          scratch: scratch) {
                    case .found(let match): pending = match
                    case .none: pending = nil; regexDone = true
                    case .gaveUp: return (found, true)
                    }
                }
                let literal = next < candidates.endIndex ? candidates[next] : nil
                let literalStart = literal.map { Int($0.start) - range.lowerBound }
                let regexRank = pending.map { Int32(alternative(of: $0)) * Self.rankStride }
                let chosen: Match
                if let pending, let regexRank,
                   literalStart == nil || pending.range.lowerBound < literalStart! || (pending.range.lowerBound == literalStart! && regexRank < literal!.rank) {
                    chosen = Match(range: pending.range, alternative: Int(regexRank / Self.rankStride))
                } else if let literal, let literalStart {
                    chosen = Match(range: literalStart..<Int(literal.end) - range.lowerBound, alternative: Int(literal.rank / Self.rankStride))
                } else {
                    break
                }
                found.append(chosen)
                if chosen.range.isEmpty {
                    guard chosen.range.upperBound < bytes.count else { break }
                    position = chosen.range.upperBound + WordTokenizer.scalarLength(bytes, at: chosen.range.upperBound)
                } else {
                    position = chosen.range.upperBound
                }
            }
            return (found, false)
        }
    }

    private func alternative(of match: PCREPattern.Match) -> Int {
        if groupsAreAlternatives {
            return match.groups.dropFirst().firstIndex { $0 != nil }.map { $0 - 1 } ?? 0
        }
        return match.mark.flatMap { Int($0) } ?? 0
    }
}
