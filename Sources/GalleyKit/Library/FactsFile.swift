/// The facts a sharded run writes (`galley lint --shard K/N --facts FILE`) for the final step
/// (`galley library FILE…`) to run the library rules over every shard's articles.
///
/// Binary, little and quick to read: a header (`GALLEY-FACTS`, the format version, the Galley
/// version, the shard, the configuration signature of each linter), one record per article
/// (`FactsCoding`), and a SHA-256 of everything before it, so a file cut short, garbled or
/// mixed with another is refused with a reason instead of read wrong.
public struct FactsFile: Sendable {
    public static let magic = Array("GALLEY-FACTS\n".utf8)
    /// Changes whenever the record format or what facts hold changes.
    public static let formatVersion = 1
    /// A facts file larger than this is refused (100,000 articles take about 70 MB).
    public static let maxBytes = 1 << 30

    public var galleyVersion: String
    /// "K/N", or empty for facts of a whole run.
    public var shard: String
    /// Configuration signatures (`Linter.signature`), which records refer to by index.
    public var signatures: [String]
    /// Every record: the signature it was taken under, its article's path, its bytes.
    public var records: [Record] = []

    public struct Record: Sendable {
        public var signature: Int
        public var path: String
        public var hasSuppressions: Bool
        var bytes: ArraySlice<UInt8>
    }

    /// The file for the facts of `store`, whose linter numbers index `signatures`.
    public static func encode(_ store: FactsStore, signatures: [String], shard: Shard?) -> [UInt8] {
        var writer = FactsWriter()
        writer.raw(magic)
        writer.number(formatVersion)
        writer.string(Galley.version)
        writer.string(shard.map { "\($0.index)/\($0.count)" } ?? "")
        writer.number(signatures.count)
        for signature in signatures { writer.string(signature) }
        writer.number(store.count)
        for index in 0..<store.count {
            let record = store.record(index)
            writer.number(store.linter(index))
            writer.number(record.count)
            writer.raw(record)
        }
        var bytes = writer.bytes
        bytes += SHA256.hash(bytes)
        return bytes
    }

    /// Reads a facts file; every record is decoded once, so nothing in it can fail later.
    public static func decode(_ bytes: [UInt8]) throws(FactsError) -> FactsFile {
        guard bytes.count >= magic.count, bytes[..<magic.count].elementsEqual(magic) else {
            throw FactsError("not a Galley facts file (write one with galley lint --facts FILE)")
        }
        guard bytes.count >= magic.count + 32 else { throw FactsError("the file is cut short") }
        let body = bytes[..<(bytes.count - 32)]
        var reader = FactsReader(bytes, from: magic.count, to: body.count)
        let version = try reader.number()
        guard version == formatVersion else {
            throw FactsError("written in facts format \(version); this Galley (\(Galley.version)) reads format \(formatVersion): write the facts again with this Galley")
        }
        guard SHA256.hash(body).elementsEqual(bytes[body.count...]) else {
            throw FactsError("the file is damaged or cut short (its checksum does not match)")
        }
        var file = FactsFile(galleyVersion: try reader.string(), shard: try reader.string(), signatures: [])
        for _ in 0..<(try reader.count()) { file.signatures.append(try reader.string()) }
        let count = try reader.count(minimumBytes: 3)
        file.records.reserveCapacity(count)
        for number in 0..<count {
            let signature = try reader.number()
            guard signature < file.signatures.count else { throw FactsError("record \(number + 1) names configuration \(signature + 1) of \(file.signatures.count)") }
            let length = try reader.number()
            let record = try reader.raw(length)
            var recordReader = FactsReader(bytes, from: record.startIndex, to: record.endIndex)
            let facts: ArticleFacts
            do {
                facts = try recordReader.facts()
            } catch {
                throw FactsError("record \(number + 1): \(error.message)")
            }
            guard recordReader.isAtEnd else { throw FactsError("record \(number + 1) has bytes after its end") }
            file.records.append(Record(signature: signature, path: facts.path, hasSuppressions: !facts.suppressions.isEmpty, bytes: record))
        }
        guard reader.isAtEnd else { throw FactsError("bytes follow the last record") }
        return file
    }
}
