import Hyperscan
import SystemIO
#if canImport(Glibc)
import Glibc
#endif

/// Vectorscan databases of Vale rule sets kept between runs, so that a rule set's patterns are
/// compiled once (about 0.1 s for the five big Vale packages) and not at the start of every
/// large run. An entry is named by the SHA-256 of everything that decides the database's bytes
/// (`key`): every expression with its id and flags, the mode, the Vectorscan version and the
/// host platform it compiles for; a rule set, a Galley or a library that changes asks for
/// another entry and never reads a stale one.
///
/// The folder is `$GALLEY_CACHE_DIR`, else `$XDG_CACHE_HOME/galley`, else `~/.cache/galley`
/// (`GALLEY_CACHE_DIR=off` turns the cache off; `GALLEY_VALE_HYPERSCAN=0` turns the whole
/// prefilter off). Entries are written through `GuardedWriter` to a temporary file renamed
/// into place, so concurrent runs never see half an entry; each is checked when read (magic,
/// format version, key, lengths, a 64-bit checksum of the whole entry, then Vectorscan's own
/// version, platform and CRC-32C checks). Any entry that fails a check, cannot be read or cannot be
/// written is ignored and the database compiled: the cache never changes a finding, and
/// never stops a run.
struct ValeScannerCache: Sendable {
    static let magic = Array("GALLEY-VECTORSCAN\n".utf8)
    static let formatVersion: UInt32 = 2
    /// An entry larger than this is not read (the five packages' database takes 248 KB).
    static let maxEntryBytes = 64 << 20
    /// Newest entries kept in the folder; older ones are removed when a new one is written.
    static let keptEntries = 16

    /// The folder entries live in (`…/vectorscan-v2`).
    let directory: String
    private let writer: GuardedWriter

    init(folder: String, writer: GuardedWriter = GuardedWriter()) {
        let trimmed = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        directory = trimmed + "/vectorscan-v\(Self.formatVersion)"
        self.writer = writer
    }

    /// The cache this process's environment names; nil when it is off or there is no home.
    static let standard: ValeScannerCache? = folder(environment: { getenv($0).map { String(cString: $0) } }).map { ValeScannerCache(folder: $0) }

    /// Galley's cache folder: `GALLEY_CACHE_DIR` (`off` for none), else `$XDG_CACHE_HOME/galley`
    /// (only an absolute one, as the XDG specification asks), else `$HOME/.cache/galley`.
    static func folder(environment: (String) -> String?) -> String? {
        if let chosen = environment("GALLEY_CACHE_DIR"), !chosen.isEmpty {
            return chosen == "off" ? nil : chosen
        }
        if let xdg = environment("XDG_CACHE_HOME"), xdg.hasPrefix("/") { return xdg + "/galley" }
        if let home = environment("HOME"), home.hasPrefix("/") { return (home == "/" ? "" : home) + "/.cache/galley" }
        return nil
    }

    /// The key of the database `expressions` compile to on this machine; nil when the
    /// platform cannot be told (nothing is then cached).
    static func key(_ expressions: [HyperscanDatabase.Expression]) -> [UInt8]? {
        guard let platform = HyperscanDatabase.platform else { return nil }
        var hasher = SHA256()
        hasher.update("galley vectorscan cache \(formatVersion)")
        hasher.update("vectorscan \(HyperscanDatabase.version)")
        hasher.update("platform \(platform)")
        // `HyperscanDatabase.compile` compiles for block mode only.
        hasher.update("mode block")
        hasher.update("expressions \(expressions.count)")
        for expression in expressions {
            // Each pattern after its length: no two lists of expressions write the same bytes.
            hasher.update("\(expression.id) \(expression.flags.rawValue) \(expression.pattern.utf8.count)")
            hasher.update(expression.pattern)
        }
        return hasher.finish()
    }

    func path(of key: [UInt8]) -> String {
        directory + "/" + key.prefix(20).map(hexByte).joined() + ".hsdb"
    }

    /// The database stored under `key`; nil when there is none or it fails a check.
    func database(forKey key: [UInt8]) -> HyperscanDatabase? {
        guard let bytes = try? FileSystem.read(path(of: key), maxBytes: Self.maxEntryBytes) else { return nil }
        return Self.database(entry: bytes, key: key)
    }

    /// An entry's database, when the entry passes every check for `key`.
    static func database(entry bytes: [UInt8], key: [UInt8]) -> HyperscanDatabase? {
        guard let (ids, range) = decode(bytes, key: key) else { return nil }
        return bytes.withUnsafeBytes { whole in
            HyperscanDatabase.deserialize(UnsafeRawBufferPointer(rebasing: whole[range]), compiledIDs: ids)
        }
    }

    /// The compiled ids and where the serialized database lies in an entry; nil when the entry
    /// is not one of ours, is damaged or truncated, of another format, or for another key.
    static func decode(_ bytes: [UInt8], key: [UInt8]) -> (ids: Set<UInt32>, database: Range<Int>)? {
        let header = magic.count + 4 + 32 + 4
        guard bytes.count >= header + 8 + 8, bytes[..<magic.count].elementsEqual(magic) else { return nil }
        let body = bytes.count - 8
        var end = body
        guard checksum(bytes[..<body]) == number(bytes, at: &end, width: 8) else { return nil }
        var offset = magic.count
        guard number(bytes, at: &offset, width: 4) == UInt64(formatVersion) else { return nil }
        guard bytes[offset..<(offset + 32)].elementsEqual(key) else { return nil }
        offset += 32
        let count = Int(number(bytes, at: &offset, width: 4))
        guard count <= (body - offset) / 4 else { return nil }
        var ids = Set<UInt32>(minimumCapacity: count)
        for _ in 0..<count { ids.insert(UInt32(number(bytes, at: &offset, width: 4))) }
        guard body - offset >= 8 else { return nil }
        let length = number(bytes, at: &offset, width: 8)
        guard length > 0, length == UInt64(body - offset) else { return nil }
        return (ids, offset..<body)
    }

    static func encode(key: [UInt8], ids: Set<UInt32>, database: [UInt8]) -> [UInt8] {
        var bytes = magic
        append(UInt64(formatVersion), width: 4, to: &bytes)
        bytes += key
        append(UInt64(ids.count), width: 4, to: &bytes)
        for id in ids.sorted() { append(UInt64(id), width: 4, to: &bytes) }
        append(UInt64(database.count), width: 8, to: &bytes)
        bytes += database
        return sealed(bytes)
    }

    /// `body` with its checksum after it.
    static func sealed(_ body: [UInt8]) -> [UInt8] {
        var bytes = body
        append(checksum(body[...]), width: 8, to: &bytes)
        return bytes
    }

    /// The entry's checksum: xxHash64's round and final mix over the bytes as little-endian
    /// 64-bit words, one lane. It is there to catch damage (a torn or truncated write, a bad
    /// disk block), not forgery, for which whoever can write the cache folder has easier ways;
    /// about 0.3 M instructions for the five packages' 248 KB, where SHA-256 took 23 M, so that
    /// reading an entry stays cheap enough for runs of a few files. The name of the entry (its
    /// key) is a SHA-256.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let prime1: UInt64 = 0x9E37_79B1_85EB_CA87, prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63, prime5: UInt64 = 0x27D4_EB2F_1656_67C5
        func rotated(_ value: UInt64, _ count: UInt64) -> UInt64 { value << count | value >> (64 - count) }
        var hash = prime5 &+ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                hash ^= rotated(word &* prime2, 31) &* prime1
                hash = rotated(hash, 27) &* prime1 &+ prime4
                offset += 8
            }
            while offset < raw.count {
                hash ^= UInt64(raw[offset]) &* prime5
                hash = rotated(hash, 11) &* prime1
                offset += 1
            }
        }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= 0x1656_67B1_9E37_79F9
        return hash ^ hash >> 32
    }

    /// Keeps `database` under `key`, and removes the oldest entries beyond `keptEntries`. A
    /// cache that cannot be written is no reason to fail or slow a run: the reason is returned
    /// (for tests), and the run goes on.
    @discardableResult
    func store(_ database: HyperscanDatabase, forKey key: [UInt8]) -> String? {
        guard let serialized = database.serialized() else { return "Vectorscan could not serialize the database" }
        let option = "GALLEY_CACHE_DIR"
        do {
            try writer.makeFolders(directory, option: option)
            try writer.write(Self.encode(key: key, ids: database.compiledIDs, database: serialized), to: path(of: key), option: option,
                             what: "the Vectorscan cache entry", durable: false)
        } catch {
            return error.message
        }
        prune(keeping: path(of: key))
        return nil
    }

    /// Removes all but the `keptEntries` newest entries (never `kept`, just written). Another
    /// run may remove the same ones at the same time: a missing file is no error.
    private func prune(keeping kept: String) {
        var entries: [(path: String, modified: Int)] = []
        try? FileSystem.forEachEntry(directory) { entry in
            guard entry.name.hasSuffix(".hsdb"), !entry.name.hasPrefix(".") else { return }
            let path = directory + "/" + entry.name
            var info = stat()
            guard path != kept, lstat(path, &info) == 0 else { return }
            entries.append((path, Int(info.st_mtim.tv_sec)))
        }
        guard entries.count >= Self.keptEntries else { return }
        for entry in entries.sorted(by: { $0.modified > $1.modified }).dropFirst(Self.keptEntries - 1) { unlink(entry.path) }
    }

    private static func number(_ bytes: [UInt8], at offset: inout Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += width
        return value
    }

    private static func append(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
        for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }
}
