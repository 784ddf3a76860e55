// swift-tools-version:6.0
import PackageDescription

// C libraries come from Debian packages; each is wrapped by one thin Swift module
// (MarkupParser, YAMLParser, MarkdownParser, PCRE, Hunspell, TextBoundaries, Hyperscan) so no C type reaches GalleyKit.
let package = Package(
    name: "Galley",
    products: [
        .executable(name: "galley", targets: ["GalleyCLI"]),
        .library(name: "GalleyKit", targets: ["GalleyKit"]),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCMarkGFM", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CHunspell", pkgConfig: "hunspell", providers: [.apt(["libhunspell-dev"])]),
        .systemLibrary(name: "CICU", pkgConfig: "icu-uc", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CHyperscan", pkgConfig: "libhs", providers: [.apt(["libvectorscan-dev"])]),

        .target(name: "MarkupParser", dependencies: ["CLibXML2"]),
        .target(name: "YAMLParser", dependencies: ["CYAML"]),
        .target(name: "MarkdownParser", dependencies: ["CCMarkGFM"]),
        .target(name: "PCRE", dependencies: ["CPCRE2"]),
        .target(name: "Hunspell", dependencies: ["CHunspell"]),
        .target(name: "TextBoundaries", dependencies: ["CICU"]),
        .target(name: "Hyperscan", dependencies: ["CHyperscan"]),
        .target(name: "SystemIO"),
        // The version a release build injects (Scripts/dist); empty in development builds.
        .target(name: "GalleyBuildInfo"),

        .target(
            name: "GalleyKit",
            dependencies: ["MarkupParser", "YAMLParser", "MarkdownParser", "PCRE", "Hunspell", "TextBoundaries", "Hyperscan", "SystemIO", "GalleyBuildInfo"],
            resources: []
        ),
        .executableTarget(name: "GalleyCLI", dependencies: ["GalleyKit", "SystemIO"]),
        .testTarget(
            name: "GalleyKitTests",
            dependencies: ["GalleyKit", "MarkupParser", "YAMLParser", "MarkdownParser", "PCRE", "Hunspell", "TextBoundaries", "Hyperscan", "SystemIO"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
