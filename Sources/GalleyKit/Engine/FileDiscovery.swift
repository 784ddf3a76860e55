import SystemIO

/// Expands the paths on the command line into article files, sorted by path. Folders are walked
/// without what `.gitignore` and `.galleyignore` files leave out, nor the folders sites build or
/// download into (`IgnoreRules`), unless `honoringIgnoreFiles` is false.
public enum FileDiscovery {
    public struct Result: Sendable {
        public var files = PathList()
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
        /// Every folder the walk read: a file named like an article in one of them is an article
        /// of this run, which Galley must never write a report over (`GuardedWriter`).
        public var walkedFolders: [FileSystem.Identity: String] = [:]

        public init() {}
    }

    public static func expand(_ paths: [String], honoringIgnoreFiles: Bool = true) -> Result {
        var result = Result()
        var files = PathList.Builder()
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
                let found = files.count
                let boundary = RepositoryBoundary.of(path)
                let absolute = FileSystem.canonicalPath(path) ?? PathNames.absolute(path, from: FileSystem.currentDirectory)
                let rules = honoringIgnoreFiles ? IgnoreRules.forFolder(absolute, root: boundary.root) : nil
                walk(path, absolute: absolute, rules: rules, into: &files, result: &result, visited: &visited, boundary: boundary)
                if files.count == found { result.notes.append("\(path): no articles in this folder") }
            case .regular:
                if DocumentFormat(path: path) == nil {
                    result.problems.append("\(path): \(ArticleLoader.unsupportedMessage)")
                } else {
                    files.append(clean(path))
                    result.named.insert(clean(path))
                }
            default:
                result.problems.append("\(path): is \(kind.description), not a file or folder Galley can read")
            }
        }
        // A file named twice, or named and found in a folder, is linted once.
        result.files = PathList(files)

        return result
    }

    /// Depth-first, iteratively; hidden entries are skipped, and a directory reached twice
    /// (a symbolic link loop) is read once. Entries named like articles that are not regular
    /// files (a FIFO, a broken or looping symbolic link) are kept, so the linter says why it
    /// skips them instead of passing over them in silence.
    private static func walk(_ root: String, absolute: String, rules: IgnoreRules?, into files: inout PathList.Builder, result: inout Result,
                             visited: inout Set<FileSystem.Identity>, boundary: RepositoryBoundary) {
        // Entries come in the file system's order: what is said about them is sorted by path,
        // as the files are, so that output never depends on it.
        var warnings: [String] = []
        var problems: [String] = []
        defer {
            result.warnings += warnings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            result.problems += problems.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        var pending: [(path: String, absolute: String, rules: IgnoreRules?)] = [(root, absolute, rules)]
        while let (directory, absolute, inherited) = pending.popLast() {
            guard let identity = try? FileSystem.identity(of: directory), visited.insert(identity).inserted else { continue }
            result.walkedFolders[identity] = directory
            // The root's rules already hold its own ignore files.
            let rules = directory == root ? inherited : inherited?.adding(filesIn: absolute)
            var folders: [(path: String, absolute: String)] = []
            do {
                try FileSystem.forEachEntry(directory) { entry in
                    guard !entry.name.hasPrefix(".") else { return }
                    let path = clean(directory.hasSuffix("/") ? directory + entry.name : directory + "/" + entry.name)
                    let entryAbsolute = absolute == "/" ? "/" + entry.name : absolute + "/" + entry.name
                    if let rules, entry.kind == .directory || DocumentFormat(path: path) != nil,
                       rules.ignores(entryAbsolute, isFolder: entry.kind == .directory) {
                        return
                    }
                    if entry.isLink, entry.kind == .directory || DocumentFormat(path: path) != nil, let target = boundary.escape(of: path) {
                        warnings.append(outside(path, target))
                        return
                    }
                    switch entry.kind {
                    case .directory:
                        folders.append((path, entryAbsolute))
                    case .regular, .fifo, .socket, .device, .other:
                        if DocumentFormat(path: path) != nil { files.append(path) }
                    case .symbolicLink:
                        break
                    }
                }
            } catch {
                problems.append("\(directory): \(error.reason)")
            }
            // Folders are visited in path order, so which path of a folder reached twice is read
            // does not depend on the file system's order either.
            pending += folders.sorted { $1.path.utf8.lexicographicallyPrecedes($0.path.utf8) }.map { ($0.path, $0.absolute, rules) }
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
