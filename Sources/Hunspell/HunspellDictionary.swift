internal import CHunspell
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One Hunspell dictionary (an affix file and its word list) loaded into memory, with words and
/// suggestions in UTF-8 whatever the dictionary's own encoding.
///
/// Not thread-safe, and deliberately not `Sendable`: Hunspell keeps scratch state in the handle
/// while it checks and suggests, so one handle serves one thread at a time. Callers keep one per
/// worker. Loading costs tens of milliseconds and several megabytes: load once, reuse.
public final class HunspellDictionary {
    private let handle: OpaquePointer
    /// The dictionary's `SET` encoding as Hunspell reports it (`UTF-8`, `ISO8859-1`...).
    public let encoding: String
    /// Converters to and from the dictionary's encoding; nil for UTF-8 dictionaries (nearly all).
    private let toDictionary: TextConverter?
    private let fromDictionary: TextConverter?
    /// A NUL-terminated copy of the word being checked, reused from word to word.
    private var scratch = [CChar](repeating: 0, count: HunspellDictionary.maxWordBytes + 1)

    /// Longer words are never looked up (Hunspell itself refuses words over 300 bytes).
    public static let maxWordBytes = 255

    public struct LoadError: Error, Sendable, Equatable {
        public let message: String
    }

    /// Hunspell's loader keeps process-wide tables it sets up on first use; handles are created
    /// and destroyed one at a time so two threads never race on them.
    private static let lifecycle = Mutex(())

    /// Loads `affixPath` and `dictionaryPath` (both must be readable files).
    public init(affixPath: String, dictionaryPath: String) throws(LoadError) {
        for path in [affixPath, dictionaryPath] {
            guard let file = fopen(path, "r") else {
                throw LoadError(message: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            fclose(file)
        }
        guard let created = Self.lifecycle.withLock({ _ in Hunspell_create(affixPath, dictionaryPath) }) else {
            throw LoadError(message: "Hunspell could not load \(dictionaryPath)")
        }
        let reported = Hunspell_get_dic_encoding(created).map { String(cString: $0) } ?? "UTF-8"
        if Self.isUTF8(reported) {
            toDictionary = nil
            fromDictionary = nil
        } else {
            let name = Self.iconvName(reported)
            guard let to = TextConverter(from: "UTF-8", to: name), let from = TextConverter(from: name, to: "UTF-8") else {
                Self.lifecycle.withLock { _ in Hunspell_destroy(created) }
                throw LoadError(message: "\(affixPath) is encoded in \(reported), which this system cannot convert")
            }
            toDictionary = to
            fromDictionary = from
        }
        handle = created
        encoding = reported
    }

    deinit {
        let handle = self.handle
        Self.lifecycle.withLock { _ in Hunspell_destroy(handle) }
    }

    /// Adds the words of another `.dic` file that uses this dictionary's affix rules.
    public func addWords(fromDictionary path: String) throws(LoadError) {
        guard let file = fopen(path, "r") else {
            throw LoadError(message: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        fclose(file)
        guard Hunspell_add_dic(handle, path) == 0 else { throw LoadError(message: "Hunspell could not add \(path)") }
    }

    /// Whether the dictionary accepts the word (UTF-8 bytes, no NUL). Words Hunspell would
    /// refuse to look at (empty, too long, not convertible to the dictionary's encoding) are not
    /// accepted.
    public func check(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !word.isEmpty, word.count <= Self.maxWordBytes else { return false }
        if let toDictionary {
            guard let converted = toDictionary.convert(word) else { return false }
            return converted.withUnsafeBufferPointer { checkRaw($0) }
        }
        return checkRaw(word)
    }

    public func check(_ word: String) -> Bool {
        var copy = word
        return copy.withUTF8 { check($0) }
    }

    /// Hunspell's suggestions for the word, best first, as Hunspell orders them.
    public func suggestions(for word: String) -> [String] {
        let bytes = Array(word.utf8)
        guard !bytes.isEmpty, bytes.count <= Self.maxWordBytes, !bytes.contains(0) else { return [] }
        let raw: [UInt8]
        if let toDictionary {
            guard let converted = bytes.withUnsafeBufferPointer({ toDictionary.convert($0) }) else { return [] }
            raw = converted
        } else {
            raw = bytes
        }
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = (raw + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { Hunspell_suggest(handle, &list, $0) }
        }
        defer { if list != nil { Hunspell_free_list(handle, &list, count) } }
        guard count > 0, let items = list else { return [] }
        var result: [String] = []
        for index in 0..<Int(count) {
            guard let item = items[index] else { continue }
            let length = strlen(item)
            let itemBytes = UnsafeBufferPointer(start: UnsafeRawPointer(item).assumingMemoryBound(to: UInt8.self), count: length)
            if let fromDictionary {
                if let converted = fromDictionary.convert(itemBytes) { result.append(String(decoding: converted, as: UTF8.self)) }
            } else {
                result.append(String(decoding: itemBytes, as: UTF8.self))
            }
        }
        return result
    }

    /// Adds one word to this handle only (not to any file), in any letter case the dictionary
    /// derives from it.
    public func add(_ word: String) {
        guard let converted = toDictionary.map({ converter in Array(word.utf8).withUnsafeBufferPointer { converter.convert($0) } }) ?? Array(word.utf8),
              !converted.contains(0) else { return }
        (converted + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { _ = Hunspell_add(handle, $0) }
        }
    }

    private func checkRaw(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count <= Self.maxWordBytes, !word.contains(0) else { return false }
        return scratch.withUnsafeMutableBufferPointer { buffer in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(word))
            buffer[word.count] = 0
            return Hunspell_spell(handle, buffer.baseAddress!) != 0
        }
    }

    private static func isUTF8(_ name: String) -> Bool { HunspellEncoding.isUTF8(name) }

    private static func iconvName(_ name: String) -> String { HunspellEncoding.iconvName(name) }
}

/// The encodings a dictionary's affix file may declare (`SET ISO8859-1`), and whether this
/// system can convert them.
public enum HunspellEncoding {
    public static func isUTF8(_ name: String) -> Bool {
        name.lowercased().filter { $0 != "-" && $0 != "_" } == "utf8"
    }

    /// Whether words can be converted to and from `name`.
    public static func isSupported(_ name: String) -> Bool {
        isUTF8(name) || (TextConverter(from: "UTF-8", to: iconvName(name)) != nil && TextConverter(from: iconvName(name), to: "UTF-8") != nil)
    }

    /// `bytes` in encoding `name` as a string; nil when they cannot be converted.
    public static func decode(_ bytes: [UInt8], from name: String) -> String? {
        if isUTF8(name) { return String(decoding: bytes, as: UTF8.self) }
        guard let converter = TextConverter(from: iconvName(name), to: "UTF-8"),
              let converted = bytes.withUnsafeBufferPointer({ converter.convert($0) }) else { return nil }
        return String(decoding: converted, as: UTF8.self)
    }

    /// Hunspell's encoding names as iconv knows them.
    static func iconvName(_ name: String) -> String {
        name.lowercased() == "microsoft-cp1251" ? "CP1251" : name
    }
}

/// iconv between two encodings; not thread-safe (iconv keeps state), like its owner.
final class TextConverter {
    private let descriptor: iconv_t

    init?(from source: String, to target: String) {
        let descriptor = iconv_open(target, source)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        self.descriptor = descriptor
    }

    deinit { iconv_close(descriptor) }

    /// The converted bytes, or nil when a character has no equivalent or the input is invalid.
    func convert(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard !input.isEmpty else { return [] }
        _ = iconv(descriptor, nil, nil, nil, nil)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 8)
        let ok = output.withUnsafeMutableBufferPointer { outBuffer -> Int? in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = input.count
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = outBuffer.count
            let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            guard status != -1 as Int, inLeft == 0 else { return nil }
            return outBuffer.count - outLeft
        }
        guard let written = ok else { return nil }
        output.removeSubrange(written...)
        return output
    }
}
