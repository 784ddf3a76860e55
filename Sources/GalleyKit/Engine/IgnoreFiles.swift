import SystemIO

/// What a folder walk leaves out: what `.gitignore` files say, then what `.galleyignore` files say
/// (same syntax, read after, so `!public/` there brings a folder back), over built-in defaults:
/// the folders sites build into or download into (`node_modules/`, `_site/`, `public/`,
/// `vendor/`). Ignore files count from the repository's root (or the folder walked, outside a
/// repository) down to each folder. Files and folders named on the command line are always read.
///
/// The syntax is git's: `#` comments, `!` to re-include, a trailing `/` for folders only, a
/// pattern with a `/` before its end anchored to its file's folder (else matching a name at any
/// depth), `*`, `?`, `[…]` within a name and `**` across folders; the last matching line wins.
struct IgnoreRules: Sendable {
    static let fileNames = [".gitignore", ".galleyignore"]
    static let defaultFolders = ["node_modules", "_site", "public", "vendor"]

    struct Line: Sendable {
        /// Folder of the ignore file, absolute, without a trailing slash ("" for the defaults).
        var base: String
        var segments: [[UInt8]]
        var anchored: Bool
        var negated: Bool
        var foldersOnly: Bool
    }

    private(set) var lines: [Line] = []

    static let defaults = IgnoreRules(lines: defaultFolders.map {
        Line(base: "", segments: [Array($0.utf8)], anchored: false, negated: false, foldersOnly: true)
    })

    /// These rules, with those of the ignore files in `folder` (absolute) after them.
    func adding(filesIn folder: String) -> IgnoreRules {
        var result = self
        for name in Self.fileNames {
            let path = folder == "/" ? "/" + name : folder + "/" + name
            guard let bytes = try? FileSystem.read(path, maxBytes: 1 << 20) else { continue }
            result.lines += Self.parse(bytes, base: folder == "/" ? "" : folder)
        }
        return result
    }

    /// The rules that apply inside `folder` (absolute): the defaults and the ignore files from the
    /// repository root (or `folder` itself, outside a repository) down to it.
    static func forFolder(_ folder: String, root: String?) -> IgnoreRules {
        var chain: [String] = [folder]
        if let root, folder != root, folder.hasPrefix(root == "/" ? "/" : root + "/") {
            var current = folder
            while current != root, current != "/" {
                current = PathNames.directory(of: current)
                chain.append(current)
            }
        }
        var rules = defaults
        for directory in chain.reversed() { rules = rules.adding(filesIn: directory) }
        return rules
    }

    /// Whether the entry at `path` (absolute) is left out.
    func ignores(_ path: String, isFolder: Bool) -> Bool {
        guard !lines.isEmpty else { return false }
        var ignored = false
        let name = Array(PathNames.fileName(path).utf8)
        for line in lines where !line.foldersOnly || isFolder {
            if line.negated != ignored { continue }
            if matches(line, path: path, name: name) { ignored = !line.negated }
        }
        return ignored
    }

    private func matches(_ line: Line, path: String, name: [UInt8]) -> Bool {
        guard line.anchored else { return Glob.matchSegment(line.segments[0][...], name[...]) }
        let prefix = line.base + "/"
        guard path.hasPrefix(prefix) else { return false }
        let parts = path.dropFirst(prefix.count).split(separator: "/").map { Array($0.utf8) }
        return Glob.matchSegments(line.segments[...], parts[...])
    }

    static func parse(_ bytes: [UInt8], base: String) -> [Line] {
        var result: [Line] = []
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var text = Array(raw)
            if text.last == 0x0D { text.removeLast() }
            // Trailing spaces do not count unless escaped.
            while let last = text.last, last == 0x20, !(text.count >= 2 && text[text.count - 2] == UInt8(ascii: "\\")) { text.removeLast() }
            guard let first = text.first, first != UInt8(ascii: "#") else { continue }
            var negated = false
            if first == UInt8(ascii: "!") {
                negated = true
                text.removeFirst()
            } else if first == UInt8(ascii: "\\"), text.count > 1 {
                text.removeFirst()
            }
            var foldersOnly = false
            if text.last == UInt8(ascii: "/") {
                foldersOnly = true
                text.removeLast()
            }
            let anchored = text.contains(UInt8(ascii: "/"))
            if text.first == UInt8(ascii: "/") { text.removeFirst() }
            let segments = text.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
            guard !segments.isEmpty else { continue }
            // `**/name` matches the name at any depth, as an unanchored pattern does.
            if anchored, segments.count == 2, segments[0] == Array("**".utf8) {
                result.append(Line(base: base, segments: [segments[1]], anchored: false, negated: negated, foldersOnly: foldersOnly))
                continue
            }
            result.append(Line(base: base, segments: segments, anchored: anchored, negated: negated, foldersOnly: foldersOnly))
        }
        return result
    }
}

/// The default folders, for help text.
public enum IgnoreRulesDescription {
    public static var folders: String { IgnoreRules.defaultFolders.map { $0 + "/" }.joined(separator: ", ") }
}
