import Foundation
import Testing
import Hyperscan
@testable import GalleyKit

/// The Vectorscan cache (`ValeScannerCache`): a database read back scans as the compiled one
/// does; an entry that is damaged, truncated, of another format or for other patterns is
/// ignored and the patterns compiled; a folder that cannot be written costs nothing but the
/// cache.
@Suite struct ValeScannerCacheTests {
    static let sources = ValePatternScannerTests.patterns

    static func patterns() throws -> [ValePattern] { try sources.map { try ValePattern($0) } }

    /// Every pattern's ends in every test text, as one comparable list.
    static func ends(_ scanner: ValePatternScanner, count: Int) -> [[Bool]] {
        ValePatternScannerTests.texts.map { text in
            let valeText = ValeText(TextRun(verbatim: text, at: 0), source: Array(text.utf8), format: .markdown)
            let ends = scanner.scan(valeText)
            let length = text.utf8.count
            return (0..<count).flatMap { id -> [Bool] in
                guard scanner.covers(id) else { return [false] }
                return [scanner.mayMatch(id, in: ends)] + (0..<max(length, 1)).map { scanner.mayEnd(id, in: ends, after: $0, through: $0 + 1) }
            }
        }
    }

    static func onlyEntry(_ cache: ValeScannerCache) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.directory).filter { $0.hasSuffix(".hsdb") }
        try #require(names.count == 1)
        return cache.directory + "/" + names[0]
    }

    @Test func theFolderComesFromTheEnvironment() {
        func folder(_ values: [String: String]) -> String? { ValeScannerCache.folder { values[$0] } }
        #expect(folder(["HOME": "/home/ann"]) == "/home/ann/.cache/galley")
        #expect(folder(["HOME": "/home/ann", "XDG_CACHE_HOME": "/var/cache/ann"]) == "/var/cache/ann/galley")
        #expect(folder(["HOME": "/home/ann", "XDG_CACHE_HOME": "relative/cache"]) == "/home/ann/.cache/galley")
        #expect(folder(["HOME": "/home/ann", "XDG_CACHE_HOME": "/x", "GALLEY_CACHE_DIR": "/tmp/g"]) == "/tmp/g")
        #expect(folder(["HOME": "/home/ann", "GALLEY_CACHE_DIR": "off"]) == nil)
        #expect(folder(["HOME": "/home/ann", "GALLEY_CACHE_DIR": ""]) == "/home/ann/.cache/galley")
        #expect(folder([:]) == nil)
        #expect(ValeScannerCache(folder: "/tmp/g/").directory == "/tmp/g/vectorscan-v2")
    }

    @Test func aCachedDatabaseScansAsTheCompiledOne() throws {
        let patterns = try Self.patterns()
        let compiled = try #require(ValePatternScanner(patterns))
        let cache = ValeScannerCache(folder: try TestSupport.temporaryDirectory())
        let first = try #require(ValePatternScanner(patterns, cache: cache))
        let entry = try Self.onlyEntry(cache)
        let written = try Data(contentsOf: URL(fileURLWithPath: entry))
        let second = try #require(ValePatternScanner(patterns, cache: cache))
        #expect(try Data(contentsOf: URL(fileURLWithPath: entry)) == written)
        let expected = Self.ends(compiled, count: patterns.count)
        #expect(Self.ends(first, count: patterns.count) == expected)
        #expect(Self.ends(second, count: patterns.count) == expected)
        #expect(expected.joined().contains(true))
        // Patterns Vectorscan refuses stay uncovered when read back.
        let withRefused = try [#"\bis\b"#, #"a*"#].map { try ValePattern($0) }
        _ = ValePatternScanner(withRefused, cache: cache)
        let reread = try #require(ValePatternScanner(withRefused, cache: cache))
        #expect(reread.covers(0) && !reread.covers(1))
    }

    /// The entry really is what a second run reads: one stored under the key of other patterns
    /// is taken at its word (the key is the only link between patterns and entry).
    @Test func theKeyDecidesWhichEntryIsRead() throws {
        let cache = ValeScannerCache(folder: try TestSupport.temporaryDirectory())
        let wanted = [try ValePattern(#"\bis\b"#)]
        let other = try #require(HyperscanDatabase.compile([HyperscanDatabase.Expression("zzz", id: 0, flags: [.prefilter])]).database)
        let key = try #require(ValeScannerCache.key([HyperscanDatabase.Expression("(?:is)", id: 0, flags: [.prefilter])]))
        #expect(cache.store(other, forKey: key) == nil)
        let scanner = try #require(ValePatternScanner(wanted, cache: cache))
        let text = ValeText(TextRun(verbatim: "it is", at: 0), source: Array("it is".utf8), format: .markdown)
        #expect(!scanner.mayMatch(0, in: scanner.scan(text)))
        #expect(try #require(ValePatternScanner(wanted)).mayMatch(0, in: try #require(ValePatternScanner(wanted)).scan(text)))
        // Another key for other flags, ids, patterns or order.
        let keys = [
            ValeScannerCache.key([HyperscanDatabase.Expression("(?:is)", id: 0, flags: [])]),
            ValeScannerCache.key([HyperscanDatabase.Expression("(?:is)", id: 1, flags: [.prefilter])]),
            ValeScannerCache.key([HyperscanDatabase.Expression("(?:is)", id: 0, flags: [.prefilter]), HyperscanDatabase.Expression("a", id: 1, flags: [])]),
            ValeScannerCache.key([HyperscanDatabase.Expression("(?:is", id: 0, flags: [.prefilter]), HyperscanDatabase.Expression(")a", id: 1, flags: [])]),
        ]
        #expect(Set(keys.compactMap { $0 } + [key]).count == 5)
    }

    @Test func damagedEntriesAreIgnoredAndWrittenAgain() throws {
        let patterns = try Self.patterns()
        let expected = Self.ends(try #require(ValePatternScanner(patterns)), count: patterns.count)
        let cache = ValeScannerCache(folder: try TestSupport.temporaryDirectory())
        _ = ValePatternScanner(patterns, cache: cache)
        let entry = try Self.onlyEntry(cache)
        let good = Array(try Data(contentsOf: URL(fileURLWithPath: entry)))
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        var otherVersion = good
        otherVersion[ValeScannerCache.magic.count] &+= 1
        var wrongLength = good
        wrongLength[ValeScannerCache.magic.count + 39] &+= 1
        let damaged: [(String, [UInt8])] = [
            ("empty", []), ("truncated", Array(good.prefix(good.count - 1))), ("half", Array(good.prefix(good.count / 2))),
            ("header only", Array(good.prefix(70))), ("flipped byte", flipped), ("other format version", otherVersion),
            ("ids count beyond the entry", wrongLength), ("garbage", Array(repeating: 0xA5, count: good.count)),
            ("appended byte", good + [0]),
        ]
        for (what, bytes) in damaged {
            try Data(bytes).write(to: URL(fileURLWithPath: entry))
            let key = try #require(ValeScannerCache.key(patterns.map { ValeRegexHyperscan.expression($0.root, caseless: $0.root.switchesCaseInsensitivityOn) }.enumerated().map {
                HyperscanDatabase.Expression($0.element, id: UInt32($0.offset), flags: [.prefilter])
            }))
            #expect(cache.database(forKey: key) == nil, "\(what)")
            let scanner = try #require(ValePatternScanner(patterns, cache: cache), "\(what)")
            #expect(Self.ends(scanner, count: patterns.count) == expected, "\(what)")
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: entry))) == good, "\(what): written again")
        }
        // A folder where the entry should be: nothing read, nothing written, all scanned.
        try FileManager.default.removeItem(atPath: entry)
        try FileManager.default.createDirectory(atPath: entry, withIntermediateDirectories: false)
        #expect(Self.ends(try #require(ValePatternScanner(patterns, cache: cache)), count: patterns.count) == expected)
    }

    @Test func aFolderThatCannotBeWrittenCostsOnlyTheCache() throws {
        let patterns = try Self.patterns()
        let expected = Self.ends(try #require(ValePatternScanner(patterns)), count: patterns.count)
        let file = try TestSupport.temporaryDirectory() + "/a-file"
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: file))
        let cache = ValeScannerCache(folder: file + "/galley")
        let scanner = try #require(ValePatternScanner(patterns, cache: cache))
        #expect(Self.ends(scanner, count: patterns.count) == expected)
        let database = try #require(HyperscanDatabase.compile([HyperscanDatabase.Expression("a", id: 0, flags: [])]).database)
        #expect(cache.store(database, forKey: Array(repeating: 1, count: 32)) != nil)
    }

    @Test func onlyTheNewestEntriesAreKept() throws {
        let cache = ValeScannerCache(folder: try TestSupport.temporaryDirectory())
        let database = try #require(HyperscanDatabase.compile([HyperscanDatabase.Expression("a", id: 0, flags: [])]).database)
        for index in 0..<(ValeScannerCache.keptEntries + 4) {
            #expect(cache.store(database, forKey: Array(repeating: UInt8(index), count: 32)) == nil)
            if index == 0 {
                // The first entry is the oldest by a clear margin.
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: cache.path(of: Array(repeating: 0, count: 32)))
            }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.directory).filter { $0.hasSuffix(".hsdb") }
        #expect(names.count == ValeScannerCache.keptEntries)
        #expect(!FileManager.default.fileExists(atPath: cache.path(of: Array(repeating: 0, count: 32))))
        #expect(cache.database(forKey: Array(repeating: UInt8(ValeScannerCache.keptEntries + 3), count: 32)) != nil)
    }

    /// A run too small to repay the compile reads a kept database at its first document, and
    /// compiles nothing when there is none.
    @Test func aSmallRunReadsTheCacheButNeverCompiles() throws {
        let patterns = try Self.patterns()
        let cache = ValeScannerCache(folder: try TestSupport.temporaryDirectory())
        let empty = try #require(ValeLazyScanner(patterns, cache: cache))
        empty.expect(documents: 3)
        #expect(empty.compilesAtStart == false)
        for _ in 0..<3 { #expect(empty.forNextDocument() == nil) }
        #expect(!FileManager.default.fileExists(atPath: cache.directory))
        _ = ValePatternScanner(patterns, cache: cache)
        let kept = try #require(ValeLazyScanner(patterns, cache: cache))
        kept.expect(documents: 3)
        let first = try #require(kept.forNextDocument())
        #expect(kept.forNextDocument() === first)
        #expect(Self.ends(first, count: patterns.count) == Self.ends(try #require(ValePatternScanner(patterns)), count: patterns.count))
        // No cache: as before, nothing before the threshold.
        let none = try #require(ValeLazyScanner(patterns, cache: nil))
        none.expect(documents: 3)
        #expect(none.forNextDocument() == nil)
    }

    /// The fuzz target's reader: a real entry loads and scans; a mutated one is refused or
    /// scans, never crashes.
    @Test func theFuzzReaderReadsRealEntries() throws {
        let cache = ValeScannerCache(folder: try TestSupport.temporaryDirectory())
        _ = ValePatternScanner(try Self.patterns(), cache: cache)
        let good = Array(try Data(contentsOf: URL(fileURLWithPath: try Self.onlyEntry(cache))))
        let body = Array(good.dropLast(8))
        #expect(ValeScannerCache.sealed(body) == good)
        #expect(try #require(ValeScannerCheck.readCacheEntry(body)) > 0)
        for position in stride(from: 0, to: body.count, by: max(1, body.count / 64)) {
            var mutated = body
            mutated[position] ^= 0xFF
            _ = ValeScannerCheck.readCacheEntry(mutated)
        }
        #expect(ValeScannerCheck.readCacheEntry(Array(body.prefix(40))) == nil)
    }
}
