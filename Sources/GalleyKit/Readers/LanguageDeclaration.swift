/// Finds the language an article declares: a `lang`, `language` or `locale` metadata key (front
/// matter, a YAML article's key), else the markup's own attribute (`<html lang>`, `xml:lang` on
/// the root). A value that is not a language tag is reported and ignored.
enum LanguageDeclaration {
    static func resolve(_ document: inout Document, attribute: (value: String, offset: Int, source: DocumentLanguage.Source)?) {
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
        guard let attribute, !attribute.value.isEmpty else { return }
        if let tag = LanguageTag(attribute.value) {
            document.language = DocumentLanguage(tag: tag, source: attribute.source, offset: attribute.offset)
        } else {
            document.issues.append(ReadIssue(kind: .language, severity: .warning, offset: attribute.offset,
                                             message: "lang=\"\(attribute.value)\" is not a language tag (BCP 47: en, de-AT, pt-BR, zh-Hans); it is ignored"))
        }
    }
}
