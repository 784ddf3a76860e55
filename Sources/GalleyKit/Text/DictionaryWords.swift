import TextBoundaries

/// Words of the scripts written without spaces between them (Chinese, Japanese, Thai, Lao,
/// Khmer, Burmese), found with ICU's dictionary-based word break iterator.
///
/// `WordTokenizer` reads every other script on bytes; when a run of word characters holds a
/// character of one of these scripts, the run goes to ICU whole ("iPhone的价格" is
/// "iPhone", "的", "价格"), and only ICU's word segments (letters, kana, ideographs, numbers)
/// become tokens.
enum DictionaryWords {
    /// Whether `value` is a character of a script ICU segments with a dictionary.
    @inline(__always)
    static func needsDictionary(_ value: UInt32) -> Bool {
        guard value >= 0x0E00 else { return false }
        switch value {
        case 0x0E00...0x0EFF,  // Thai, Lao
             0x1000...0x109F, 0xA9E0...0xA9FF, 0xAA60...0xAA7F,  // Myanmar
             0x1780...0x17FF, 0x19E0...0x19FF,  // Khmer
             0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F,  // kana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:  // Han
            return true
        default:
            return false
        }
    }

    /// Whether `value` is a character of East Asian punctuation and forms (CJK symbols, fullwidth
    /// and small forms): like the dictionary scripts, written without spaces around it.
    @inline(__always)
    static func isEastAsianPunctuation(_ value: UInt32) -> Bool {
        (0x3000...0x303F).contains(value) || (0xFE30...0xFE6F).contains(value) || (0xFF00...0xFF65).contains(value)
    }

    /// Appends the words ICU finds in `range` of `bytes`; false (appending nothing) when ICU
    /// could not segment it.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into result: inout [WordToken]) -> Bool {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        let offset = range.lowerBound
        return BreakIterator.forEachSegment(.word, in: slice) { segment in
            guard segment.status.isWord else { return }
            let wordRange = (segment.range.lowerBound + offset)..<(segment.range.upperBound + offset)
            let word = UnsafeBufferPointer(rebasing: bytes[wordRange])
            result.append(WordToken(range: wordRange, kind: segment.status == .number ? .number : .word, key: WordKey(word),
                                    isASCII: !word.contains { $0 >= 0x80 }))
        }
    }
}
