/// Picks the reader for a file by its extension.
public enum DocumentReader {
    public static func read(path: String, bytes: [UInt8], format: DocumentFormat, xmlMappings: [XMLVocabularyMapping] = []) -> Document {
        read(path: path, source: SourceText(decoding: bytes), format: format, xmlMappings: xmlMappings)
    }

    public static func read(path: String, source: SourceText, format: DocumentFormat, xmlMappings: [XMLVocabularyMapping] = []) -> Document {
        switch format {
        case .markdown: return MarkdownReader.read(path: path, source: source)
        case .html: return HTMLReader.read(path: path, source: source)
        case .xml: return XMLReader.read(path: path, source: source, mappings: xmlMappings)
        case .yaml: return YAMLArticleReader.read(path: path, source: source)
        }
    }
}
