import SystemIO

/// Expands the paths on the command line into article files, sorted by path.
public enum FileDiscovery {
    public struct Result: Sendable {
        public var files: [String] = []
        /// Files named on the command line rather than found in a folder.
        public var named: Set<String> = []
        /// Folders named on the command line.
        public var folders: [String] = []
        /// Paths that could not be used, each with the reason: usage problems (exit 2).
        public var problems: [String] = []
        /// Worth saying but not a problem: a folder named on the command line holds no articles.
        public var notes: [String] = []
        /// Symbolic links that lead outside the repository, skipped (see `RepositoryBoundary`).
        public var warnings: [String] = []
    }

    public static func expand(_ paths: [String]) -> Result {
        var result = Result()
        var visited: Set<FileSystem.Identity> = []
        for path in paths {
            let kind: FileSystem.Kind
            do {
                kind = try FileSystem.kind(of: path)
            } catch {
                result.problems.append("\(path): \(FileSystem.explain(error))")
                continue
            }
            if FileSystem.isSymbolicLink(path), let target = RepositoryBoundary.of(PathNames.directory(of: path)).escape(of: path) {
                result.warnings.append(outside(path, target))
                continue
            }
            switch kind {
            case .directory:
                result.folders.append(path)
                let found = result.files.count
                walk(path, into: &result, visited: &visited, boundary: RepositoryBoundary.of(path))
                if result.files.count == found { result.notes.append("\(path): no articles in this folder") }
            case .regular:
                if DocumentFormat(path: path) == nil {
                    result.problems.append("\(path): unsupported file type; Galley reads .md, .markdown, .html, .htm, .xml, .dbk, .xhtml, .yml and .yaml")
                } else {
                    result.files.append(clean(path))
                    result.named.insert(clean(path))
                }
            default:
                result.problems.append("\(path): is \(kind.description), not a file or folder Galley can read")
            }
        }
        // Sorted, a file named twice (or named and found in a folder) sits next to itself: no
        // set of every path is needed to drop the repeats.
        result.files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var kept = 0
        for index in result.files.indices where kept == 0 || result.files[index] != result.files[kept - 1] {
            result.files.swapAt(kept, index)
            kept += 1
        }
        result.files.removeSubrange(kept...)
        return result
    }

    /// Depth-first, iteratively; hidden entries are skipped, and a directory reached twice
    /// (a symbolic link loop) is read once. Entries named like articles that are not regular
    /// files (a FIFO, a broken or looping symbolic link) are kept, so the linter says why it
    /// skips them instead of passing over them in silence.
    private static func walk(_ root: String, into result: inout Result, visited: inout Set<FileSystem.Identity>, boundary: RepositoryBoundary) {
        var pending = [root]
        while let directory = pending.popLast() {
            guard let identity = try? FileSystem.identity(of: directory), visited.insert(identity).inserted else { continue }
            let entries: [FileSystem.Entry]
            do {
                entries = try FileSystem.list(directory)
            } catch {
                result.problems.append("\(directory): \(error.reason)")
                continue
            }
            for entry in entries where !entry.name.hasPrefix(".") {
                let path = clean(directory.hasSuffix("/") ? directory + entry.name : directory + "/" + entry.name)
                if entry.isLink, entry.kind == .directory || DocumentFormat(path: path) != nil, let target = boundary.escape(of: path) {
                    result.warnings.append(outside(path, target))
                    continue
                }
                switch entry.kind {
                case .directory:
                    pending.append(path)
                case .regular, .fifo, .socket, .device, .other:
                    if DocumentFormat(path: path) != nil { result.files.append(path) }
                case .symbolicLink:
                    break
                }
            }
        }
    }

    private static func outside(_ path: String, _ target: String) -> String {
        "\(path): skipped: a symbolic link to \(target), outside the repository"
    }

    /// `./a/b.md` → `a/b.md`, as compilers print paths.
    static func clean(_ path: String) -> String {
        var result = path
        while result.hasPrefix("./") && result.count > 2 { result.removeFirst(2) }
        return result
    }
}
