internal import CHyperscan
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Many patterns compiled by Hyperscan into one database, scanned in one pass over a text.
/// Immutable after init and shared across threads; each concurrent scan takes its own scratch
/// from a small pool.
public final class HyperscanDatabase: @unchecked Sendable {
    private let database: OpaquePointer
    /// Scratches not in use; a scan takes one (or clones a new one) and gives it back.
    private let pool = Mutex<[Scratch]>([])

    /// A scratch region, used by one scan at a time.
    private struct Scratch: @unchecked Sendable {
        let pointer: OpaquePointer
    }
    private let prototype: OpaquePointer
    /// The ids of the expressions compiled (those Hyperscan refused are left out).
    public let compiledIDs: Set<UInt32>

    /// Whether this machine can run Hyperscan (SSSE3 on x86-64); false where the library was
    /// built without support for it.
    public static var isPlatformSupported: Bool { hs_valid_platform() == HS_SUCCESS }

    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let caseless = Flags(rawValue: UInt32(HS_FLAG_CASELESS))
        public static let dotAll = Flags(rawValue: UInt32(HS_FLAG_DOTALL))
        public static let utf8 = Flags(rawValue: UInt32(HS_FLAG_UTF8))
        public static let unicodeProperties = Flags(rawValue: UInt32(HS_FLAG_UCP))
        /// Hyperscan may match a superset of the pattern (it approximates what it cannot run).
        public static let prefilter = Flags(rawValue: UInt32(HS_FLAG_PREFILTER))
    }

    public struct Expression: Sendable {
        public var pattern: String
        public var id: UInt32
        public var flags: Flags
        public init(_ pattern: String, id: UInt32, flags: Flags) {
            self.pattern = pattern
            self.id = id
            self.flags = flags
        }
    }

    /// Compiles `expressions` for block mode. An expression Hyperscan refuses (one that can
    /// match the empty string, a construct it does not know) is left out and named in
    /// `refused`; nil when none compiles or the platform is unsupported.
    public static func compile(_ expressions: [Expression]) -> (database: HyperscanDatabase?, refused: [(id: UInt32, message: String)]) {
        guard isPlatformSupported else { return (nil, []) }
        var remaining = expressions
        var refused: [(UInt32, String)] = []
        while !remaining.isEmpty {
            switch compileOnce(remaining) {
            case .success(let database):
                guard let scratch = allocateScratch(database) else {
                    hs_free_database(database)
                    return (nil, refused)
                }
                return (HyperscanDatabase(database: database, scratch: scratch, ids: Set(remaining.map(\.id))), refused)
            case .failure(let failure):
                guard let index = failure.index, remaining.indices.contains(index) else {
                    return (nil, refused + remaining.map { ($0.id, failure.message) })
                }
                refused.append((remaining[index].id, failure.message))
                remaining.remove(at: index)
            }
        }
        return (nil, refused)
    }

    private struct CompileFailure: Error {
        var index: Int?
        var message: String
    }

    private static func compileOnce(_ expressions: [Expression]) -> Result<OpaquePointer, CompileFailure> {
        var cStrings = expressions.map { strdup($0.pattern) }
        defer { for pointer in cStrings { free(pointer) } }
        var flags = expressions.map { UInt32($0.flags.rawValue) }
        var ids = expressions.map(\.id)
        var database: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let status = cStrings.withUnsafeMutableBufferPointer { strings in
            strings.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: strings.count) { patterns in
                hs_compile_multi(patterns, &flags, &ids, UInt32(expressions.count), UInt32(HS_MODE_BLOCK), nil, &database, &error)
            }
        }
        if status == HS_SUCCESS, let database { return .success(database) }
        let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "Hyperscan error \(status)"
        let index = error.map { Int($0.pointee.expression) }.flatMap { $0 >= 0 ? $0 : nil }
        if let error { hs_free_compile_error(error) }
        return .failure(CompileFailure(index: index, message: message))
    }

    /// The library's version and build date (`hs_version`), e.g. "5.4.9 2023-03-07": a
    /// serialized database is only read back by the version that wrote it.
    public static var version: String { String(cString: hs_version()) }

    /// The host's platform as Hyperscan compiles for it (`hs_populate_platform`: the CPU model
    /// it tunes for and the instruction set extensions it uses), for keying stored databases;
    /// nil when it cannot tell.
    public static var platform: String? {
        var info = hs_platform_info_t()
        guard hs_populate_platform(&info) == HS_SUCCESS else { return nil }
        return "tune \(info.tune) features \(info.cpu_features)"
    }

    /// The database as bytes (`hs_serialize_database`), to be read back by `deserialize` on a
    /// machine of the same platform with the same library version; nil on failure.
    public func serialized() -> [UInt8]? {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
        defer { free(bytes) }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// A database read back from `serialized()`'s bytes, with the ids of the expressions that
    /// were compiled into it. nil when the library refuses the bytes (another version or
    /// platform, a bad length, a checksum that does not match: Hyperscan checks its CRC-32C
    /// of the bytecode) or no scratch can be made for it.
    public static func deserialize(_ bytes: UnsafeRawBufferPointer, compiledIDs: Set<UInt32>) -> HyperscanDatabase? {
        guard isPlatformSupported, let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        var database: OpaquePointer?
        let status = hs_deserialize_database(base.assumingMemoryBound(to: CChar.self), bytes.count, &database)
        guard status == HS_SUCCESS, let database else { return nil }
        guard let scratch = allocateScratch(database) else {
            hs_free_database(database)
            return nil
        }
        return HyperscanDatabase(database: database, scratch: scratch, ids: compiledIDs)
    }

    private static func allocateScratch(_ database: OpaquePointer) -> OpaquePointer? {
        var scratch: OpaquePointer?
        return hs_alloc_scratch(database, &scratch) == HS_SUCCESS ? scratch : nil
    }

    private init(database: OpaquePointer, scratch: OpaquePointer, ids: Set<UInt32>) {
        self.database = database
        prototype = scratch
        compiledIDs = ids
    }

    deinit {
        for scratch in pool.withLock({ $0 }) { hs_free_scratch(scratch.pointer) }
        hs_free_scratch(prototype)
        hs_free_database(database)
    }

    /// A match event: the expression's id and the offset just past the end of the match.
    public struct Event: Sendable, Equatable {
        public var id: UInt32
        public var end: Int
    }

    /// Every end of a match of every expression in `bytes`, in order of end offset (each end
    /// offset of each expression once, as Hyperscan reports them); nil when the scan could not
    /// be made or did not finish (no scratch, a text over 4 GiB, an error from Hyperscan): the
    /// caller must then assume any expression may match anywhere.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [Event]? {
        var packed: [UInt64] = []
        guard scan(bytes, packedInto: &packed) else { return nil }
        return packed.map { Event(id: UInt32($0 >> 32), end: Int(UInt32(truncatingIfNeeded: $0))) }
    }

    /// As `scan(_:)`, each event appended to `events` as its id (high half) and end offset
    /// (low half) in one word, without an array of events in between; false (with `events`
    /// holding what was found before) when the scan could not be made or did not finish.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, packedInto events: inout [UInt64]) -> Bool {
        guard bytes.count <= Int(UInt32.max) else { return false }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        let scratch = pool.withLock { $0.popLast()?.pointer } ?? {
            var clone: OpaquePointer?
            return hs_clone_scratch(prototype, &clone) == HS_SUCCESS ? clone : nil
        }()
        guard let scratch else { return false }
        let status = withUnsafeMutablePointer(to: &events) { pointer in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { data in
                hs_scan(database, data, UInt32(bytes.count), 0, scratch, { id, _, to, _, context in
                    context!.assumingMemoryBound(to: [UInt64].self).pointee.append(UInt64(id) << 32 | to)
                    return 0
                }, pointer)
            }
        }
        let returned = Scratch(pointer: scratch)
        pool.withLock { $0.append(returned) }
        return status == HS_SUCCESS
    }
}
