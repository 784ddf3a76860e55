/// Two neighbouring ASCII capitals (`A`–`Z`): what every match of an acronym pattern such as
/// `\b([A-Z]{3,5})\b` holds, so a unit with none is passed over without running PCRE2 (most
/// paragraphs hold no acronym, and the pattern has no literal for the gram prefilter).
enum ValeCapitalPairs {
    /// Whether every match of `root` holds two neighbouring bytes in `A`–`Z`: a repetition of
    /// at least two of a class of capitals only, that the match cannot avoid. False whenever
    /// `(?i)` is switched on anywhere (a class of capitals then matches small letters too).
    static func required(by root: ValeRegexNode) -> Bool {
        !root.switchesCaseInsensitivityOn && requires(root)
    }

    private static func requires(_ node: ValeRegexNode) -> Bool {
        switch node {
        case .sequence(let items): return items.contains(where: requires)
        case .alternation(let branches): return !branches.isEmpty && branches.allSatisfy(requires)
        case .group(let kind, let body):
            switch kind {
            case .capturing, .nonCapturing, .atomic: return requires(body)
            case .lookahead, .lookbehind: return false
            }
        case .repetition(let body, let min, _, _):
            if min >= 2, isCapitalsOnly(body) { return true }
            return min >= 1 && requires(body)
        case .literal, .dot, .set, .assertion, .backreference, .flags, .mark: return false
        }
    }

    /// A node that matches one character, always one of `A`–`Z`.
    private static func isCapitalsOnly(_ node: ValeRegexNode) -> Bool {
        func capital(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x41 && scalar.value <= 0x5A }
        switch node {
        case .literal(let scalar): return capital(scalar)
        case .set(let set):
            guard !set.negated, !set.items.isEmpty else { return false }
            return set.items.allSatisfy { item in
                switch item {
                case .scalar(let scalar): return capital(scalar)
                case .range(let low, let high): return capital(low) && capital(high) && low <= high
                case .word, .digit, .space, .property: return false
                }
            }
        case .group(let kind, let body):
            switch kind {
            case .capturing, .nonCapturing(nil): return isCapitalsOnly(body)
            default: return false
            }
        default: return false
        }
    }

    /// Whether `bytes` hold two neighbouring bytes in `A`–`Z`, read eight at a time.
    static func occur(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 1 else { return false }
        let raw = UnsafeRawPointer(base)
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        var previous: UInt64 = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let seven = word & low
            // The top bit of each byte: at least 'A', not past 'Z', and ASCII. No sum carries
            // into the next byte (0x7F + 0x3F < 0x100).
            let capitals = (seven &+ ones &* 0x3F) & ~(seven &+ ones &* 0x25) & ~word & high
            if capitals & ((capitals &<< 8) | (previous &>> 56)) != 0 { return true }
            previous = capitals
            offset += 8
        }
        var last = offset > 0 && previous &>> 63 != 0
        while offset < bytes.count {
            let byte = bytes[offset]
            let capital = byte >= 0x41 && byte <= 0x5A
            if capital && last { return true }
            last = capital
            offset += 1
        }
        return false
    }
}
