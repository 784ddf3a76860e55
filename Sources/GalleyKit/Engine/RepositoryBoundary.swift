import SystemIO

/// How far symbolic links and configuration references may lead: within the git work tree that
/// holds the starting point. Content repositories take pull requests from strangers, and CI
/// lints them with secrets at hand; a link named `faq.md` pointing at /etc/passwd or a mounted
/// token, or `extends: /run/secrets/ci.yml`, would otherwise have Galley print that file's text
/// in its findings. Outside any work tree Galley cannot tell where the repository ends, and
/// follows links anywhere.
public struct RepositoryBoundary: Sendable, Equatable {
    /// The work tree's root (canonical), or nil outside any work tree.
    public let root: String?

    /// The boundary of the work tree holding `directory` (the nearest folder at or above it
    /// with a `.git` entry).
    public static func of(_ directory: String) -> RepositoryBoundary {
        guard var folder = FileSystem.canonicalPath(directory) else { return RepositoryBoundary(root: nil) }
        while true {
            if (try? FileSystem.kind(of: folder + (folder == "/" ? ".git" : "/.git"), followLinks: false)) != nil {
                return RepositoryBoundary(root: folder)
            }
            guard folder != "/" else { return RepositoryBoundary(root: nil) }
            folder = PathNames.directory(of: folder)
        }
    }

    /// Where `path` really leads when that is outside the boundary; nil when it stays inside
    /// (or there is no boundary, or the path leads nowhere, which reading it will report).
    public func escape(of path: String) -> String? {
        guard let root, let target = FileSystem.canonicalPath(path) else { return nil }
        if root == "/" || target == root || target.hasPrefix(root + "/") { return nil }
        return target
    }
}
