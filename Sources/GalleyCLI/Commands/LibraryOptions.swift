import GalleyKit

/// The options of `galley lint` that concern the library rules: facts for a final step, a run
/// over the files changed since a git ref, and the facts cache.
struct LibraryOptions {
    /// `--facts FILE`: write this run's facts there, for `galley library`.
    var factsPath: String?
    /// `--changed-since REF`: lint only the files changed since REF.
    var changedSince: String?
    /// `--cache` / `--no-cache`; nil: the cache is used with `--changed-since` only.
    var useCache: Bool?
    var cacheDirectory = FactsCache.defaultDirectory

    static let valued: Set<String> = ["--facts", "--changed-since", "--cache-dir"]
    static let switches: Set<String> = ["--cache", "--no-cache"]

    var cacheEnabled: Bool { useCache ?? (changedSince != nil) }

    static func parse(_ parsed: Arguments, lint: LintOptions) throws(Arguments.UsageError) -> LibraryOptions {
        var options = LibraryOptions()
        if let path = parsed.value("--facts") {
            guard !path.isEmpty else { throw Arguments.UsageError(message: "--facts needs a file name") }
            options.factsPath = path
        }
        if let ref = parsed.value("--changed-since") {
            guard !ref.isEmpty else { throw Arguments.UsageError(message: "--changed-since needs a git ref, such as main or origin/main") }
            options.changedSince = ref
        }
        if parsed.has("--cache"), parsed.has("--no-cache") { throw Arguments.UsageError(message: "--cache and --no-cache contradict each other") }
        if parsed.has("--cache") { options.useCache = true }
        if parsed.has("--no-cache") { options.useCache = false }
        if let directory = parsed.value("--cache-dir") {
            guard !directory.isEmpty else { throw Arguments.UsageError(message: "--cache-dir needs a folder") }
            guard options.useCache != false else { throw Arguments.UsageError(message: "--cache-dir names the cache that --no-cache turns off") }
            options.cacheDirectory = directory
            options.useCache = true
        }
        if options.changedSince != nil, lint.shard != nil {
            throw Arguments.UsageError(message: "--changed-since lints only the changed files; it is not split into shards (--shard)")
        }
        if lint.readsStandardInput, options.factsPath != nil || options.changedSince != nil || options.useCache == true {
            throw Arguments.UsageError(message: "--facts, --changed-since and the cache need files, not standard input")
        }
        if let facts = options.factsPath, facts == lint.outputPath || facts == lint.baselinePath || facts == lint.writeBaselinePath {
            throw Arguments.UsageError(message: "--facts must be a file of its own, not the report or the baseline")
        }
        return options
    }
}
