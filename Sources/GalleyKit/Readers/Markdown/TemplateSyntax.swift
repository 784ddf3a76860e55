/// Template syntax in articles and pages: Liquid and Jinja/Nunjucks tags (`{% … %}`), output
/// (`{{ … }}`) and comments (`{# … #}`), Hugo shortcodes (`{{< … >}}`, `{{% … %}}`) and Go
/// template actions. None of it is prose; the text around it keeps its positions.
///
/// Block tags whose body is not prose are blanked whole: `{% comment %}`, `{% highlight %}` (code),
/// `{{< highlight >}}`. The body of `{% raw %}` is output as written, so it stays (without its
/// tags) and is not searched for tags. A paired shortcode (`{{< note >}}…{{< /note >}}`) keeps its
/// inner prose. A tag runs to its closing delimiter and never across another opening one, so the
/// scan is linear whatever the input.
enum TemplateSyntax {
    private static let maxTagLength = 8192

    /// Blanks the syntax of `languages` (nil: every language, reporting those found) in `mask`.
    static func scan(_ mask: inout MaskedSource, languages configured: Set<TemplateLanguage>?, hasBraces: Bool = true) {
        if let configured { mask.templateLanguages = uses(configured) }
        guard hasBraces, configured?.isEmpty != true else { return }
        let bytes = mask.bytes
        let count = bytes.count
        let all = configured == nil
        let liquid = all || configured!.contains(.liquid) || configured!.contains(.jinja)
        let hugo = all || configured!.contains(.hugo)
        let jinjaComments = all || configured!.contains(.jinja)
        var found: Set<TemplateLanguage> = []
        var outputSeen = false
        var index = 0
        while index + 1 < count {
            guard let brace = ByteScan.firstIndex(of: UInt8(ascii: "{"), in: bytes, from: index), brace + 1 < count else { break }
            index = brace
            let next = bytes[index + 1]
            let third = index + 2 < count ? bytes[index + 2] : 0
            if next == UInt8(ascii: "%"), liquid, let tag = liquidTag(at: index, in: bytes), !mask.crossesCode(tag.range) {
                found.insert(.liquid)
                index = blankLiquidTag(tag, in: &mask, bytes: bytes)
                continue
            }
            if next == UInt8(ascii: "{"), hugo, third == UInt8(ascii: "<") || third == UInt8(ascii: "%"),
               let end = close(from: index + 3, delimiter: third == UInt8(ascii: "<") ? [0x3E, 0x7D, 0x7D] : [0x25, 0x7D, 0x7D], in: bytes),
               !mask.crossesCode(index..<end) {
                found.insert(.hugo)
                index = blankShortcode(index..<end, in: &mask, bytes: bytes)
                continue
            }
            if next == UInt8(ascii: "{"), liquid || hugo, let end = close(from: index + 2, delimiter: [0x7D, 0x7D], in: bytes),
               !mask.crossesCode(index..<end) {
                outputSeen = true
                mask.blank(SourceRange(start: index, end: end), as: .template)
                index = end
                continue
            }
            // `{#` also opens kramdown and Pandoc attribute lists (`{#id}`): a Jinja comment needs a space.
            if next == UInt8(ascii: "#"), jinjaComments, third == 0x20 || third == UInt8(ascii: "-") || third == 0x0A,
               let end = close(from: index + 2, delimiter: [0x23, 0x7D], in: bytes), !mask.crossesCode(index..<end) {
                found.insert(.jinja)
                mask.blank(SourceRange(start: index, end: end), as: .template)
                index = end
                continue
            }
            index += 1
        }
        if outputSeen, !found.contains(.hugo), !found.contains(.jinja) { found.insert(.liquid) }
        // Jinja shares Liquid's delimiters; its comments tell them apart.
        if found.contains(.jinja) { found.remove(.liquid) }
        if configured == nil {
            mask.templateLanguages = TemplateLanguage.allCases.filter { found.contains($0) }.map { TemplateLanguageUse(language: $0, detected: true) }
        }
    }

    /// Configured languages, in a stable order.
    static func uses(_ configured: Set<TemplateLanguage>) -> [TemplateLanguageUse] {
        TemplateLanguage.allCases.filter { configured.contains($0) }.map { TemplateLanguageUse(language: $0, detected: false) }
    }

    // MARK: Liquid and Jinja

    private struct LiquidTag {
        var range: Range<Int>
        var name: ArraySlice<UInt8>
    }

    /// `{%-? name … -?%}` starting at `start`.
    private static func liquidTag(at start: Int, in bytes: [UInt8]) -> LiquidTag? {
        guard let end = close(from: start + 2, delimiter: [0x25, 0x7D], in: bytes) else { return nil }
        var index = start + 2
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < end, isSpace(bytes[index]) { index += 1 }
        let nameStart = index
        while index < end, isNameByte(bytes[index]) { index += 1 }
        return LiquidTag(range: start..<end, name: bytes[nameStart..<index])
    }

    /// Blanks a tag (and the body of a block tag whose body is not prose); returns where to go on.
    private static func blankLiquidTag(_ tag: LiquidTag, in mask: inout MaskedSource, bytes: [UInt8]) -> Int {
        mask.blank(SourceRange(start: tag.range.lowerBound, end: tag.range.upperBound), as: .template)
        let name = String(decoding: tag.name, as: UTF8.self)
        let bodyIsProse: Bool
        switch name {
        case "raw": bodyIsProse = true
        case "comment", "highlight": bodyIsProse = false
        default: return tag.range.upperBound
        }
        guard let closing = findLiquidTag(named: "end" + name, from: tag.range.upperBound, in: bytes) else { return tag.range.upperBound }
        if !bodyIsProse {
            mask.blank(SourceRange(start: tag.range.upperBound, end: closing.lowerBound), as: .templateBlock)
        }
        mask.blank(SourceRange(start: closing.lowerBound, end: closing.upperBound), as: .template)
        return closing.upperBound
    }

    private static func findLiquidTag(named wanted: String, from start: Int, in bytes: [UInt8]) -> Range<Int>? {
        let name = Array(wanted.utf8)
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "%"), let tag = liquidTag(at: index, in: bytes) {
                if tag.name.elementsEqual(name) { return tag.range }
                index = tag.range.upperBound
                continue
            }
            index += 1
        }
        return nil
    }

    // MARK: Hugo

    /// Blanks a shortcode; a `highlight` shortcode takes its body (code) with it.
    private static func blankShortcode(_ range: Range<Int>, in mask: inout MaskedSource, bytes: [UInt8]) -> Int {
        mask.blank(SourceRange(start: range.lowerBound, end: range.upperBound), as: .template)
        var index = range.lowerBound + 3
        while index < range.upperBound, isSpace(bytes[index]) { index += 1 }
        let nameStart = index
        while index < range.upperBound, isNameByte(bytes[index]) { index += 1 }
        guard bytes[nameStart..<index].elementsEqual("highlight".utf8) else { return range.upperBound }
        let delimiter = bytes[range.lowerBound + 2]
        var search = range.upperBound
        while search + 2 < bytes.count {
            if bytes[search] == UInt8(ascii: "{"), bytes[search + 1] == UInt8(ascii: "{"), bytes[search + 2] == delimiter,
               let end = close(from: search + 3, delimiter: delimiter == UInt8(ascii: "<") ? [0x3E, 0x7D, 0x7D] : [0x25, 0x7D, 0x7D], in: bytes) {
                var name = search + 3
                while name < end, isSpace(bytes[name]) { name += 1 }
                if name < end, bytes[name] == UInt8(ascii: "/"), bytes[(name + 1)...].starts(with: "highlight".utf8) {
                    mask.blank(SourceRange(start: range.upperBound, end: search), as: .templateBlock)
                    mask.blank(SourceRange(start: search, end: end), as: .template)
                    return end
                }
                search = end
                continue
            }
            search += 1
        }
        return range.upperBound
    }

    // MARK: Scanning

    /// Offset just past `delimiter`, searching from `start`; nil when another tag opens first
    /// (`{%`, `{{`), the text ends, or the tag would be implausibly long.
    private static func close(from start: Int, delimiter: [UInt8], in bytes: [UInt8]) -> Int? {
        var index = start
        let limit = min(bytes.count, start + maxTagLength)
        let first = delimiter[0]
        while index < limit {
            let byte = bytes[index]
            if byte == first, index + delimiter.count <= bytes.count {
                var matches = true
                for offset in 1..<delimiter.count where bytes[index + offset] != delimiter[offset] {
                    matches = false
                    break
                }
                if matches { return index + delimiter.count }
            }
            if byte == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "%") || bytes[index + 1] == UInt8(ascii: "{") {
                return nil
            }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }
}
