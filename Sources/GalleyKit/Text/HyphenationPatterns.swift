import Synchronization
import SystemIO

/// Liang's hyphenation patterns from a LibreOffice dictionary (`hyph_de_DE.dic`, as Debian's
/// `hyphen-*` packages install them), applied the way Pyphen applies them, so hyphenation points
/// and the syllable counts made from them are the ones textstat uses.
///
/// Why not libhyphen, the C library those dictionaries were written for: it takes 2.5 s of CPU
/// and 40 MB to load the German dictionary (78,000 patterns), which a one-file pre-commit run
/// cannot pay, and its two-level compound hyphenation finds other points than Pyphen's single
/// table ("Verant-wor-tung" against "Ver-ant-wor-tung"). Reading the patterns into one hashed
/// table takes tens of milliseconds.
final class HyphenationPatterns: Sendable {
    /// Pattern letters → index into `entries`, keyed by a hash of the letters (collisions are
    /// checked against the letters themselves).
    private let table: [UInt64: Int32]
    private let entries: [Entry]
    /// Every pattern's letters and values, back to back (one allocation, not 78,000).
    private let letters: [UInt32]
    private let values: [UInt8]
    /// Letters of the longest pattern.
    private let longest: Int

    /// Pyphen's defaults: no hyphen closer than two letters to either end of a word.
    static let leftMinimum = 2
    static let rightMinimum = 2

    private struct Entry: Sendable {
        var letters: Range<Int32>
        var values: Range<Int32>
        /// Where the values start, counted in letters from the pattern's start.
        var start: Int32
    }

    /// Reads a dictionary file's bytes; nil when its character set (the first line) is not
    /// UTF-8 or ISO 8859-1/15 or it holds no pattern.
    init?(bytes: [UInt8]) {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let charset = String(decoding: bytes[..<newline], as: UTF8.self).uppercased().filter { $0.isLetter || $0.isNumber }
        let isUTF8: Bool
        switch charset {
        case "UTF8": isUTF8 = true
        case "ISO88591", "ISO885915", "LATIN1": isUTF8 = false
        default: return nil
        }
        var table: [UInt64: Int32] = [:]
        var entries: [Entry] = []
        var letters: [UInt32] = []
        var values: [UInt8] = []
        var longest = 0
        var lineLetters: [UInt32] = []
        var lineValues: [UInt8] = []
        var lineStart = newline + 1
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            guard Self.parse(bytes[lineStart..<lineEnd], isUTF8: isUTF8, letters: &lineLetters, values: &lineValues),
                  let first = lineValues.firstIndex(where: { $0 != 0 }), let last = lineValues.lastIndex(where: { $0 != 0 }) else { continue }
            let entry = Entry(letters: Int32(letters.count)..<Int32(letters.count + lineLetters.count),
                              values: Int32(values.count)..<Int32(values.count + last - first + 1), start: Int32(first))
            letters += lineLetters
            values += lineValues[first...last]
            let key = Self.hash(lineLetters[...])
            if let existing = table[key] {
                // A later pattern replaces an earlier one with the same letters, as in Pyphen; a
                // 64-bit collision between different letters keeps the first.
                let known = entries[Int(existing)].letters
                if letters[Int(known.lowerBound)..<Int(known.upperBound)].elementsEqual(lineLetters) { entries[Int(existing)] = entry }
                continue
            }
            table[key] = Int32(entries.count)
            entries.append(entry)
            longest = max(longest, lineLetters.count)
        }
        guard !entries.isEmpty else { return nil }
        self.table = table
        self.entries = entries
        self.letters = letters
        self.values = values
        self.longest = longest
    }

    private static let ignoredPrefixes: [[UInt8]] = ["%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN"]
        .map { Array($0.utf8) }

    /// `.ab1c2` → letters ".abc", values 0 0 0 1 2 (one more than letters: a value before each
    /// letter and one after the last). Nonstandard alternatives (`f1f/ff=f,1,2`) keep their
    /// pattern; `^^e4` escapes are decoded. False for comments, settings and empty lines.
    private static func parse(_ line: ArraySlice<UInt8>, isUTF8: Bool, letters: inout [UInt32], values: inout [UInt8]) -> Bool {
        letters.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        var start = line.startIndex
        var end = line.endIndex
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0D { end -= 1 }
        guard start < end else { return false }
        let text = line[start..<end]
        if ignoredPrefixes.contains(where: { text.starts(with: $0) }) { return false }
        if let slash = text.firstIndex(of: UInt8(ascii: "/")), text[slash...].contains(UInt8(ascii: "=")) { end = slash }
        values.append(0)
        var index = start
        while index < end {
            let byte = line[index]
            if byte >= 0x30 && byte <= 0x39 {
                values[values.count - 1] = byte - 0x30
                index += 1
                continue
            }
            var letter = UInt32(byte)
            var length = 1
            if byte == UInt8(ascii: "^"), index + 3 < end, line[index + 1] == UInt8(ascii: "^"),
               let code = UInt32(String(decoding: line[(index + 2)...(index + 3)], as: UTF8.self), radix: 16) {
                letter = code
                length = 4
            } else if isUTF8, byte >= 0xC0 {
                length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                guard index + length <= end else { return false }
                letter = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length { letter = letter << 6 | UInt32(line[index + offset] & 0x3F) }
            }
            letters.append(letter)
            values.append(0)
            index += length
        }
        return !letters.isEmpty
    }

    private static func hash(_ letters: ArraySlice<UInt32>) -> UInt64 {
        var hash = FNV1a.offsetBasis
        for letter in letters { hash = mix(hash, letter) }
        return hash
    }

    @inline(__always)
    private static func mix(_ hash: UInt64, _ letter: UInt32) -> UInt64 {
        (hash ^ UInt64(letter)) &* FNV1a.prime
    }

    /// How many places `word` (lowercase) may be hyphenated at, at least two letters from
    /// either end.
    func pointCount(_ word: String) -> Int {
        let word = [UInt32(UInt8(ascii: "."))] + word.unicodeScalars.map(\.value) + [UInt32(UInt8(ascii: "."))]
        var points = [UInt8](repeating: 0, count: word.count + 1)
        for start in 0..<(word.count - 1) {
            var hash = FNV1a.offsetBasis
            for end in start..<min(start + longest, word.count) {
                hash = Self.mix(hash, word[end])
                guard let index = table[hash] else { continue }
                let entry = entries[Int(index)]
                let pattern = letters[Int(entry.letters.lowerBound)..<Int(entry.letters.upperBound)]
                guard pattern.count == end - start + 1, pattern.elementsEqual(word[start...end]) else { continue }
                var position = start + Int(entry.start)
                for value in values[Int(entry.values.lowerBound)..<Int(entry.values.upperBound)] {
                    if position < points.count, points[position] < value { points[position] = value }
                    position += 1
                }
            }
        }
        // points[i] is the value before word[i] (the dotted word); a hyphen after k letters of the
        // word is points[k + 1], allowed for leftMinimum <= k <= count - rightMinimum.
        let count = word.count - 2
        guard count >= Self.leftMinimum + Self.rightMinimum else { return 0 }
        var found = 0
        for position in Self.leftMinimum...(count - Self.rightMinimum) where points[position + 1] & 1 == 1 { found += 1 }
        return found
    }
}

/// The hyphenation dictionaries of a run, read on first use and kept.
enum HyphenationDictionaries {
    /// Folders searched in order: `GALLEY_HYPHEN_DIR` when set; `share/galley/hyphen` beside the
    /// binary's `bin/` (where a release tarball and `make install` put the dictionaries Galley was
    /// tested with); then where Debian's `hyphen-*` packages (and most distributions) put them.
    static let searchPath: [String] = {
        var folders: [String] = []
        if let custom = Terminal.environment("GALLEY_HYPHEN_DIR"), !custom.isEmpty { folders.append(custom) }
        if let binary = FileSystem.canonicalPath("/proc/self/exe") {
            folders.append(PathNames.directory(of: PathNames.directory(of: binary)) + "/share/galley/hyphen")
        }
        return folders + ["/usr/share/hyphen", "/usr/local/share/hyphen"]
    }()

    /// The dictionaries `make install` and release tarballs ship: the first of each language's.
    public static var shipped: [String] {
        LanguageProfile.known.values.compactMap { profile in
            if case .hyphenation(let names) = profile.syllables { return names.first }
            return nil
        }.sorted()
    }

    private static let loaded = Mutex<[String: HyphenationPatterns?]>([:])

    /// The patterns for `language` (lowercase primary subtag) and `region` (may be empty):
    /// `hyph_<language>_<REGION>.dic` first, then the `preferred` file names, then
    /// `hyph_<language>.dic`; nil when none is installed.
    static func patterns(language: String, region: String, preferred: [String]) -> HyphenationPatterns? {
        let key = language + "_" + region
        if let known = loaded.withLock({ $0[key] }) { return known }
        var names: [String] = []
        if !region.isEmpty { names.append("hyph_\(language)_\(region).dic") }
        names += preferred + ["hyph_\(language).dic"]
        var found: HyphenationPatterns?
        search: for folder in searchPath {
            for name in names {
                guard let bytes = try? FileSystem.read(folder + "/" + name, maxBytes: 16 << 20) else { continue }
                if let patterns = HyphenationPatterns(bytes: bytes) {
                    found = patterns
                    break search
                }
            }
        }
        // Two threads may both read a dictionary the first time; the second result is dropped.
        return loaded.withLock { table in
            if let known = table[key] { return known }
            table[key] = found
            return found
        }
    }
}
