internal import CPCRE2

/// A PCRE2 pattern compiled once (JIT when available) and shared read-only across threads.
/// Matching works on UTF-8 bytes; offsets are byte offsets.
public final class PCREPattern: @unchecked Sendable {
    // Immutable after init; PCRE2 documents compiled code as shareable between threads
    // as long as each match uses its own match data.
    fileprivate let code: OpaquePointer
    /// Carries the match limit; read-only after init, so shareable like the code.
    private let matchContext: OpaquePointer?
    public let pattern: String
    public let isJITCompiled: Bool

    /// Backtracking steps one match attempt may take before PCRE2 gives up. PCRE2's default
    /// (10 million) lets a pattern like `(a+)+$` spend about 40 ms on every paragraph it fails
    /// on; rule files come with the content, so a careless or hostile one must not stall a run.
    public static let matchLimit: UInt32 = 1_000_000

    /// The matches found, and whether PCRE2 gave up (match limit, JIT stack) before the end.
    public struct Scan: Sendable, Equatable {
        public var ranges: [Range<Int>]
        public var gaveUp: Bool
    }

    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let caseInsensitive = Options(rawValue: PCRE2_CASELESS)
        public static let multiline = Options(rawValue: PCRE2_MULTILINE)
        public static let dotAll = Options(rawValue: PCRE2_DOTALL)
        public static let extended = Options(rawValue: PCRE2_EXTENDED)
        /// `$` matches only at the very end of the subject, not before a final newline (RE2's and
        /// .NET's RE2 mode's meaning; `(?m)` still makes it match before every newline).
        public static let dollarEndOnly = Options(rawValue: PCRE2_DOLLAR_ENDONLY)
    }

    public struct CompileError: Error, Sendable, Equatable {
        public let message: String
        /// Offset in the pattern, in bytes, where PCRE2 gave up.
        public let offset: Int
    }

    /// Compiles `pattern` for UTF-8 text with Unicode properties (`\w`, `\b`, `\d`, caseless
    /// matching). With `unicode` false the pattern and the text are bytes and those classes are
    /// ASCII's: the same matches on ASCII text for a pattern written in ASCII, and faster code.
    /// With `jit` false the pattern is only compiled (a quarter of the cost): enough to know
    /// that it compiles and what groups it has, for a pattern that may never be matched.
    public init(_ pattern: String, options: Options = [], unicode: Bool = true, jit: Bool = true) throws(CompileError) {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        let flags = options.rawValue | (unicode ? PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF : 0)
        let compiled = pattern.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: buffer.count) { base in
                pcre2_compile_8(base, buffer.count - 1, flags, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw CompileError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        groupCount = count
        isJITCompiled = jit && pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
        matchContext = pcre2_match_context_create_8(nil)
        if let matchContext { pcre2_set_match_limit_8(matchContext, Self.matchLimit) }
    }

    /// Number of capturing groups in the pattern.
    public var captureCount: Int { Int(groupCount) }
    private let groupCount: UInt32

    /// The number of the group named `name`, or nil.
    public func groupNumber(named name: String) -> Int? {
        let number = name.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: buffer.count) { pcre2_substring_number_from_name_8(code, $0) }
        }
        return number > 0 ? Int(number) : nil
    }

    deinit {
        if let matchContext { pcre2_match_context_free_8(matchContext) }
        pcre2_code_free_8(code)
    }

    /// Byte ranges of successive non-overlapping matches in `bytes[range]`.
    public func matches(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, limit: Int = .max) -> [Range<Int>] {
        scan(bytes, range: range, limit: limit).ranges
    }

    /// Like `matches`, and says whether PCRE2 gave up before the end of the text.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, limit: Int = .max) -> Scan {
        var scan = Scan(ranges: [], gaveUp: false)
        guard let base = bytes.baseAddress, let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else { return scan }
        defer { pcre2_match_data_free_8(matchData) }
        let bounds = range ?? 0..<bytes.count
        let subjectLength = bounds.upperBound
        var start = bounds.lowerBound
        while start <= subjectLength, scan.ranges.count < limit {
            let status = isJITCompiled
                ? pcre2_jit_match_8(code, base, subjectLength, start, 0, matchData, matchContext)
                : pcre2_match_8(code, base, subjectLength, start, 0, matchData, matchContext)
            if status < 0, status != PCRE2_ERROR_NOMATCH {
                scan.gaveUp = true
                break
            }
            guard status > 0, let vector = pcre2_get_ovector_pointer_8(matchData) else { break }
            let lower = vector[0]
            let upper = vector[1]
            guard lower <= upper else { break }
            scan.ranges.append(lower..<upper)
            start = upper > lower ? upper : Self.nextCharacter(after: upper, in: bytes, end: subjectLength)
        }
        return scan
    }

    public func scan(_ text: String, limit: Int = .max) -> Scan {
        var copy = text
        return copy.withUTF8 { scan($0, limit: limit) }
    }

    public func matches(in bytes: [UInt8], range: Range<Int>? = nil, limit: Int = .max) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { matches(in: $0, range: range, limit: limit) }
    }

    public func matches(in text: String, limit: Int = .max) -> [Range<Int>] {
        var copy = text
        return copy.withUTF8 { matches(in: $0, limit: limit) }
    }

    public func firstMatch(in text: String) -> Range<Int>? {
        matches(in: text, limit: 1).first
    }

    /// One match and its groups: `groups[0]` is the whole match, `groups[n]` group n (nil when it
    /// did not take part). `mark` is the last `(*MARK:name)` passed.
    public struct Match: Sendable, Equatable {
        public var groups: [Range<Int>?]
        public var mark: String?
        public var range: Range<Int> { groups[0]! }
    }

    /// The outcome of looking for one match.
    public enum Search: Sendable, Equatable {
        case found(Match)
        case none
        /// PCRE2 gave up (match limit or JIT stack): the text is too hard for the pattern.
        case gaveUp
    }

    /// Reusable match data for `search`, so a scan allocates once. One per thread: `pairs` is the
    /// most groups (plus the whole match) any pattern it serves reports.
    public final class Scratch {
        fileprivate let data: OpaquePointer?
        public let pairs: Int
        public init(for pattern: PCREPattern) {
            data = pcre2_match_data_create_from_pattern_8(pattern.code, nil)
            pairs = pattern.captureCount + 1
        }
        public init(pairs: Int) {
            data = pcre2_match_data_create_8(UInt32(pairs), nil)
            self.pairs = pairs
        }
        deinit { if let data { pcre2_match_data_free_8(data) } }
    }

    /// The first match starting at or after `start` in `bytes[0..<end]`: the text before `start`
    /// is still seen by lookbehinds and `\b`, the text from `end` on is not there at all.
    public func search(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int? = nil, wantGroups: Bool = false,
                       scratch: Scratch) -> Search {
        guard let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1), let matchData = scratch.data else { return .none }
        let length = end ?? bytes.count
        guard start <= length else { return .none }
        let status = isJITCompiled
            ? pcre2_jit_match_8(code, base, length, start, 0, matchData, matchContext)
            : pcre2_match_8(code, base, length, start, 0, matchData, matchContext)
        if status == PCRE2_ERROR_NOMATCH { return .none }
        guard status >= 0, let vector = pcre2_get_ovector_pointer_8(matchData) else { return .gaveUp }
        var groups: [Range<Int>?] = []
        // `status` is one more than the highest group set (0: the match data was too small).
        let count = wantGroups ? min(Int(pcre2_get_ovector_count_8(matchData)), captureCount + 1) : 1
        let set = status == 0 ? count : Int(status)
        groups.reserveCapacity(count)
        for index in 0..<count {
            let lower = vector[2 * index], upper = vector[2 * index + 1]
            groups.append(index >= set || lower < 0 || upper < 0 || lower > upper ? nil : lower..<upper)
        }
        guard groups[0] != nil else { return .none }
        var mark: String?
        if let pointer = pcre2_get_mark_8(matchData) {
            let length = Int(pointer[-1])
            mark = String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
        }
        return .found(Match(groups: groups, mark: mark))
    }

    /// After an empty match, step over a whole UTF-8 sequence so the next match starts on a boundary.
    private static func nextCharacter(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Int {
        var next = offset + 1
        while next < end, bytes[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    private static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        guard length > 0 else { return "invalid regular expression (PCRE2 error \(code))" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}
