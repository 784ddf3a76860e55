import Foundation
import Testing
@testable import GalleyKit

/// The fixed rules of the reporter, baseline and gate tests (Fixtures/reporters/config/), so
/// those tests change when a format or gate does, not when the bundled house style does.
enum ReporterFixtures {
    static let configuration = "Fixtures/reporters/config/galley.yml"

    static func rules() throws -> [any Rule] {
        let path = TestSupport.fixturePath("reporters/config/rules.yml")
        let bytes = try TestSupport.fixtureBytes("reporters/config/rules.yml")
        return try RuleSetLoader.load(path: path, bytes: bytes).get().rules
    }

    /// Makes `root` use the fixed rules: a `.galley.yml` there, found by every file below it,
    /// and the rule set in a hidden folder, which linting `root` skips.
    static func configure(_ root: String) throws {
        try FileManager.default.createDirectory(atPath: root + "/.galley", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestSupport.fixturePath("reporters/config/rules.yml"), toPath: root + "/.galley/rules.yml")
        try "rule-sets: [.galley/rules.yml]\n".write(toFile: root + "/.galley.yml", atomically: true, encoding: .utf8)
    }
}
