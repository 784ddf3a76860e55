/// The binary form of `ArticleFacts`: one record per article, used alike by the facts a run
/// keeps in memory, the facts files shards write and the cache. Numbers are LEB128 varints,
/// strings a length and UTF-8 bytes. Reading is the parsing of untrusted input (a facts file
/// comes from another CI job, a cache entry from a shared folder): every length and count is
/// checked against the bytes that remain, so a hostile record fails with `FactsError` rather
/// than crashing or allocating without bound.
public struct FactsError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }
}

struct FactsWriter {
    private(set) var bytes: [UInt8] = []

    mutating func number(_ value: Int) {
        var rest = UInt64(max(0, value))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func string(_ text: String) {
        number(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func raw(_ data: some Collection<UInt8>) { bytes.append(contentsOf: data) }

    mutating func optional(_ text: String?) {
        if let text {
            byte(1)
            string(text)
        } else {
            byte(0)
        }
    }

    mutating func position(_ position: FactPosition) {
        number(Int(position.line))
        number(Int(position.column))
        number(Int(position.endLine) - Int(position.line))
        number(Int(position.endColumn))
        number(Int(position.offset))
        number(Int(position.endOffset) - Int(position.offset))
    }

    mutating func text(_ text: FactText) {
        string(text.text)
        position(text.position)
    }

    mutating func facts(_ facts: ArticleFacts) {
        string(facts.path)
        string(facts.format.rawValue)
        var present: UInt8 = 0
        if facts.title != nil { present |= 1 }
        if facts.description != nil { present |= 2 }
        if facts.h1 != nil { present |= 4 }
        byte(present)
        for value in [facts.title, facts.description, facts.h1] { if let value { text(value) } }
        number(facts.fields.count)
        for field in facts.fields {
            string(field.name)
            number(field.values.count)
            for value in field.values { text(value) }
        }
        number(facts.faqQuestions.count)
        for question in facts.faqQuestions { text(question) }
        number(facts.headings.count)
        for heading in facts.headings {
            byte(UInt8(clamping: heading.level))
            string(heading.text)
            optional(heading.anchor)
        }
        number(facts.anchors.count)
        for anchor in facts.anchors { string(anchor) }
        number(facts.footnotes.count)
        for label in facts.footnotes { string(label) }
        number(facts.links.count)
        for link in facts.links {
            string(link.url)
            position(link.position)
            byte(link.isImage ? 1 : 0)
        }
        number(facts.suppressions.count)
        for directive in facts.suppressions {
            byte(directive.kind.rawValue)
            number(directive.ids.count)
            for id in directive.ids { string(id) }
            position(directive.position)
            number(Int(directive.endLine))
            byte(directive.usedByFile ? 1 : 0)
            string(directive.label)
        }
        position(facts.start)
    }
}

struct FactsReader {
    let bytes: [UInt8]
    private(set) var index: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        index = start
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var isAtEnd: Bool { index >= end }
    var remaining: Int { end - index }

    mutating func number() throws(FactsError) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < end else { throw FactsError("ends in the middle of a number") }
            let byte = bytes[index]
            index += 1
            guard shift < 63 else { throw FactsError("a number is too large") }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard value <= UInt64(Int32.max) else { throw FactsError("a number is too large (\(value))") }
        return Int(value)
    }

    mutating func byte() throws(FactsError) -> UInt8 {
        guard index < end else { throw FactsError("ends in the middle of a record") }
        defer { index += 1 }
        return bytes[index]
    }

    /// A count of items that each take at least `minimumBytes`: no more than the bytes left allow.
    mutating func count(minimumBytes: Int = 1) throws(FactsError) -> Int {
        let value = try number()
        guard value <= remaining / max(1, minimumBytes) else { throw FactsError("a count (\(value)) is larger than the bytes that follow") }
        return value
    }

    mutating func raw(_ length: Int) throws(FactsError) -> ArraySlice<UInt8> {
        guard length >= 0, length <= remaining else { throw FactsError("ends before the \(length) bytes it announces") }
        defer { index += length }
        return bytes[index..<(index + length)]
    }

    mutating func string() throws(FactsError) -> String {
        let length = try number()
        return String(decoding: try raw(length), as: UTF8.self)
    }

    mutating func optional() throws(FactsError) -> String? {
        switch try byte() {
        case 0: return nil
        case 1: return try string()
        case let other: throw FactsError("unknown marker \(other) for an optional value")
        }
    }

    mutating func position() throws(FactsError) -> FactPosition {
        var position = FactPosition()
        position.line = try int32(number())
        position.column = try int32(number())
        position.endLine = try int32(Int(position.line) + number())
        position.endColumn = try int32(number())
        position.offset = try int32(number())
        position.endOffset = try int32(Int(position.offset) + number())
        return position
    }

    private func int32(_ value: Int) throws(FactsError) -> Int32 {
        guard let narrow = Int32(exactly: value) else { throw FactsError("a position is out of range") }
        return narrow
    }

    mutating func text() throws(FactsError) -> FactText {
        let value = try string()
        return FactText(value, at: try position())
    }

    /// Skips a string without decoding it.
    mutating func skipString() throws(FactsError) {
        _ = try raw(try number())
    }

    /// Skips a text (a string and a position) without decoding it.
    mutating func skipText() throws(FactsError) {
        try skipString()
        for _ in 0..<6 { _ = try number() }
    }

    /// Only the `parts` of a record's summary, skipping the rest (path and format included):
    /// a library rule that compares titles reads the title of every article, and nothing else.
    mutating func summary(_ parts: FactsSummary.Parts) throws(FactsError) -> FactsSummary {
        var summary = FactsSummary()
        try skipString()
        try skipString()
        let present = try byte()
        guard present & ~7 == 0 else { throw FactsError("unknown fields marker \(present)") }
        if present & 1 != 0 { if parts.contains(.title) { summary.title = try text() } else { try skipText() } }
        if present & 2 != 0 { if parts.contains(.description) { summary.description = try text() } else { try skipText() } }
        if present & 4 != 0 { if parts.contains(.h1) { summary.h1 = try text() } else { try skipText() } }
        summary.fields = try fields(decoding: parts.contains(.fields))
        if parts.contains(.faqQuestions) {
            for _ in 0..<(try count(minimumBytes: 7)) { summary.faqQuestions.append(try text()) }
        }
        return summary
    }

    /// The metadata fields of a record, or past them unread when `decoding` is false (empty).
    private mutating func fields(decoding: Bool) throws(FactsError) -> [FieldFact] {
        var fields: [FieldFact] = []
        for _ in 0..<(try count(minimumBytes: 2)) {
            guard decoding else {
                try skipString()
                for _ in 0..<(try count(minimumBytes: 7)) { try skipText() }
                continue
            }
            let name = try string()
            var values: [FactText] = []
            for _ in 0..<(try count(minimumBytes: 7)) { values.append(try text()) }
            fields.append(FieldFact(name: name, values: values))
        }
        return fields
    }

    /// A record with only `sections` decoded (the path and format always), the rest skipped or
    /// not read: following links needs the links and metadata fields, an anchor check the
    /// headings and ids, an orphan its start; each reads every article. For records this
    /// process wrote (`FactsStore`); lengths are still checked.
    mutating func facts(sections: ArticleFacts.Sections) throws(FactsError) -> ArticleFacts {
        let path = try string()
        let formatName = try string()
        guard let format = DocumentFormat(rawValue: formatName) else { throw FactsError("unknown article format '\(formatName.prefix(40))'") }
        var facts = ArticleFacts(path: path, format: format)
        let present = try byte()
        for bit: UInt8 in [1, 2, 4] where present & bit != 0 { try skipText() }
        facts.fields = try fields(decoding: sections.contains(.fields))
        for _ in 0..<(try count(minimumBytes: 7)) { try skipText() }
        let anchors = sections.contains(.anchors)
        for _ in 0..<(try count(minimumBytes: 3)) {
            let level = Int(try byte())
            guard anchors else {
                try skipString()
                _ = try optional()
                continue
            }
            let text = try string()
            let anchor = try optional()
            facts.headings.append(HeadingFact(level: level, text: text, anchor: anchor))
        }
        for _ in 0..<(try count()) { if anchors { facts.anchors.append(try string()) } else { try skipString() } }
        for _ in 0..<(try count()) { if anchors { facts.footnotes.append(try string()) } else { try skipString() } }
        guard sections.contains(.links) || sections.contains(.start) else { return facts }
        for _ in 0..<(try count(minimumBytes: 8)) {
            guard sections.contains(.links) else {
                try skipString()
                _ = try position()
                _ = try byte()
                continue
            }
            let url = try string()
            let position = try position()
            let image = try byte()
            guard image <= 1 else { throw FactsError("unknown link marker \(image)") }
            facts.links.append(LinkFact(url: url, at: position, isImage: image == 1))
        }
        guard sections.contains(.start) else { return facts }
        for _ in 0..<(try count(minimumBytes: 11)) {
            _ = try byte()
            for _ in 0..<(try count()) { try skipString() }
            _ = try position()
            _ = try number()
            _ = try byte()
            try skipString()
        }
        facts.start = try position()
        return facts
    }

    /// `summary`: stop after the FAQ questions (path, format, title, description, H1, fields,
    /// questions), for rules that read nothing else.
    mutating func facts(summary: Bool = false) throws(FactsError) -> ArticleFacts {
        let path = try string()
        let formatName = try string()
        guard let format = DocumentFormat(rawValue: formatName) else { throw FactsError("unknown article format '\(formatName.prefix(40))'") }
        var facts = ArticleFacts(path: path, format: format)
        let present = try byte()
        guard present & ~7 == 0 else { throw FactsError("unknown fields marker \(present)") }
        if present & 1 != 0 { facts.title = try text() }
        if present & 2 != 0 { facts.description = try text() }
        if present & 4 != 0 { facts.h1 = try text() }
        for _ in 0..<(try count(minimumBytes: 2)) {
            let name = try string()
            var values: [FactText] = []
            for _ in 0..<(try count(minimumBytes: 7)) { values.append(try text()) }
            facts.fields.append(FieldFact(name: name, values: values))
        }
        for _ in 0..<(try count(minimumBytes: 7)) { facts.faqQuestions.append(try text()) }
        if summary { return facts }
        for _ in 0..<(try count(minimumBytes: 3)) {
            let level = Int(try byte())
            let text = try string()
            let anchor = try optional()
            facts.headings.append(HeadingFact(level: level, text: text, anchor: anchor))
        }
        for _ in 0..<(try count()) { facts.anchors.append(try string()) }
        for _ in 0..<(try count()) { facts.footnotes.append(try string()) }
        for _ in 0..<(try count(minimumBytes: 8)) {
            let url = try string()
            let position = try position()
            let image = try byte()
            guard image <= 1 else { throw FactsError("unknown link marker \(image)") }
            facts.links.append(LinkFact(url: url, at: position, isImage: image == 1))
        }
        for _ in 0..<(try count(minimumBytes: 11)) {
            let kindByte = try byte()
            guard let kind = SuppressionFact.Kind(rawValue: kindByte) else { throw FactsError("unknown suppression kind \(kindByte)") }
            var ids: [String] = []
            for _ in 0..<(try count()) { ids.append(try string()) }
            let position = try position()
            let endLine = try int32(number())
            let used = try byte()
            guard used <= 1 else { throw FactsError("unknown suppression marker \(used)") }
            let label = try string()
            facts.suppressions.append(SuppressionFact(kind: kind, ids: ids, position: position, endLine: endLine, usedByFile: used == 1, label: label))
        }
        facts.start = try position()
        return facts
    }
}
