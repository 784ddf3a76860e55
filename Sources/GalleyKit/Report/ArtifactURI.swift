/// The URI of a linted file in a SARIF log. Code scanning wants paths relative to the checkout,
/// so a path inside the working folder becomes a relative reference (against `%SRCROOT%`);
/// anything else becomes an absolute `file://` URI.
enum ArtifactURI {
    static let baseID = "%SRCROOT%"

    static func make(path: String, workingDirectory: String) -> (uri: String, isRelative: Bool) {
        let absolute = path.hasPrefix("/") ? path : join(workingDirectory, path)
        let normalized = normalize(absolute)
        let root = normalize(workingDirectory)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if normalized.hasPrefix(prefix) {
            return (percentEncoded(String(normalized.dropFirst(prefix.count))), true)
        }
        return ("file://" + percentEncoded(normalized), false)
    }

    private static func join(_ directory: String, _ path: String) -> String {
        directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    /// Removes `.` and empty segments and resolves `..`, without touching the file system.
    static func normalize(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/")
    }

    /// RFC 3986: everything but unreserved characters and `/` is percent-encoded, byte by byte.
    static func percentEncoded(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + hexByte(byte).uppercased()
            }
        }
        return output
    }
}
