internal import CHyphen
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A hyphenation dictionary of LibreOffice's kind (Liang's patterns, `hyph_xx_YY.dic`), read
/// with libhyphen, the library LibreOffice and Pyphen's dictionaries come from. Loaded once,
/// then shared read-only: libhyphen's hyphenation reads the dictionary and writes only to the
/// buffers of the call.
public final class Hyphenator: @unchecked Sendable {
    private let dictionary: OpaquePointer
    /// The dictionary's own character set: words are handed to it in this encoding.
    private let encoding: Encoding
    public let path: String

    enum Encoding {
        case utf8, latin1
    }

    /// Loads the dictionary at `path`; nil when the file cannot be read or its character set
    /// is neither UTF-8 nor ISO 8859-1 (the sets of the dictionaries Galley uses).
    public init?(path: String) {
        guard let loaded = hnj_hyphen_load(path) else { return nil }
        let charset = withUnsafeBytes(of: loaded.pointee.cset) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }.uppercased().filter { $0 != "-" && $0 != "_" }
        if loaded.pointee.utf8 != 0 || charset == "UTF8" {
            encoding = .utf8
        } else if charset == "ISO88591" || charset == "ISO885915" || charset == "LATIN1" {
            encoding = .latin1
        } else {
            hnj_hyphen_free(loaded)
            return nil
        }
        dictionary = OpaquePointer(loaded)
        self.path = path
    }

    deinit {
        hnj_hyphen_free(UnsafeMutablePointer<HyphenDict>(dictionary))
    }

    /// Where the dictionary allows a hyphen in `word` (lowercase letters), with the left and
    /// right minimums the dictionary sets (two letters when it sets none, as Pyphen does).
    /// Nil when the word has a character the dictionary's character set cannot hold.
    public func breakCount(_ word: String) -> Int? {
        var bytes: [UInt8]
        switch encoding {
        case .utf8:
            bytes = Array(word.utf8)
        case .latin1:
            bytes = []
            bytes.reserveCapacity(word.unicodeScalars.count)
            for scalar in word.unicodeScalars {
                guard scalar.value < 0x100 else { return nil }
                bytes.append(UInt8(scalar.value))
            }
        }
        guard !bytes.isEmpty, bytes.count < 1000 else { return bytes.isEmpty ? 0 : nil }
        let size = bytes.count
        var hyphens = [CChar](repeating: 0, count: size + 5)
        var replacements: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var positions: UnsafeMutablePointer<Int32>?
        var cuts: UnsafeMutablePointer<Int32>?
        let dictionaryPointer = UnsafeMutablePointer<HyphenDict>(dictionary)
        let failed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                hnj_hyphen_hyphenate2(dictionaryPointer, characters.baseAddress, Int32(size), &hyphens, nil,
                                      &replacements, &positions, &cuts)
            }
        }
        defer {
            if let replacements {
                for index in 0..<size { free(replacements[index]) }
                free(replacements)
            }
            free(positions)
            free(cuts)
        }
        guard failed == 0 else { return nil }
        // Odd digits mark the places; UTF-8 dictionaries report them per character, others per byte.
        var count = 0
        for index in 0..<size {
            let digit = hyphens[index]
            if digit == 0 { break }
            if digit & 1 == 1 { count += 1 }
        }
        return count
    }
}

/// The dictionaries of a run, loaded on first use and kept: loading the German one parses a
/// megabyte of patterns.
public enum HyphenationDictionaries {
    /// Folders searched in order: `GALLEY_HYPHEN_DIR` when set, then where Debian's `hyphen-*`
    /// packages (and most distributions) put them.
    public static var searchPath: [String] {
        var folders: [String] = []
        if let custom = getenv("GALLEY_HYPHEN_DIR").map({ String(cString: $0) }), !custom.isEmpty { folders.append(custom) }
        folders += ["/usr/share/hyphen", "/usr/local/share/hyphen", "/usr/share/hyphenation"]
        return folders
    }

    private static let loaded = Mutex<[String: Hyphenator?]>([:])

    /// The dictionary for `language` (a lowercase primary subtag) and `region` (uppercase, may be
    /// empty): `hyph_de_DE.dic`, else `hyph_de.dic`, else the `preferred` file name given, else nil.
    public static func dictionary(language: String, region: String, preferred: [String]) -> Hyphenator? {
        let key = language + "_" + region
        if let known = loaded.withLock({ $0[key] }) { return known }
        var names: [String] = []
        if !region.isEmpty { names.append("hyph_\(language)_\(region).dic") }
        names += preferred + ["hyph_\(language).dic"]
        var found: Hyphenator?
        search: for folder in searchPath {
            for name in names {
                let path = folder + "/" + name
                guard access(path, R_OK) == 0 else { continue }
                if let dictionary = Hyphenator(path: path) {
                    found = dictionary
                    break search
                }
            }
        }
        loaded.withLock { $0[key] = found }
        return found
    }
}
