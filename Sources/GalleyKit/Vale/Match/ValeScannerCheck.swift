/// The Hyperscan prefilter held against PCRE2 on one pattern and one text, for the fuzz target
/// `vale-pattern` (and its cache's reader, for `vale-cache`): a relaxed form that misses a place where PCRE2 matches would make a rule skip
/// a unit that holds a finding, a wrong result no test of ours may happen to show.
public enum ValeScannerCheck {
    /// Units longer than this are not all tried (every unit of a text is quadratic in its length).
    public static let longestText = 96

    /// A description of the first match PCRE2 finds in a unit of `text`, in any compiled form of
    /// `source`, for which the scan saw no relaxed match end after the match's start and within
    /// the unit; nil when there is none (or the pattern does
    /// not compile, or Hyperscan does not cover it).
    public static func firstMiss(pattern source: String, text: String) -> String? {
        guard let pattern = try? ValePattern(source), let scanner = ValePatternScanner([pattern]), scanner.covers(0) else { return nil }
        let scratch = ValeScratch.make()
        let valeText = ValeText(TextRun(verbatim: text, at: 0), source: Array(text.utf8), format: .markdown)
        let ends = scanner.scan(valeText)
        var copy = valeText.run.text
        return copy.withUTF8 { whole -> String? in
            guard whole.count <= longestText else { return nil }
            let boundaries = (0...whole.count).filter { $0 == whole.count || whole[$0] & 0xC0 != 0x80 }
            for lower in boundaries {
                for upper in boundaries where upper >= lower {
                    let unit = UnsafeBufferPointer(rebasing: whole[lower..<upper])
                    for form in [ValePattern.Form.ascii, .fast, .exact] {
                        let (matches, _) = pattern.matches(unit, form: form, scratch: scratch)
                        for match in matches where !match.range.isEmpty {
                            // What a rule asks (`mayEnd`): a relaxed match ends after the match's
                            // start, within the unit.
                            if !scanner.mayEnd(0, in: ends, after: lower + match.range.lowerBound, through: upper) {
                                return "\(source) matches \(match.range) of the unit \(lower)..<\(upper) of \(text.debugDescription) (\(form)), unseen by the scan"
                            }
                        }
                    }
                }
            }
            return nil
        }
    }

    /// Reads a Vectorscan cache entry (`ValeScannerCache`) as a run would, for the fuzz target
    /// `vale-cache`: with a valid checksum appended to `body`, and the key the entry names as
    /// the one asked for, so that mutations reach the header, the ids and Vectorscan's
    /// deserializer instead of stopping at the checksum or the key. When the entry loads, a
    /// text is scanned with it. The number of match events, or nil when the entry is refused.
    public static func readCacheEntry(_ body: [UInt8]) -> Int? {
        let entry = ValeScannerCache.sealed(body)
        let keyStart = ValeScannerCache.magic.count + 4
        guard entry.count >= keyStart + 32 else { return nil }
        guard let database = ValeScannerCache.database(entry: entry, key: Array(entry[keyStart..<(keyStart + 32)])) else { return nil }
        var text = "It is used, e.g. here: a caf\u{E9} -- 10 MB on the 1st of May, I think."
        return text.withUTF8 { database.scan($0)?.count }
    }
}
