/// Binary search over a generated table: sorted records of lowercase ASCII words, one a line,
/// each word optionally followed by a one-byte value.
///
/// Searching the literal in place means a table costs nothing until its first lookup: no
/// dictionary is built, nothing is parsed, and a run that never counts syllables never reads it.
enum SortedWordTable {
    /// Index in `table` just past the word of the record for `key` (where its value byte is, if
    /// records carry one), or nil when the word is not in the table.
    static func find(_ key: UnsafeBufferPointer<UInt8>, in table: UnsafeBufferPointer<UInt8>) -> Int? {
        var low = 0
        var high = table.count
        while low < high {
            var start = (low + high) / 2
            while start > low, table[start - 1] != newline { start -= 1 }
            var index = start
            var keyIndex = 0
            var order = 0
            while true {
                let keyDone = keyIndex == key.count
                let recordDone = index == table.count || !isWordByte(table[index])
                if keyDone || recordDone {
                    order = keyDone && recordDone ? 0 : keyDone ? -1 : 1
                    break
                }
                if key[keyIndex] != table[index] {
                    order = key[keyIndex] < table[index] ? -1 : 1
                    break
                }
                keyIndex += 1
                index += 1
            }
            if order == 0 { return index }
            if order < 0 {
                high = start
            } else {
                while index < table.count, table[index] != newline { index += 1 }
                low = index + 1
            }
        }
        return nil
    }

    /// Words hold lowercase letters and apostrophes; anything else ends the word.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte == 0x27
    }

    private static let newline: UInt8 = 0x0A
}
