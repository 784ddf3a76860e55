import Hyperscan
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A `ValePatternScanner` compiled when the run is large enough for it to pay: Hyperscan takes
/// about 0.12 s to compile the five Vale packages' patterns and saves about 0.5 ms per article,
/// so a one-file run (a pre-commit hook) must not pay for it. A run that knows how many
/// documents it holds says so (`expect(documents:)`): the scanner is then compiled at the first
/// document when they are `breakEven` or more, and never when fewer. Otherwise (`galley lint`
/// with `vale:`, the language server) it is compiled once `documentsBeforeCompiling` documents
/// were read. A database an earlier run compiled and kept (`ValeScannerCache`) costs little to
/// read back, so any run reads it at its first document when it is there. Documents read
/// before the scanner is ready run every pattern as without it (the same findings, slower).
final class ValeLazyScanner: Sendable {
    /// Documents read before the scanner is compiled when the run's size is unknown.
    static let documentsBeforeCompiling = 64
    /// The fewest documents for which compiling at the start pays (measured on the benchmark's
    /// Markdown articles with the five packages: see docs/vale.md).
    static let breakEven = 250

    private let patterns: [ValePattern]
    private let state = Mutex<State>(.waiting(documents: 0, threshold: ValeLazyScanner.initialThreshold, told: false, triedCache: false))
    private let cache: ValeScannerCache?

    private enum State {
        /// `triedCache`: the cache was asked, and had no database for these patterns.
        case waiting(documents: Int, threshold: Int, told: Bool, triedCache: Bool)
        case compiling
        case ready(ValePatternScanner?)
    }

    /// `GALLEY_VALE_HYPERSCAN=always` compiles at the first document whatever the run's size
    /// (for tests and measurements).
    private static let initialThreshold: Int = getenv("GALLEY_VALE_HYPERSCAN").map { String(cString: $0) } == "always" ? 1 : documentsBeforeCompiling
    private static let forced = initialThreshold == 1

    init?(_ patterns: [ValePattern], cache: ValeScannerCache? = .standard) {
        guard ValePatternScanner.enabled, !patterns.isEmpty else { return nil }
        self.patterns = patterns
        self.cache = cache
    }

    /// The run will read `documents` documents with these rules: compile at the first when
    /// that repays the compile, never otherwise. The first call counts; later ones change nothing.
    func expect(documents: Int) {
        state.withLock { state in
            guard case .waiting(let read, _, false, let tried) = state else { return }
            let threshold = Self.forced || documents >= Self.breakEven ? 1 : Int.max
            state = .waiting(documents: read, threshold: threshold, told: true, triedCache: tried)
        }
    }

    /// Once the run's size was told (`expect`): whether the scanner compiles at the first
    /// document (true) or never (false); nil before, or once compiled.
    var compilesAtStart: Bool? {
        state.withLock { state in
            guard case .waiting(_, let threshold, true, _) = state else { return nil }
            return threshold == 1
        }
    }

    /// The scanner for the next document: nil while it is not ready yet (or cannot be). The
    /// call that reaches the threshold compiles it (or reads it from the cache); before that,
    /// the first call reads it from the cache if it is there. Others meanwhile go without.
    func forNextDocument() -> ValePatternScanner? {
        enum Step { case none, compile, readCache(documents: Int, threshold: Int, told: Bool) }
        let (ready, step) = state.withLock { state -> (ValePatternScanner?, Step) in
            switch state {
            case .ready(let scanner): return (scanner, .none)
            case .compiling: return (nil, .none)
            case .waiting(let documents, let threshold, let told, let tried):
                if documents + 1 >= threshold {
                    state = .compiling
                    return (nil, .compile)
                }
                if !tried, cache != nil {
                    state = .compiling
                    return (nil, .readCache(documents: documents + 1, threshold: threshold, told: told))
                }
                state = .waiting(documents: documents + 1, threshold: threshold, told: told, triedCache: tried)
                return (nil, .none)
            }
        }
        switch step {
        case .none:
            return ready
        case .compile:
            let scanner = ValePatternScanner(patterns, cache: cache)
            state.withLock { $0 = .ready(scanner) }
            return scanner
        case .readCache(let documents, let threshold, let told):
            let scanner = ValePatternScanner(patterns, cache: cache, compiling: false)
            state.withLock { state in
                // Not cached: this document counts, and the run goes on as if not asked.
                state = scanner.map { .ready($0) } ?? .waiting(documents: documents, threshold: threshold, told: told, triedCache: true)
            }
            return scanner
        }
    }
}

/// The patterns of rules built together, relaxed (`ValeRegexHyperscan`) and compiled into one
/// Hyperscan database: each Vale text is scanned once for all of them, and a pattern is run
/// with PCRE2 on a unit only where its relaxed form ends a match inside the unit. Most
/// patterns find nothing in most sentences, though the strings they need (`is`, `be`, a
/// digit) are in nearly all of them; this spares those searches.
///
/// Patterns Hyperscan refuses (those whose relaxed form matches the empty string, or that it
/// cannot compile) are not covered: they run everywhere, as without the scanner.
final class ValePatternScanner: Sendable {
    private let database: HyperscanDatabase
    /// Per pattern (by id): whether it is covered, and whether it matches without regard to case.
    private let covered: [Bool]
    private let caseless: [Bool]
    /// Per pattern: whether its relaxed form matches `\d` as ASCII digits only.
    private let narrowsDigits: [Bool]
    /// Each pattern's expression id (patterns written alike share one).
    private let idOfPattern: [UInt32]

    /// Set `GALLEY_VALE_HYPERSCAN=0` to run every pattern everywhere (for comparisons).
    static let enabled: Bool = getenv("GALLEY_VALE_HYPERSCAN").map { String(cString: $0) } != "0"

    /// Compiles `patterns` (id: position), or reads their database from `cache` when it holds
    /// it (and stores it there when not); nil when none can be covered or Hyperscan cannot run
    /// on this machine (`hs_valid_platform`), or when `compiling` is false and the cache does
    /// not hold it.
    init?(_ patterns: [ValePattern], cache: ValeScannerCache? = nil, compiling: Bool = true) {
        guard Self.enabled, !patterns.isEmpty, HyperscanDatabase.isPlatformSupported else { return nil }
        let caseless = patterns.map { $0.root.switchesCaseInsensitivityOn }
        // Rule packages share patterns (three passive-voice rules): each is compiled once, and
        // patterns that share it share its id.
        var ids: [String: UInt32] = [:]
        var expressions: [HyperscanDatabase.Expression] = []
        var idOfPattern: [UInt32] = []
        for (position, pattern) in patterns.enumerated() {
            let expression = ValeRegexHyperscan.expression(pattern.root, caseless: caseless[position])
            if let id = ids[expression] {
                idOfPattern.append(id)
            } else {
                let id = UInt32(expressions.count)
                ids[expression] = id
                idOfPattern.append(id)
                expressions.append(HyperscanDatabase.Expression(expression, id: id, flags: [.prefilter]))
            }
        }
        guard let database = Self.database(expressions, cache: cache, compiling: compiling) else { return nil }
        self.database = database
        self.idOfPattern = idOfPattern
        covered = idOfPattern.map { database.compiledIDs.contains($0) }
        self.caseless = caseless
        narrowsDigits = patterns.map { ValeRegexHyperscan.narrowsDigits($0.root) }
    }

    /// The database of `expressions`: from the cache, else compiled (and then cached) unless
    /// `compiling` is false.
    private static func database(_ expressions: [HyperscanDatabase.Expression], cache: ValeScannerCache?, compiling: Bool) -> HyperscanDatabase? {
        guard let cache, let key = ValeScannerCache.key(expressions) else { return compiling ? HyperscanDatabase.compile(expressions).database : nil }
        if let cached = cache.database(forKey: key) { return cached }
        guard compiling else { return nil }
        guard let database = HyperscanDatabase.compile(expressions).database else { return nil }
        cache.store(database, forKey: key)
        return database
    }

    /// Where each pattern's relaxed form ends a match in one text.
    struct Ends {
        /// Each event as its expression id (high half) and end offset (low half), ascending: a
        /// pattern's ends are one run, found by binary search.
        fileprivate var events: [UInt64] = []
        /// The text holds a character PCRE2 folds with an ASCII letter (Kelvin sign, long s).
        fileprivate var holdsCaselessKin = false
        /// The text holds a decimal digit other than 0-9 (or a character this Unicode table
        /// does not know, which PCRE2's may count as one).
        fileprivate var holdsOtherDigit = false
        /// The scan did not finish: every pattern may match anywhere in the text.
        fileprivate var isIncomplete = false

        /// The first event at or after `key`.
        fileprivate func lowerBound(_ key: UInt64) -> Int {
            var low = 0
            var high = events.count
            while low < high {
                let middle = (low + high) / 2
                if events[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    func scan(_ text: ValeText) -> Ends {
        var ends = Ends()
        var string = text.run.text
        string.withUTF8 { bytes in
            if !text.isASCII {
                ends.holdsCaselessKin = Self.holdsCaselessKin(bytes)
                ends.holdsOtherDigit = Self.holdsOtherDigit(bytes)
            }
            if !database.scan(bytes, packedInto: &ends.events) { ends.isIncomplete = true }
        }
        // Reported by end offset; ordered by expression first for the binary searches.
        if !ends.isIncomplete { ends.events.sort() }
        return ends
    }

    /// U+212A (Kelvin sign, E2 84 AA) or U+017F (long s, C5 BF), which PCRE2 matches with `k`
    /// and `s` under `(?i)`.
    static func holdsCaselessKin(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            if (byte == 0xBF && bytes[index - 1] == 0xC5) || (byte == 0xAA && bytes[index - 1] == 0x84) { return true }
            index += 1
        }
        return false
    }

    /// Whether valid UTF-8 `bytes` hold a decimal digit (`\p{Nd}`) other than 0-9, or an
    /// unassigned character: PCRE2's Unicode tables may be newer than Swift's.
    static func holdsOtherDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            // ASCII, and U+0080-U+033F (Latin, IPA, combining marks: all assigned, no digit).
            if lead < 0xCD {
                index += lead < 0x80 ? 1 : 2
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard index + length <= bytes.count else { return true }
            // U+2000-U+203F (spaces, dashes, quotes, ellipsis: all assigned, no digit).
            if lead == 0xE2, bytes[index + 1] == 0x80 {
                index += 3
                continue
            }
            var value = UInt32(lead) & (0x7F >> UInt32(length))
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            if let scalar = Unicode.Scalar(value) {
                switch scalar.properties.generalCategory {
                case .decimalNumber, .unassigned: return true
                default: break
                }
            }
            index += length
        }
        return false
    }

    /// Whether pattern `id` is covered: false means it must be run everywhere.
    func covers(_ id: Int) -> Bool { covered[id] }

    /// Whether PCRE2, run on a unit of the text that ends at `through`, may find a match of
    /// pattern `id` that starts at or after `after` (offsets in the scanned text): whether the
    /// relaxed form ends a match after `after` and at or before `through`. A relaxed match
    /// ends where the match does, or after it inside the unit when it takes in what a
    /// trailing lookahead looks at (`ValeRegexHyperscan`). Only for a covered pattern.
    func mayEnd(_ id: Int, in ends: Ends, after: Int, through: Int) -> Bool {
        if ends.isIncomplete || (ends.holdsCaselessKin && caseless[id]) || (ends.holdsOtherDigit && narrowsDigits[id]) { return true }
        let expression = UInt64(idOfPattern[id]) << 32
        let low = ends.lowerBound(expression | UInt64(after + 1))
        return low < ends.events.count && ends.events[low] <= expression | UInt64(through)
    }

    /// The expression pattern `id` is scanned as (patterns written alike share one).
    func expression(of id: Int) -> Int { Int(idOfPattern[id]) }

    /// Calls `body` with each expression the scan saw end a match in the text of `ends`, once,
    /// in ascending order; false, without calling it, where `mayMatch` must be asked pattern by
    /// pattern (the scan did not finish, or the text holds a caseless kin of an ASCII letter or
    /// a decimal digit other than 0-9).
    func forEachExpression(in ends: Ends, _ body: (Int) -> Void) -> Bool {
        guard !ends.isIncomplete, !ends.holdsCaselessKin, !ends.holdsOtherDigit else { return false }
        var index = 0
        while index < ends.events.count {
            let expression = ends.events[index] >> 32
            body(Int(expression))
            index = ends.lowerBound((expression + 1) << 32)
        }
        return true
    }

    /// Whether pattern `id` may match anywhere in the text of `ends`.
    func mayMatch(_ id: Int, in ends: Ends) -> Bool {
        if ends.isIncomplete || (ends.holdsCaselessKin && caseless[id]) || (ends.holdsOtherDigit && narrowsDigits[id]) { return true }
        let expression = UInt64(idOfPattern[id])
        let low = ends.lowerBound(expression << 32)
        return low < ends.events.count && ends.events[low] >> 32 == expression
    }

}
