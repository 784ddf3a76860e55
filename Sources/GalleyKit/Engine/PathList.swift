/// Paths sorted by their bytes, each once, kept in one buffer. A run over 100,000 articles
/// holds every path until it ends; as separate strings each cost a heap block of twice its
/// length, here they cost their bytes and two integers, so memory stays flat as a library grows.
public struct PathList: RandomAccessCollection, Sendable {
    private let bytes: [UInt8]
    /// Where each path ends in `bytes`, in the order they were added.
    private let ends: [Int]
    /// Positions in `ends`, sorted by path.
    private let order: [Int]

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    public subscript(position: Int) -> String {
        let added = order[position]
        let start = added == 0 ? 0 : ends[added - 1]
        return String(decoding: bytes[start..<ends[added]], as: UTF8.self)
    }

    public init() {
        self.init(Builder())
    }

    public init(_ paths: some Sequence<String>) {
        var builder = Builder()
        for path in paths { builder.append(path) }
        self.init(builder)
    }

    public init(_ builder: Builder) {
        bytes = builder.bytes
        ends = builder.ends
        order = builder.ends.withUnsafeBufferPointer { ends in
            builder.bytes.withUnsafeBufferPointer { bytes in
                func path(_ added: Int) -> UnsafeBufferPointer<UInt8> {
                    let start = added == 0 ? 0 : ends[added - 1]
                    return UnsafeBufferPointer(rebasing: bytes[start..<ends[added]])
                }
                var order = Array(ends.indices)
                order.sort { path($0).lexicographicallyPrecedes(path($1)) }
                // Sorted, a path added twice sits next to itself.
                var kept = 0
                for index in order.indices where kept == 0 || !path(order[index]).elementsEqual(path(order[kept - 1])) {
                    order[kept] = order[index]
                    kept += 1
                }
                order.removeSubrange(kept...)
                return order
            }
        }
    }

    /// The paths that pass `isIncluded`: a subset of a sorted list without repeats is one
    /// already, so it is kept in this order and never sorted again.
    public func filter(_ isIncluded: (String) -> Bool) -> PathList {
        var kept = Builder()
        for path in self where isIncluded(path) { kept.append(path) }
        return PathList(bytes: kept.bytes, ends: kept.ends, order: Array(kept.ends.indices))
    }

    private init(bytes: [UInt8], ends: [Int], order: [Int]) {
        self.bytes = bytes
        self.ends = ends
        self.order = order
    }

    /// Collects paths in any order; `PathList(builder)` sorts them and drops repeats.
    public struct Builder: Sendable {
        fileprivate var bytes: [UInt8] = []
        fileprivate var ends: [Int] = []

        public init() {}

        public var count: Int { ends.count }

        public mutating func append(_ path: String) {
            bytes.append(contentsOf: path.utf8)
            ends.append(bytes.count)
        }
    }
}
