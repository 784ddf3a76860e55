/// Vale's messages are Go format strings (`Use '%s' instead of '%s'.`) filled with the match
/// and, for some kinds, a suggestion. This formats them as Go's `fmt.Sprintf` does through
/// Vale's `CondSprintf`: arguments the message does not use are dropped, a missing one shows as
/// `%!s(MISSING)`.
enum ValeMessage {
    static func format(_ format: String, _ arguments: [String]) -> String {
        if let plain = plainFormat(format, arguments) { return plain }
        var out = ""
        let scalars = Array(format.unicodeScalars)
        var index = 0
        var next = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "%" else {
                out.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            index += 1
            guard index < scalars.count else {
                out += "%!(NOVERB)"
                break
            }
            if scalars[index] == "%" {
                out += "%"
                index += 1
                continue
            }
            // Flags, explicit argument index, width, precision, verb.
            var leftAlign = false
            var zeroPad = false
            while index < scalars.count, "+-# 0".unicodeScalars.contains(scalars[index]) {
                if scalars[index] == "-" { leftAlign = true }
                if scalars[index] == "0" { zeroPad = true }
                index += 1
            }
            if index < scalars.count, scalars[index] == "[" {
                var digits = ""
                var cursor = index + 1
                while cursor < scalars.count, scalars[cursor].properties.numericType == .decimal, scalars[cursor].isASCII {
                    digits.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
                if cursor < scalars.count, scalars[cursor] == "]", let number = Int(digits), number >= 1 {
                    next = number - 1
                    index = cursor + 1
                }
            }
            var width: Int?
            var digits = ""
            while index < scalars.count, scalars[index].isASCII, scalars[index].properties.numericType == .decimal {
                digits.unicodeScalars.append(scalars[index])
                index += 1
            }
            width = Int(digits)
            var precision: Int?
            if index < scalars.count, scalars[index] == "." {
                index += 1
                var precisionDigits = ""
                while index < scalars.count, scalars[index].isASCII, scalars[index].properties.numericType == .decimal {
                    precisionDigits.unicodeScalars.append(scalars[index])
                    index += 1
                }
                precision = Int(precisionDigits) ?? 0
            }
            guard index < scalars.count else {
                out += "%!(NOVERB)"
                break
            }
            let verb = scalars[index]
            index += 1
            guard next < arguments.count else {
                out += "%!\(String(verb))(MISSING)"
                next += 1
                continue
            }
            let argument = arguments[next]
            next += 1
            var text: String
            switch verb {
            case "s", "v":
                text = argument
                if let precision { text = String(text.prefix(precision)) }
            case "q":
                text = quoted(argument)
            case "x":
                text = argument.utf8.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
            case "X":
                text = argument.utf8.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
            default:
                text = "%!\(String(verb))(string=\(argument))"
            }
            if let width, text.count < width {
                let padding = String(repeating: zeroPad && !leftAlign ? "0" : " ", count: width - text.count)
                text = leftAlign ? text + padding : padding + text
            }
            out += text
        }
        return out
    }

    /// The common case, where every `%` of the format is a bare `%s`: the pieces between them
    /// joined with the arguments, as the general path would give, written straight into the
    /// result's storage.
    private static func plainFormat(_ format: String, _ arguments: [String]) -> String? {
        var copy = format
        return copy.withUTF8 { bytes -> String? in
            var length = 0
            var next = 0
            var index = 0
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "%") else {
                    length += 1
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "s") else { return nil }
                length += next < arguments.count ? arguments[next].utf8.count : missing.count
                next += 1
                index += 2
            }
            guard next > 0 else { return format }
            return String(unsafeUninitializedCapacity: length) { out in
                var written = 0
                func write(_ piece: UnsafeBufferPointer<UInt8>) {
                    guard let base = piece.baseAddress, !piece.isEmpty else { return }
                    UnsafeMutableRawPointer(out.baseAddress! + written).copyMemory(from: base, byteCount: piece.count)
                    written += piece.count
                }
                var next = 0
                var pieceStart = 0
                var index = 0
                while index < bytes.count {
                    guard bytes[index] == UInt8(ascii: "%") else {
                        index += 1
                        continue
                    }
                    write(UnsafeBufferPointer(rebasing: bytes[pieceStart..<index]))
                    if next < arguments.count {
                        var argument = arguments[next]
                        argument.withUTF8 { write($0) }
                    } else {
                        missing.withUnsafeBufferPointer { write($0) }
                    }
                    next += 1
                    index += 2
                    pieceStart = index
                }
                write(UnsafeBufferPointer(rebasing: bytes[pieceStart..<bytes.count]))
                return written
            }
        }
    }

    private static let missing = Array("%!s(MISSING)".utf8)

    /// Go's `%q` of a string.
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Vale's `ToSentence`: `'a'`, `'a' or 'b'`, `'a', 'b', or 'c'`.
    static func sentence(_ words: [String], conjunction: String = "or") -> String {
        switch words.count {
        case 0: return ""
        case 1: return "'\(words[0])'"
        case 2: return "'\(words[0])' \(conjunction) '\(words[1])'"
        default:
            var quoted = words.map { "'\($0)'" }
            quoted[quoted.count - 1] = conjunction + " " + quoted[quoted.count - 1]
            return quoted.joined(separator: ", ")
        }
    }

    /// Newlines and runs of spaces become one space, as Vale cleans every message.
    static func collapsingWhitespace(_ message: String) -> String {
        if message.utf8.withContiguousStorageIfAvailable(isClean) ?? false { return message }
        var out = ""
        var lastSpace = false
        for character in message {
            let isSpace = character == " " || character == "\n"
            if isSpace {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(character)
                lastSpace = false
            }
        }
        return out
    }
}

extension ValeMessage {
    /// Whether `bytes` hold no line feed and no two spaces in a row (`collapsingWhitespace` has
    /// nothing to do), read eight bytes at a time: a message is read once for every finding.
    static func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        // Whether the byte before the current word is a space, for a pair across two words.
        var previousSpace = false
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            // 0x80 in exactly the bytes equal to a line feed, or to a space (no borrow between bytes).
            let feeds = word ^ 0x0A0A_0A0A_0A0A_0A0A
            let spaces = word ^ 0x2020_2020_2020_2020
            let isFeed = ~(((feeds & low) &+ low) | feeds) & 0x8080_8080_8080_8080
            let isSpace = ~(((spaces & low) &+ low) | spaces) & 0x8080_8080_8080_8080
            // A space right after a space: in the word, or its first byte after the last word's.
            if isFeed != 0 || isSpace & (isSpace << 8) != 0 || (previousSpace && isSpace & 0x80 != 0) { return false }
            previousSpace = isSpace >> 63 != 0
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte == 0x0A || (byte == 0x20 && previousSpace) { return false }
            previousSpace = byte == 0x20
            index += 1
        }
        return true
    }
}

/// A message format read once, when the rule is built: where every `%` is a bare `%s` (nearly
/// every Vale message), the bytes between them, so that filling it in for a finding only copies
/// bytes into the new string, without reading the format again or an array of arguments.
/// Fills exactly as `ValeMessage.format` does.
struct ValeMessageTemplate: Sendable {
    let format: String
    /// The bytes before, between and after the verbs; nil when the format needs the general path.
    private let pieces: [[UInt8]]?
    private let piecesLength: Int

    init(_ format: String) {
        self.format = format
        var copy = format
        pieces = copy.withUTF8 { bytes -> [[UInt8]]? in
            var pieces: [[UInt8]] = []
            var start = 0
            var index = 0
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "%") else {
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "s") else { return nil }
                pieces.append(Array(bytes[start..<index]))
                index += 2
                start = index
            }
            pieces.append(Array(bytes[start..<bytes.count]))
            return pieces
        }
        piecesLength = pieces?.reduce(0) { $0 + $1.count } ?? 0
    }

    /// `ValeMessage.format(format, [first])`.
    func fill(_ first: String) -> String {
        guard let pieces else { return ValeMessage.format(format, [first]) }
        if pieces.count == 1 { return format }
        var first = first
        return first.withUTF8 { filled(pieces, $0, nil) }
    }

    /// `ValeMessage.format(format, [first, second])`.
    func fill(_ first: String, _ second: String) -> String {
        guard let pieces else { return ValeMessage.format(format, [first, second]) }
        if pieces.count == 1 { return format }
        var first = first
        var second = second
        return first.withUTF8 { first in second.withUTF8 { filled(pieces, first, $0) } }
    }

    /// The pieces with `first`, then `second` (when given), then the missing-argument mark
    /// between them, written straight into the new string's storage.
    private func filled(_ pieces: [[UInt8]], _ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?) -> String {
        let verbs = pieces.count - 1
        let given = second == nil ? 1 : 2
        var length = piecesLength + first.count + max(0, verbs - given) * Self.missing.count
        if verbs >= 2, let second { length += second.count }
        return String(unsafeUninitializedCapacity: length) { out in
            var written = 0
            func write(_ piece: UnsafeBufferPointer<UInt8>) {
                guard let base = piece.baseAddress, !piece.isEmpty else { return }
                UnsafeMutableRawPointer(out.baseAddress! + written).copyMemory(from: base, byteCount: piece.count)
                written += piece.count
            }
            for index in pieces.indices {
                if index == 1 {
                    write(first)
                } else if index == 2, let second {
                    write(second)
                } else if index > 0 {
                    Self.missing.withUnsafeBufferPointer { write($0) }
                }
                pieces[index].withUnsafeBufferPointer { write($0) }
            }
            return written
        }
    }

    private static let missing = Array("%!s(MISSING)".utf8)
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

extension String {
    /// Go's `strings.Split`: every piece between separators, empty ones included.
    func splitting(by separator: String) -> [String] {
        guard !separator.isEmpty else { return map(String.init) }
        var pieces: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: separator) {
            pieces.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        pieces.append(String(rest))
        return pieces
    }
}

extension Substring {
    /// The first occurrence of `needle`, compared by UTF-8 bytes.
    func range(of needle: String) -> Range<Substring.Index>? {
        // Native strings are searched in their bytes; the index walk below is the general path.
        let offset = utf8.withContiguousStorageIfAvailable { bytes in
            needle.utf8.withContiguousStorageIfAvailable { target in Self.firstOffset(of: target, in: bytes) }
        }
        if case .some(.some(let found)) = offset {
            guard let found else { return nil }
            let start = utf8.index(startIndex, offsetBy: found)
            return start..<utf8.index(start, offsetBy: needle.utf8.count)
        }
        let target = Array(needle.utf8)
        guard !target.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if utf8[index...].starts(with: target) {
                return index..<utf8.index(index, offsetBy: target.count)
            }
            index = utf8.index(after: index)
        }
        return nil
    }

    private static func firstOffset(of target: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = target.first, target.count <= bytes.count else { return nil }
        var index = 0
        while index <= bytes.count - target.count {
            if bytes[index] == first, (1..<target.count).allSatisfy({ bytes[index + $0] == target[$0] }) { return index }
            index += 1
        }
        return nil
    }
}
