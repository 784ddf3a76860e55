/// Rule-based syllable counting for words the pronunciation dictionary does not know.
///
/// Counts vowel groups, then corrects for the spellings English pronounces differently: a
/// silent final `e` (but `-le` and `-ire` are voiced), silent `-ed`/`-es` (but not after
/// `t`/`d` or sibilants), a silent `e` before a suffix or compound part (`hopeful`, `baseball`),
/// vowel pairs that are two syllables (`piano`, `video`, `usual`, `-ier`, `-iest`, `-ism`,
/// `being`), and the `-tion`/`-cial`/`-sion` endings that are one. The rules were tuned on nine
/// tenths of CMUdict and are measured on the tenth they never saw (docs/readability.md).
enum SyllableRules {
    /// Syllables of a word of lowercase ASCII letters (at least 1).
    static func count(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        let n = word.count
        guard n > 0 else { return 0 }
        let w = Letters(bytes: word)
        var syllables = 0
        var index = 0
        while index < n {
            if w.isVowel(index) {
                syllables += 1
                while index < n, w.isVowel(index) { index += 1 }
            } else {
                index += 1
            }
        }
        syllables += finalLetterCorrections(w)
        syllables += innerSilentE(w)
        syllables += vowelPairCorrections(w)
        return max(1, syllables)
    }

    private static func finalLetterCorrections(_ w: Letters) -> Int {
        let n = w.count
        var change = 0
        if w.ends("e"), n > 2, !w.isVowel(n - 2) {
            let voicedLE = w[n - 2] == l && !w.isVowel(n - 3) && w[n - 3] != l
            if !voicedLE && !w.ends("ire") { change -= 1 }
        }
        if n > 3, w.ends("ed"), !w.isVowel(n - 3), w[n - 3] != t, w[n - 3] != d {
            let bled = w[n - 3] == l && !w.isVowel(n - 4) && w[n - 4] != l
            if !bled { change -= 1 }
        }
        if n > 3, w.ends("es"), !w.isVowel(n - 3) {
            let sibilant = w.isOneOf(n - 3, "sxzcg") || w.has("ch", at: n - 4) || w.has("sh", at: n - 4)
            let voicedLES = w[n - 3] == l && !w.isVowel(n - 4) && w[n - 4] != l
            if !sibilant && !voicedLES { change -= 1 }
        }
        // -que, -gue: the `ue` is silent (league, unique), except in argue.
        for ending in ["que", "gue", "ques", "gues"] where w.ends(ending) {
            let before = n - ending.utf8.count - 1
            if before >= 0, !w.isPlainVowel(before), !w.ends("argue"), !w.ends("argues") { change -= 1 }
        }
        if n > 4, w.ends("ing") || w.ends("ings") {
            let before = n - (w.ends("ings") ? 5 : 4)
            if before >= 0, w.isPlainVowel(before) || w[before] == y { change += 1 }
        }
        if w.starts("every") { change -= 1 }
        if n > 3, w.ends("ea") { change += 1 }
        if w.ends("ically") { change -= 1 }
        if n > 2, w.starts("mc"), !w.isPlainVowel(2) { change += 1 }
        if w.ends("ism") { change += 1 }
        if w.ends("ier"), n > 3, !w.isPlainVowel(n - 4) { change += 1 }
        if w.ends("iest"), n > 4, !w.isPlainVowel(n - 5) { change += 1 }
        return change
    }

    /// `hopeful`, `baseball`, `somebody`: an `e` closing the first part is silent.
    private static func innerSilentE(_ w: Letters) -> Int {
        let n = w.count
        guard n > 4 else { return 0 }
        for index in 2..<(n - 2) where w[index] == e && !w.isVowel(index - 1) && !w.isVowel(index + 1) && w.isVowel(index - 2) {
            if silentEFollowers.contains(w.suffix(from: index + 1)) { return -1 }
        }
        return 0
    }

    private static func vowelPairCorrections(_ w: Letters) -> Int {
        let n = w.count
        var change = 0
        // i before a, o, u is its own syllable (piano, radio, medium)...
        var index = 0
        while index + 2 < n {
            if !w.isPlainVowel(index), w[index + 1] == i, w.isOneOf(index + 2, "aou") {
                change += 1
                index += 3
            } else {
                index += 1
            }
        }
        // ...except in -tion, -cial, -sion, -gious, -shion, -llion and marriage.
        index = 0
        while index < n {
            var after = index
            if w.isOneOf(index, "tcsgxh") {
                after = index + 1
            } else if w.has("ll", at: index) {
                after = index + 2
            } else {
                index += 1
                continue
            }
            if after < n, w[after] == i, let length = mergedEnding(w, at: after + 1) {
                change -= 1
                index = after + 1 + length
            } else {
                index += 1
            }
        }
        change -= w.occurrences("iage")
        // video, duo, usual: e-o, u-o, u-a are two syllables (not in people, quarter).
        index = 0
        while index + 1 < n {
            if w[index] == e, w[index + 1] == o, !(index + 2 < n && w[index + 2] == p) {
                change += 1
                index += 2
            } else if w[index] == u, w[index + 1] == o {
                change += 1
                index += 2
            } else {
                index += 1
            }
        }
        index = 0
        while index + 2 < n {
            if !w.isPlainVowel(index), w[index] != q, w[index + 1] == u, w[index + 2] == a {
                change += 1
                index += 3
            } else {
                index += 1
            }
        }
        return change
    }

    /// Length of the ending at `index` that merges with a preceding `i` (`-ion`, `-ial`...).
    private static func mergedEnding(_ w: Letters, at index: Int) -> Int? {
        for ending in ["on", "an", "al", "ous", "ence", "ent"] where w.has(ending, at: index) {
            // `and` matches as `an`, one letter short, as the rule was tuned.
            return ending.utf8.count
        }
        if w.count == index + 1, w[index] == a { return 1 }
        if w.count == index + 2, w.has("as", at: index) { return 2 }
        return nil
    }

    /// Suffixes and second parts of compounds before which a closing `e` is silent.
    private static let silentEFollowers: Set<String> = [
        "ly", "ful", "fully", "less", "lessly", "lessness", "ness", "ment", "ments", "some", "where", "ward", "wards",
        "way", "ways", "wife", "work", "works", "foot", "ball", "balls", "yard", "back", "shoe", "shoes", "sick", "head",
        "fruit", "let", "lets", "man", "men", "book", "boat", "berry", "stone", "time", "times", "house", "line", "like",
        "light", "land", "room", "side", "field", "ship", "ships", "hood", "worth", "wood", "wise", "bag", "bank", "board",
        "bone", "born", "box", "day", "days", "fall", "fly", "gate", "hole", "keep", "keeper", "keeping", "maker",
        "makers", "mark", "mate", "mates", "nut", "nuts", "place", "port", "post", "rich", "ring", "road", "rock", "sake",
        "set", "shop", "smith", "stock", "store", "town", "tree", "trees", "wide", "body", "bodies", "thing", "things",
        "one", "ones", "how", "what", "walk", "walks", "bud", "buds", "teen", "teens", "ty",
    ]

    private static let a = UInt8(ascii: "a"), d = UInt8(ascii: "d"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i")
    private static let l = UInt8(ascii: "l"), o = UInt8(ascii: "o"), p = UInt8(ascii: "p"), q = UInt8(ascii: "q")
    private static let t = UInt8(ascii: "t"), u = UInt8(ascii: "u"), y = UInt8(ascii: "y")

    /// A lowercase ASCII word with the letter tests the rules use.
    private struct Letters {
        let bytes: UnsafeBufferPointer<UInt8>
        var count: Int { bytes.count }

        subscript(index: Int) -> UInt8 { bytes[index] }

        func isPlainVowel(_ index: Int) -> Bool {
            switch bytes[index] {
            case 0x61, 0x65, 0x69, 0x6F, 0x75: return true
            default: return false
            }
        }

        /// a, e, i, o, u, and y except at the start or before a vowel (yes, player).
        func isVowel(_ index: Int) -> Bool {
            if isPlainVowel(index) { return true }
            guard bytes[index] == SyllableRules.y, index > 0 else { return false }
            return !(index + 1 < count && isPlainVowel(index + 1))
        }

        func isOneOf(_ index: Int, _ letters: StaticString) -> Bool {
            let byte = bytes[index]
            return letters.withUTF8Buffer { $0.contains(byte) }
        }

        func has(_ text: String, at index: Int) -> Bool {
            let utf8 = text.utf8
            guard index >= 0, index + utf8.count <= count else { return false }
            var position = index
            for byte in utf8 {
                if bytes[position] != byte { return false }
                position += 1
            }
            return true
        }

        func ends(_ text: String) -> Bool { has(text, at: count - text.utf8.count) }
        func starts(_ text: String) -> Bool { has(text, at: 0) }

        func occurrences(_ text: String) -> Int {
            let length = text.utf8.count
            var found = 0
            var index = 0
            while index + length <= count {
                if has(text, at: index) {
                    found += 1
                    index += length
                } else {
                    index += 1
                }
            }
            return found
        }

        func suffix(from index: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[index...]), as: UTF8.self)
        }
    }
}
