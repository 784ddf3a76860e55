/// Strings of which every match of a pattern holds at least one, so a text that holds none of
/// them is passed over without running the pattern (RE2's prefilter, in its simplest form).
///
/// The strings are found in the pattern's tree: a run of literals (`percent`), a small set of
/// alternatives (`eg|e\.g\.`), expanded through small classes and bounded repetitions. Letters
/// are compared without regard to ASCII case whatever the pattern's flags say, which only lets
/// more texts through. Under `(?i)`, PCRE2 also matches `k` with the Kelvin sign (U+212A) and
/// `s` with the long s (U+017F): a text holding either is always let through then.
struct ValeRegexPrefilter: Sendable {
    /// ASCII letters lower-cased; other bytes as written.
    let needles: [[UInt8]]
    /// Each needle as its pairs of bytes (`ValeTextGrams.pairKey`), or its one byte, flattened:
    /// needle `n` is `keys[ends[n - 1]..<ends[n]]`; a negative key stands for a single byte.
    private let keys: [Int]
    private let ends: [Int]
    private let caseless: Bool

    /// The least weight a needle needs to be worth asking about: a single letter is in nearly
    /// every text.
    static let minimumWeight = 2

    init?(_ root: ValeRegexNode) {
        let caseless = root.switchesCaseInsensitivityOn
        var analysis = Analysis(caseless: caseless)
        guard let needles = analysis.required(root), !needles.isEmpty,
              needles.allSatisfy({ Self.weight($0) >= Self.minimumWeight }) else { return nil }
        self.needles = needles
        self.caseless = caseless
        var keys: [Int] = []
        var ends: [Int] = []
        for needle in needles {
            if needle.count == 1 {
                keys.append(-1 - Int(needle[0]))
            } else {
                for index in 1..<needle.count { keys.append(ValeTextGrams.pairKey(needle[index - 1], needle[index])) }
            }
            ends.append(keys.count)
        }
        self.keys = keys
        self.ends = ends
    }

    /// Whether the text of `grams` may hold a match: it may hold one of the needles.
    func mayMatch(_ grams: ValeTextGrams) -> Bool {
        if caseless && grams.holdsCaselessKin { return true }
        var start = 0
        for end in ends {
            var held = true
            var index = start
            while index < end {
                let key = keys[index]
                if key < 0 ? !grams.holds(UInt8(-1 - key)) : !grams.holds(pairKey: key) {
                    held = false
                    break
                }
                index += 1
            }
            if held { return true }
            start = end
        }
        return false
    }

    @inline(__always) private static func lower(_ byte: UInt8) -> UInt8 {
        ValeTextGrams.lower(byte)
    }

    /// How rare a needle is likely to be: letters and spaces count one, other bytes (digits,
    /// punctuation) two.
    static func weight(_ needle: [UInt8]) -> Int {
        needle.reduce(0) { total, byte in
            total + ((byte >= 0x61 && byte <= 0x7A) || byte == 0x20 ? 1 : 2)
        }
    }


    /// What a node tells about the text it consumes.
    private struct Analysis {
        let caseless: Bool
        static let maxStrings = 32

        enum Info {
            /// The node matches one of these strings exactly (the empty one included).
            case exact([[UInt8]])
            /// Every match holds one of these strings; nil when nothing is known.
            case required([[UInt8]]?)
        }

        mutating func required(_ node: ValeRegexNode) -> [[UInt8]]? {
            Self.requiredStrings(info(node))
        }

        static func requiredStrings(_ info: Info) -> [[UInt8]]? {
            switch info {
            case .exact(let strings): return strings.contains(where: \.isEmpty) ? nil : strings
            case .required(let strings): return strings
            }
        }

        func info(_ node: ValeRegexNode) -> Info {
            switch node {
            case .literal(let scalar):
                return literal(scalar).map { .exact([$0]) } ?? .required(nil)
            case .dot, .backreference:
                return .required(nil)
            case .assertion, .flags, .mark:
                return .exact([[]])
            case .set(let set):
                return characters(set).map { .exact($0) } ?? .required(nil)
            case .group(let kind, let body):
                switch kind {
                case .lookahead, .lookbehind: return .exact([[]])
                case .capturing, .nonCapturing, .atomic: return info(body)
                }
            case .repetition(let body, let min, let max, _):
                let inner = info(body)
                if case .exact(let strings) = inner, let max, max >= min, max <= 3 {
                    // Every count from min to max, while the strings stay few.
                    var result: [[UInt8]] = []
                    var power: [[UInt8]] = [[]]
                    var complete = true
                    for count in 0...max {
                        if count >= min { result += power }
                        if count == max { break }
                        power = product(power, strings)
                        if power.count + result.count > Self.maxStrings {
                            complete = false
                            break
                        }
                    }
                    if complete { return .exact(unique(result)) }
                }
                return min == 0 ? .required(nil) : .required(Self.requiredStrings(inner))
            case .alternation(let branches):
                var exact: [[UInt8]]? = []
                var required: [[UInt8]]? = []
                for branch in branches {
                    let branchInfo = info(branch)
                    if case .exact(let strings) = branchInfo, exact != nil { exact! += strings } else { exact = nil }
                    if let strings = Self.requiredStrings(branchInfo), required != nil { required! += strings } else { required = nil }
                }
                if let exact, exact.count <= Self.maxStrings { return .exact(unique(exact)) }
                return .required(required.map(unique))
            case .sequence(let items):
                var candidates: [[[UInt8]]] = []
                var run: [[UInt8]]? = [[]]
                var allExact = true
                var index = 0
                while index < items.count {
                    // Literals in a row are one string (what the product of each would give).
                    var itemInfo: Info
                    if case .literal(let scalar) = items[index], var bytes = literal(scalar) {
                        index += 1
                        while index < items.count, case .literal(let next) = items[index], let more = literal(next) {
                            bytes += more
                            index += 1
                        }
                        itemInfo = .exact([bytes])
                    } else {
                        itemInfo = info(items[index])
                        index += 1
                    }
                    if case .exact(let strings) = itemInfo {
                        if var current = run, current.count * strings.count <= Self.maxStrings {
                            if strings.count == 1 {
                                run = nil
                                for position in current.indices { current[position] += strings[0] }
                                run = current
                            } else {
                                run = product(current, strings)
                            }
                        } else {
                            allExact = false
                            if let current = run, let strings = Self.requiredStrings(.exact(current)) { candidates.append(strings) }
                            run = strings
                        }
                    } else {
                        allExact = false
                        if let current = run, let strings = Self.requiredStrings(.exact(current)) { candidates.append(strings) }
                        run = [[]]
                        if let strings = Self.requiredStrings(itemInfo) { candidates.append(strings) }
                    }
                }
                if allExact, let run { return .exact(unique(run)) }
                if let current = run, let strings = Self.requiredStrings(.exact(current)) { candidates.append(strings) }
                return .required(Self.best(candidates))
            }
        }

        /// The candidate whose weakest needle is strongest; the one with fewer needles on a tie.
        static func best(_ candidates: [[[UInt8]]]) -> [[UInt8]]? {
            candidates.max { left, right in
                let a = left.map(ValeRegexPrefilter.weight).min() ?? 0, b = right.map(ValeRegexPrefilter.weight).min() ?? 0
                return a != b ? a < b : left.count > right.count
            }
        }

        private func literal(_ scalar: Unicode.Scalar) -> [UInt8]? {
            if scalar.isASCII { return [ValeRegexPrefilter.lower(UInt8(scalar.value))] }
            // Unicode case folding is not followed here: under (?i), a non-ASCII letter is unknown.
            return caseless ? nil : Array(String(scalar).utf8)
        }

        private func characters(_ set: ValeCharClass) -> [[UInt8]]? {
            guard !set.negated else { return nil }
            var result: [[UInt8]] = []
            for item in set.items {
                switch item {
                case .scalar(let scalar):
                    guard let bytes = literal(scalar) else { return nil }
                    result.append(bytes)
                case .range(let low, let high):
                    guard high.value >= low.value, high.value - low.value < 10 else { return nil }
                    for value in low.value...high.value {
                        guard let scalar = Unicode.Scalar(value), let bytes = literal(scalar) else { return nil }
                        result.append(bytes)
                    }
                default:
                    return nil
                }
            }
            return result.count <= 10 ? unique(result) : nil
        }

        private func product(_ left: [[UInt8]], _ right: [[UInt8]]) -> [[UInt8]] {
            var result: [[UInt8]] = []
            for prefix in left { for suffix in right { result.append(prefix + suffix) } }
            return result
        }

        private func unique(_ strings: [[UInt8]]) -> [[UInt8]] {
            if strings.count < 2 { return strings }
            var seen: Set<[UInt8]> = []
            return strings.filter { seen.insert($0).inserted }
        }
    }
}
