/// `file://` URIs and paths (RFC 8089 as editors write them: percent-encoded UTF-8, an empty
/// or `localhost` authority).
enum DocumentURI {
    /// The path of a `file:` URI, or nil for any other scheme (`untitled:`, `git:`...).
    static func path(of uri: String) -> String? {
        guard uri.lowercased().hasPrefix("file:") else { return nil }
        var rest = Substring(uri.dropFirst(5))
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            let authority = rest[..<slash]
            guard authority.isEmpty || authority.lowercased() == "localhost" else { return nil }
            rest = rest[slash...]
        }
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        guard let decoded = percentDecoded(rest), decoded.hasPrefix("/"), !decoded.contains("\0") else { return nil }
        return decoded
    }

    static func uri(of path: String) -> String {
        "file://" + ArtifactURI.percentEncoded(path)
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
