// swift-tools-version:6.0
import PackageDescription

// The benchmark executables, in a package of their own (like Fuzz/) so that `swift build` and
// `swift test` of Galley never compile them. Benchmarks/readability,
// Benchmarks/readability-instructions, Scripts/syllable-accuracy and Scripts/segmentation-parity build them with
// `swift build -c release --package-path Benchmarks`.
let package = Package(
    name: "GalleyBenchmarks",
    dependencies: [.package(name: "Galley", path: "..")],
    targets: [
        // Syllable accuracy figures for docs/readability.md (run by Scripts/syllable-accuracy).
        .executableTarget(name: "SyllableAccuracy", dependencies: [.product(name: "GalleyKit", package: "Galley")],
                          path: "SyllableAccuracy"),
        // Galley's words and sentences against ICU's break iterators (run by Scripts/segmentation-parity).
        .executableTarget(name: "SegmentationParity", dependencies: [.product(name: "GalleyKit", package: "Galley")],
                          path: "SegmentationParity"),
        // What readability rules add to a lint run (run by Benchmarks/readability).
        .executableTarget(name: "ReadabilityCost", dependencies: [.product(name: "GalleyKit", package: "Galley")],
                          path: "ReadabilityCost"),
    ],
    swiftLanguageModes: [.v6]
)
