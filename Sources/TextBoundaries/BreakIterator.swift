internal import CICU
import Synchronization

/// ICU's word and sentence break iterators (UAX #29, with ICU's dictionaries for Chinese,
/// Japanese, Thai, Lao, Khmer and Burmese), run directly on UTF-8: offsets are byte offsets.
///
/// Opening an iterator loads its rules and is slow; cloning one is cheap. Each kind keeps one
/// prototype per locale and a pool of clones, so a segment call on any thread borrows an
/// iterator, uses it alone, and gives it back.
public enum BreakIterator {
    public enum Kind: Sendable {
        case word, sentence

        var icuType: Int32 { self == .word ? Int32(GALLEY_UBRK_WORD) : Int32(GALLEY_UBRK_SENTENCE) }
    }

    /// What ICU's word iterator says of the segment before a boundary (its rule status).
    public enum WordStatus: Sendable, Equatable {
        /// Spaces, punctuation, symbols.
        case none
        case number
        case letter
        case kana
        case ideograph

        init(_ status: Int32) {
            switch status {
            case ..<100: self = .none
            case 100..<200: self = .number
            case 200..<300: self = .letter
            case 300..<400: self = .kana
            default: self = .ideograph
            }
        }

        public var isWord: Bool { self != .none }
    }

    public struct Segment: Sendable, Equatable {
        public var range: Range<Int>
        public var status: WordStatus
    }

    /// The segments of `bytes` (valid UTF-8) between consecutive boundaries, in order. For
    /// sentences every status is `.none`. Empty when ICU could not open an iterator.
    public static func segments(_ kind: Kind, in bytes: UnsafeBufferPointer<UInt8>, locale: String = "") -> [Segment] {
        var result: [Segment] = []
        forEachSegment(kind, in: bytes, locale: locale) { result.append($0) }
        return result
    }

    /// Calls `body` with each segment, without collecting them. Returns false when ICU could
    /// not segment the text (no iterator for the locale, or text over 2 GB).
    @discardableResult
    public static func forEachSegment(_ kind: Kind, in bytes: UnsafeBufferPointer<UInt8>, locale: String = "",
                                      _ body: (Segment) -> Void) -> Bool {
        guard !bytes.isEmpty else { return true }
        guard bytes.count <= Int(Int32.max), let base = bytes.baseAddress else { return false }
        let pool = Pools.pool(kind, locale: locale)
        guard let entry = pool.take() else { return false }
        defer { pool.giveBack(entry) }
        var status: Int32 = 0
        let text = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
            galley_utext_open_utf8(entry.text, characters, Int64(bytes.count), &status)
        }
        guard status <= 0, let text else { return false }
        entry.text = text
        galley_ubrk_set_utext(entry.iterator, text, &status)
        guard status <= 0 else { return false }
        var start = Int(galley_ubrk_first(entry.iterator))
        while true {
            let end = Int(galley_ubrk_next(entry.iterator))
            guard end >= 0, end > start else { break }
            let segmentStatus = kind == .word ? WordStatus(galley_ubrk_rule_status(entry.iterator)) : .none
            body(Segment(range: start..<min(end, bytes.count), status: segmentStatus))
            start = end
        }
        return true
    }
}

/// One iterator with the UText it reads through, used by one caller at a time.
final class PooledIterator: @unchecked Sendable {
    let iterator: OpaquePointer
    var text: OpaquePointer?

    init(iterator: OpaquePointer) {
        self.iterator = iterator
    }

    deinit {
        if let text { galley_utext_close(text) }
        galley_ubrk_close(iterator)
    }
}

/// A prototype iterator and its idle clones. ICU documents cloning a const iterator as safe from
/// several threads; each clone is then used by one thread at a time.
final class IteratorPool: @unchecked Sendable {
    private let prototype: OpaquePointer?
    private let idle = Mutex<[PooledIterator]>([])

    init(kind: BreakIterator.Kind, locale: String) {
        var status: Int32 = 0
        let opened = galley_ubrk_open(kind.icuType, locale, &status)
        prototype = status <= 0 ? opened : nil
    }

    func take() -> PooledIterator? {
        if let reused = idle.withLock({ $0.popLast() }) { return reused }
        guard let prototype else { return nil }
        var status: Int32 = 0
        guard let clone = galley_ubrk_clone(prototype, &status), status <= 0 else { return nil }
        return PooledIterator(iterator: clone)
    }

    func giveBack(_ entry: PooledIterator) {
        idle.withLock { pool in
            if pool.count < 64 { pool.append(entry) }
        }
    }
}

enum Pools {
    private struct Key: Hashable {
        var isWord: Bool
        var locale: String
    }

    private static let pools = Mutex<[Key: IteratorPool]>([:])

    static func pool(_ kind: BreakIterator.Kind, locale: String) -> IteratorPool {
        let key = Key(isWord: kind == .word, locale: locale)
        return pools.withLock { pools in
            if let pool = pools[key] { return pool }
            let pool = IteratorPool(kind: kind, locale: locale)
            pools[key] = pool
            return pool
        }
    }
}
