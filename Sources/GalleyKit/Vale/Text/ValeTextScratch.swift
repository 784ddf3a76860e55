/// Where a document's Vale texts are built: one byte buffer and one segment table, emptied and
/// reused from text to text, so each text costs only its own string and map (two allocations,
/// each of the exact size) instead of growing arrays of its own.
struct ValeTextScratch: ~Copyable {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int
    private var segments: UnsafeMutablePointer<TextRun.Segment>
    private var segmentCount = 0
    private var segmentCapacity: Int

    init() {
        byteCapacity = 1024
        bytes = .allocate(capacity: byteCapacity)
        segmentCapacity = 64
        segments = .allocate(capacity: segmentCapacity)
    }

    deinit {
        bytes.deallocate()
        segments.deallocate()
    }

    /// Empties the scratch for a text of about `capacity` bytes.
    mutating func reset(capacity: Int) {
        byteCount = 0
        segmentCount = 0
        if capacity > byteCapacity { growBytes(to: capacity) }
    }

    /// Appends `text`, which stands for the source bytes `source`.
    mutating func emit<Bytes: Collection<UInt8>>(_ text: Bytes, from source: Range<Int>) {
        let start = byteCount
        if byteCount + text.count > byteCapacity { growBytes(to: byteCount + text.count) }
        for byte in text {
            bytes[byteCount] = byte
            byteCount += 1
        }
        appendSegment(TextRun.Segment(textStart: Int32(start), textLength: Int32(byteCount - start),
                                      sourceStart: Int32(source.lowerBound), sourceLength: Int32(source.count)))
    }

    /// Appends `range` of `text`, copied verbatim from the source at `sourceStart`; nothing
    /// when the range is empty.
    @inline(__always)
    mutating func emit(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, from sourceStart: Int) {
        guard !range.isEmpty, let base = text.baseAddress else { return }
        if byteCount + range.count > byteCapacity { growBytes(to: byteCount + range.count) }
        (bytes + byteCount).update(from: base + range.lowerBound, count: range.count)
        appendSegment(TextRun.Segment(textStart: Int32(byteCount), textLength: Int32(range.count),
                                      sourceStart: Int32(sourceStart), sourceLength: Int32(range.count)))
        byteCount += range.count
    }

    @inline(__always)
    private mutating func appendSegment(_ segment: TextRun.Segment) {
        if segmentCount == segmentCapacity {
            let grown = UnsafeMutablePointer<TextRun.Segment>.allocate(capacity: segmentCapacity * 2)
            grown.moveInitialize(from: segments, count: segmentCount)
            segments.deallocate()
            segments = grown
            segmentCapacity *= 2
        }
        (segments + segmentCount).initialize(to: segment)
        segmentCount += 1
    }

    private mutating func growBytes(to needed: Int) {
        let capacity = max(needed, byteCapacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.moveInitialize(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
    }

    /// The text built since the last reset as a run of its own (its storage copied out of the
    /// scratch), and whether every byte of it is ASCII.
    func made() -> (run: TextRun, isASCII: Bool) {
        let text = UnsafeBufferPointer(start: bytes, count: byteCount)
        let map = Array(UnsafeBufferPointer(start: segments, count: segmentCount))
        return (TextRun(text: String(decoding: text, as: UTF8.self), segments: map), ValeText.allASCII(text))
    }
}
