import PCRE
import SystemIO

/// One line of an accept or reject list, as Galley reads it.
struct VocabularyTerm: Sendable, Hashable {
    enum Form: Sendable, Hashable {
        /// One word: "GitHub", "kubectl", "e-mail", "C#".
        case word(String)
        /// Several words separated by spaces: "Visual Studio Code".
        case phrase([String])
        /// A regular expression, as Vale's vocabularies allow: `[Oo]bservability`, `(?i)github`.
        case pattern(String)
    }

    var form: Form
    /// Where the term was written, for messages.
    var path: String
    var line: Int
}

/// Reads accept and reject lists: one term a line; a line whose first non-blank character is
/// `#` is a comment, and so is everything after ` #` (a `#` inside a term, as in "C#", is kept).
/// A term holding one of `[ ] ( ) { } ? * + | \ ^ $` is a regular expression (Vale writes its
/// vocabularies that way); every other term is literal text, `.` included.
///
/// The files come with the content, so the reader is defensive: at most `maxBytes`, text only
/// (NUL bytes, UTF-32 and invalid UTF-8 are errors at their line and column), terms of at most
/// `maxTermCharacters`, and every pattern compiled and checked before use.
enum VocabularyFile {
    static let maxBytes = 16 << 20
    static let maxTermCharacters = 256
    /// A file that is not a word list at all stops being read after this many problems.
    static let maxErrors = 20
    static let patternCharacters: Set<Character> = ["[", "]", "(", ")", "{", "}", "?", "*", "+", "|", "\\", "^", "$"]

    /// The terms of the file at `path`, or the problems found in it.
    static func read(_ path: String) -> (terms: [VocabularyTerm], errors: [ConfigError]) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, maxBytes: maxBytes)
        } catch {
            let reason = error.code == FileSystem.tooLarge ? "it is over the limit of \(ByteCount(maxBytes))" : error.reason
            return ([], [ConfigError(path: path, location: SourceLocation(line: 1, column: 1), message: "cannot read the vocabulary file: \(reason)")])
        }
        return parse(bytes, path: path)
    }

    /// The terms of `bytes`, read as the file `path`.
    static func parse(_ bytes: [UInt8], path: String) -> (terms: [VocabularyTerm], errors: [ConfigError]) {
        let source = SourceText(decoding: bytes)
        if let reason = source.skipReason {
            return ([], [ConfigError(path: path, location: SourceLocation(line: 1, column: 1),
                                     message: "the vocabulary file is not text (\(reason)); save it as UTF-8, one term a line")])
        }
        let encodingErrors = source.issues.filter { $0.severity >= .warning }.prefix(maxErrors).map { issue in
            var message = issue.message
            let replaced = " replaced with U+FFFD"
            if message.hasSuffix(replaced) { message = String(message.dropLast(replaced.count)) }
            return ConfigError(path: path, location: source.location(of: issue.offset), message: message + "; save the vocabulary file as UTF-8")
        }
        guard encodingErrors.isEmpty else { return ([], Array(encodingErrors)) }
        var errors: [ConfigError] = []
        var terms: [VocabularyTerm] = []
        for line in 1...max(1, source.lineStarts.count) where line <= source.lineStarts.count {
            if errors.count == maxErrors {
                errors.append(ConfigError(path: path, location: SourceLocation(line: line, column: 1),
                                          message: "too many problems in this vocabulary file; the rest of it is not checked"))
                break
            }
            let raw = source.lineText(line)
            let (text, column) = termText(of: raw)
            guard !text.isEmpty else { continue }
            let location = SourceLocation(line: line, column: column)
            if text.count > maxTermCharacters {
                errors.append(ConfigError(path: path, location: location,
                                          message: "a vocabulary term is at most \(maxTermCharacters) characters; this one has \(text.count)"))
                continue
            }
            switch form(of: text) {
            case .success(let form):
                terms.append(VocabularyTerm(form: form, path: path, line: line))
            case .failure(let problem):
                errors.append(ConfigError(path: path, location: SourceLocation(line: line, column: column + problem.character), message: problem.message))
            }
        }
        return (terms, errors)
    }

    struct Problem: Error {
        var message: String
        /// 0-based character of the term where the problem is.
        var character: Int
    }

    /// What a term is: a pattern when it holds a pattern character (and then it must compile),
    /// else one word or a phrase.
    static func form(of text: String) -> Result<VocabularyTerm.Form, Problem> {
        if text.contains(where: { patternCharacters.contains($0) }) {
            do {
                _ = try PCREPattern(text)
            } catch {
                return .failure(Problem(message: "'\(text)' is not a valid regular expression: \(error.message)",
                                        character: prefixCharacters(text, bytes: error.offset)))
            }
            return .success(.pattern(text))
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        return .success(words.count == 1 ? .word(words[0]) : .phrase(words))
    }

    /// The term on a line and its 1-based column: comments and surrounding blanks removed.
    static func termText(of line: String) -> (String, Int) {
        var characters = Array(line)
        if let comment = commentStart(characters) { characters.removeSubrange(comment...) }
        var start = 0
        while start < characters.count, characters[start].isWhitespace { start += 1 }
        var end = characters.count
        while end > start, characters[end - 1].isWhitespace { end -= 1 }
        return (String(characters[start..<end]), start + 1)
    }

    private static func commentStart(_ characters: [Character]) -> Int? {
        for (index, character) in characters.enumerated() where character == "#" {
            if index == 0 || characters[index - 1].isWhitespace { return index }
        }
        return nil
    }

    /// Characters in the first `bytes` UTF-8 bytes of `text` (PCRE2 gives offsets in bytes).
    private static func prefixCharacters(_ text: String, bytes: Int) -> Int {
        String(decoding: text.utf8.prefix(bytes), as: UTF8.self).count
    }
}
