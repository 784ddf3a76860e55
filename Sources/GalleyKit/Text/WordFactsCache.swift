import Synchronization

/// Word facts shared by every document of a run. A library of articles reuses most of its
/// vocabulary, so after the first few documents nearly every word is a cache hit instead of a
/// dictionary lookup, a Dale-Chall check and a byte walk. Thread-safe; bounded in size.
final class WordFactsCache: Sendable {
    static let shared = WordFactsCache()

    /// Beyond this many words new ones are computed each time, not stored (about 10 MB).
    static let capacity = 200_000

    private let storage = Mutex(HashedWordMap<ProseAnalysis.WordFacts>(capacity: 4096))

    func facts(_ key: UInt64, compute: () -> ProseAnalysis.WordFacts) -> ProseAnalysis.WordFacts {
        if let known = storage.withLock({ $0[key] }) { return known }
        let facts = compute()
        storage.withLock { table in
            if table.count < Self.capacity { table[key] = facts }
        }
        return facts
    }
}
