/// Finds the language of an article: a `lang`, `language` or `locale` metadata key (front matter,
/// a YAML article's key), else the markup's own attribute (`<html lang>`, `xml:lang` on the
/// root), else the configured language for the file. A value that is not a language tag is
/// reported and ignored. When nothing says and most letters are of one script other than Latin,
/// the language is undetermined in that script (`und-Arab`): never taken for English.
enum LanguageDeclaration {
    static func resolve(_ document: inout Document, attribute: (value: String, offset: Int, source: DocumentLanguage.Source)?,
                        configured: LanguageTag? = nil) {
        for key in DocumentLanguage.metadataKeys {
            guard let field = document.metadata[key], let text = field.value.text else { continue }
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
}

/// Which script most letters of an article are in, for articles that do not say their language.
enum ScriptCensus {
    /// The ISO 15924 code of the script that holds more than half of the letters, when it is not
    /// Latin: `Arab`, `Cyrl`, `Hani`... Looks at the first 20,000 letters; ASCII text costs one
    /// pass over its bytes.
    static func dominantNonLatinScript(of document: Document) -> String? {
        // Every letter outside ASCII takes at least two bytes of 0x80 and above: with no more of
        // those than ASCII letters, no other script can hold most letters (the usual case, settled
        // in one pass over the bytes).
        var asciiLetters = 0
        var highBytes = 0
        for block in document.blocks {
            for byte in block.text.text.utf8 {
                if byte >= 0x80 {
                    highBytes += 1
                } else if byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A {
                    asciiLetters += 1
                }
            }
        }
        guard highBytes > asciiLetters else { return nil }
        var counts: [String: Int] = [:]
        var latin = 0
        var total = 0
        for block in document.blocks where total < 20_000 {
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
