import SystemIO

/// The files changed since a git ref (`--changed-since REF`), asked of git itself: what differs
/// between the working tree and the merge base of REF and HEAD (committed, staged or not, so a
/// branch in CI and uncommitted work on a laptop are read alike), plus untracked files that are
/// not ignored. A rename is the new path changed and the old one deleted.
public struct ChangedFiles: Sendable, Equatable {
    /// Absolute, normalized paths.
    public var changed: Set<String> = []
    public var deleted: Set<String> = []
    /// The merge base the changes are counted from.
    public var base = ""

    public init() {}

    public struct Failure: Error, Sendable {
        public var message: String
    }

    public static func since(_ ref: String, in directory: String = FileSystem.currentDirectory) throws(Failure) -> ChangedFiles {
        guard !ref.isEmpty, !ref.hasPrefix("-") else { throw Failure(message: "--changed-since needs a git ref such as main or HEAD~3, not '\(ref)'") }
        let root = try git(["rev-parse", "--show-toplevel"], in: directory, what: "find the git work tree")
            .split(separator: 0x0A).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard !root.isEmpty else { throw Failure(message: "--changed-since: \(directory) is not in a git work tree") }
        let baseOutput = try git(["merge-base", ref, "HEAD"], in: directory, what: "find where HEAD and '\(ref)' meet")
        var result = ChangedFiles()
        result.base = String(decoding: baseOutput.prefix { $0 != 0x0A }, as: UTF8.self)
        let diff = try git(["diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff", result.base, "--"], in: directory, what: "list the changed files")
        try result.readNameStatus(diff, root: root)
        let untracked = try git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", root], in: directory, what: "list untracked files")
        for name in untracked.split(separator: 0) where !name.isEmpty {
            result.changed.insert(PathNames.absolute(String(decoding: name, as: UTF8.self), from: root))
        }
        return result
    }

    /// `git diff --name-status -z`: a status (`M`, `A`, `D`, `T`, `R100`, `C075`…) then one path,
    /// or two for renames and copies, each ended by NUL.
    mutating func readNameStatus(_ output: [UInt8], root: String) throws(Failure) {
        var fields = output.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }[...]
        while let status = fields.popFirst(), !status.isEmpty {
            guard let kind = status.first else { continue }
            let paths = kind == "R" || kind == "C" ? 2 : 1
            guard fields.count >= paths else { throw Failure(message: "--changed-since: git printed a change Galley cannot read ('\(status)')") }
            let first = PathNames.absolute(fields.removeFirst(), from: root)
            switch kind {
            case "D":
                deleted.insert(first)
            case "R":
                deleted.insert(first)
                changed.insert(PathNames.absolute(fields.removeFirst(), from: root))
            case "C":
                changed.insert(PathNames.absolute(fields.removeFirst(), from: root))
            default:
                changed.insert(first)
            }
        }
    }

    private static func git(_ arguments: [String], in directory: String, what: String) throws(Failure) -> [UInt8] {
        let output: Subprocess.Output
        do {
            output = try Subprocess.run(["git", "-C", directory, "-c", "core.quotepath=off"] + arguments)
        } catch {
            throw Failure(message: "--changed-since: cannot run git to \(what): \(error.reason)")
        }
        guard output.status == 0 else {
            let said = output.errorText
            throw Failure(message: "--changed-since: git could not \(what)\(said.isEmpty ? " (status \(output.status))" : ": \(said)")")
        }
        return output.standardOutput
    }
}
