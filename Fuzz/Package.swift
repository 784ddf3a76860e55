// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for every reader of Galley, in a package of their own so that building
// Galley never needs fuzzer flags. `Scripts/fuzz` builds them with
// `-sanitize=fuzzer,address` and runs each for a given time; see docs/reliability.md.
//
// SwiftPM links an executable with `--defsym main=<Target>_main`, which would hide libFuzzer's
// own `main`; so each target defines `<Target>_main` and hands over to `LLVMFuzzerRunDriver`.
let fuzzTargets = ["FuzzHTML", "FuzzXML", "FuzzMarkdown", "FuzzMDX", "FuzzFrontMatter", "FuzzYAMLArticle", "FuzzRuleSet", "FuzzConfiguration",
                   "FuzzValeINI", "FuzzFactsFile", "FuzzFactsCache", "FuzzLSP", "FuzzSelector", "FuzzVocabulary", "FuzzValePattern", "FuzzValeCache"]

let package = Package(
    name: "GalleyFuzz",
    products: fuzzTargets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(name: "Galley", path: "..")],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", .product(name: "GalleyKit", package: "Galley")]),
    ] + fuzzTargets.map { .executableTarget(name: $0, dependencies: ["FuzzSupport"]) },
    swiftLanguageModes: [.v6]
)
