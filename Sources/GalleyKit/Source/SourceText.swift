/// The bytes of one article as every reader sees them: UTF-8, no byte-order mark, `\n` line ends.
///
/// All positions in a `Document` are byte offsets into `bytes`. Because CRLF and lone CR are
/// turned into LF here, before any parser runs, every format reports the same line and column
/// whatever line endings the file used.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Offset of the first byte of each line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    /// Problems met while decoding (invalid UTF-8, unusual encodings), at offsets into `bytes`.
    public let issues: [ReadIssue]
    /// Set when the input looks like binary content rather than text.
    public var isBinary: Bool { skipReason != nil }
    /// Why the input is not text Galley reads (NUL bytes, UTF-32), or nil.
    public let skipReason: String?
    /// The way back from `bytes` to the file's own bytes (encoding, byte-order mark, line endings).
    public let origin: SourceOrigin
    /// Code points before every `checkpointStride`-th byte, so that a column far into a long line
    /// (minified HTML, a YAML flow mapping on one line) costs a short scan, not one from the
    /// line's start: otherwise many findings on one long line take quadratic time.
    private let scalarCheckpoints: [Int]
    private static let checkpointStride = 64
    /// A span's end at most this many bytes past its start is counted on from the start.
    private static let shortSpan = 256

    public init(utf8 text: String) {
        self.init(decoding: Array(text.utf8))
    }

    public init(decoding raw: [UInt8]) {
        let decoded = SourceDecoder.decode(raw)
        bytes = decoded.bytes
        issues = decoded.issues
        skipReason = decoded.skipReason
        origin = decoded.origin
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        var checkpoints = [0]
        checkpoints.reserveCapacity(bytes.count / Self.checkpointStride + 1)
        bytes.withUnsafeBufferPointer { buffer in
            // Line ends found with memchr, code points counted eight bytes at a time: every file
            // passes through here once, so a loop over single bytes was a visible share of a run.
            var from = 0
            while let newline = ByteScan.firstIndex(of: 0x0A, in: buffer, from: from) {
                starts.append(newline + 1)
                from = newline + 1
            }
            var scalars = 0
            var blockStart = 0
            while blockStart + Self.checkpointStride <= buffer.count {
                scalars += ByteScan.scalarCount(in: buffer, from: blockStart, to: blockStart + Self.checkpointStride)
                checkpoints.append(scalars)
                blockStart += Self.checkpointStride
            }
        }
        lineStarts = starts
        scalarCheckpoints = checkpoints
    }


    /// Code points that start before byte `offset`.
    private func scalars(before offset: Int) -> Int {
        let block = offset / Self.checkpointStride
        return scalarCheckpoints[block] + scalarCount(from: block * Self.checkpointStride, to: offset)
    }

    /// 1-based line and column of `offset`; columns count Unicode scalars (code points).
    public func location(of offset: Int) -> SourceLocation {
        let clamped = min(max(0, offset), bytes.count)
        let line = lineIndex(containing: clamped)
        let lineStart = lineStarts[line]
        if clamped - lineStart > Self.checkpointStride {
            return SourceLocation(line: line + 1, column: scalars(before: clamped) - scalars(before: lineStart) + 1)
        }
        return SourceLocation(line: line + 1, column: scalarCount(from: lineStart, to: clamped) + 1)
    }

    /// Code points that start in `start..<end` (valid offsets): every diagnostic asks for two
    /// columns, most of them on long lines of prose.
    private func scalarCount(from start: Int, to end: Int) -> Int {
        bytes.withUnsafeBufferPointer { ByteScan.scalarCount(in: $0, from: start, to: end) }
    }

    /// The offset in the file's own bytes of normalized `offset` (see `SourceOrigin`).
    public func originalOffset(of offset: Int) -> Int {
        origin.isIdentity ? min(max(0, offset), bytes.count) : origin.originalOffset(of: offset, in: bytes)
    }

    /// 1-based byte column of `offset` on its line (what tools that count UTF-8 bytes want).
    public func byteColumn(of offset: Int) -> Int {
        let clamped = min(max(0, offset), bytes.count)
        return clamped - lineStarts[lineIndex(containing: clamped)] + 1
    }

    public func span(_ range: SourceRange) -> SourceSpan {
        let start = location(of: range.start)
        let from = min(max(0, range.start), bytes.count)
        let to = min(max(0, range.end), bytes.count)
        // An end on the start's line (nearly every finding) is counted on from the start.
        if to >= from, to - from <= Self.shortSpan, start.line >= lineStarts.count || to < lineStarts[start.line] {
            return SourceSpan(start: start, end: SourceLocation(line: start.line, column: start.column + scalarCount(from: from, to: to)))
        }
        return SourceSpan(start: start, end: location(of: range.end))
    }

    /// Byte offset of 1-based `line` and `column` (in code points); clamped to the line's end.
    public func offset(line: Int, column: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= lineStarts.count else { return bytes.count }
        var index = lineStarts[line - 1]
        var remaining = column - 1
        if remaining > Self.checkpointStride {
            // Jump to the last checkpoint before the column, then walk the rest of the way.
            let target = scalars(before: index) + remaining
            var low = index / Self.checkpointStride
            var high = scalarCheckpoints.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if scalarCheckpoints[middle] <= target { low = middle } else { high = middle - 1 }
            }
            let jump = low * Self.checkpointStride
            if jump > lineEnd(line) { return lineEnd(line) }
            if jump > index {
                index = jump
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
                remaining = target - scalars(before: index)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            // Eight ASCII bytes without a line break are eight columns: front matter asks for the
            // offsets of its values' columns on lines that are mostly ASCII.
            if let base = buffer.baseAddress {
                while remaining >= 8, index + 8 <= buffer.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let newline = word ^ 0x0A0A_0A0A_0A0A_0A0A
                    let hasNewline = (newline &- 0x0101_0101_0101_0101) & ~newline & 0x8080_8080_8080_8080 != 0
                    guard word & 0x8080_8080_8080_8080 == 0, !hasNewline else { break }
                    index += 8
                    remaining -= 8
                }
            }
            while remaining > 0, index < buffer.count, buffer[index] != 0x0A {
                index += 1
                while index < buffer.count, buffer[index] & 0xC0 == 0x80 { index += 1 }
                remaining -= 1
            }
        }
        return index
    }

    /// Offset just past the end of the 1-based line's content (its `\n`, or the end of the text).
    public func lineEnd(_ line: Int) -> Int {
        line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        return String(decoding: bytes[lineStarts[line - 1]..<lineEnd(line)], as: UTF8.self)
    }

    public func text(_ range: SourceRange) -> String {
        let start = min(max(0, range.start), bytes.count)
        let end = min(max(start, range.end), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}

/// A 1-based line and column (Unicode scalars), as printed in diagnostics.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

public struct SourceSpan: Sendable, Hashable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }
}

/// A half-open range of byte offsets into a `SourceText`.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public init(at offset: Int) {
        self.init(start: offset, end: offset)
    }

    public var description: String { "\(start)..<\(end)" }
}
