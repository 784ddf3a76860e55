enum Help {
    static let commands: [(name: String, summary: String)] = [
        ("lint", "check articles and print findings (the default command)"),
        ("dump", "print the document model Galley reads from a file"),
        ("metrics", "print readability counts, scores and assessments of articles"),
        ("help", "show this help, or help for one command"),
        ("version", "print the version"),
    ]

    static func text(for command: String?) -> String {
        switch command {
        case "lint": return lint
        case "dump": return dump
        case "metrics": return metrics
        default: return overview
        }
    }

    static var overview: String {
        var text = """
        galley: a linter for articles (Markdown, HTML, DocBook XML, YAML)

        usage: galley [command] [options] [path ...]

        commands:

        """
        for command in commands { text += "  \(command.name.padding(8))\(command.summary)\n" }
        text += """

        Without a command Galley lints the paths given (default: the current folder).
        Exit status: 0 no errors, 1 errors found, 2 usage or configuration problem.
        Run 'galley help lint' for lint options.

        """
        return text
    }

    static let lint = """
    usage: galley lint [options] [path ...]

    Checks every article under the given files and folders (default: .) and prints one line per
    finding: path:line:column: severity: message [rule-id]. Lines and columns are 1-based; columns
    count Unicode characters. Folders are searched recursively for .md, .markdown, .html, .htm,
    .xml, .dbk, .xhtml, .yml and .yaml files; hidden files and folders are skipped.

    options:
      --format FORMAT       output format: gcc (default)
      --jobs N              files linted in parallel (default: all cores)
      --max-file-size SIZE  skip larger files with a warning (default 10M; K and M suffixes)
      -h, --help            show this help

    A summary ("N errors, M warnings in K files") goes to standard error.
    Exit status: 0 no errors, 1 errors found, 2 usage problem (the other files are still linted).

    """

    static let dump = """
    usage: galley dump FILE ...

    Prints the document Galley reads from each file: metadata, blocks with their kind and
    position, sections, lists, the FAQ, links, images, comments and read problems. Useful to
    check how a custom XML vocabulary is mapped.

    """

    static let metrics = """
    usage: galley metrics [--format text|json] [--words] path ...

    Prints, for each article under the given files and folders: the counts behind the readability
    formulas (words, sentences, syllables, letters, complex and long words...), every score for
    the document's prose and for each section's own text (flesch-reading-ease,
    flesch-kincaid-grade, gunning-fog, smog, coleman-liau, ari, dale-chall, lix), and the editor
    assessments with Galley's default limits. docs/readability.md explains every number.

    options:
      --format FORMAT  text (default) or json (one object: {"files": [...]})
      --words          add each distinct word with its syllable count and where the count came
                       from (dictionary, rules, number)
      -h, --help       show this help

    Exit status: 0, or 2 when a path cannot be read.

    """
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
