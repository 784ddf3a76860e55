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

    /// One place where a rule's literal matches: the best-ranked of its literals there.
    struct Hit: Sendable, Equatable {
        var owner: Int32
        var rank: Int32
        var start: Int32
        var end: Int32
    }

    private let literals: [Literal]
    /// Hash of the lower-cased first word of a literal (bit 0 set: never the empty slot) →
    /// indexes of the literals, ordered by owner, then rank.
    private let table: HashedWordMap<[Int32]>

    var isEmpty: Bool { literals.isEmpty }

    init(_ literals: [Literal]) {
        self.literals = literals
        var table = HashedWordMap<[Int32]>(capacity: max(64, literals.count))
        var keyed: [UInt64: [Int32]] = [:]
        var order: [UInt64] = []
        for (index, literal) in literals.enumerated() {
            let key = literal.folded.withUnsafeBufferPointer { buffer in
                Self.foldedHash(buffer, 0..<Self.firstWordEnd(buffer, from: 0))
            }
            if keyed[key] == nil { order.append(key) }
            keyed[key, default: []].append(Int32(index))
        }
        for key in order {
            table[key] = keyed[key]!.sorted { (literals[Int($0)].owner, literals[Int($0)].rank) < (literals[Int($1)].owner, literals[Int($1)].rank) }
        }
        self.table = table
    }

    /// Every place in `text` where some rule's literal matches, in text order.
    func hits(in text: UnsafeBufferPointer<UInt8>) -> [Hit] {
        guard !literals.isEmpty else { return [] }
        var hits: [Hit] = []
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
            if !previousIsWord, let candidates = table[Self.foldedHash(text, start..<end)] {
                var lastOwner: Int32 = -1
                for candidate in candidates {
                    let literal = literals[Int(candidate)]
                    if literal.owner == lastOwner { continue }
                    if let matchEnd = Self.match(literal, in: text, at: start) {
                        hits.append(Hit(owner: literal.owner, rank: literal.rank, start: Int32(start), end: Int32(matchEnd)))
                        lastOwner = literal.owner
                    }
                }
            }
            index = end
            previousIsWord = true
        }
        return hits
    }

    /// Where the literal ends when it matches at `start` with a word boundary after it.
    private static func match(_ literal: Literal, in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let expected = literal.caseInsensitive ? literal.folded : literal.bytes
        var textIndex = start
        var literalIndex = 0
        while literalIndex < expected.count {
            guard textIndex < text.count else { return nil }
            let byte = text[textIndex]
            let want = expected[literalIndex]
            if byte < 0x80 && want < 0x80 {
                let have = literal.caseInsensitive && byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                guard have == want else { return nil }
                textIndex += 1
                literalIndex += 1
                continue
            }
            // One character at a time, folded the same way as the literal.
            let (scalar, length) = WordTokenizer.decode(text, at: textIndex)
            let folded = literal.caseInsensitive ? ValeFold.lower(scalar) : scalar
            var encoded: [UInt8] = []
            encoded.append(contentsOf: String(folded).utf8)
            guard literalIndex + encoded.count <= expected.count,
                  expected[literalIndex..<literalIndex + encoded.count].elementsEqual(encoded) else { return nil }
            textIndex += length
            literalIndex += encoded.count
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
            for unit in String(ValeFold.lower(scalar)).utf8 { hash.add(byte: unit) }
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
