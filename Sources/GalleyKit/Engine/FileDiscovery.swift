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
    }

    public static func expand(_ paths: [String]) -> Result {
        var result = Result()
        var visited: Set<FileSystem.Identity> = []
        for path in paths {
            let kind: FileSystem.Kind
            do {
                kind = try FileSystem.kind(of: path)
            } catch {
                result.problems.append("\(path): \(error.isLoop ? "too many levels of symbolic links" : error.reason)")
                continue
            }
            switch kind {
            case .directory:
                result.folders.append(path)
                walk(path, into: &result, visited: &visited)
            case .regular:
                if DocumentFormat(path: path) == nil {
                    result.problems.append("\(path): unsupported file type; Galley reads .md, .markdown, .html, .htm, .xml, .dbk, .xhtml, .yml and .yaml")
                } else {
                    result.files.append(clean(path))
                    result.named.insert(clean(path))
                }
            default:
                result.problems.append("\(path): not a regular file or directory")
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
    /// (a symbolic link loop) is read once.
    private static func walk(_ root: String, into result: inout Result, visited: inout Set<FileSystem.Identity>) {
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
                switch entry.kind {
                case .directory:
                    pending.append(path)
                case .regular:
                    if DocumentFormat(path: path) != nil { result.files.append(path) }
                default:
                    break
                }
            }
        }
    }

    /// `./a/b.md` → `a/b.md`, as compilers print paths.
    static func clean(_ path: String) -> String {
        var result = path
        while result.hasPrefix("./") && result.count > 2 { result.removeFirst(2) }
        return result
    }
}
