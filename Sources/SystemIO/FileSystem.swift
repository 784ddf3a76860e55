#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations Galley needs, with errors as plain Swift values.
public enum FileSystem {
    public enum Kind: Sendable, Equatable {
        case regular(size: Int), directory, symbolicLink, fifo, socket, device, other

        /// A pipe, socket or device: nothing to read as a file, and opening one may block.
        public var isSpecial: Bool {
            switch self {
            case .fifo, .socket, .device, .other: return true
            case .regular, .directory, .symbolicLink: return false
            }
        }

        /// "a named pipe (FIFO)", for messages such as "is a named pipe (FIFO), not a regular file".
        public var description: String {
            switch self {
            case .regular: return "a regular file"
            case .directory: return "a folder"
            case .symbolicLink: return "a symbolic link"
            case .fifo: return "a named pipe (FIFO)"
            case .socket: return "a socket"
            case .device: return "a device"
            case .other: return "not a regular file"
            }
        }
    }

    public struct Identity: Hashable, Sendable {
        public let device: UInt64
        public let inode: UInt64
    }

    /// `Failure.code` of a file over the size limit.
    public static let tooLarge = EFBIG

    public struct Failure: Error, Sendable, Equatable {
        public let path: String
        public let reason: String
        public let code: Int32
        /// What the path turned out to be, when it was refused for not being a regular file.
        public var kind: Kind? = nil
        /// The file's size, when it was refused for being over the limit.
        public var size: Int? = nil

        public var isMissing: Bool { code == ENOENT || code == ENOTDIR }
        public var isLoop: Bool { code == ELOOP }
        /// A FIFO, socket or device where a regular file was expected.
        public var isSpecialFile: Bool { kind != nil }
    }

    /// Why `path` could not be found or followed, in words: a loop or a broken symbolic link
    /// says so rather than "no such file or directory".
    public static func explain(_ failure: Failure) -> String {
        if failure.isLoop { return "too many levels of symbolic links (a symbolic link loop)" }
        if failure.code == ENOENT, case .symbolicLink? = try? kind(of: failure.path, followLinks: false) {
            return "broken symbolic link (its target does not exist)"
        }
        return failure.reason
    }

    /// What `path` is, following symbolic links unless `followLinks` is false.
    public static func kind(of path: String, followLinks: Bool = true) throws(Failure) -> Kind {
        var info = stat()
        let status = followLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { throw failure(path) }
        return kind(info)
    }

    public static func isReadableFile(_ path: String) -> Bool {
        guard case .regular? = try? kind(of: path) else { return false }
        return access(path, R_OK) == 0
    }

    public static func identity(of path: String) throws(Failure) -> Identity {
        var info = stat()
        guard stat(path, &info) == 0 else { throw failure(path) }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Reads a regular file. FIFOs, sockets and devices are refused without blocking on them.
    public static func read(_ path: String, maxBytes: Int = .max) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let error = failure(path)
            // A socket cannot be opened at all (ENXIO): say what it is instead.
            if let other = try? kind(of: path), other.isSpecial {
                throw Failure(path: path, reason: "is \(other.description), not a regular file", code: EINVAL, kind: other)
            }
            throw error
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(path) }
        switch kind(info) {
        case .regular: break
        case .directory: throw Failure(path: path, reason: "is a directory", code: EISDIR)
        case let other: throw Failure(path: path, reason: "is \(other.description), not a regular file", code: EINVAL, kind: other)
        }
        let expected = Int(info.st_size)
        guard expected <= maxBytes else {
            throw Failure(path: path, reason: "is \(expected) bytes, over the limit of \(maxBytes)", code: EFBIG, size: expected)
        }
        var bytes = [UInt8](repeating: 0, count: expected)
        // The file may have grown since fstat: keep reading in steps, up to the limit.
        let filled = try fill(&bytes, from: descriptor, path: path, growingUpTo: maxBytes)
        if filled > maxBytes {
            throw Failure(path: path, reason: "is \(filled) bytes, over the limit of \(maxBytes)", code: EFBIG, size: filled)
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Reads standard input to its end (a pipe, a file or a terminal), at most `maxBytes`.
    public static func readStandardInput(maxBytes: Int = .max) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("<stdin>")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > maxBytes {
                throw Failure(path: "<stdin>", reason: "is over the limit of \(maxBytes) bytes", code: EFBIG, size: bytes.count)
            }
        }
    }

    /// The first `maxBytes` bytes of a regular file (all of it when shorter), for headers.
    public static func readPrefix(_ path: String, maxBytes: Int) throws(Failure) -> [UInt8] {
        do {
            return try read(path, maxBytes: maxBytes)
        } catch where error.code == tooLarge {
            let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure(path) }
            defer { close(descriptor) }
            var bytes = [UInt8](repeating: 0, count: maxBytes)
            let filled = try fill(&bytes, from: descriptor, path: path, growingUpTo: nil)
            bytes.removeSubrange(filled...)
            return bytes
        }
    }

    /// Reads from `descriptor` into `bytes` until the end of the file, retrying interrupted reads;
    /// returns how many bytes were read. When `bytes` is full it grows (while under `limit`) or,
    /// with no limit given, reading stops there.
    private static func fill(_ bytes: inout [UInt8], from descriptor: Int32, path: String, growingUpTo limit: Int?) throws(Failure) -> Int {
        var filled = 0
        while true {
            if filled == bytes.count {
                guard let limit, bytes.count < limit else { break }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2)))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    public struct Entry: Sendable, Equatable {
        public let name: String
        /// What the entry is, following a symbolic link.
        public let kind: Kind
        /// Whether the entry itself is a symbolic link.
        public let isLink: Bool
    }

    /// Each entry of a directory (without `.` and `..`) in the order the file system keeps
    /// them, so that a folder of 100,000 files is never held as 100,000 entries at once.
    public static func forEachEntry(_ path: String, _ body: (Entry) -> Void) throws(Failure) {
        guard let directory = opendir(path) else { throw failure(path) }
        defer { closedir(directory) }
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 0
        while let entry = readdir(directory) {
            // glibc allocates each entry only as long as its name: copying the 256-byte `d_name`
            // field out (as `entry.pointee.d_name` does) reads past the end of a short last
            // entry, which AddressSanitizer reported. Read the name where it is instead.
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            // The entry's own type says whether it is a link (one system call fewer a file) and
            // settles folders; a file's size needs its stat; file systems that do not say are asked.
            let type = Int32(entry.pointee.d_type)
            if type == Int32(DT_DIR) {
                body(Entry(name: name, kind: .directory, isLink: false))
                continue
            }
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            let kind = (try? kind(of: child)) ?? .other
            let isLink = type == Int32(DT_LNK) || (type == Int32(DT_UNKNOWN) && isSymbolicLink(child))
            body(Entry(name: name, kind: kind, isLink: isLink))
        }
    }

    /// The path with every symbolic link, `.` and `..` resolved, or nil when it cannot be.
    public static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Creates `path` and any missing folders above it (`mkdir -p`); a folder that exists
    /// already, or that another process creates meanwhile, is fine.
    public static func createDirectories(_ path: String) throws(Failure) {
        if case .directory? = try? kind(of: path) { return }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !parent.isEmpty, parent != path { try createDirectories(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw failure(path) }
        guard case .directory? = try? kind(of: path) else { throw Failure(path: path, reason: "exists and is not a folder", code: ENOTDIR) }
    }

    /// The running executable's own path (Linux: /proc/self/exe), for data installed beside it.
    public static var executablePath: String? {
        canonicalPath("/proc/self/exe")
    }

    public static func isSymbolicLink(_ path: String) -> Bool {
        (try? kind(of: path, followLinks: false)) == .symbolicLink
    }

    public static var currentDirectory: String {
        guard let pointer = getcwd(nil, 0) else { return "." }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Writes through a temporary file in the same directory and renames it into place,
    /// so readers never see half a report. A path that already is a symbolic link, a pipe or a
    /// device (`/dev/stdout`, a FIFO another process reads) is written through instead:
    /// renaming over it would replace the link or the special file itself (as root,
    /// `--output /dev/stdout` with output redirected to a file would replace /dev/stdout).
    /// `durable` syncs the data to disk before the rename; a cache entry, which is checked on
    /// reading and can always be made again, skips that.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(Failure) {
        switch try? kind(of: path, followLinks: false) {
        case .symbolicLink?:
            switch try? kind(of: path) {
            case .directory?: throw Failure(path: path, reason: "is a directory", code: EISDIR)
            case .socket?: throw Failure(path: path, reason: "is a socket, not a file", code: EINVAL, kind: .socket)
            default: return try writeDirectly(bytes, to: path)
            }
        case .fifo?, .device?: return try writeDirectly(bytes, to: path)
        case .socket?: throw Failure(path: path, reason: "is a socket, not a file", code: EINVAL, kind: .socket)
        case .directory?: throw Failure(path: path, reason: "is a directory", code: EISDIR)
        default: break
        }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw failure(path) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do {
            try writeAll(bytes, to: descriptor, path: path)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        fchmod(descriptor, 0o644)
        guard !durable || fsync(descriptor) == 0 || errno == EINVAL, close(descriptor) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    /// Replaces an existing regular file's content atomically (a temporary file beside it,
    /// renamed over it), keeping its permission bits. A symbolic link is followed, so the link
    /// stays and its target gets the new content.
    public static func replaceAtomically(_ bytes: [UInt8], at path: String) throws(Failure) {
        guard let target = canonicalPath(path) else { throw failure(path) }
        var info = stat()
        guard stat(target, &info) == 0 else { throw failure(path) }
        guard case .regular = kind(info) else { throw Failure(path: path, reason: "is not a regular file", code: EINVAL, kind: kind(info)) }
        // A file nobody may write is read-only on purpose, even to root (whom access() lets through).
        guard info.st_mode & 0o222 != 0 else {
            throw Failure(path: path, reason: "is read-only (mode \(String(info.st_mode & 0o777, radix: 8)))", code: EACCES)
        }
        guard access(target, W_OK) == 0 else { throw failure(path) }
        let directory = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        let name = target.lastIndex(of: "/").map { String(target[target.index(after: $0)...]) } ?? target
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw failure(path) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do {
            try writeAll(bytes, to: descriptor, path: path)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        fchmod(descriptor, info.st_mode & 0o7777)
        _ = fchown(descriptor, info.st_uid, info.st_gid)
        guard fsync(descriptor) == 0 || errno == EINVAL, close(descriptor) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    private static func writeDirectly(_ bytes: [UInt8], to path: String) throws(Failure) {
        // O_TRUNC matters for a link to a regular file; pipes and devices ignore it.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(Failure) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            written += count
        }
    }

    private static func kind(_ info: stat) -> Kind {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        case S_IFCHR, S_IFBLK: return .device
        default: return .other
        }
    }

    private static func failure(_ path: String) -> Failure {
        let code = errno
        return Failure(path: path, reason: String(cString: strerror(code)).lowercased(), code: code)
    }
}
