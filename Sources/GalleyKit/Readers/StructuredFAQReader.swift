/// Reads the questions of a schema.org `FAQPage` from JSON-LD, wherever it sits in the data.
enum StructuredFAQReader {
    static func entries(in text: String, at offset: Int, source: SourceText) -> [StructuredFAQEntry] {
        guard let root = try? JSONValue.parse(text) else { return [] }
        var entries: [StructuredFAQEntry] = []
        var pending = [root]
        while let value = pending.popLast() {
            switch value {
            case .array(let items):
                pending.append(contentsOf: items.reversed())
            case .object(let members):
                if isType(value["@type"], "FAQPage"), let main = value["mainEntity"] {
                    for question in main.elements where isType(question["@type"], "Question") {
                        guard case .string(let name, let nameOffset)? = question["name"] else { continue }
                        let answer = question["acceptedAnswer"]?.elements.first?["text"]?.string ?? ""
                        entries.append(StructuredFAQEntry(
                            question: plainText(name), answer: plainText(answer), offset: offset + nameOffset + 1))
                    }
                } else {
                    pending.append(contentsOf: members.map(\.value).reversed())
                }
            default:
                break
            }
        }
        return entries
    }

    static func syntaxError(in text: String) -> JSONValue.SyntaxError? {
        do { _ = try JSONValue.parse(text) } catch { return error }
        return nil
    }

    private static func isType(_ value: JSONValue?, _ name: String) -> Bool {
        value?.elements.contains { $0.string == name || $0.string == "https://schema.org/" + name || $0.string == "http://schema.org/" + name } ?? false
    }

    /// Answers may hold HTML: drop tags, decode references, collapse whitespace.
    static func plainText(_ html: String) -> String {
        var output = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; output.append(" "); continue }
            if character == ">" && inTag { inTag = false; continue }
            if !inTag { output.append(character) }
        }
        let decoded = CharacterReference.decodeAll(output)
        return decoded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
