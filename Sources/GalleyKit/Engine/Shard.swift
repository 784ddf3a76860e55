/// Splits a run across CI machines: shard K of N takes the files whose path hashes to K - 1
/// modulo N. The choice depends on each path alone, so N jobs over the same checkout cover
/// every file exactly once, whatever order or machine they run on.
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    /// "2/5" → shard 2 of 5; nil unless 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    public func contains(_ path: String) -> Bool {
        Int(FNV1a.hash(path.utf8) % UInt64(count)) == index - 1
    }

    public func select(_ files: PathList) -> PathList { files.filter(contains) }
}
