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

    /// The literals flat, grouped by the hash of their first word and, within a group, ordered
    /// by owner, then rank: each literal's bytes as they are compared (lower-cased when it ignores
    /// case) end to end in `bytes`, from `entries[i].start` to `entries[i + 1].start`. Nothing
    /// here is reference-counted per literal, so reading a candidate retains nothing.
    private let bytes: [UInt8]
    private let entries: [Entry]
    /// Hash of the lower-cased first word of a literal (bit 0 set: never the empty slot) →
    /// its group in `entries`: first index in the high half, count in the low half.
    private let table: HashedWordMap<UInt64>

    private struct Entry {
        var start: Int32
        var owner: Int32
        var rank: Int32
        var caseInsensitive: Bool
    }

    var isEmpty: Bool { entries.count <= 1 }

    init(_ literals: [Literal]) {
        var keys: [UInt64] = []
        keys.reserveCapacity(literals.count)
        var groupOf: [UInt64: Int] = [:]
        var groups: [[Int]] = []
        for (index, literal) in literals.enumerated() {
            let key = literal.folded.withUnsafeBufferPointer { buffer in
                Self.foldedHash(buffer, 0..<Self.firstWordEnd(buffer, from: 0))
            }
            if let group = groupOf[key] {
                groups[group].append(index)
            } else {
                groupOf[key] = groups.count
                groups.append([index])
                keys.append(key)
            }
        }
        var table = HashedWordMap<UInt64>(capacity: max(64, groups.count))
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        entries.reserveCapacity(literals.count + 1)
        for (group, members) in groups.enumerated() {
            let ordered = members.sorted { (literals[$0].owner, literals[$0].rank, $0) < (literals[$1].owner, literals[$1].rank, $1) }
            table[keys[group]] = UInt64(entries.count) << 32 | UInt64(ordered.count)
            for index in ordered {
                let literal = literals[index]
                entries.append(Entry(start: Int32(bytes.count), owner: literal.owner, rank: literal.rank, caseInsensitive: literal.caseInsensitive))
                bytes.append(contentsOf: literal.caseInsensitive ? literal.folded : literal.bytes)
            }
        }
        // A last entry marks where the last literal's bytes end.
        entries.append(Entry(start: Int32(bytes.count), owner: -1, rank: 0, caseInsensitive: false))
        self.bytes = bytes
        self.entries = entries
        self.table = table
    }

    /// Every place in `text` where some rule's literal matches, in text order (at one place, by
    /// owner, then rank).
    func hits(in text: UnsafeBufferPointer<UInt8>) -> [Hit] {
        var found: [Hit] = []
        hits(in: text, into: &found)
        return found
    }

    /// Appends every place in `text` where some rule's literal matches, in text order.
    func hits(in text: UnsafeBufferPointer<UInt8>, into hits: inout [Hit]) {
        guard !isEmpty else { return }
        bytes.withUnsafeBufferPointer { bytes in
            entries.withUnsafeBufferPointer { entries in
                var index = 0
                var previousIsWord = false
                while index < text.count {
                    let byte = text[index]
                    let (scalar, length) = byte < 0x80 ? (Unicode.Scalar(byte), 1) : WordTokenizer.decode(text, at: index)
                    guard ValeCharacters.isWord(scalar) else {
                        previousIsWord = ValeCharacters.isBoundaryWord(scalar)
                        index += length
                        continue
                    }
                    let start = index
                    let end = Self.firstWordEnd(text, from: start)
                    if !previousIsWord, let group = table[Self.foldedHash(text, start..<end)] {
                        let first = Int(group >> 32)
                        for candidate in first..<first + Int(group & 0xFFFF_FFFF) {
                            let entry = entries[candidate]
                            let expected = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entries[candidate + 1].start)])
                            if let matchEnd = Self.match(expected, caseInsensitive: entry.caseInsensitive, in: text, at: start) {
                                hits.append(Hit(owner: entry.owner, rank: entry.rank, start: Int32(start), end: Int32(matchEnd)))
                            }
                        }
                    }
                    index = end
                    previousIsWord = true
                }
            }
        }
    }

    /// Where the literal `expected` (lower-cased when it ignores case) ends when it matches at
    /// `start` with a word boundary after it.
    private static func match(_ expected: UnsafeBufferPointer<UInt8>, caseInsensitive: Bool, in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var textIndex = start
        var literalIndex = 0
        while literalIndex < expected.count {
            guard textIndex < text.count else { return nil }
            let byte = text[textIndex]
            let want = expected[literalIndex]
            if byte < 0x80 && want < 0x80 {
                let have = caseInsensitive && byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                guard have == want else { return nil }
                textIndex += 1
                literalIndex += 1
                continue
            }
            // One character at a time, folded the same way as the literal.
            let (scalar, length) = WordTokenizer.decode(text, at: textIndex)
            let folded = caseInsensitive ? ValeFold.lower(scalar) : scalar
            var matched = true
            var next = literalIndex
            for unit in UTF8.encode(folded)! {
                guard next < expected.count, expected[next] == unit else { matched = false; break }
                next += 1
            }
            guard matched else { return nil }
            textIndex += length
            literalIndex = next
        }
        if textIndex < text.count {
            let (next, _) = WordTokenizer.decode(text, at: textIndex)
            if ValeCharacters.isBoundaryWord(next) { return nil }
        }
        return textIndex
    }

    /// End of the run of word characters starting at `start`.
    static func firstWordEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 {
                let isWord = (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
                guard isWord else { break }
                index += 1
                continue
            }
            let (scalar, length) = WordTokenizer.decode(text, at: index)
            guard ValeCharacters.isWord(scalar) else { break }
            index += length
        }
        return index
    }

    /// FNV-1a of the lower-cased characters, bit 0 set.
    static func foldedHash(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = FNV1a()
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = text[index]
            if byte < 0x80 {
                hash.add(byte: byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                index += 1
                continue
            }
            let (scalar, length) = WordTokenizer.decode(text, at: index)
            for unit in UTF8.encode(ValeFold.lower(scalar))! { hash.add(byte: unit) }
            index += length
        }
        return hash.value | 1
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
