import GalleyKit

enum Help {
    static let commands: [(name: String, summary: String)] = [
        ("lint", "check articles and print findings (the default command)"),
        ("dump", "print the document model Galley reads from a file"),
        ("help", "show this help, or help for one command"),
        ("version", "print the version"),
    ]

    static func text(for command: String?) -> String {
        switch command {
        case "lint": return lint
        case "dump": return dump
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
      --format FORMAT       output format (default gcc); see below
      --output FILE         write the report to FILE (atomically) instead of standard output
      --min-severity LEVEL  hide findings below note, warning or error
      -q, --quiet           show errors only (--min-severity error)
      --max-warnings N      also fail (exit 1) when more than N warnings are reported
      --baseline FILE       hide the findings recorded in FILE; report only new ones
      --write-baseline FILE record every current finding in FILE (exit 0 once written)
      --jobs N              files linted in parallel (default: all cores)
      --max-file-size SIZE  skip larger files with a warning (default 10M; K and M suffixes)
      -h, --help            show this help

    formats:
    \(ReportFormat.allCases.map { "  \($0.rawValue.padding(14))\($0.summary)" }.joined(separator: "\n"))

    A summary ("N errors, M warnings in K files") goes to standard error.
    Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage
    problem (the other files are still linted).

    """

    static let dump = """
    usage: galley dump FILE ...

    Prints the document Galley reads from each file: metadata, blocks with their kind and
    position, sections, lists, the FAQ, links, images, comments and read problems. Useful to
    check how a custom XML vocabulary is mapped.

    """
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
