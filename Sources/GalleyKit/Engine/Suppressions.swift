enum Suppressions {
    /// The front matter (or YAML article) key that holds per-file settings: `galley: {disable: [...]}`.
    static let frontMatterKey = "galley"
}
