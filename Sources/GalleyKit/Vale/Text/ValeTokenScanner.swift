import PCRE

/// The token patterns Vale's tokenizing checks are written with, recognised in a pattern's tree
/// and run as byte scanners instead of one PCRE2 search per token: Vale's repetition check
/// (`[^\s]+`) and occurrence checks such as Microsoft's SentenceLength (`\b(\w+)\b`) read
/// every word of the text.
///
/// A scanner follows the definitions the PCRE2 forms of `ValePattern` use: `\s` as PCRE2 with
/// UCP defines it (Unicode separators, the ASCII controls 9–13, NEL and U+180E), `\w` and `\b`
/// as regexp2 defines them (`ValeCharacters`: letters, nonspacing marks, decimal digits,
/// connector punctuation; the joiners count for `\b`). Character properties come from Swift's
/// Unicode tables, which are newer than PCRE2's: a text holding a character PCRE2 10.42 does
/// not know (assigned after Unicode 14) is left to PCRE2 (`canScan` is false).
enum ValeTokenScanner: Sendable, Equatable {
    /// `[^\s]+`, `\S+`: runs of characters that are not spaces.
    case nonSpace
    /// `\w+`: runs of word characters.
    case words
    /// `\b\w+\b`, `\b(\w+)\b`: runs of word characters with a word boundary either side, which
    /// a joiner (a `\b` word character that is not a `\w` one) next to the run takes away.
    case boundedWords

    /// The scanner that finds exactly the matches of `source` (a Vale pattern), if there is one.
    init?(source: String) {
        guard let regex = try? ValeRegex(source) else { return nil }
        self.init(regex.root)
    }

    init?(_ root: ValeRegexNode) {
        var items = Self.items(of: root)
        // Flags change nothing these classes match (case, lines, dot, spacing of the source).
        while case .flags? = items.first { items.removeFirst() }
        let parts = items.map(Self.unwrapped)
        if parts.count == 1, case .repetition(let body, 1, nil, _) = parts[0] {
            if Self.isNonSpace(body) { self = .nonSpace; return }
            if Self.isWord(body) { self = .words; return }
            return nil
        }
        if parts.count == 3, parts[0] == .assertion(.wordBoundary), parts[2] == .assertion(.wordBoundary),
           case .repetition(let body, 1, nil, _) = parts[1], Self.isWord(body) {
            self = .boundedWords
            return
        }
        return nil
    }

    /// The items of a sequence, seen through groups that only wrap (capturing or not, no flags).
    private static func items(of node: ValeRegexNode) -> [ValeRegexNode] {
        switch node {
        case .sequence(let items):
            if items.count == 1 { return Self.items(of: items[0]) }
            var flat: [ValeRegexNode] = []
            for item in items {
                if case .flags = item { flat.append(item); continue }
                if case .group(let kind, let body) = item, isWrapper(kind), case .sequence = body {
                    flat += Self.items(of: body)
                } else {
                    flat.append(item)
                }
            }
            return flat
        case .group(let kind, let body) where isWrapper(kind):
            return Self.items(of: body)
        default:
            return [node]
        }
    }

    private static func isWrapper(_ kind: ValeGroupKind) -> Bool {
        switch kind {
        case .capturing, .nonCapturing(nil): return true
        default: return false
        }
    }

    private static func unwrapped(_ node: ValeRegexNode) -> ValeRegexNode {
        if case .group(let kind, let body) = node, isWrapper(kind) {
            let inner = items(of: body)
            if inner.count == 1 { return unwrapped(inner[0]) }
        }
        return node
    }

    private static func isNonSpace(_ node: ValeRegexNode) -> Bool {
        guard case .set(let set) = unwrapped(node), set.items.count == 1 else { return false }
        return set.items[0] == .space(negated: !set.negated)
    }

    private static func isWord(_ node: ValeRegexNode) -> Bool {
        guard case .set(let set) = unwrapped(node), !set.negated, set.items == [.word(negated: false)] else { return false }
        return true
    }

    // MARK: Scanning

    /// Whether every character of `bytes` is one the scanner knows as PCRE2 does.
    static func canScan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            let (scalar, length) = WordTokenizer.decode(bytes, at: index)
            if !isKnown(scalar) { return false }
            index += length
        }
        return true
    }

    /// Assigned by Unicode 14.0, the version of PCRE2 10.42's tables, and of the same general
    /// category there as in Swift's tables.
    static func isKnown(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age, age.major < 14 || (age.major == 14 && age.minor == 0) else { return false }
        return !recategorized.contains(scalar.value)
    }

    /// Characters whose general category changed after Unicode 14 (the test
    /// `characterClassesAgreeWithPCRE2` compares every character with PCRE2): U+1171E AHOM
    /// CONSONANT SIGN MEDIAL RA, a nonspacing mark in Unicode 14, a spacing one since 15.
    private static let recategorized: Set<UInt32> = [0x1171E]

    /// Calls `body` with every match in `bytes`, in order, until it returns false. The text must
    /// pass `canScan` (or be ASCII).
    func forEachMatch(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        var index = 0
        let count = bytes.count
        // Whether the character before `index` is a `\b` word character (for `boundedWords`).
        var previousJoins = false
        while index < count {
            // Skip to the start of a run.
            let (isIn, length, joiner) = classify(bytes, at: index)
            if !isIn {
                previousJoins = joiner
                index += length
                continue
            }
            let start = index
            index += length
            var trailingJoiner = false
            while index < count {
                let (inside, next, joins) = classify(bytes, at: index)
                if !inside {
                    trailingJoiner = joins
                    break
                }
                index += next
            }
            let keep = self != .boundedWords || (!previousJoins && !trailingJoiner)
            previousJoins = false
            if keep, !body(start..<index) { return }
        }
    }

    /// `forEachMatch` of ASCII `bytes`: each byte is in a run or not by one bit test (an
    /// ASCII text holds no joiner, so `boundedWords` finds what `words` finds).
    func forEachASCIIMatch(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        guard let base = bytes.baseAddress else { return }
        let (low, high) = self == .nonSpace ? Self.asciiNonSpace : Self.asciiWord
        @inline(__always) func isIn(_ byte: UInt8) -> Bool {
            ((byte < 64 ? low : high) &>> UInt64(byte & 63)) & 1 != 0
        }
        let count = bytes.count
        var index = 0
        while true {
            while index < count, !isIn(base[index]) { index &+= 1 }
            guard index < count else { return }
            let start = index
            index &+= 1
            while index < count, isIn(base[index]) { index &+= 1 }
            if !body(start..<index) { return }
        }
    }

    /// For ASCII `bytes`: calls `body` with each two neighbouring matches that are the same
    /// bytes (ASCII letters compared without case when `ignoringCase`), the earlier first. The
    /// walk of Vale's repetition check: most neighbours differ, and are passed over without a
    /// call (their lengths usually differ already). Eight bytes are classified at a time, and
    /// the starts and ends of runs are read from the bits.
    func forEachASCIIRepeat(_ bytes: UnsafeBufferPointer<UInt8>, ignoringCase: Bool, _ body: (Range<Int>, Range<Int>) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var walk = RepeatWalk(base: base, ignoringCase: ignoringCase)
        var offset = 0
        // The top bit of the last byte read is in a run (moved to the top bit of byte 0).
        var carry: UInt64 = 0
        while offset + 8 <= count {
            let inRun = runBits(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            let before = (inRun &<< 8) | carry
            // Runs start at a byte in one after a byte out of one, and end at the reverse.
            var starts = inRun & ~before
            var ends = ~inRun & 0x8080_8080_8080_8080 & before
            carry = inRun &>> 56
            // Starts and ends alternate: the next one due is taken.
            while true {
                if walk.runStart < 0 {
                    guard starts != 0 else { break }
                    walk.runStart = offset &+ starts.trailingZeroBitCount &>> 3
                    starts &= starts &- 1
                } else {
                    guard ends != 0 else { break }
                    walk.close(offset &+ ends.trailingZeroBitCount &>> 3, body)
                    ends &= ends &- 1
                }
            }
            offset &+= 8
        }
        let (low, high) = self == .nonSpace ? Self.asciiNonSpace : Self.asciiWord
        while offset < count {
            let byte = base[offset]
            let isIn = ((byte < 64 ? low : high) &>> UInt64(byte & 63)) & 1 != 0
            if isIn {
                if walk.runStart < 0 { walk.runStart = offset }
            } else if walk.runStart >= 0 {
                walk.close(offset, body)
            }
            offset &+= 1
        }
        if walk.runStart >= 0 { walk.close(count, body) }
    }

    /// Where `forEachASCIIRepeat` is (a value, not variables a local function captures, which
    /// would be checked for exclusive access at every use).
    private struct RepeatWalk {
        let base: UnsafePointer<UInt8>
        let ignoringCase: Bool
        /// The previous match (none yet while `previousStart` is negative), and the start of
        /// the run being read (none while negative).
        var previousStart = -1
        var previousEnd = -1
        var runStart = -1

        init(base: UnsafePointer<UInt8>, ignoringCase: Bool) {
            self.base = base
            self.ignoringCase = ignoringCase
        }

        /// Ends the run being read at `end`, and hands it to `body` with the one before when both are the same.
        @inline(__always)
        mutating func close(_ end: Int, _ body: (Range<Int>, Range<Int>) -> Void) {
            let length = end &- runStart
            if previousStart >= 0, length == previousEnd &- previousStart,
               ValeTokenScanner.sameASCII(base + previousStart, base + runStart, length, ignoringCase: ignoringCase) {
                body(previousStart..<previousEnd, runStart..<end)
            }
            previousStart = runStart
            previousEnd = end
            runStart = -1
        }
    }

    /// The top bit of each of eight ASCII bytes set when the byte belongs in a run.
    @inline(__always)
    private func runBits(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        // The top bit of each byte: the byte is at least `c` (bytes below 0x80: no borrow
        // crosses into the next byte).
        @inline(__always) func atLeast(_ word: UInt64, _ c: UInt64) -> UInt64 { ((word | high) &- ones &* c) & high }
        switch self {
        case .nonSpace:
            let controls = atLeast(word, 0x09) & ~atLeast(word, 0x0E)
            let spaces = atLeast(word, 0x20) & ~atLeast(word, 0x21)
            return ~(controls | spaces) & high
        case .words, .boundedWords:
            let folded = word | ones &* 0x20
            let letters = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
            let digits = atLeast(word, 0x30) & ~atLeast(word, 0x3A)
            let underscores = atLeast(word, 0x5F) & ~atLeast(word, 0x60)
            return letters | digits | underscores
        }
    }

    /// Whether `length` ASCII bytes at `first` and at `second` are the same (letters without
    /// case when `ignoringCase`).
    @inline(__always)
    fileprivate static func sameASCII(_ first: UnsafePointer<UInt8>, _ second: UnsafePointer<UInt8>, _ length: Int, ignoringCase: Bool) -> Bool {
        var offset = 0
        while offset < length {
            let a = first[offset], b = second[offset]
            if a != b {
                guard ignoringCase, a | 0x20 == b | 0x20, (a | 0x20) &- 0x61 < 26 else { return false }
            }
            offset &+= 1
        }
        return true
    }

    /// The number of matches in ASCII `bytes` (`count` without a call per match): the bytes in
    /// a run that follow a byte out of one, eight bytes at a time.
    func countASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var total = 0
        // The top bit of the last byte read is in a run (moved to the top bit of byte 0).
        var carry: UInt64 = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            let inRun = runBits(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            // One bit per byte at most: summed into the top byte by a multiplication (the
            // baseline x86-64 target has no population count instruction).
            let starts = (inRun & ~((inRun &<< 8) | carry)) &>> 7
            total &+= Int((starts &* 0x0101_0101_0101_0101) &>> 56)
            carry = inRun &>> 56
            offset &+= 8
        }
        let (low, high) = self == .nonSpace ? Self.asciiNonSpace : Self.asciiWord
        var previous = carry != 0
        while offset < bytes.count {
            let byte = base[offset]
            let isIn = ((byte < 64 ? low : high) &>> UInt64(byte & 63)) & 1 != 0
            if isIn && !previous { total &+= 1 }
            previous = isIn
            offset &+= 1
        }
        return total
    }

    /// The ASCII bytes of runs of `[^\s]`, and of `\w`, as bits (bytes 0–63, then 64–127).
    private static let asciiNonSpace: (UInt64, UInt64) = asciiBits { !($0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D)) }
    private static let asciiWord: (UInt64, UInt64) = asciiBits(isASCIIWord)

    private static func asciiBits(_ isIn: (UInt8) -> Bool) -> (UInt64, UInt64) {
        var bits: (UInt64, UInt64) = (0, 0)
        for byte in UInt8(0)..<128 where isIn(byte) {
            if byte < 64 { bits.0 |= 1 << UInt64(byte) } else { bits.1 |= 1 << UInt64(byte - 64) }
        }
        return bits
    }

    /// The number of matches in `bytes`.
    func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var total = 0
        forEachMatch(bytes) { _ in
            total += 1
            return true
        }
        return total
    }

    /// Whether the character at `index` belongs in a run, its length, and whether it is a joiner
    /// (a `\b` word character that is not a `\w` one).
    @inline(__always)
    private func classify(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Bool, Int, Bool) {
        let byte = bytes[index]
        if byte < 0x80 {
            switch self {
            case .nonSpace: return (!(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)), 1, false)
            case .words, .boundedWords: return (Self.isASCIIWord(byte), 1, false)
            }
        }
        let (scalar, length) = WordTokenizer.decode(bytes, at: index)
        switch self {
        case .nonSpace: return (!Self.isSpace(scalar), length, false)
        case .words, .boundedWords:
            if ValeCharacters.isWord(scalar) { return (true, length, false) }
            return (false, length, scalar.value == 0x200C || scalar.value == 0x200D)
        }
    }

    /// `[0-9A-Za-z_]`, as two 64-bit masks (the word index and the token scanners share it).
    @inline(__always)
    static func isASCIIWord(_ byte: UInt8) -> Bool {
        byte < 64 ? (0x03FF_0000_0000_0000 as UInt64) >> byte & 1 != 0 : byte < 128 && (0x07FF_FFFE_87FF_FFFE as UInt64) >> (byte & 63) & 1 != 0
    }

    /// PCRE2's `\s` with UCP: `\p{Z}`, `\h` and `\v` (which add the ASCII controls, NEL and the
    /// Mongolian vowel separator).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        if value == 0x85 || value == 0x180E { return true }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}

extension ValePattern {
    /// Calls `body` with the range of every match in `bytes` (a part of `text`), in order, until
    /// it returns false: with the pattern's scanner when it has one and knows every character
    /// there, else with PCRE2. Returns whether PCRE2 gave up.
    func forEachMatch(_ bytes: UnsafeBufferPointer<UInt8>, in text: ValeText, scratch: PCREPattern.Scratch,
                      _ body: (Range<Int>) -> Bool) -> Bool {
        if let scanner {
            if text.isASCII {
                scanner.forEachASCIIMatch(bytes, body)
                return false
            }
            if ValeTokenScanner.canScan(bytes) {
                scanner.forEachMatch(bytes, body)
                return false
            }
        }
        let (matches, gaveUp) = matches(bytes, in: text, scratch: scratch)
        for match in matches where !body(match.range) { break }
        return gaveUp
    }
}

/// Vale's word splitting for its capitalization checks: `FIRST|[\p{N}\p{L}*]+[^\s]*`, where
/// FIRST (the exceptions or the vocabulary, each a whole word) wins where it matches and a
/// word is a run of characters up to the next space that starts with a number, a letter or a
/// `*`. The words are found by a scanner, and FIRST searched only where it may match next
/// (once per text when it matches nowhere) rather than PCRE2 trying both branches at every
/// word. A text holding characters newer than PCRE2's tables is split by the whole pattern.
struct ValeWordSplitter: Sendable {
    /// The pattern's first branch on its own (with the flags that open the whole pattern).
    let first: ValePattern?
    /// FIRST as plain words (`\b(?:w1|w2|…)\b`), searched in ASCII text by their bytes.
    let firstWords: ValeLiteralWords?
    /// The whole pattern.
    let whole: ValePattern

    static let wordPattern = #"[\p{N}\p{L}*]+[^\s]*"#

    /// `first` is FIRST's source, flags included; the whole pattern is `first|wordPattern`, or
    /// `flags` and the word pattern without a first branch. `words`, when given, are FIRST's
    /// words: FIRST must be `\b(?:w1|w2|…)\b` over them (flags aside).
    init(first: String?, flags: String = "", words: ValeLiteralWords? = nil) throws(ValePattern.Failure) {
        self.first = try first.map { source throws(ValePattern.Failure) in try ValePattern(source) }
        firstWords = first == nil ? nil : words
        whole = try ValePattern(first.map { $0 + "|" + Self.wordPattern } ?? flags + Self.wordPattern)
    }

    /// Whether this splitter and `other` split every ASCII text alike: neither has a first
    /// branch, or both have the same plain words.
    func splitsLike(_ other: ValeWordSplitter) -> Bool {
        if first == nil && other.first == nil { return true }
        guard let firstWords, let otherWords = other.firstWords else { return false }
        return firstWords == otherWords
    }

    /// The text of every match in `text` (matched in the patterns' exact form).
    func words(in text: String, scratch: PCREPattern.Scratch) -> [String] {
        var copy = text
        return copy.withUTF8 { bytes in
            ranges(bytes, scratch: scratch).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
    }

    func ranges(_ bytes: UnsafeBufferPointer<UInt8>, scratch: PCREPattern.Scratch) -> [Range<Int>] {
        guard let form = Self.form(of: bytes) else {
            return whole.matches(bytes, form: .exact, scratch: scratch).matches.map(\.range)
        }
        var found: [Range<Int>] = []
        found.reserveCapacity(16)
        if form == .ascii, splitsASCIIByBytes {
            forEachASCIIRange(bytes) { range in
                found.append(range)
                return true
            }
            return found
        }
        var position = 0
        // FIRST's leftmost match at or after where it was last searched from: still the next
        // one while it starts at or after `position`. `exhausted`: it matches nowhere ahead.
        var ahead: Range<Int>?
        var exhausted = first == nil
        while position <= bytes.count {
            if !exhausted, let first, (ahead.map { $0.lowerBound < position } ?? true) {
                if form == .ascii, let firstWords {
                    ahead = firstWords.firstBounded(bytes, from: position)
                    exhausted = ahead == nil
                } else {
                    switch first.search(bytes, from: position, form: form, scratch: scratch) {
                    case .found(let match): ahead = match.range
                    case .none:
                        ahead = nil
                        exhausted = true
                    case .gaveUp:
                        return whole.matches(bytes, form: .exact, scratch: scratch).matches.map(\.range)
                    }
                }
            }
            let word = Self.nextWordStart(bytes, from: position)
            let match: Range<Int>
            if let known = ahead, word.map({ known.lowerBound <= $0 }) ?? true {
                match = known
            } else if let word {
                match = word..<Self.spaceOrEnd(bytes, from: word)
            } else {
                break
            }
            found.append(match)
            if match.upperBound > match.lowerBound {
                position = match.upperBound
            } else if match.upperBound < bytes.count {
                position = match.upperBound + WordTokenizer.scalarLength(bytes, at: match.upperBound)
            } else {
                break
            }
        }
        return found
    }

    /// Whether `forEachASCIIRange` splits ASCII text: FIRST is absent or plain words.
    var splitsASCIIByBytes: Bool { first == nil || firstWords != nil }

    /// `ranges` of ASCII `bytes` (with `splitsASCIIByBytes`), handed to `body` one at a time
    /// until it returns false: no array, no PCRE2.
    func forEachASCIIRange(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        var position = 0
        // FIRST's leftmost match at or after where it was last searched from: still the next
        // one while it starts at or after `position`. `exhausted`: it matches nowhere ahead.
        var ahead: Range<Int>?
        var exhausted = firstWords == nil
        while position < bytes.count {
            if !exhausted, let firstWords, (ahead.map { $0.lowerBound < position } ?? true) {
                ahead = firstWords.firstBounded(bytes, from: position)
                exhausted = ahead == nil
            }
            let word = Self.nextASCIIWordStart(bytes, from: position)
            let match: Range<Int>
            if let known = ahead, word.map({ known.lowerBound <= $0 }) ?? true {
                match = known
            } else if let word {
                match = word..<Self.asciiSpaceOrEnd(bytes, from: word)
            } else {
                return
            }
            // Matches are never empty (FIRST's words and the word pattern need a character).
            if !body(match) { return }
            position = match.upperBound
        }
    }

    /// `nextWordStart` of ASCII bytes.
    @inline(__always)
    private static func nextASCIIWordStart(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int? {
        var index = position
        while index < bytes.count {
            let byte = bytes[index]
            if (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == UInt8(ascii: "*") { return index }
            index &+= 1
        }
        return nil
    }

    /// `spaceOrEnd` of ASCII bytes.
    @inline(__always)
    private static func asciiSpaceOrEnd(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
        var index = position
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte &- 0x09 < 5 { return index }
            index &+= 1
        }
        return bytes.count
    }

    /// The fastest form of a pattern that matches `bytes` as the exact form does (as
    /// `ValeText.patternForm` picks it), or nil when the scanner does not know a character.
    static func form(of bytes: UnsafeBufferPointer<UInt8>) -> ValePattern.Form? {
        var form = ValePattern.Form.ascii
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            let (scalar, length) = WordTokenizer.decode(bytes, at: index)
            guard ValeTokenScanner.isKnown(scalar) else { return nil }
            if form == .ascii { form = .fast }
            if ValeCharacters.needsExact(scalar) { form = .exact }
            index += length
        }
        return form
    }

    /// The first character at or after `position` that starts a word: a number, a letter, `*`.
    private static func nextWordStart(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int? {
        var index = position
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "*") { return index }
                index += 1
                continue
            }
            let (scalar, length) = WordTokenizer.decode(bytes, at: index)
            if isLetterOrNumber(scalar) { return index }
            index += length
        }
        return nil
    }

    private static func spaceOrEnd(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
        var index = position
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return index }
                index += 1
                continue
            }
            let (scalar, length) = WordTokenizer.decode(bytes, at: index)
            if ValeTokenScanner.isSpace(scalar) { return index }
            index += length
        }
        return bytes.count
    }

    /// `\p{L}` or `\p{N}`.
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}

extension ValePattern {
    /// The first match in `text`, in the fastest form that matches it as the exact form does.
    func firstMatch(in text: String, scratch: PCREPattern.Scratch) -> Range<Int>? {
        var copy = text
        return copy.withUTF8 { bytes -> Range<Int>? in
            if case .found(let match) = search(bytes, from: 0, form: ValeWordSplitter.form(of: bytes) ?? .exact, scratch: scratch) { return match.range }
            return nil
        }
    }
}

/// The alternatives of a Vale pattern when each is a plain word (ASCII letters, digits, `_`),
/// all with their own case (each written `(?-i)word`) or all under the pattern's flags: Vale's
/// capitalization checks build such patterns from a rule's exceptions and vocabulary, and
/// search them in every heading. In ASCII text the words are found by comparing bytes, with
/// the answers PCRE2 gives there (ASCII `\b`, ASCII case), and no search to set up.
final class ValeLiteralWords: Sendable, Equatable {
    /// The words, in the pattern's order (the order a backtracking engine tries them).
    let words: [[UInt8]]
    let caseless: Bool
    /// The words' bytes one after another (word `n` ends at `ends[n]`): read without
    /// retaining an array per word. A class, so that handing it around retains one object.
    private let bytes: [UInt8]
    private let ends: [Int]
    /// For each ASCII byte (lower-cased when caseless), the words that start with it, in order:
    /// `order[first[byte]..<first[byte + 1]]`.
    private let first: [Int32]
    private let order: [Int32]
    /// The bytes a word may start with (both cases when caseless), as bits (0–63, 64–127):
    /// most bytes of a text start none, and are passed over with one bit test.
    private let starts: (UInt64, UInt64)

    /// nil unless every entry is a plain word, all written `(?-i)word` or all without flags
    /// (then matched without case when `caseless`, the flags around them).
    init?(_ entries: [String], caseless: Bool) {
        guard !entries.isEmpty else { return nil }
        let prefix = "(?-i)"
        let prefixed = entries.allSatisfy { $0.hasPrefix(prefix) }
        let words = entries.map { Array((prefixed ? $0.dropFirst(prefix.count) : Substring($0)).utf8) }
        guard words.allSatisfy({ !$0.isEmpty && $0.allSatisfy(ValeTokenScanner.isASCIIWord) }) else { return nil }
        self.words = words
        let caseless = caseless && !prefixed
        self.caseless = caseless
        bytes = words.flatMap { $0 }
        var ends: [Int] = []
        for word in words { ends.append((ends.last ?? 0) + word.count) }
        self.ends = ends
        var first: [Int32] = []
        var order: [Int32] = []
        for byte in UInt8(0)..<128 {
            first.append(Int32(order.count))
            for (index, word) in words.enumerated() where (caseless ? ValeTextGrams.lower(word[0]) : word[0]) == byte { order.append(Int32(index)) }
        }
        first.append(Int32(order.count))
        self.first = first
        self.order = order
        var starts: (UInt64, UInt64) = (0, 0)
        for word in words {
            let forms = caseless && (word[0] | 0x20) &- 0x61 < 26 ? [word[0] | 0x20, word[0] & ~0x20] : [word[0]]
            for byte in forms {
                if byte < 64 { starts.0 |= 1 << UInt64(byte) } else { starts.1 |= 1 << UInt64(byte - 64) }
            }
        }
        self.starts = starts
    }

    /// Whether some word may start with `byte`.
    @inline(__always)
    private func mayStart(_ byte: UInt8) -> Bool {
        byte < 0x80 && ((byte < 64 ? starts.0 : starts.1) &>> UInt64(byte & 63)) & 1 != 0
    }

    static func == (lhs: ValeLiteralWords, rhs: ValeLiteralWords) -> Bool {
        lhs.words == rhs.words && lhs.caseless == rhs.caseless
    }

    /// The words that may start at a byte, in order.
    @inline(__always)
    private func starting(with byte: UInt8) -> Range<Int> {
        guard byte < 0x80 else { return 0..<0 }
        let key = Int(caseless ? ValeTextGrams.lower(byte) : byte)
        return Int(first[key])..<Int(first[key + 1])
    }

    private func length(_ index: Int) -> Int {
        ends[index] - (index == 0 ? 0 : ends[index - 1])
    }

    /// Whether word `index` is written at `position` of `text` (its first byte is known to agree).
    @inline(__always)
    private func isAt(_ index: Int, _ text: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
        let start = index == 0 ? 0 : ends[index - 1]
        let count = ends[index] - start
        guard position + count <= text.count else { return false }
        return bytes.withUnsafeBufferPointer { word in
            for offset in 1..<count {
                let byte = text[position + offset], want = word[start + offset]
                if caseless ? ValeTextGrams.lower(byte) != ValeTextGrams.lower(want) : byte != want { return false }
            }
            return true
        }
    }

    /// The first match of `\b(?:w1|w2|…)\b` at or after `start` in ASCII `bytes`: the leftmost
    /// place, and there the first word that ends at a boundary.
    func firstBounded(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            // A byte no word starts with (every word's are word characters) is passed over with
            // one bit test; the boundary before it is asked only of the others.
            if mayStart(byte), position == 0 || !ValeTokenScanner.isASCIIWord(bytes[position - 1]) {
                for slot in starting(with: byte) {
                    let index = Int(order[slot])
                    guard isAt(index, bytes, position) else { continue }
                    let end = position + length(index)
                    if end == bytes.count || !ValeTokenScanner.isASCIIWord(bytes[end]) { return position..<end }
                }
            }
            position += 1
        }
        return nil
    }

    /// Whether word `index` (or, when nil, any word) is anywhere in ASCII `bytes`, boundaries
    /// aside: a search of `w`, or of `(?:w1)|(?:w2)|…`.
    func occurs(_ index: Int? = nil, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for position in bytes.indices where mayStart(bytes[position]) {
            for slot in starting(with: bytes[position]) {
                let candidate = Int(order[slot])
                if index.map({ $0 == candidate }) ?? true, isAt(candidate, bytes, position) { return true }
            }
        }
        return false
    }
}
