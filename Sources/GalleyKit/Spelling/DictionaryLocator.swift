import Hunspell
import SystemIO

/// A Hunspell dictionary found on disk: its affix and word files, and what its affix file says
/// about the letters it knows.
struct DictionaryFiles: Sendable, Hashable {
    /// As the rule names it: `en_US`, or the path written in the rule set.
    var name: String
    var affixPath: String
    var wordsPath: String
    /// The primary language subtag (`en` for `en_US`), lower case; empty when unknown.
    var language: String
    /// Letters beyond ASCII that the affix file's `TRY` line lists: a word with other letters
    /// is in another script, or borrowed, and not this dictionary's to judge.
    var letters: Set<Unicode.Scalar>
}

/// Finds Hunspell dictionaries by name (`en_US`) in the system's dictionary folders, or by path,
/// and names the Debian package that provides a missing one.
enum DictionaryLocator {
    /// Where dictionaries are looked for by name, in order: `$DICPATH` (as the hunspell command
    /// reads it), the folders Debian, other Linux distributions and Homebrew use, then
    /// `share/galley/hunspell` beside the executable's `bin/` (the release tarball ships en_US and
    /// en_GB there, for machines without the hunspell-* packages).
    static var searchPaths: [String] {
        let fromEnvironment = (Terminal.environment("DICPATH") ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        var paths = fromEnvironment + ["/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell",
                                       "/usr/local/share/hunspell", "/opt/homebrew/share/hunspell"]
        if let shipped = shippedDictionaries { paths.append(shipped) }
        return paths
    }

    /// `PREFIX/share/galley/hunspell` for an executable in `PREFIX/bin`, when that folder exists.
    static let shippedDictionaries: String? = {
        guard let executable = FileSystem.executablePath, let bin = executable.lastIndex(of: "/") else { return nil }
        let prefix = String(executable[..<bin]).split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let folder = prefix + "/share/galley/hunspell"
        guard case .directory? = try? FileSystem.kind(of: folder) else { return nil }
        return folder
    }()

    enum Failure: Error, Sendable, Equatable {
        /// No dictionary of that name in the search paths.
        case notInstalled(name: String, searched: [String])
        /// A dictionary named by path whose files cannot be read.
        case unreadable(path: String, reason: String)
        /// The affix file declares an encoding this system cannot convert.
        case unsupportedEncoding(path: String, encoding: String)

        var message: String {
            switch self {
            case .notInstalled(let name, let searched):
                let install = debianPackage(for: name).map { "install the Debian package \($0) (apt-get install \($0))" }
                    ?? "no Debian package is known for it; 'apt-cache search hunspell' lists the dictionaries Debian has"
                return "no Hunspell dictionary '\(name)' on this system (looked in \(searched.joined(separator: ", "))); \(install)"
            case .unreadable(let path, let reason):
                return "cannot read the dictionary \(path): \(reason)"
            case .unsupportedEncoding(let path, let encoding):
                return "\(path) is encoded in \(encoding), which this system cannot convert; save the dictionary as UTF-8"
            }
        }
    }

    /// Whether `name` is a path (`dicts/medical`, `medical.dic`) rather than a dictionary name.
    static func isPath(_ name: String) -> Bool {
        name.contains("/") || name.hasSuffix(".dic") || name.hasSuffix(".aff")
    }

    /// The files of dictionary `name`; a path is resolved against `directory` (the rule set's).
    static func locate(_ name: String, relativeTo directory: String) -> Result<DictionaryFiles, Failure> {
        if isPath(name) {
            var base = name
            if base.hasSuffix(".dic") || base.hasSuffix(".aff") { base.removeLast(4) }
            let resolved = base.hasPrefix("/") ? base : directory + "/" + base
            for path in [resolved + ".aff", resolved + ".dic"] {
                do {
                    _ = try FileSystem.readPrefix(path, maxBytes: 1)
                } catch {
                    return .failure(.unreadable(path: path, reason: error.reason))
                }
            }
            let stem = resolved.split(separator: "/").last.map(String.init) ?? resolved
            return describe(name: name, affix: resolved + ".aff", words: resolved + ".dic", languageFrom: stem)
        }
        let searched = searchPaths
        for folder in searched {
            let affix = folder + "/" + name + ".aff", words = folder + "/" + name + ".dic"
            if FileSystem.isReadableFile(affix), FileSystem.isReadableFile(words) {
                return describe(name: name, affix: affix, words: words, languageFrom: name)
            }
        }
        return .failure(.notInstalled(name: name, searched: searched))
    }

    /// Reads the affix file's `SET` and `TRY` lines (at the top, in practice; the first 256 KB
    /// are read).
    private static func describe(name: String, affix: String, words: String, languageFrom stem: String) -> Result<DictionaryFiles, Failure> {
        let head: [UInt8]
        do {
            head = try FileSystem.readPrefix(affix, maxBytes: 256 << 10)
        } catch {
            return .failure(.unreadable(path: affix, reason: error.reason))
        }
        var encoding = "UTF-8"
        var tryLine: [UInt8] = []
        for line in head.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            if line.starts(with: Array("SET ".utf8)) || line.starts(with: Array("SET\t".utf8)) {
                encoding = String(decoding: line.dropFirst(4), as: UTF8.self).trimmingCharacters()
            } else if line.starts(with: Array("TRY ".utf8)) || line.starts(with: Array("TRY\t".utf8)) {
                tryLine = Array(line.dropFirst(4))
            }
        }
        var letters: Set<Unicode.Scalar> = []
        let isUTF8 = encoding.lowercased().filter { $0.isLetter || $0.isNumber } == "utf8"
        if let decoded = isUTF8 ? String(decoding: tryLine, as: UTF8.self) : HunspellEncoding.decode(tryLine, from: encoding) {
            for scalar in decoded.unicodeScalars where !scalar.isASCII {
                letters.insert(scalar)
                for other in String(scalar).lowercased().unicodeScalars { letters.insert(other) }
                for other in String(scalar).uppercased().unicodeScalars { letters.insert(other) }
            }
        } else {
            return .failure(.unsupportedEncoding(path: affix, encoding: encoding))
        }
        let language = stem.split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map { $0.lowercased() } ?? ""
        return .success(DictionaryFiles(name: name, affixPath: affix, wordsPath: words,
                                        language: isLanguageSubtag(language) ? language : "", letters: letters))
    }

    /// Two or three letters, as a primary language subtag is ("en", "de", "ast"); a custom
    /// dictionary's name ("team", "latin1") says nothing of its language.
    private static func isLanguageSubtag(_ text: String) -> Bool {
        (2...3).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// The Debian package that installs dictionary `name` (`en_US` → `hunspell-en-us`), for the
    /// languages whose package Debian names; nil for others.
    static func debianPackage(for name: String) -> String? {
        let parts = name.split(whereSeparator: { $0 == "_" || $0 == "-" }).map { $0.lowercased() }
        guard let language = parts.first else { return nil }
        let region = parts.count > 1 ? parts[1] : ""
        // Languages Debian packages per region.
        let regional: [String: Set<String>] = [
            "en": ["us", "gb", "au", "ca", "za"],
            "de": ["de", "at", "ch"],
            "pt": ["br", "pt"],
        ]
        if let regions = regional[language] {
            return regions.contains(region) ? "hunspell-\(language)-\(region)" : nil
        }
        // One package for every region of these.
        let single: Set<String> = [
            "af", "an", "ar", "be", "bg", "bn", "bo", "br", "bs", "ca", "cs", "da", "dz", "el", "es", "eu", "fr", "gd",
            "gl", "gu", "he", "hi", "hr", "hu", "id", "is", "it", "kk", "kmr", "ko", "lo", "lt", "lv", "ml", "mn", "ne", "nl",
            "no", "oc", "pl", "ro", "ru", "si", "sk", "sl", "sr", "sv", "sw", "te", "th", "tr", "uk", "uz", "vi",
        ]
        if single.contains(language) { return "hunspell-\(language)" }
        if language == "nb" || language == "nn" { return "hunspell-no" }
        return nil
    }
}
