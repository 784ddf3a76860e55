/// Prose text with a map from every byte of it back to the source bytes it came from.
///
/// Readers decode entities, drop markup and collapse whitespace; the map keeps diagnostics exact
/// across all of that. Identity segments copy the source byte for byte; other segments (an
/// entity, a collapsed run of whitespace) map as a whole to the source they replaced.
public struct TextRun: Sendable, Hashable {
    public private(set) var text: String
    private(set) var segments: [Segment]

    struct Segment: Sendable, Hashable {
        var textStart: Int32
        var textLength: Int32
        var sourceStart: Int32
        var sourceLength: Int32

        var isIdentity: Bool { textLength == sourceLength }
        var textEnd: Int { Int(textStart + textLength) }
        var sourceEnd: Int { Int(sourceStart + sourceLength) }
    }

    public static let empty = TextRun(text: "", segments: [])

    init(text: String, segments: [Segment]) {
        self.text = text
        self.segments = segments
    }

    /// Text that stands at `offset` with no finer map (a synthesized value).
    public init(text: String, at offset: Int) {
        let length = Int32(text.utf8.count)
        self.init(text: text, segments: length == 0 ? [] : [Segment(textStart: 0, textLength: length, sourceStart: Int32(offset), sourceLength: 0)])
    }

    /// Text copied verbatim from the source starting at `offset`.
    public init(verbatim text: String, at offset: Int) {
        let length = Int32(text.utf8.count)
        self.init(text: text, segments: length == 0 ? [] : [Segment(textStart: 0, textLength: length, sourceStart: Int32(offset), sourceLength: length)])
    }

    public var isEmpty: Bool { text.isEmpty }
    public var utf8Count: Int { text.utf8.count }

    /// Source offset of the character that starts at byte `offset` of `text`.
    public func sourceOffset(ofTextOffset offset: Int) -> Int {
        guard let segment = segment(containing: offset) else { return segments.last?.sourceEnd ?? 0 }
        return segment.isIdentity ? Int(segment.sourceStart) + offset - Int(segment.textStart) : Int(segment.sourceStart)
    }

    /// Source offset just past the character that ends at byte `offset` of `text` (exclusive).
    public func sourceEndOffset(ofTextOffset offset: Int) -> Int {
        guard offset > 0, let segment = segment(containing: offset - 1) else { return sourceOffset(ofTextOffset: offset) }
        return segment.isIdentity ? Int(segment.sourceStart) + offset - Int(segment.textStart) : segment.sourceEnd
    }

    public func sourceRange(ofTextRange range: Range<Int>) -> SourceRange {
        let start = sourceOffset(ofTextOffset: range.lowerBound)
        let end = range.isEmpty ? start : sourceEndOffset(ofTextOffset: range.upperBound)
        return SourceRange(start: start, end: end)
    }

    /// Source range of the whole run.
    public var sourceRange: SourceRange {
        guard let first = segments.first, let last = segments.last else { return SourceRange(at: 0) }
        return SourceRange(start: Int(first.sourceStart), end: last.sourceEnd)
    }

    /// The text of `range` (UTF-8 offsets) as a string.
    public func substring(_ range: Range<Int>) -> String {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(text[start..<end])
    }

    /// A run for a part of this one (UTF-8 offsets), keeping the map.
    public func slice(_ range: Range<Int>) -> TextRun {
        var result: [Segment] = []
        for segment in segments where segment.textEnd > range.lowerBound && Int(segment.textStart) < range.upperBound {
            let lower = max(range.lowerBound, Int(segment.textStart))
            let upper = min(range.upperBound, segment.textEnd)
            var piece = segment
            if segment.isIdentity {
                piece.sourceStart += Int32(lower) - segment.textStart
                piece.sourceLength = Int32(upper - lower)
            }
            piece.textStart = Int32(lower - range.lowerBound)
            piece.textLength = Int32(upper - lower)
            result.append(piece)
        }
        return TextRun(text: substring(range), segments: result)
    }

    /// The same text with white space as the source writes it: each run of white space that was
    /// read as one space (two spaces, a line break, indentation) is its source's white space again,
    /// mapped byte for byte; markup inside such a run (a quote's `>`) is left out. Everything else
    /// is unchanged.
    public func withSourceWhitespace(in source: [UInt8]) -> TextRun {
        var bytes: [UInt8] = []
        var result: [Segment] = []
        bytes.reserveCapacity(utf8Count)
        let text = Array(self.text.utf8)
        for segment in segments {
            let start = Int(segment.sourceStart)
            let end = min(segment.sourceEnd, source.count)
            if !segment.isIdentity, segment.textLength == 1, text[Int(segment.textStart)] == 0x20, end > start,
               source[start..<end].contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) {
                var index = start
                while index < end {
                    guard Self.isWhitespace(source[index]) else {
                        index += 1
                        continue
                    }
                    var runEnd = index
                    while runEnd < end, Self.isWhitespace(source[runEnd]) { runEnd += 1 }
                    result.append(Segment(textStart: Int32(bytes.count), textLength: Int32(runEnd - index), sourceStart: Int32(index),
                                          sourceLength: Int32(runEnd - index)))
                    bytes.append(contentsOf: source[index..<runEnd])
                    index = runEnd
                }
                continue
            }
            var copy = segment
            copy.textStart = Int32(bytes.count)
            result.append(copy)
            bytes.append(contentsOf: text[Int(segment.textStart)..<segment.textEnd])
        }
        return TextRun(text: String(decoding: bytes, as: UTF8.self), segments: result)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }

    /// The source ranges the text came from, in order (an entity's, or a collapsed space's, whole).
    func forEachSourceRange(_ body: (Range<Int>) -> Void) {
        for segment in segments where segment.sourceLength > 0 { body(Int(segment.sourceStart)..<segment.sourceEnd) }
    }

    private func segment(containing offset: Int) -> Segment? {
        guard !segments.isEmpty else { return nil }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(segments[middle].textStart) <= offset { low = middle } else { high = middle - 1 }
        }
        return segments[low]
    }
}

/// Builds a `TextRun` piece by piece, collapsing whitespace as HTML renders it.
struct TextRunBuilder {
    private var bytes: [UInt8] = []
    private var segments: [TextRun.Segment] = []
    /// Source range of whitespace seen but not yet written; written as one space before the next
    /// visible character, and dropped at the start and the end of the run.
    private var pendingSpace: SourceRange?

    var isEmpty: Bool { bytes.isEmpty }
    var count: Int { bytes.count }
    /// Source offset just past the last byte written.
    var sourceEnd: Int? { segments.last?.sourceEnd }

    /// Appends text that appears verbatim in the source at `sourceStart`.
    mutating func appendVerbatim(_ piece: UnsafeBufferPointer<UInt8>, sourceStart: Int) {
        var index = 0
        while index < piece.count {
            let byte = piece[index]
            if Self.isSpace(byte) {
                noteSpace(SourceRange(start: sourceStart + index, end: sourceStart + index + 1))
                index += 1
                continue
            }
            flushSpace()
            // Copy the run of visible bytes in one go, with the single spaces between its words:
            // a lone space maps to itself, so it needs no collapsing (and its segment would merge
            // with the words' anyway).
            var end = index + 1
            while end < piece.count {
                let next = piece[end]
                if !Self.isSpace(next) {
                    end += 1
                } else if next == 0x20, end + 1 < piece.count, !Self.isSpace(piece[end + 1]) {
                    end += 2
                } else {
                    break
                }
            }
            append(piece[index..<end], source: SourceRange(start: sourceStart + index, end: sourceStart + end))
            index = end
        }
    }

    mutating func appendVerbatim(_ piece: ArraySlice<UInt8>, sourceStart: Int) {
        piece.withUnsafeBufferPointer { appendVerbatim($0, sourceStart: sourceStart) }
    }

    /// Appends text that replaced the source bytes `source` as a whole (an entity, an escape).
    mutating func appendReplacement(_ piece: ArraySlice<UInt8>, source: SourceRange) {
        if piece.allSatisfy(Self.isSpace) {
            if !piece.isEmpty { noteSpace(source) }
            return
        }
        flushSpace()
        append(piece, source: source)
    }

    /// Whitespace the reader implies (a soft line break, a `<br>`, the gap between table cells).
    mutating func appendSpace(at source: SourceRange) {
        noteSpace(source)
    }

    mutating func finish() -> TextRun {
        pendingSpace = nil
        return TextRun(text: String(decoding: bytes, as: UTF8.self), segments: segments)
    }

    private mutating func noteSpace(_ source: SourceRange) {
        if let pending = pendingSpace {
            pendingSpace = SourceRange(start: pending.start, end: max(pending.end, source.end))
        } else {
            pendingSpace = source
        }
    }

    private mutating func flushSpace() {
        guard let pending = pendingSpace else { return }
        pendingSpace = nil
        guard !bytes.isEmpty else { return }
        append(CollectionOfOne(0x20), source: pending)
    }

    private mutating func append<Bytes: Collection<UInt8>>(_ piece: Bytes, source: SourceRange) {
        let textStart = Int32(bytes.count)
        bytes.append(contentsOf: piece)
        let segment = TextRun.Segment(
            textStart: textStart, textLength: Int32(piece.count),
            sourceStart: Int32(source.start), sourceLength: Int32(source.end - source.start))
        if segment.isIdentity, var last = segments.last, last.isIdentity,
           last.textEnd == Int(textStart), last.sourceEnd == source.start {
            last.textLength += segment.textLength
            last.sourceLength += segment.sourceLength
            segments[segments.count - 1] = last
        } else {
            segments.append(segment)
        }
    }

    /// Whitespace, and the placeholder byte (SUB, 0x1A) that stands in for template tags and
    /// other non-prose syntax inside a line of Markdown (see `MaskedSource`): both separate words.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x1A
    }
}

extension TextRun {
    /// The run's pieces in order: a range of `text` (UTF-8 offsets) and the source range it came
    /// from (as long as the text when copied verbatim, any length when it replaced the source).
    var pieces: [(text: Range<Int>, source: Range<Int>)] {
        segments.map { (Int($0.textStart)..<$0.textEnd, Int($0.sourceStart)..<$0.sourceEnd) }
    }

    /// A run made of `pieces` as `pieces` describes them (a text derived from another run).
    init(text: String, pieces: [(text: Range<Int>, source: Range<Int>)]) {
        self.init(text: text, segments: pieces.map {
            Segment(textStart: Int32($0.text.lowerBound), textLength: Int32($0.text.count),
                    sourceStart: Int32($0.source.lowerBound), sourceLength: Int32($0.source.count))
        })
    }
}
