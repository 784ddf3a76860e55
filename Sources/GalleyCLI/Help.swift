import GalleyKit

enum Help {
    static let commands: [(name: String, summary: String)] = [
        ("lint", "check articles and print findings (the default command)"),
        ("fix", "apply the fixes Galley offers (swaps) to articles, then report what is left"),
        ("rules", "list the active rules: id, kind, severity, where defined"),
        ("explain", "show what a rule or rule kind checks, its options and examples"),
        ("check-config", "load and validate configuration and rule sets; lint nothing"),
        ("init", "write a commented starter .galley.yml"),
        ("dump", "print the document model Galley reads from a file"),
        ("metrics", "print readability counts, scores and assessments of articles"),
        ("audit", "write an HTML, CSV or JSON audit of a whole library"),
        ("library", "run the library rules over the facts of every shard (a CI matrix's final step)"),
        ("completions", "print a bash, zsh or fish completion script"),
        ("vale", "lint with a Vale set-up (.vale.ini and its styles), printing what Vale prints"),
        ("lsp", "run the language server for editors (LSP on standard input and output)"),
        ("help", "show this help, or help for one command"),
        ("version", "print the version"),
    ]

    static func text(for command: String?) -> String {
        switch command {
        case "lint": return lint
        case "fix": return fix
        case "dump": return dump
        case "rules": return rules
        case "explain": return explain
        case "check-config": return checkConfig
        case "init": return initialize
        case "metrics": return metrics
        case "audit": return audit
        case "library": return library
        case "completions": return completions
        case "vale": return vale
        case "lsp": return lsp
        default: return overview
        }
    }

    static var overview: String {
        var text = """
        galley: a linter for articles (Markdown, HTML, DocBook XML, YAML)

        usage: galley [command] [options] [path ...]

        commands:

        """
        for command in commands { text += "  \(command.name.padding(14))\(command.summary)\n" }
        text += """

        Without a command Galley lints the paths given (default: the current folder).
        Exit status: 0 no errors, 1 errors found, 2 usage or configuration problem.
        Run 'galley help lint' for lint options.

        """
        return text
    }

    static let vale = """
    usage: galley vale [options] [path ...]
           galley vale [options] 'some text'
           cat file.md | galley vale [options] --ext=.md

    Lints with a Vale set-up as Vale would: the nearest .vale.ini (from the current folder up,
    then the home folder; --config to choose), the styles on its StylesPath, its vocabularies,
    per-glob sections and in-text <!-- vale ... --> comments. Output is Vale's, so a pipeline can
    switch from `vale` by changing one word. Rules Galley cannot run are warnings on standard
    error, at their file:line:column; the rest still run. See docs/vale.md.

    options (Vale's):
      --config FILE          the .vale.ini to use
      --minAlertLevel LEVEL  suggestion, warning or error (overrides MinAlertLevel)
      --output CLI|line|JSON CLI (default), line (path:line:col:Style.Rule:message) or JSON
      --glob TEXT            only files matching the glob ('*.{md,txt}', '!**/drafts/**')
      --ext TEXT             read standard input (and every file) as this extension, e.g. .md
                             (default .txt for standard input)
      --no-global            do not read the global .vale.ini or the default StylesPath
      --sort                 files in path order (Galley always sorts)
      --relative             accepted: paths are printed as given or walked
      --normalize            accepted: paths always have forward slashes
      --no-exit              exit 0 even when errors are found
      --no-wrap              accepted (the CLI table is not wrapped)
    options (Galley's):
      --jobs N               files linted at once (default: every core)

    environment:
      GALLEY_CACHE_DIR       where the rules' compiled Vectorscan database is kept between runs
                             (default $XDG_CACHE_HOME/galley, else ~/.cache/galley; off: nowhere)
      GALLEY_VALE_HYPERSCAN  0: no Vectorscan prefilter; always: compile it whatever the run's size

    Exit status: 0 no error-level findings, 1 error-level findings, 2 usage or configuration problem.

    """

    static let lint = """
    usage: galley lint [options] [path ...]
           galley lint [options] - [--stdin-filename PATH]

    Checks every article under the given files and folders (default: .) and prints one line per
    finding: path:line:column: severity: message [rule-id]. Lines and columns are 1-based; columns
    count Unicode characters. Folders are searched recursively for \(ArticleFormats.extensionList)
    files; hidden files and folders are skipped, and so is what .gitignore and .galleyignore files
    leave out and the folders sites build or download into (\(IgnoreRulesDescription.folders));
    '!public/' in a .galleyignore brings one back. With '-', the article is read from standard input.

    options:
      --config FILE         use this configuration for every file instead of the nearest .galley.yml
      --format FORMAT       output format (default gcc); see below
      --output FILE         write the report to FILE (atomically) instead of standard output
      --min-severity LEVEL  hide findings below note, warning or error
      -q, --quiet           show errors only (--min-severity error)
      --max-warnings N      also fail (exit 1) when more than N warnings are reported
      --baseline FILE       hide the findings recorded in FILE; report only new ones
      --write-baseline FILE record every current finding in FILE (exit 0 once written)
      --only-articles       skip every file that is not an article without a note (YAML data,
                            feeds, sitemaps, SVG, pages without content), named ones too
      --no-ignore           also read what .gitignore, .galleyignore and the defaults leave out
      --jobs N              files linted in parallel (default: all cores)
      --shard K/N           lint only this job's share (K of N) of the files, chosen by path,
                            so N CI jobs together cover every file exactly once
      --no-progress         no progress line on standard error (shown only on a terminal)
      --max-file-size SIZE  skip larger files with a warning (default 10M; K and M suffixes)
      --stdin-filename PATH the file standard input stands for: its format, its configuration,
                            and the path findings are reported at (default <stdin>, Markdown)
      --facts FILE          also write the articles' facts to FILE, for 'galley library' (with
                            --shard, the library rules run there, over every shard's facts)
      --changed-since REF   lint only the files changed since the git ref REF (and untracked
                            ones); library rules still read every article's facts and report
                            what concerns the changed files
      --cache               keep articles' facts in .galley-cache/ between runs (the default
                            with --changed-since only); safe to delete, keep it out of git
      --no-cache            neither read nor write the facts cache
      --cache-dir DIR       keep the facts cache in DIR instead
      --fix                 apply the fixes first, as 'galley fix' does (see 'galley help fix')
      --dry-run             with --fix: print the changes as a unified diff, write nothing
      -h, --help            show this help

    formats:
    \(ReportFormat.allCases.map { "  \($0.rawValue.padding(14))\($0.summary)" }.joined(separator: "\n"))

    A summary ("N errors, M warnings in K files") goes to standard error. Reports and baselines
    are never written over an article of the run, nor under a name the run would read as one.
    Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage
    problem (the other files are still linted).

    """

    static let library = """
    usage: galley library [options] FACTS ...

    The final step of a sharded run: reads the facts every shard wrote (galley lint --shard K/N
    --facts FILE) and runs the library rules (unique, internal-links, orphans) over the whole
    library, reporting only their findings. The shards' reports and this one together hold
    each finding of an unsharded run exactly once. Run it on the same checkout and from the same
    folder as the shards: each article is judged with the configuration that governs it, which
    must be the one its facts were taken under. See docs/ci.md.

    options:
      --config FILE         use this configuration for every file (as the shards did)
      --format FORMAT       output format (default gcc), as for galley lint
      --output FILE         write the report to FILE (atomically) instead of standard output
      --min-severity LEVEL  hide findings below note, warning or error
      -q, --quiet           show errors only
      --max-warnings N      also fail (exit 1) when more than N warnings are reported
      --baseline FILE       hide the findings recorded in FILE; report only new ones
      --write-baseline FILE record every library finding in FILE
      -h, --help            show this help

    Exit status: 0 no errors, 1 errors found, 2 usage problem (facts missing a shard, written by
    another Galley or configuration, damaged).

    """

    static let fix = """
    usage: galley fix [options] [path ...]
           galley fix [options] - [--stdin-filename PATH]
           galley lint --fix [options] [path ...]

    Lints every article as 'galley lint' does, applies each fix a finding offers (rule kinds say
    whether they fix: 'galley explain KIND'), lints the result again and repeats until nothing is
    left to apply (at most \(Fixer.maxPasses) passes), then writes each changed article once, atomically,
    keeping its encoding, byte-order mark, line endings and permissions. A file with nothing to
    fix is never written. Prints "N fixes in M files" and the findings that are left, as lint
    does. A fix is offered only where the words stand in the source exactly as read, never across
    markup, entities or template tags.

    options:
      --dry-run             print the changes as a unified diff (a/PATH, b/PATH: 'git apply' or
                            'patch -p1' reads it) and write nothing; the findings that would be
                            left go to standard error
      --min-severity LEVEL  fix (and report) only findings at this severity or above
      -q, --quiet           fix and report errors only (--min-severity error)
      --config FILE         use this configuration for every file instead of the nearest .galley.yml
      --format FORMAT       how the findings left are reported (default gcc)
      --output FILE         write that report to FILE (atomically) instead of standard output
      --max-warnings N      also fail (exit 1) when more than N warnings are left
      --baseline FILE       report only findings left that FILE does not record (all are fixed)
      --only-articles       skip named YAML files that are not articles, as folders do
      --jobs N              files fixed in parallel (default: all cores)
      --shard K/N           fix only this job's share (K of N) of the files, chosen by path
      --no-progress         no progress line on standard error (shown only on a terminal)
      --max-file-size SIZE  skip larger files with a warning (default 10M; K and M suffixes)
      --stdin-filename PATH the file standard input stands for (its format and configuration)
      -h, --help            show this help

    With '-', the article comes from standard input and its fixed text (or, with --dry-run, the
    diff) goes to standard output; findings go to standard error.
    Exit status: as lint (0 no errors left, 1 errors left), and 2 when an article cannot be
    written (read-only, for instance): it is left as it was, and the others are still fixed.

    """

    static let lsp = """
    usage: galley lsp [--config FILE]

    Runs Galley's language server (LSP 3.17) on standard input and output, for editors: findings
    appear as you type (each change is linted as soon as the previous lint ends), quick fixes
    apply swaps or disable a rule on a line, and hovering a finding explains its rule. Each
    document uses the nearest .galley.yml, as 'galley lint' does (or FILE, with --config), and
    changes to configuration, rule sets and word lists are picked up. Set-ups for VS Code,
    Neovim, Helix, Zed, Emacs and Sublime Text are in docs/editors.md.

    Exit status: 0 after 'shutdown' and 'exit', 1 when the editor ends without them.

    """

    static let rules = """
    usage: galley rules [--config FILE] [path]

    Lists the rules that apply to a file, or to every file of a folder (default: .): from the
    nearest .galley.yml, or the one given, or the bundled house style when there is none, with the
    configuration's changes and the overrides that match the path. For a folder, overrides that
    match only some of its files are named, not applied: name a file to see its rules.

    """

    static let explain = """
    usage: galley explain [--config FILE] RULE-ID|KIND
           galley explain --markdown

    Shows what a rule (by id) or a rule kind checks, its options and its examples. --markdown
    prints the documentation of every kind (docs/rules.md).

    """

    static let checkConfig = """
    usage: galley check-config [--config FILE] [--vale FILE] [path ...]

    Loads the configuration of each folder (or of each file's folder; default: .) with its rule
    sets and checks every key, type, regular expression, kind and rule id. Problems are printed as
    file:line:column: error: and the exit status is 2, as it is for a path that does not exist;
    otherwise 0. Vale rules Galley cannot run (from `vale:` in .galley.yml, or the Vale set-up
    given with --vale) are listed as file:line:column: warning: with the reason; they do not
    change the exit status.

    """

    static let initialize = """
    usage: galley init [--force] [folder]

    Writes a commented starter .galley.yml in the folder (default: .). An existing file is kept
    unless --force is given.

    """

    static let dump = """
    usage: galley dump [--config FILE] [--format text|json] FILE ...

    Prints the document Galley reads from each file, read as 'galley lint' reads it (the nearest
    .galley.yml, or --config): its language and where it came from, metadata, blocks with their
    kind and position, sections, lists, the FAQ, links, images, comments and read problems. Useful to check how a custom XML vocabulary is
    mapped. --format json prints the versioned shape of docs/formats/document-json.md, for
    scripts; text (the default) is for people.

    """

    static let audit = """
    usage: galley audit [options] path ... --report audit.html [--csv audit.csv] [--json audit.json]

    Lints every article under the given files and folders as 'galley lint' does (the nearest
    .galley.yml, or --config) and writes an audit of the library: an HTML report for people
    (totals, the rules most often broken, readability across the library, the articles to fix
    first, a sortable table of every article and each article's findings), and the same
    per-article rows as CSV and JSON. See docs/audit.md.

    options:
      --report FILE         write the HTML report to FILE
      --csv FILE            write one row per article to FILE
      --json FILE           write totals, rules and every article with its findings to FILE
      --library-csv FILE    write the library rules' findings (shared values, broken links and
                            anchors, orphans) to FILE, one row each
      --title TEXT          what the report calls the library (default: the paths given)
      --config FILE         use this configuration for every file instead of the nearest .galley.yml
      --only-articles       skip every file that is not an article without a note (YAML data,
                            feeds, sitemaps, SVG, pages without content), named ones too
      --no-ignore           also read what .gitignore, .galleyignore and the defaults leave out
      --jobs N              files linted in parallel (default: all cores)
      --shard K/N           audit only this job's share (K of N) of the files, chosen by path
      --no-progress         no progress line on standard error (shown only on a terminal)
      --max-file-size SIZE  skip larger files with a warning (default 10M)
      -h, --help            show this help

    At least one of --report, --csv and --json is needed; each is written atomically. The date
    in the reports is today's (UTC), or SOURCE_DATE_EPOCH's when set.
    Exit status: 0 no errors, 1 errors found, 2 usage or configuration problem.

    """

    static let metrics = """
    usage: galley metrics [--config FILE] [--format text|json] [--words] path ...

    Prints, for each article under the given files and folders: its language, the counts behind
    the readability formulas (words, sentences, syllables, letters, complex and long words...),
    every score of its language for the document's prose and for each section's own text
    (English: flesch-reading-ease, flesch-kincaid-grade, gunning-fog, smog, coleman-liau, ari,
    dale-chall, lix; German: flesch-amstad, wiener-sachtextformel...; none for a language without
    a formula), and the editor assessments with the limits of the configuration's assessment rule
    (Yoast's defaults where it sets none). Files are read as 'galley lint' reads them.
    docs/readability.md explains every number.

    options:
      --config FILE    use this configuration for every file instead of the nearest .galley.yml
      --format FORMAT  text (default) or json (one object: {"files": [...]})
      --words          add each distinct word with its syllable count and where the count came
                       from (dictionary, hyphenation, rules, number)
      --jobs N         files measured in parallel (default: all cores); output stays in path order
      --no-ignore      also read what .gitignore, .galleyignore and the defaults leave out
      -h, --help       show this help

    Exit status: 0, or 2 when a path cannot be read.

    """
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
