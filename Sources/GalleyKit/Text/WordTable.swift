/// A generated word table (lowercase ASCII words, one record a line, each word optionally
/// followed by a one-byte value, records sorted by their words' bytes), searched in place.
///
/// The table is a string literal in the binary and is never copied or indexed: a lookup is a
/// binary search over its bytes (about seventeen probes for CMUdict, each stepping back to the
/// start of a record). An index built on first use cost a one-file run (a pre-commit hook)
/// more than everything else it did; lookups are few anyway, since `WordFactsCache` keeps
/// each distinct word's facts for the rest of the run.
final class WordTable: Sendable {
    private let records: String

    init(records: String) {
        self.records = records
    }

    /// The byte after `key`'s word in its record (its value, or a newline), or nil when the
    /// word is not in the table. `key` is lowercase ASCII letters and apostrophes.
    func value(of key: UnsafeBufferPointer<UInt8>) -> UInt8?? {
        guard !key.isEmpty else { return nil }
        return withBytes { table -> UInt8?? in
            var low = 0, high = table.count
            while low < high {
                var start = (low + high) / 2
                while start > low, table[start - 1] != Self.newline { start -= 1 }
                let (order, end) = Self.compare(key, table, at: start)
                if order == 0 { return .some(end < table.count ? table[end] : nil) }
                if order < 0 {
                    high = start
                } else {
                    var next = end
                    while next < table.count, table[next] != Self.newline { next += 1 }
                    low = next + 1
                }
            }
            return nil
        }
    }

    func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        value(of: key) != nil
    }

    /// Number of records (for tests).
    var count: Int { withBytes { $0.reduce(0) { $0 + ($1 == Self.newline ? 1 : 0) } } + (records.utf8.last == Self.newline ? 0 : 1) }

    /// Every word of the table, in table order (for tests).
    var words: [String] {
        Array(records.utf8).split(separator: Self.newline).map { record in
            String(decoding: record.prefix { Self.isWordByte($0) }, as: UTF8.self)
        }
    }

    /// How `key` orders against the word of the record at `start` (-1, 0, 1), and where the
    /// record's word ends.
    private static func compare(_ key: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int) {
        var index = 0
        while true {
            let position = start + index
            let inRecord = position < table.count && isWordByte(table[position])
            guard index < key.count else { return (inRecord ? -1 : 0, position) }
            guard inRecord else { return (1, position) }
            if key[index] != table[position] { return (key[index] < table[position] ? -1 : 1, position) }
            index += 1
        }
    }

    private func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // A literal's bytes are contiguous; a copy is only for a table built from other text.
        records.utf8.withContiguousStorageIfAvailable(body) ?? Array(records.utf8).withUnsafeBufferPointer(body)
    }

    /// Words hold lowercase letters and apostrophes; anything else ends the word.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte == 0x27
    }

    static let newline: UInt8 = 0x0A
}
