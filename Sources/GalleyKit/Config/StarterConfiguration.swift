/// What `galley init` writes: every key, commented, with the defaults spelled out.
public enum StarterConfiguration {
    public static let text = """
    # Galley configuration. Galley uses the .galley.yml nearest to each file it lints (looking in
    # the file's folder, then its parents), or the one given with --config. Paths and globs here
    # are relative to this file. Check it with: galley check-config

    # Rule sets: bundled names, or YAML files of your own (see docs/rules.md).
    rule-sets:
      - house-style
      # - spelling          # Hunspell spelling, en_US (see docs/spelling.md); options below
      # - rules/tone.yml

    # Build on a shared configuration; this file's settings come on top of it.
    # extends: ../shared/.galley.yml

    # Which files to lint (default: every article found, without what .gitignore and
    # .galleyignore leave out, nor node_modules/, _site/, public/ and vendor/).
    # include:
    #   - "content/**"
    exclude:
      - "drafts/**"
      - "node_modules/**"

    # Change rules by id (see: galley rules). A rule can be turned off, re-graded, or given
    # other options; the options replace the rule set's own.
    rules:
      # sentence-length: off
      # plain-words: error
      # title-length:
      #   max-length: 80
      # spelling:           # with the spelling rule set above
      #   dictionary: en_GB                         # en_US by default; any installed hunspell-* dictionary
      #   accept-file: .vocabulary/accept.txt      # one term a line: GitHub only as written, kubectl in any case
      #   reject-file: .vocabulary/reject.txt      # terms to flag even when the dictionary knows them
      #   vocabulary: styles/config/vocabularies/Base   # or a Vale vocabulary folder (accept.txt, reject.txt)
      #   dictionaries: {de: de_DE, en-GB: en_GB}      # per article language (hunspell-de-de, ...)

    # Changes for some files only; later entries win.
    overrides:
      # - files: ["legacy/**"]
      #   rules:
      #     faq-required: off
      # - files: ["de/**"]
      #   language: de          # articles here are German unless they say otherwise

    # The language of articles that do not declare one (lang: in front matter, <html lang>).
    # language: en

    # Rule sets and rule changes for articles in one language (see docs/configuration.md).
    # languages:
    #   es:
    #     rules:
    #       quick-take: {heading: En resumen}

    # The site's own syntax, which is not prose (see docs/markdown.md). Template languages are
    # recognized by default (auto); name them, or say none.
    # templates: [liquid]
    # ignore:
    #   tokens: ['\\$[^$\\n]+\\$']                     # inline spans (e.g. math)
    #   blocks: ['(?s)<<include>>.*?<</include>>']       # whole blocks
    # front-matter-title: true                          # the site shows the title as the H1

    # XML vocabularies other than DocBook, mapped with XPath (see docs/configuration.md).
    # xml:
    #   vocabularies:
    #     - root: story
    #       paragraphs: //graf

    """
}
