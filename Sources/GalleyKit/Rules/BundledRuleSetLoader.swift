internal import GalleyBuildInfo

/// The rule sets compiled into the binary (from Rules/*.yml), so Galley works from any folder.
public enum BundledRules {
    public static let defaultSetName = "house-style"
    /// The reader's rules (`parse-error`), added to every configuration that does not define them.
    public static let readerSetName = "reader"

    public static var names: [String] { BundledRuleSets.files.map { String($0.name.dropLast(4)) } }

    public static func yaml(named name: String) -> String? {
        BundledRuleSets.files.first { $0.name == name + ".yml" }?.yaml
    }

    /// Loads a bundled set; errors here are bugs in Galley and are caught by the test suite.
    public static func load(_ name: String) -> Result<RuleSet, ConfigErrors>? {
        guard let yaml = yaml(named: name) else { return nil }
        return RuleSetLoader.load(path: "<bundled>/\(name).yml", bytes: Array(yaml.utf8))
    }
}

public enum Galley {
    /// The version `galley --version` prints: the one a release build was given (from its tag),
    /// else `developmentVersion`.
    public static let version: String = {
        let injected = String(cString: galley_build_version())
        return injected.isEmpty ? developmentVersion : injected
    }()
    /// The version of the source tree; Scripts/version reads it for untagged builds.
    public static let developmentVersion = "0.1.0"
    public static let informationURI = "https://github.com/galley-lint/galley"
}
