import Hunspell
import Synchronization

/// Loaded Hunspell dictionaries and what they have answered so far. Hunspell handles are not
/// thread-safe, so a session is used by one thread at a time: `SpellingSessionPool` lends it for
/// one document and takes it back. Its caches need no lock for the same reason; each worker
/// thread ends up with a session of its own, warm with the words of every document it checked.
final class SpellingSession: @unchecked Sendable {
    private let dictionaries: [HunspellDictionary]
    /// Verdicts by the FNV-1a hash of the word's exact bytes (letter case matters to Hunspell).
    private var verdicts = HashedWordMap<Bool>(capacity: 8192)
    private var suggestionCache: [String: [String]] = [:]

    /// Beyond these many entries new answers are computed each time, not stored (a verdict
    /// costs 17 bytes, a suggestion list a few hundred).
    static let verdictCapacity = 500_000
    static let suggestionCapacity = 20_000

    init(dictionaries: [HunspellDictionary]) {
        self.dictionaries = dictionaries
    }

    /// Whether any of the dictionaries accepts the word (UTF-8 bytes).
    func isKnown(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var hash = FNV1a()
        for byte in word { hash.add(byte: byte) }
        let key = hash.value | 1
        if let known = verdicts[key] { return known }
        let verdict = dictionaries.contains { $0.check(word) }
        if verdicts.count < Self.verdictCapacity { verdicts[key] = verdict }
        return verdict
    }

    func isKnown(_ word: String) -> Bool {
        var copy = word
        return copy.withUTF8 { isKnown($0) }
    }

    /// Hunspell's suggestions from every dictionary, the first dictionary's first, no repeats.
    func suggestions(for word: String) -> [String] {
        if let cached = suggestionCache[word] { return cached }
        var result: [String] = []
        for dictionary in dictionaries {
            for suggestion in dictionary.suggestions(for: word) where !result.contains(suggestion) { result.append(suggestion) }
        }
        if suggestionCache.count < Self.suggestionCapacity { suggestionCache[word] = result }
        return result
    }
}

/// The sessions of one list of dictionaries, shared by every rule naming that list and every
/// thread of the process. A session is made (and its dictionaries loaded) only when a document
/// needs one and none is free, so a run loads each dictionary once per worker thread at most,
/// never once per document.
final class SpellingSessionPool: Sendable {
    let files: [DictionaryFiles]
    private let idle = Mutex<[SpellingSession]>([])
    /// Sessions made so far (for tests and benchmarks).
    private let made = Atomic<Int>(0)

    private init(files: [DictionaryFiles]) {
        self.files = files
    }

    private static let registry = Mutex<[[DictionaryFiles]: SpellingSessionPool]>([:])

    /// The process's pool for `files`.
    static func shared(for files: [DictionaryFiles]) -> SpellingSessionPool {
        registry.withLock { pools in
            if let pool = pools[files] { return pool }
            let pool = SpellingSessionPool(files: files)
            pools[files] = pool
            return pool
        }
    }

    var sessionsMade: Int { made.load(ordering: .relaxed) }

    /// Runs `body` with a session of its own, loading the dictionaries if no session is free.
    func withSession<Result>(_ body: (SpellingSession) -> Result) -> Swift.Result<Result, HunspellDictionary.LoadError> {
        let session: SpellingSession
        if let free = idle.withLock({ $0.popLast() }) {
            session = free
        } else {
            do {
                session = try makeSession()
            } catch {
                return .failure(error)
            }
        }
        defer { idle.withLock { $0.append(session) } }
        return .success(body(session))
    }

    private func makeSession() throws(HunspellDictionary.LoadError) -> SpellingSession {
        var dictionaries: [HunspellDictionary] = []
        for file in files {
            dictionaries.append(try HunspellDictionary(affixPath: file.affixPath, dictionaryPath: file.wordsPath))
        }
        made.wrappingAdd(1, ordering: .relaxed)
        return SpellingSession(dictionaries: dictionaries)
    }
}
