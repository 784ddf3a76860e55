import SystemIO

/// A file pattern as in .gitignore: `*` and `?` stay within one path segment, `**` crosses any
/// number of them, `[abc]` is a class. A pattern without `/` matches a name at any depth, and a
/// pattern that matches a directory matches everything under it.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let segments: [[UInt8]]
    private let anchored: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = pattern
        if text.hasPrefix("./") { text.removeFirst(2) }
        anchored = text.dropLast().contains("/")
        if text.hasPrefix("/") { text.removeFirst() }
        if text.hasSuffix("/") { text.removeLast() }
        segments = text.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    public var description: String { pattern }

    /// Whether `path` (relative, `/`-separated) or one of its parent folders matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        guard !segments.isEmpty else { return false }
        if anchored {
            return (1...parts.count).contains { Self.matchSegments(segments[...], parts[0..<$0]) }
        }
        // Unanchored: the pattern may start at any folder.
        for start in parts.indices {
            for end in (start + 1)...parts.count where Self.matchSegments(segments[...], parts[start..<end]) { return true }
        }
        return false
    }

    /// Whether the path's segments match the pattern's, `**` crossing any number of them.
    static func matchSegments(_ pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<[UInt8]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == Array("**".utf8) {
            let rest = pattern.dropFirst()
            for skip in 0...path.count where matchSegments(rest, path.dropFirst(skip)) { return true }
            return false
        }
        guard let segment = path.first, Self.matchSegment(first[...], segment[...]) else { return false }
        return matchSegments(pattern.dropFirst(), path.dropFirst())
    }

    static func matchSegment(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case UInt8(ascii: "*"):
            let rest = pattern.dropFirst()
            for skip in 0...text.count where matchSegment(rest, text.dropFirst(skip)) { return true }
            return false
        case UInt8(ascii: "?"):
            guard !text.isEmpty else { return false }
            var next = text.dropFirst()
            while let byte = next.first, byte & 0xC0 == 0x80 { next = next.dropFirst() }
            return matchSegment(pattern.dropFirst(), next)
        case UInt8(ascii: "["):
            guard let close = pattern.dropFirst().firstIndex(of: UInt8(ascii: "]")), let byte = text.first else { return false }
            var members = pattern[(pattern.startIndex + 1)..<close]
            let negated = members.first == UInt8(ascii: "!") || members.first == UInt8(ascii: "^")
            if negated { members = members.dropFirst() }
            var found = false
            var index = members.startIndex
            while index < members.endIndex {
                if index + 2 < members.endIndex, members[index + 1] == UInt8(ascii: "-") {
                    if members[index] <= byte && byte <= members[index + 2] { found = true }
                    index += 3
                } else {
                    if members[index] == byte { found = true }
                    index += 1
                }
            }
            return found != negated && matchSegment(pattern[(close + 1)...], text.dropFirst())
        default:
            guard text.first == head else { return false }
            return matchSegment(pattern.dropFirst(), text.dropFirst())
        }
    }
}

/// Absolute, normalized paths, for relating files to the configuration that governs them.
public enum PathNames {
    public static func absolute(_ path: String, from directory: String) -> String {
        normalize(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    /// Removes `.` and `..` segments and doubled slashes.
    public static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Already absolute, without `.` or `..` segments, doubled or trailing slashes (as nearly
    /// every path of a run is): checked on bytes, since every file of a run is normalized.
    private static func isNormal(_ path: String) -> Bool {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return false }
        if utf8.count == 1 { return true }
        var length = 0
        var allDots = true
        for byte in utf8.dropFirst() {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (allDots && length <= 2) { return false }
                length = 0
                allDots = true
            } else {
                length += 1
                if byte != UInt8(ascii: ".") { allDots = false }
            }
        }
        return !(length == 0 || (allDots && length <= 2))
    }

    // `/` is looked for in the UTF-8 view: searching Characters costs several times more, and
    // the library phase splits every link's path.
    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component: `a/b.md` → `b.md`.
    public static func fileName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// How to show an absolute path: relative to the working folder when inside it.
    public static func display(_ path: String) -> String {
        relative(path, to: normalize(FileSystem.currentDirectory)) ?? path
    }

    /// `path` relative to `directory` when it lies inside it, else nil.
    public static func relative(_ path: String, to directory: String) -> String? {
        if directory == "/" { return String(path.dropFirst()) }
        guard path.hasPrefix(directory + "/") else { return nil }
        return String(path.dropFirst(directory.count + 1))
    }
}
