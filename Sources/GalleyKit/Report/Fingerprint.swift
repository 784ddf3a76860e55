/// Identifies a finding across edits, for baselines and code scanning: a hash of the rule id,
/// the path, the offending text and the line it stands on (whitespace collapsed; on a very long
/// line, the text around the finding), and how many
/// identical findings came before it in the file. Line numbers stay out, so lines added or
/// removed elsewhere leave it unchanged; changing the offending line gives a new finding.
/// A finding about the whole article (a missing section) hashes its subject instead of any
/// text, so it stays the same finding whatever happens to the line it is shown at.
public enum Fingerprint {
    /// Sets `fingerprint` and `sourceLine` of a file's diagnostics, which are in source order.
    public static func assign(to diagnostics: inout [Diagnostic], source: SourceText) {
        var occurrences: [UInt64: Int] = [:]
        // Findings come in source order, many on one line: the line's normalized bytes and its
        // quoted text are made once for all of them (each diagnostic then shares the string).
        var normalizedRange = 0..<0
        var normalized: [UInt8] = []
        var quotedLine = 0
        var quoted: String?
        for index in diagnostics.indices {
            // Fields read in place: a copy of the diagnostic would retain all it holds.
            let line = min(max(1, diagnostics[index].span.start.line), source.lineStarts.count)
            let start = min(max(0, diagnostics[index].range.start), source.bytes.count)
            let end = min(max(start, diagnostics[index].range.end), source.bytes.count)
            var hash = FNV1a()
            hash.add(diagnostics[index].ruleID)
            hash.add(diagnostics[index].path)
            if let subject = diagnostics[index].subject {
                // About the whole article: where it is shown says nothing of what it is.
                hash.add(subject)
            } else {
                let lineRange = context(of: start..<end, onLine: line, in: source)
                source.bytes.withUnsafeBufferPointer { bytes in
                    hash.addNormalized(bytes[start..<end])
                    if lineRange != normalizedRange || normalized.isEmpty {
                        normalizedRange = lineRange
                        normalized = FNV1a.normalized(bytes[lineRange])
                    }
                }
                hash.addNormalizedBytes(normalized)
            }
            let occurrence = occurrences[hash.value, default: 0]
            occurrences[hash.value] = occurrence + 1
            hash.add(String(occurrence))
            diagnostics[index].fingerprint = hash.hex
            if source.lineEnd(line) - source.lineStarts[line - 1] <= maxQuotedLineBytes {
                if quoted == nil || quotedLine != line {
                    quotedLine = line
                    quoted = source.lineText(line)
                }
                diagnostics[index].sourceLine = quoted
            }
        }
    }

    /// Longer lines (minified HTML, say) are not quoted under each finding: thousands of findings
    /// on one such line would print it thousands of times.
    static let maxQuotedLineBytes = 4096

    /// On a line longer than `maxQuotedLineBytes`, the context of a finding is this many bytes
    /// either side of it.
    static let longLineContextBytes = 256

    /// The line a finding stands on, or the bytes around it on a very long line: hashing a whole
    /// long line for each of its findings would take time quadratic in the line's length.
    private static func context(of range: Range<Int>, onLine line: Int, in source: SourceText) -> Range<Int> {
        let lineStart = source.lineStarts[line - 1]
        let lineEnd = max(lineStart, source.lineEnd(line))
        guard lineEnd - lineStart > maxQuotedLineBytes else { return lineStart..<lineEnd }
        let lower = max(lineStart, min(range.lowerBound, lineEnd) - longLineContextBytes)
        let upper = min(lineEnd, max(range.upperBound, lower) + longLineContextBytes)
        return lower..<max(lower, upper)
    }

    /// Sets the fingerprints of one article's library findings (in source order), which are all
    /// about a subject (a duplicated value, a link target), never about the text of a line.
    public static func assign(toLibraryFindings diagnostics: inout [Diagnostic]) {
        var occurrences: [UInt64: Int] = [:]
        for index in diagnostics.indices {
            var hash = FNV1a()
            hash.add(diagnostics[index].ruleID)
            hash.add(diagnostics[index].path)
            hash.add(diagnostics[index].subject ?? diagnostics[index].message)
            let occurrence = occurrences[hash.value, default: 0]
            occurrences[hash.value] = occurrence + 1
            hash.add(String(occurrence))
            diagnostics[index].fingerprint = hash.hex
        }
    }

    /// The fingerprint of one finding, from its parts; `assign` gives the same for the same parts.
    public static func compute(ruleID: String, path: String, text: String, context: String, occurrence: Int = 0) -> String {
        var hash = FNV1a()
        hash.add(ruleID)
        hash.add(path)
        Array(text.utf8).withUnsafeBufferPointer { hash.addNormalized($0[...]) }
        Array(context.utf8).withUnsafeBufferPointer { hash.addNormalized($0[...]) }
        hash.add(String(occurrence))
        return hash.hex
    }
}

/// Fields of a fingerprint each end with a 0 byte, so they cannot run into each other.
extension FNV1a {
    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte: byte) }
        add(byte: 0)
    }

    /// Adds text with runs of whitespace read as one space and none at either end, so reflowing
    /// or re-indenting a line does not change the hash.
    mutating func addNormalized(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        Self.forEachNormalized(bytes) { add(byte: $0) }
        add(byte: 0)
    }

    /// What `addNormalized` adds for `bytes`, before its closing 0 byte.
    static func normalized(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        forEachNormalized(bytes) { out.append($0) }
        // Never empty, so that an empty line's bytes are told apart from none read yet.
        out.append(0)
        return out
    }

    /// Adds bytes made by `normalized` (closing 0 byte included): the same as `addNormalized`
    /// on the bytes they were made from.
    mutating func addNormalizedBytes(_ normalized: [UInt8]) {
        for byte in normalized { add(byte: byte) }
    }

    private static func forEachNormalized(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ body: (UInt8) -> Void) {
        var pendingSpace = false
        var started = false
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                pendingSpace = started
            default:
                if pendingSpace { body(0x20) }
                pendingSpace = false
                started = true
                body(byte)
            }
        }
    }

    var hex: String {
        var output = ""
        for shift in stride(from: 56, through: 0, by: -8) { output += hexByte(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        return output
    }
}
