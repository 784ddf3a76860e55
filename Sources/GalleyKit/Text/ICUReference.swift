import TextBoundaries

/// ICU's own word and sentence segmentation of a text, as a reference to measure Galley's
/// against (Benchmarks/SegmentationParity): ICU's words are the segments its word iterator
/// marks as letters, kana, ideographs or numbers; its sentences are the segments of its sentence
/// iterator that hold at least one such word.
public enum ICUReference {
    /// ICU's words in `bytes` (UTF-8), leaving out those that overlap `excluded`.
    public static func wordCount(in bytes: UnsafeBufferPointer<UInt8>, locale: String, excluding excluded: [Range<Int>] = []) -> Int {
        wordCount(in: bytes, range: 0..<bytes.count, locale: locale, excluding: excluded)
    }

    /// ICU's sentences in `bytes` that hold a word outside `excluded`.
    public static func sentenceCount(in bytes: UnsafeBufferPointer<UInt8>, locale: String, excluding excluded: [Range<Int>] = []) -> Int {
        BreakIterator.segments(.sentence, in: bytes, locale: locale).filter {
            wordCount(in: bytes, range: $0.range, locale: locale, excluding: excluded) > 0
        }.count
    }

    /// Runs ICU's word and sentence iterators over `bytes` once, for timing.
    public static func segment(_ bytes: UnsafeBufferPointer<UInt8>, locale: String) -> Int {
        var segments = 0
        BreakIterator.forEachSegment(.word, in: bytes, locale: locale) { if $0.status.isWord { segments += 1 } }
        BreakIterator.forEachSegment(.sentence, in: bytes, locale: locale) { _ in segments += 1 }
        return segments
    }

    private static func wordCount(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, locale: String, excluding excluded: [Range<Int>]) -> Int {
        var count = 0
        BreakIterator.forEachSegment(.word, in: UnsafeBufferPointer(rebasing: bytes[range]), locale: locale) { segment in
            let absolute = (segment.range.lowerBound + range.lowerBound)..<(segment.range.upperBound + range.lowerBound)
            if segment.status.isWord, !excluded.contains(where: { $0.overlaps(absolute) }) { count += 1 }
        }
        return count
    }
}
