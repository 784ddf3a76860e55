import SystemIO

/// The one way Galley writes a file: reports, baselines, audits, configuration, and (only when
/// the user asks for a fix) articles. It knows the run's articles, so a report can never land on
/// one: not on a file being linted, nor on a name discovery would pick up as an article under
/// the linted folders, however the path is spelled (`./`, `..`, symbolic links, letter case on
/// file systems that ignore it). Every write is atomic.
public struct GuardedWriter: Sendable {
    /// Why a path was refused; the command prints it and exits 2, having written nothing.
    public struct Refusal: Error, Sendable, Equatable {
        public var message: String
    }

    /// The articles named on the command line (or standing for standard input), by identity and
    /// by canonical path (a name given for standard input may not exist yet).
    private let namedIdentities: [FileSystem.Identity: String]
    private let namedPaths: [String: String]
    /// Folders discovery walked, as it spells them: an article name in one of them is an
    /// article of this run.
    private let walkedFolders: [FileSystem.Identity: String]

    /// A writer for a run that reads nothing (`galley init`).
    public init() {
        namedIdentities = [:]
        namedPaths = [:]
        walkedFolders = [:]
    }

    /// A writer for a run over `discovery`'s files, plus `inputs` that stand for articles without
    /// being files yet (`--stdin-filename`).
    public init(protecting discovery: FileDiscovery.Result, inputs: [String] = []) {
        var identities: [FileSystem.Identity: String] = [:]
        var paths: [String: String] = [:]
        for path in Array(discovery.named) + inputs {
            if let identity = try? FileSystem.identity(of: path) { identities[identity] = path }
            if let canonical = Self.canonical(path) { paths[canonical] = path }
        }
        namedIdentities = identities
        namedPaths = paths
        walkedFolders = discovery.walkedFolders
    }

    /// Why writing `path` (given with `option`, e.g. "--report") would overwrite an article, or nil.
    public func refusal(for path: String, option: String) -> Refusal? {
        if let article = namedArticle(at: path) {
            return Refusal(message: "\(option) \(path) is \(article), one of the files being linted; Galley never writes to an article")
        }
        // The path as given and the path it resolves to: a link named like an article in a linted
        // folder is read as an article too.
        for candidate in [path, FileSystem.canonicalPath(path)].compactMap({ $0 }) where isArticleName(candidate) {
            if let article = articleOfWalkedFolder(candidate) {
                let exists = (try? FileSystem.kind(of: path)) != nil
                return Refusal(message: exists
                    ? "\(option) \(path) is \(article), one of the files being linted; Galley never writes to an article"
                    : "\(option) \(path) would be read as \(article), an article in a folder being linted; write it elsewhere or under a name that is not an article's")
            }
        }
        return nil
    }

    /// Writes a report, baseline or other output of Galley's own (`what`, for messages: "the
    /// report"), atomically. `durable: false` skips syncing to disk first, for cache entries,
    /// which are checked when read and can always be made again.
    public func write(_ bytes: [UInt8], to path: String, option: String, what: String, durable: Bool = true) throws(Refusal) {
        if let refusal = refusal(for: path, option: option) { throw refusal }
        do {
            try FileSystem.writeAtomically(bytes, to: path, durable: durable)
        } catch {
            throw Refusal(message: "cannot write \(what) to \(path): \(error.reason)")
        }
    }

    /// Creates a folder for Galley's own files (the facts cache) and any missing above it.
    public func makeFolders(_ path: String, option: String) throws(Refusal) {
        if let refusal = refusal(for: path, option: option) { throw refusal }
        do {
            try FileSystem.createDirectories(path)
        } catch {
            throw Refusal(message: "cannot create the folder \(path): \(error.reason)")
        }
    }

    /// Replaces an article of this run with its fixed text, atomically, keeping its permissions.
    /// Only for `galley fix`: the one time Galley writes an article, because the user asked.
    public func rewrite(article path: String, with bytes: [UInt8]) throws(Refusal) {
        guard namedArticle(at: path) != nil || (isArticleName(path) && articleOfWalkedFolder(path) != nil) else {
            throw Refusal(message: "\(path) is not an article of this run; Galley rewrites only the articles it was asked to fix")
        }
        do {
            try FileSystem.replaceAtomically(bytes, at: path)
        } catch {
            throw Refusal(message: "cannot write \(path): \(error.reason)")
        }
    }

    private func namedArticle(at path: String) -> String? {
        if let identity = try? FileSystem.identity(of: path), let article = namedIdentities[identity] { return article }
        if let canonical = Self.canonical(path), let article = namedPaths[canonical] { return article }
        return nil
    }

    private func isArticleName(_ path: String) -> Bool {
        let name = PathNames.fileName(path)
        return !name.hasPrefix(".") && DocumentFormat(path: name) != nil
    }

    /// `path` as discovery names it, when its folder is one discovery walked.
    private func articleOfWalkedFolder(_ path: String) -> String? {
        guard let identity = try? FileSystem.identity(of: PathNames.directory(of: path)), let folder = walkedFolders[identity] else { return nil }
        return FileDiscovery.clean(folder + "/" + PathNames.fileName(path))
    }

    /// The canonical form of `path`, resolving its folder when the file itself does not exist.
    private static func canonical(_ path: String) -> String? {
        if let resolved = FileSystem.canonicalPath(path) { return resolved }
        guard let folder = FileSystem.canonicalPath(PathNames.directory(of: path)) else { return nil }
        return (folder == "/" ? "" : folder) + "/" + PathNames.fileName(path)
    }
}
