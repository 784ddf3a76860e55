/// Finds an attribute's value inside a start tag in the source, which libxml2 does not locate.
enum TagScanner {
    /// The value of attribute `name` (case-insensitive) in the start tag at `tagStart`, quotes excluded.
    static func attributeValueRange(_ name: String, inTagAt tagStart: Int, source: [UInt8]) -> SourceRange? {
        let wanted = Array(name.lowercased().utf8)
        guard tagStart < source.count, source[tagStart] == UInt8(ascii: "<") else { return nil }
        var index = tagStart + 1
        while index < source.count, !isSpace(source[index]), source[index] != UInt8(ascii: ">"), source[index] != UInt8(ascii: "/") { index += 1 }
        while index < source.count {
            while index < source.count, isSpace(source[index]) || source[index] == UInt8(ascii: "/") { index += 1 }
            guard index < source.count, source[index] != UInt8(ascii: ">") else { return nil }
            let nameStart = index
            while index < source.count, !isSpace(source[index]), source[index] != UInt8(ascii: "="), source[index] != UInt8(ascii: ">") { index += 1 }
            let attributeName = source[nameStart..<index]
            while index < source.count, isSpace(source[index]) { index += 1 }
            var value: SourceRange?
            if index < source.count, source[index] == UInt8(ascii: "=") {
                index += 1
                while index < source.count, isSpace(source[index]) { index += 1 }
                guard index < source.count else { return nil }
                let quote = source[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    let valueStart = index + 1
                    index = valueStart
                    while index < source.count, source[index] != quote { index += 1 }
                    value = SourceRange(start: valueStart, end: index)
                    index += 1
                } else {
                    let valueStart = index
                    while index < source.count, !isSpace(source[index]), source[index] != UInt8(ascii: ">") { index += 1 }
                    value = SourceRange(start: valueStart, end: index)
                }
            }
            if matches(attributeName, wanted) { return value ?? SourceRange(at: index) }
        }
        return nil
    }

    private static func matches(_ candidate: ArraySlice<UInt8>, _ wanted: [UInt8]) -> Bool {
        // `xlink:href` matches `href`: libxml2 reports local names.
        var name = candidate
        if let colon = name.lastIndex(of: UInt8(ascii: ":")) { name = name[(colon + 1)...] }
        return name.count == wanted.count && zip(name, wanted).allSatisfy { ($0 >= 65 && $0 <= 90 ? $0 + 32 : $0) == $1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { TextRunBuilder.isSpace(byte) }
}
