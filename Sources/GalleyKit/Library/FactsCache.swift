import SystemIO

/// Facts kept between runs in `.galley-cache/`, so a run over the files changed since a git
/// ref reads the other articles' facts instead of parsing them again. An entry is keyed by the
/// SHA-256 of the article's bytes, the configuration it was read under (`Linter.signature`),
/// the facts format and the Galley version: whatever changes, a stale entry is simply never
/// asked for again. Entries hold no path (a renamed file keeps its entry).
///
/// The folder is safe to delete at any time and belongs in `.gitignore`. Each entry is written
/// through `GuardedWriter`, to a temporary file renamed into place, so concurrent runs never
/// see half an entry; every entry is checked (magic, version, SHA-256) when read, and a bad
/// one is a miss that the run writes again.
public struct FactsCache: Sendable {
    public static let defaultDirectory = ".galley-cache"
    static let magic = Array("GALLEY-CACHE\n".utf8)
    /// An entry larger than this is not read (an article's facts take a few kilobytes).
    static let maxEntryBytes = 16 << 20

    public let directory: String
    private let writer: GuardedWriter
    private let option: String

    public init(directory: String, writer: GuardedWriter, option: String = "--cache-dir") {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.writer = writer
        self.option = option
    }

    /// The key of an article's facts: its bytes under a configuration.
    public static func key(content: [UInt8], signature: String) -> String {
        var hasher = SHA256()
        hasher.update("galley \(Galley.version) facts \(FactsFile.formatVersion)")
        hasher.update(signature)
        hasher.update(SHA256.hash(content))
        return hasher.finish().prefix(20).map(hexByte).joined()
    }

    func path(of key: String) -> String {
        "\(directory)/facts-v\(FactsFile.formatVersion)/\(key.prefix(2))/\(key)"
    }

    /// The facts cached under `key`, with `path` as their article's path; nil when there are
    /// none or the entry is damaged.
    public func facts(forKey key: String, path: String) -> ArticleFacts? {
        guard let bytes = try? FileSystem.read(self.path(of: key), maxBytes: Self.maxEntryBytes) else { return nil }
        return try? Self.decodeEntry(bytes, path: path)
    }

    /// Reads a cache entry's bytes (public for the fuzz targets).
    public static func decodeEntry(_ bytes: [UInt8], path: String) throws(FactsError) -> ArticleFacts {
        guard bytes.count >= magic.count + 32, bytes[..<magic.count].elementsEqual(magic) else { throw FactsError("not a cache entry") }
        let body = bytes[..<(bytes.count - 32)]
        guard SHA256.hash(body).elementsEqual(bytes[body.count...]) else { throw FactsError("damaged cache entry") }
        var reader = FactsReader(bytes, from: magic.count, to: body.count)
        guard try reader.number() == FactsFile.formatVersion else { throw FactsError("another facts format") }
        var facts = try reader.facts()
        guard reader.isAtEnd else { throw FactsError("bytes after the record") }
        facts.path = path
        return facts
    }

    static func encodeEntry(_ facts: ArticleFacts) -> [UInt8] {
        var stored = facts
        stored.path = ""
        var writer = FactsWriter()
        writer.raw(magic)
        writer.number(FactsFile.formatVersion)
        writer.facts(stored)
        var bytes = writer.bytes
        bytes += SHA256.hash(bytes)
        return bytes
    }

    /// Keeps `facts` under `key`. A cache that cannot be written is no reason to fail a run:
    /// the reason is returned for a note.
    public func store(_ facts: ArticleFacts, forKey key: String) -> String? {
        let file = path(of: key)
        do {
            try writer.makeFolders(PathNames.directory(of: file), option: option)
            try writer.write(Self.encodeEntry(facts), to: file, option: option, what: "a cache entry", durable: false)
            return nil
        } catch {
            return error.message
        }
    }
}
