/// Where a `SourceText`'s normalized bytes came from in the file's own bytes: the encoding, the
/// byte-order mark, the line endings, and the few points where normalized and original offsets
/// drift apart (each CRLF made LF, each invalid sequence made U+FFFD). An edit made on the
/// normalized text (what every `Document` offset points into) lands on the file's bytes through
/// this map, in the file's encoding and line endings.
///
/// Valid UTF-8 with LF endings (most files) keeps no anchor at all; CRLF files keep one per line.
public struct SourceOrigin: Sendable, Hashable {
    public enum Encoding: String, Sendable, Hashable {
        case utf8 = "UTF-8", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE"
    }

    public enum LineBreak: String, Sendable, Hashable {
        case lf = "\n", crlf = "\r\n", cr = "\r"
    }

    public var encoding: Encoding
    public var hasByteOrderMark: Bool
    /// The file's first line break, used for the line breaks an edit inserts.
    public var lineBreak: LineBreak

    /// A normalized offset and the original byte offset it stands for; from there on, until the
    /// next anchor, both advance together (one byte per byte in UTF-8, two bytes per UTF-16
    /// code unit in UTF-16).
    struct Anchor: Sendable, Hashable {
        var normalized: Int
        var original: Int
    }

    private(set) var anchors: [Anchor] = []

    init(encoding: Encoding, hasByteOrderMark: Bool, lineBreak: LineBreak = .lf, anchors: [Anchor] = []) {
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
        self.lineBreak = lineBreak
        self.anchors = anchors
    }

    /// Bytes the byte-order mark takes at the start of the file.
    public var byteOrderMarkLength: Int {
        guard hasByteOrderMark else { return 0 }
        return encoding == .utf8 ? 3 : 2
    }

    /// Whether normalized offsets are the file's own, byte for byte (UTF-8, no mark, no CRLF,
    /// nothing replaced).
    public var isIdentity: Bool { encoding == .utf8 && !hasByteOrderMark && anchors.isEmpty }

    /// The offset in the file's bytes of normalized offset `offset` of `text` (the normalized
    /// bytes this origin belongs to). Exact at every character boundary.
    public func originalOffset(of offset: Int, in text: [UInt8]) -> Int {
        let clamped = min(max(0, offset), text.count)
        var base = Anchor(normalized: 0, original: byteOrderMarkLength)
        var low = 0
        var high = anchors.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if anchors[middle].normalized <= clamped {
                base = anchors[middle]
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        switch encoding {
        case .utf8:
            return base.original + clamped - base.normalized
        case .utf16LE, .utf16BE:
            var units = 0
            for index in base.normalized..<clamped {
                let byte = text[index]
                if byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
            }
            return base.original + 2 * units
        }
    }

    /// `text` as the file writes it: its line breaks, its encoding.
    public func encode(_ text: String) -> [UInt8] {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                scalars.append(contentsOf: lineBreak.rawValue.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        let converted = String(scalars)
        switch encoding {
        case .utf8:
            return Array(converted.utf8)
        case .utf16LE, .utf16BE:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(converted.utf16.count * 2)
            for unit in converted.utf16 {
                let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
                bytes.append(contentsOf: encoding == .utf16LE ? [low, high] : [high, low])
            }
            return bytes
        }
    }
}

/// Collects anchors while a decoder normalizes, so that mapping back costs nothing when the
/// decoder had nothing to change.
struct SourceOriginRecorder {
    private(set) var anchors: [SourceOrigin.Anchor] = []
    private(set) var lineBreak: SourceOrigin.LineBreak?

    /// From normalized offset `normalized` on, text stands at original byte `original`.
    mutating func anchor(normalized: Int, original: Int) {
        if let last = anchors.last, last.normalized == normalized {
            anchors[anchors.count - 1].original = original
        } else {
            anchors.append(SourceOrigin.Anchor(normalized: normalized, original: original))
        }
    }

    mutating func noteLineBreak(_ lineBreak: SourceOrigin.LineBreak) {
        if self.lineBreak == nil { self.lineBreak = lineBreak }
    }

    func origin(encoding: SourceOrigin.Encoding, hasByteOrderMark: Bool) -> SourceOrigin {
        SourceOrigin(encoding: encoding, hasByteOrderMark: hasByteOrderMark, lineBreak: lineBreak ?? .lf, anchors: anchors)
    }
}
