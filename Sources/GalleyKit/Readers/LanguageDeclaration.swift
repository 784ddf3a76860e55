/// Finds the language of an article: a `lang`, `language` or `locale` metadata key (front matter,
/// a YAML article's key), else the markup's own attribute (`<html lang>`, `xml:lang` on the
/// root), else the configured language for the file. A value that is not a language tag is
/// reported and ignored. When nothing says and most letters are of one script other than Latin,
/// the language is undetermined in that script (`und-Arab`): never taken for English.
enum LanguageDeclaration {
    static func resolve(_ document: inout Document, attribute: (value: String, offset: Int, source: DocumentLanguage.Source)?,
                        configured: LanguageTag? = nil) {
        for key in DocumentLanguage.metadataKeys {
            // The last field with the key wins, as `Metadata` lookups go; keys compared without
            // building lowercase copies (this runs for every article).
            guard let field = document.metadata.fields.last(where: { Self.sameKey($0.key, key) }), let text = field.value.text else { continue }
            let source: DocumentLanguage.Source = field.origin == .yamlArticle ? .yamlKey : field.origin == .frontMatter ? .frontMatter : .htmlAttribute
            if let tag = LanguageTag(text) {
                document.language = DocumentLanguage(tag: tag, source: source, offset: field.offset)
                return
            }
            document.issues.append(ReadIssue(kind: .language, severity: .warning, offset: field.value.offset,
                                             message: "'\(key): \(text)' is not a language tag (BCP 47: en, de-AT, pt-BR, zh-Hans); it is ignored"))
        }
        if let attribute, !attribute.value.isEmpty {
            if let tag = LanguageTag(attribute.value) {
                document.language = DocumentLanguage(tag: tag, source: attribute.source, offset: attribute.offset)
                return
            }
            document.issues.append(ReadIssue(kind: .language, severity: .warning, offset: attribute.offset,
                                             message: "lang=\"\(attribute.value)\" is not a language tag (BCP 47: en, de-AT, pt-BR, zh-Hans); it is ignored"))
        }
        if let configured {
            document.language = DocumentLanguage(tag: configured, source: .configuration)
            return
        }
        if let script = ScriptCensus.dominantNonLatinScript(of: document), let tag = LanguageTag("und-" + script) {
            document.language = DocumentLanguage(tag: tag, source: .script)
        }
    }

    /// `key` (any case) is `lowercase`, an ASCII word.
    private static func sameKey(_ key: String, _ lowercase: String) -> Bool {
        key.utf8.count == lowercase.utf8.count && zip(key.utf8, lowercase.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }
}

/// Which script most letters of an article are in, for articles that do not say their language.
enum ScriptCensus {
    /// Bytes of text the census reads: enough to know an article's script, small enough to cost
    /// nothing next to reading the article.
    static let sampleBytes = 4096

    /// The ISO 15924 code of the script that holds more than half of the letters, when it is not
    /// Latin: `Arab`, `Cyrl`, `Hani`... Looks at the first 4 KB of the article's text.
    static func dominantNonLatinScript(of document: Document) -> String? {
        // Every letter outside ASCII takes two or more bytes of 0x80 and above, every ASCII letter
        // one byte: with high bytes under a third of the text, ASCII letters outnumber the others.
        // Counted eight bytes at a time: most articles have few such bytes (curly quotes, an
        // accent) and are settled here, at a cost next to nothing beside reading them.
        var highBytes = 0
        var sampled = 0
        for block in document.blocks where sampled < sampleBytes {
            var text = block.text.text
            text.withUTF8 { bytes in
                let count = min(bytes.count, sampleBytes - sampled)
                guard let base = UnsafeRawPointer(bytes.baseAddress) else { return }
                var index = 0
                while index + 8 <= count {
                    highBytes += (base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080).nonzeroBitCount
                    index += 8
                }
                while index < count {
                    if bytes[index] >= 0x80 { highBytes += 1 }
                    index += 1
                }
                sampled += count
            }
        }
        // Most letters of another script need high bytes to be at least a third of the text.
        guard highBytes * 3 > sampled else { return nil }
        var counts: [String: Int] = [:]
        var latin = 0
        var total = 0
        for block in document.blocks where total < sampleBytes {
            for scalar in block.text.text.unicodeScalars where scalar.properties.isAlphabetic {
                total += 1
                guard let script = script(of: scalar.value) else {
                    latin += 1
                    continue
                }
                counts[script, default: 0] += 1
            }
        }
        // Japanese writes kanji among its kana.
        if let kana = counts["Jpan"], let han = counts.removeValue(forKey: "Hani") { counts["Jpan"] = kana + han }
        guard total > 0, let (script, count) = counts.max(by: { $0.value < $1.value }), count * 2 > total, latin < count else { return nil }
        return script
    }

    /// The script of a letter, nil for Latin (and letters outside the scripts listed).
    private static func script(of value: UInt32) -> String? {
        switch value {
        case ..<0x0370: return nil
        case 0x0370...0x03FF, 0x1F00...0x1FFF: return "Grek"
        case 0x0400...0x052F: return "Cyrl"
        case 0x0530...0x058F: return "Armn"
        case 0x0590...0x05FF: return "Hebr"
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return "Arab"
        case 0x0900...0x097F: return "Deva"
        case 0x0980...0x09FF: return "Beng"
        case 0x0A00...0x0A7F: return "Guru"
        case 0x0A80...0x0AFF: return "Gujr"
        case 0x0B80...0x0BFF: return "Taml"
        case 0x0C00...0x0C7F: return "Telu"
        case 0x0C80...0x0CFF: return "Knda"
        case 0x0D00...0x0D7F: return "Mlym"
        case 0x0E00...0x0E7F: return "Thai"
        case 0x10A0...0x10FF: return "Geor"
        case 0x1200...0x139F: return "Ethi"
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: return "Hang"
        case 0x3040...0x30FF, 0x31F0...0x31FF: return "Jpan"
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return "Hani"
        default: return nil
        }
    }
}
