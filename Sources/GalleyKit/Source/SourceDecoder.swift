/// Turns a file's bytes into clean UTF-8 with `\n` line endings, noting what it had to change.
enum SourceDecoder {
    struct Result {
        var bytes: [UInt8]
        var issues: [ReadIssue]
        /// Why the file is not text Galley reads (NUL bytes, UTF-32), or nil.
        var skipReason: String?
        /// The map from `bytes` back to the file's own bytes.
        var origin = SourceOrigin(encoding: .utf8, hasByteOrderMark: false)

        var isBinary: Bool { skipReason != nil }
    }

    static let nulReason = "the file holds NUL bytes, so it looks binary, not text"

    static func decode(_ raw: [UInt8]) -> Result {
        // UTF-32's byte-order marks begin like UTF-16's; its text would read as NULs, so name it.
        if raw.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || raw.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            let name = raw[0] == 0xFF ? "UTF-32LE" : "UTF-32BE"
            return Result(bytes: [], issues: [], skipReason: "the file is \(name), which Galley does not read; save it as UTF-8")
        }
        if raw.starts(with: [0xFF, 0xFE]) { return fromUTF16(raw.dropFirst(2), bigEndian: false) }
        if raw.starts(with: [0xFE, 0xFF]) { return fromUTF16(raw.dropFirst(2), bigEndian: true) }
        let hasMark = raw.starts(with: [0xEF, 0xBB, 0xBF])
        return normalize(hasMark ? raw.dropFirst(3) : raw[...], hasByteOrderMark: hasMark)
    }

    /// Fast path: valid UTF-8 without CR or NUL is used as it is.
    private static func normalize(_ input: ArraySlice<UInt8>, hasByteOrderMark: Bool) -> Result {
        let needsWork = input.withUnsafeBufferPointer { buffer -> Bool in
            // Eight bytes at a time: any byte with its high bit set, zero, or CR.
            let raw = UnsafeRawBufferPointer(buffer)
            var index = 0
            while index + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & highBits != 0 || hasZeroByte(word) || hasZeroByte(word ^ carriageReturns) { return true }
                index += 8
            }
            for byte in buffer[index...] where byte == 0x0D || byte == 0 || byte >= 0x80 { return true }
            return false
        }
        guard needsWork else {
            return Result(bytes: Array(input), issues: [], skipReason: nil, origin: SourceOrigin(encoding: .utf8, hasByteOrderMark: hasByteOrderMark))
        }
        // Original offsets count from the file's first byte, the mark included.
        let shift = hasByteOrderMark ? 3 : 0
        var recorder = SourceOriginRecorder()
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var issues: [ReadIssue] = []
        var nulCount = 0
        var invalidCount = 0
        var firstUnlisted = 0
        input.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte == 0x0D {
                        output.append(0x0A)
                        if index + 1 < buffer.count, buffer[index + 1] == 0x0A {
                            index += 1
                            recorder.noteLineBreak(.crlf)
                            recorder.anchor(normalized: output.count, original: shift + index + 1)
                        } else {
                            recorder.noteLineBreak(.cr)
                        }
                    } else {
                        if byte == 0x0A { recorder.noteLineBreak(.lf) }
                        if byte == 0 { nulCount += 1 }
                        output.append(byte)
                    }
                    index += 1
                    continue
                }
                let length = validSequenceLength(buffer, at: index)
                if length > 0 {
                    output.append(contentsOf: buffer[index..<index + length])
                    index += length
                } else {
                    invalidCount += 1
                    if invalidCount == maxReportedEncodingIssues + 1 { firstUnlisted = output.count }
                    if issues.count < maxReportedEncodingIssues {
                        let hex = String(byte, radix: 16, uppercase: true)
                        issues.append(ReadIssue(
                            kind: .encoding, severity: .warning, offset: output.count,
                            message: "invalid UTF-8 byte 0x\(hex.count == 1 ? "0" + hex : hex) replaced with U+FFFD"))
                    }
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    index += 1
                    while index < buffer.count, buffer[index] & 0xC0 == 0x80, validSequenceLength(buffer, at: index) == 0 {
                        index += 1
                    }
                    recorder.anchor(normalized: output.count, original: shift + index)
                }
            }
        }
        if invalidCount > maxReportedEncodingIssues {
            issues.append(moreIssues(invalidCount - maxReportedEncodingIssues, what: "invalid UTF-8 sequences", at: firstUnlisted))
        }
        return Result(bytes: output, issues: issues, skipReason: nulCount > 0 ? nulReason : nil,
                      origin: recorder.origin(encoding: .utf8, hasByteOrderMark: hasByteOrderMark))
    }

    static let maxReportedEncodingIssues = 20

    /// Length of the well-formed UTF-8 sequence at `index` (RFC 3629), or 0.
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let carriageReturns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D

    /// Whether one of the word's bytes is zero (exact when no byte has its high bit set, which
    /// the caller checks first).
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & highBits != 0
    }

    private static func validSequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let first = buffer[index]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return 0
        }
        guard index + length <= buffer.count else { return 0 }
        let second = buffer[index + 1]
        guard second >= lower, second <= upper else { return 0 }
        for offset in 2..<length where buffer[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// UTF-16 decoded by hand rather than through `String`, so that an unpaired surrogate is
    /// reported where it was, like invalid UTF-8; line endings are normalized on the way.
    private static func fromUTF16(_ input: ArraySlice<UInt8>, bigEndian: Bool) -> Result {
        let name = bigEndian ? "UTF-16BE" : "UTF-16LE"
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 2)
        var issues = [ReadIssue(kind: .encoding, severity: .note, offset: 0, message: "file is \(name); read as Unicode")]
        var invalid = 0
        var hasNUL = false
        var afterCR = false
        var firstUnlisted = 0
        var recorder = SourceOriginRecorder()
        // Original byte offsets count from the file's first byte: the mark is two bytes.
        let start = input.startIndex - 2
        func unit(at index: Int) -> UInt32 {
            let first = UInt32(input[index]), second = UInt32(input[index + 1])
            return bigEndian ? first << 8 | second : second << 8 | first
        }
        func replace(_ what: String) {
            if invalid < maxReportedEncodingIssues {
                issues.append(ReadIssue(kind: .encoding, severity: .warning, offset: output.count, message: "invalid \(name): \(what) replaced with U+FFFD"))
            } else if invalid == maxReportedEncodingIssues {
                firstUnlisted = output.count
            }
            invalid += 1
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
        }
        var index = input.startIndex
        var lastAnchor = 0
        while index + 1 < input.endIndex {
            // Checkpoints every few kilobytes keep mapping an offset back a short walk.
            if output.count - lastAnchor >= 4096 {
                recorder.anchor(normalized: output.count, original: index - start)
                lastAnchor = output.count
            }
            var value = unit(at: index)
            index += 2
            if (0xD800...0xDBFF).contains(value), index + 1 < input.endIndex, (0xDC00...0xDFFF).contains(unit(at: index)) {
                value = 0x10000 + ((value - 0xD800) << 10) + (unit(at: index) - 0xDC00)
                index += 2
            }
            guard let scalar = Unicode.Scalar(value) else {
                replace("unpaired surrogate 0x\(String(value, radix: 16, uppercase: true))")
                recorder.anchor(normalized: output.count, original: index - start)
                afterCR = false
                continue
            }
            if scalar == "\n", afterCR {
                afterCR = false
                recorder.noteLineBreak(.crlf)
                recorder.anchor(normalized: output.count, original: index - start)
                continue
            }
            if afterCR { recorder.noteLineBreak(.cr) }
            if scalar == "\n" { recorder.noteLineBreak(.lf) }
            afterCR = scalar == "\r"
            if scalar.value == 0 { hasNUL = true }
            UTF8.encode(afterCR ? "\n" : scalar) { output.append($0) }
        }
        if afterCR { recorder.noteLineBreak(.cr) }
        if index < input.endIndex { replace("odd last byte") }
        if invalid > maxReportedEncodingIssues {
            issues.append(moreIssues(invalid - maxReportedEncodingIssues, what: "invalid \(name) code units", at: firstUnlisted))
        }
        return Result(bytes: output, issues: issues, skipReason: hasNUL ? nulReason : nil,
                      origin: recorder.origin(encoding: bigEndian ? .utf16BE : .utf16LE, hasByteOrderMark: true))
    }

    static func moreIssues(_ count: Int, what: String, at offset: Int) -> ReadIssue {
        ReadIssue(kind: .encoding, severity: .warning, offset: offset, message: "\(count) more \(what) replaced with U+FFFD, not listed")
    }
}

/// A problem a reader met: bad encoding, a parse error, an entity it refused.
public struct ReadIssue: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case encoding, parse = "parse-error", entity = "external-entity", frontMatter = "front-matter", skipped = "skipped-file"
        /// A declared language that is not a language tag.
        case language = "language-tag"
    }

    public var kind: Kind
    public var severity: Severity
    public var offset: Int
    public var message: String

    public init(kind: Kind, severity: Severity, offset: Int, message: String) {
        self.kind = kind
        self.severity = severity
        self.offset = offset
        self.message = message
    }
}
