/// The word-list alternatives of every Vale rule built together, in one table, so each text is
/// read once for all of them (Vale runs one regular expression per rule over every text).
///
/// Matching follows regexp2 on `\b(?:a|b|…)\b`: a literal matches where a word starts (the
/// character before it is not a word character), and where it ends no word character follows.
/// Words are regexp2's (`ValeCharacters`), and case is folded character by character, as
/// regexp2's `(?i)` does.
final class ValeLiteralIndex: Sendable {
    struct Literal: Sendable {
        /// The literal as written, and lower-cased (for rules that ignore case).
        let bytes: [UInt8]
        let folded: [UInt8]
        let caseInsensitive: Bool
        /// The rule (its slot in the rule book) and the alternative's rank in that rule's list:
        /// where several of a rule's literals match at one place, the lowest rank wins.
        let owner: Int32
        let rank: Int32
    }

    /// One place where a rule's literal matches. Where several of a rule's literals match at one
    /// place, each is a hit (best-ranked first): a unit that ends inside the best one's match
    /// still holds the others, as a regular expression run on the unit finds them.
    struct Hit: Sendable, Equatable {
        var owner: Int32
        var rank: Int32
        var start: Int32
        var end: Int32
    }

    /// The distinct strings of the literals (the same bytes compared the same way are one string,
    /// whatever rules list them), grouped by their key (`key(of:)`: the hash of their first word,
    /// or of their first two words where one space parts them); within a group, those
    /// compared as written, then those that ignore case, each run in byte order. Each string's
    /// bytes as they are compared (lower-cased when it ignores case) lie end to end in `bytes`,
    /// from `strings[i].start` to `strings[i + 1].start`, and its literals (owner, rank) in
    /// `owners`, from `strings[i].owners` to `strings[i + 1].owners`, by owner then rank. A run
    /// in byte order is read like a trie: a string that agrees with the last one compared past
    /// the byte where that one stopped matching, or differs from it before, cannot match, and
    /// one that agrees up to there is compared from there on. Nothing here is
    /// reference-counted per literal, so reading a candidate retains nothing.
    private let bytes: [UInt8]
    private let strings: [Entry]
    private let owners: [Owner]
    /// A literal's key (`key(of:)`) → its group in `strings`: first index in the high half,
    /// count in the low half.
    private let table: HashedWordMap<UInt64>
    /// One bit for each key of the table (`filterSlot`), 2^16 bits: most words of a text start
    /// no literal, and most of those that do are followed by a word no literal goes on with, so
    /// most keys asked about are not in the table, which the filter tells without a lookup.
    private let filter: [UInt64]
    /// Per byte: 0 for an ASCII byte that is not a word character, the byte lower-cased for one
    /// that is (never 0), 0x80 for a byte of a character outside ASCII.
    private static let byteClasses: [UInt8] = (0..<256).map { byte in
        let byte = UInt8(byte)
        guard byte < 0x80 else { return 0x80 }
        guard ValeTokenScanner.isASCIIWord(byte) else { return 0 }
        return byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
    private let classes: [UInt8] = ValeLiteralIndex.byteClasses

    private struct Entry {
        var start: Int32
        /// Leading bytes shared with the string before it in its run; -1 for a run's first.
        var shared: Int32
        var owners: Int32
        var caseInsensitive: Bool
    }

    private struct Owner {
        var owner: Int32
        var rank: Int32
    }

    var isEmpty: Bool { owners.isEmpty }

    init(_ literals: [Literal]) {
        var keys: [UInt64] = []
        keys.reserveCapacity(literals.count)
        var groupOf: [UInt64: Int] = [:]
        var groups: [[Int]] = []
        for (index, literal) in literals.enumerated() {
            let key = literal.folded.withUnsafeBufferPointer { Self.key(of: $0) }
            if let group = groupOf[key] {
                groups[group].append(index)
            } else {
                groupOf[key] = groups.count
                groups.append([index])
                keys.append(key)
            }
        }
        func compared(_ literal: Literal) -> [UInt8] { literal.caseInsensitive ? literal.folded : literal.bytes }
        var table = HashedWordMap<UInt64>(capacity: max(64, groups.count))
        var filter = [UInt64](repeating: 0, count: 1 << 10)
        for key in keys {
            let (word, bit) = Self.filterSlot(key)
            filter[word] |= bit
        }
        var bytes: [UInt8] = []
        var strings: [Entry] = []
        var owners: [Owner] = []
        strings.reserveCapacity(literals.count + 1)
        owners.reserveCapacity(literals.count)
        for (group, members) in groups.enumerated() {
            let ordered = members.sorted { left, right in
                let (a, b) = (literals[left], literals[right])
                if a.caseInsensitive != b.caseInsensitive { return !a.caseInsensitive }
                let (aBytes, bBytes) = (compared(a), compared(b))
                if aBytes != bBytes { return aBytes.lexicographicallyPrecedes(bBytes) }
                return (a.owner, a.rank, left) < (b.owner, b.rank, right)
            }
            let first = strings.count
            var previous: (caseInsensitive: Bool, bytes: [UInt8])?
            for index in ordered {
                let literal = literals[index]
                let string = compared(literal)
                if let previous, previous.caseInsensitive == literal.caseInsensitive, previous.bytes == string {
                    owners.append(Owner(owner: literal.owner, rank: literal.rank))
                    continue
                }
                var shared: Int32 = -1
                if let previous, previous.caseInsensitive == literal.caseInsensitive {
                    shared = Int32(zip(previous.bytes, string).prefix { $0 == $1 }.count)
                }
                strings.append(Entry(start: Int32(bytes.count), shared: shared, owners: Int32(owners.count), caseInsensitive: literal.caseInsensitive))
                bytes.append(contentsOf: string)
                owners.append(Owner(owner: literal.owner, rank: literal.rank))
                previous = (literal.caseInsensitive, string)
            }
            table[keys[group]] = UInt64(first) << 32 | UInt64(strings.count - first)
        }
        // A last entry marks where the last string's bytes and literals end.
        strings.append(Entry(start: Int32(bytes.count), shared: -1, owners: Int32(owners.count), caseInsensitive: false))
        self.bytes = bytes
        self.strings = strings
        self.owners = owners
        self.table = table
        self.filter = filter
    }

    /// A literal's key, from its bytes lower-cased: the hash of its first word (`firstWord`),
    /// or, where one space and a second word follow it, the two hashes mixed (`pairKey`). A
    /// literal can match only where the text's word (its first two words) hashes the same.
    static func key(of folded: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let (end, first) = firstWord(folded, from: 0)
        guard end + 1 < folded.count, folded[end] == 0x20 else { return first }
        let (secondEnd, second) = firstWord(folded, from: end + 1)
        return secondEnd > end + 1 ? pairKey(first, second) : first
    }

    /// The key of two words parted by one space, from their hashes (bit 0 set).
    @inline(__always)
    static func pairKey(_ first: UInt64, _ second: UInt64) -> UInt64 {
        ((first &* 0x9E37_79B9_7F4A_7C15) ^ second) &* 0xFF51_AFD7_ED55_8CCD | 1
    }

    /// Where a key's bit lies in `filter`: its high 16 bits (mixed from all of the key's).
    @inline(__always)
    private static func filterSlot(_ key: UInt64) -> (word: Int, bit: UInt64) {
        (Int(truncatingIfNeeded: key >> 54), 1 << (key >> 48 & 63))
    }

    /// The group of `key`, or nil (the filter first, then the table).
    @inline(__always)
    private func group(_ key: UInt64, filter: UnsafeBufferPointer<UInt64>) -> Range<Int>? {
        let (word, bit) = Self.filterSlot(key)
        guard filter[word] & bit != 0, let group = table[key] else { return nil }
        return Int(group >> 32)..<Int(group >> 32) + Int(group & 0xFFFF_FFFF)
    }

    /// Every place in `text` where some rule's literal matches, in text order (at one place, by
    /// owner, then rank).
    func hits(in text: UnsafeBufferPointer<UInt8>) -> [Hit] {
        var found: [Hit] = []
        hits(in: text, into: &found)
        return found
    }

    /// Appends every place in `text` where some rule's literal matches, in text order (at one
    /// place, by owner, then rank).
    func hits(in text: UnsafeBufferPointer<UInt8>, into hits: inout [Hit]) {
        guard !isEmpty else { return }
        bytes.withUnsafeBufferPointer { bytes in
            strings.withUnsafeBufferPointer { strings in
                owners.withUnsafeBufferPointer { owners in
                    filter.withUnsafeBufferPointer { filter in
                        classes.withUnsafeBufferPointer { classes in
                            var index = 0
                            var previousIsWord = false
                            // The word after the last one that started a place, hashed for its
                            // pair key: where it starts and ends, and its hash.
                            var nextStart = -1
                            var nextEnd = 0
                            var nextKey: UInt64 = 0
                            while index < text.count {
                                let byte = classes[Int(text[index])]
                                if byte == 0 {
                                    previousIsWord = false
                                    index += 1
                                    continue
                                }
                                if byte == 0x80 {
                                    let (isWord, isBoundaryWord, length) = Self.classify(text, at: index)
                                    guard isWord else {
                                        previousIsWord = isBoundaryWord
                                        index += length
                                        continue
                                    }
                                }
                                let (end, key) = index == nextStart ? (nextEnd, nextKey) : Self.firstWord(text, from: index, classes: classes)
                                if !previousIsWord {
                                    let placeStart = hits.count
                                    if let group = group(key, filter: filter) {
                                        Self.read(group: group, at: index, in: text, bytes: bytes, strings: strings, owners: owners, into: &hits)
                                    }
                                    if end + 1 < text.count, text[end] == 0x20 {
                                        let (secondEnd, second) = Self.firstWord(text, from: end + 1, classes: classes)
                                        if secondEnd > end + 1 {
                                            (nextStart, nextEnd, nextKey) = (end + 1, secondEnd, second)
                                            let pair = Self.pairKey(key, second)
                                            // A pair key equal to the word's own is its group, read already.
                                            if pair != key, let group = group(pair, filter: filter) {
                                                Self.read(group: group, at: index, in: text, bytes: bytes, strings: strings, owners: owners, into: &hits)
                                            }
                                        }
                                    }
                                    if hits.count - placeStart > 1 { Self.order(&hits, from: placeStart) }
                                }
                                index = end
                                previousIsWord = true
                            }
                        }
                    }
                }
            }
        }
    }

    /// Puts the hits of one place (from `placeStart` on), read in byte order, by owner, then rank.
    private static func order(_ hits: inout [Hit], from placeStart: Int) {
        for index in placeStart + 1..<hits.count {
            let hit = hits[index]
            var slot = index
            while slot > placeStart, (hits[slot - 1].owner, hits[slot - 1].rank) > (hit.owner, hit.rank) {
                hits[slot] = hits[slot - 1]
                slot -= 1
            }
            hits[slot] = hit
        }
    }

    /// Appends the hits of the strings of `group` at `start` (a word's start), in the group's
    /// order (`order` puts a place's hits in order).
    private static func read(group: Range<Int>, at start: Int, in text: UnsafeBufferPointer<UInt8>, bytes: UnsafeBufferPointer<UInt8>,
                             strings: UnsafeBufferPointer<Entry>, owners: UnsafeBufferPointer<Owner>, into hits: inout [Hit]) {
        // Where the last string compared in the run stopped, and the character there (see
        // `Stop`); -1 once no later string of the run can match.
        var failure = -1
        var resumeLiteral = 0
        var resumeText = start
        var candidate = group.lowerBound
        while candidate < group.upperBound {
            let entry = strings[candidate]
            let shared = Int(entry.shared)
            candidate += 1
            if shared < 0 {
                // A run's first string: compared from the start.
                resumeLiteral = 0
                resumeText = start
            } else if shared != failure {
                // It agrees with the last one compared past the byte that one lacked (it lacks
                // it too), or differs from it before (where that one matched): every string
                // until a run's first differs before, too.
                if shared < failure { failure = -1 }
                continue
            }
            let expected = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(strings[candidate].start)])
            // Most strings compared differ from the text at once, in an ASCII byte.
            if resumeLiteral < expected.count, resumeText < text.count {
                let byte = text[resumeText]
                let want = expected[resumeLiteral]
                if byte < 0x80, want < 0x80, (entry.caseInsensitive && byte &- 0x41 < 26 ? byte | 0x20 : byte) != want {
                    failure = resumeLiteral
                    continue
                }
            }
            let stop = compare(expected, caseInsensitive: entry.caseInsensitive, in: text, literal: resumeLiteral, text: resumeText)
            failure = stop.failure
            resumeLiteral = stop.literal
            resumeText = stop.text
            guard stop.matched, endsWord(text, at: stop.text) else { continue }
            for owner in owners[Int(entry.owners)..<Int(strings[candidate].owners)] {
                hits.append(Hit(owner: owner.owner, rank: owner.rank, start: Int32(start), end: Int32(stop.text)))
            }
        }
    }

    /// Where comparing a literal with the text stopped.
    private struct Stop {
        /// The first byte of the literal that differs from the text or that the ended text
        /// lacks; the literal's length when it matched whole, or ended inside a character.
        var failure: Int
        /// Where the character at which it stopped starts, in the literal and in the text (the
        /// literal's end and where it ends in the text when it matched).
        var literal: Int
        var text: Int
        var matched: Bool
    }

    /// Compares the literal `expected` (lower-cased when it ignores case) from byte `literal`
    /// with the text from byte `textIndex`, both at a character's start: the text's characters,
    /// folded the same way as the literal, must spell its bytes.
    @inline(__always)
    private static func compare(_ expected: UnsafeBufferPointer<UInt8>, caseInsensitive: Bool, in text: UnsafeBufferPointer<UInt8>,
                                literal: Int, text textIndex: Int) -> Stop {
        var textIndex = textIndex
        var literalIndex = literal
        while literalIndex < expected.count {
            guard textIndex < text.count else { return Stop(failure: literalIndex, literal: literalIndex, text: textIndex, matched: false) }
            let byte = text[textIndex]
            let want = expected[literalIndex]
            if byte < 0x80 && want < 0x80 {
                let have = caseInsensitive && byte &- 0x41 < 26 ? byte | 0x20 : byte
                guard have == want else { return Stop(failure: literalIndex, literal: literalIndex, text: textIndex, matched: false) }
                textIndex += 1
                literalIndex += 1
                continue
            }
            // One character at a time, folded the same way as the literal.
            let (scalar, length) = WordTokenizer.decode(text, at: textIndex)
            let folded = caseInsensitive ? ValeFold.lower(scalar) : scalar
            var next = literalIndex
            for unit in UTF8.encode(folded)! {
                guard next < expected.count else { return Stop(failure: expected.count, literal: literalIndex, text: textIndex, matched: false) }
                guard expected[next] == unit else { return Stop(failure: next, literal: literalIndex, text: textIndex, matched: false) }
                next += 1
            }
            textIndex += length
            literalIndex = next
        }
        return Stop(failure: expected.count, literal: literalIndex, text: textIndex, matched: true)
    }

    /// Whether no word character (regexp2's `\b` sense) follows `index`.
    @inline(__always)
    private static func endsWord(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < text.count else { return true }
        let byte = text[index]
        if byte < 0x80 { return !ValeTokenScanner.isASCIIWord(byte) }
        return !ValeCharacters.isBoundaryWord(WordTokenizer.decode(text, at: index).0)
    }

    /// `firstWord(_:from:)`, each ASCII byte read through `classes`; a word that holds a
    /// character outside ASCII is read on out of line (what reads one needs, Unicode
    /// properties, costs about 60 instructions to set up at each call).
    @inline(__always)
    private static func firstWord(_ text: UnsafeBufferPointer<UInt8>, from start: Int, classes: UnsafeBufferPointer<UInt8>) -> (end: Int, key: UInt64) {
        var hash = FNV1a()
        var index = start
        while index < text.count {
            let byte = classes[Int(text[index])]
            if byte == 0 { break }
            if byte == 0x80 { return firstWord(text, from: index, hash: hash) }
            hash.add(byte: byte)
            index += 1
        }
        return (index, hash.value | 1)
    }

    /// Whether the character at `index` (outside ASCII) is a word character, a joiner or other
    /// character `\b` counts with words, and its length in bytes.
    @inline(never)
    private static func classify(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (isWord: Bool, isBoundaryWord: Bool, length: Int) {
        let (scalar, length) = WordTokenizer.decode(text, at: index)
        if ValeCharacters.isWord(scalar) { return (true, true, length) }
        return (false, ValeCharacters.isBoundaryWord(scalar), length)
    }

    /// End of the run of word characters starting at `start`, and its hash: FNV-1a of its
    /// lower-cased characters, bit 0 set (never the empty slot).
    static func firstWord(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, key: UInt64) {
        firstWord(text, from: start, hash: FNV1a())
    }

    /// `firstWord(_:from:)` on from `start` with the hash of the word's characters before it.
    @inline(never)
    private static func firstWord(_ text: UnsafeBufferPointer<UInt8>, from start: Int, hash: FNV1a) -> (end: Int, key: UInt64) {
        var hash = hash
        var index = start
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 {
                guard ValeTokenScanner.isASCIIWord(byte) else { break }
                hash.add(byte: byte &- 0x41 < 26 ? byte | 0x20 : byte)
                index += 1
                continue
            }
            let (scalar, length) = WordTokenizer.decode(text, at: index)
            guard ValeCharacters.isWord(scalar) else { break }
            for unit in UTF8.encode(ValeFold.lower(scalar))! { hash.add(byte: unit) }
            index += length
        }
        return (index, hash.value | 1)
    }
}

/// Case folding as regexp2's `(?i)` does it: each character lower-cased on its own.
enum ValeFold {
    static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            return scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 32)! : scalar
        }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first! : scalar
    }

    static func lower(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }) { return text }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(lower(scalar)) }
        return String(out)
    }

    static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            return scalar.value >= 0x61 && scalar.value <= 0x7A ? Unicode.Scalar(scalar.value - 32)! : scalar
        }
        let mapping = scalar.properties.uppercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first! : scalar
    }

    static func upper(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(upper(scalar)) }
        return String(out)
    }
}
