import Foundation
import Testing
@testable import GalleyKit

/// One table of formats (`ArticleFormats`): discovery, dispatch, help and the README agree with it.
@Suite struct FormatRegistryTests {
    static let extensions = ArticleFormats.all.flatMap(\.extensions)

    @Test func everyExtensionIsDiscoveredAndReadInItsFormat() throws {
        var files: [String: String] = [:]
        for entry in ArticleFormats.all {
            for name in entry.extensions { files["a." + name.uppercased()] = "" ; files["b." + name] = "" }
        }
        let root = try HostileSupport.folder(files)
        let found = FileDiscovery.expand([root])
        #expect(found.files.count == files.count)
        for entry in ArticleFormats.all {
            for name in entry.extensions {
                #expect(DocumentFormat(path: "dir/x." + name) == entry.format)
                #expect(DocumentFormat(path: "dir/X." + name.uppercased()) == entry.format)
            }
        }
        #expect(DocumentFormat(path: "notes.txt") == nil)
        #expect(DocumentFormat(path: "folder.md/file") == nil)
    }

    @Test func helpAndReadmeListEveryExtension() throws {
        let help = try TestSupport.runGalley(["help", "lint"]).stdout
        #expect(help.replacingOccurrences(of: "\n    ", with: " ").contains(ArticleFormats.extensionList))
        let readme = try String(contentsOfFile: TestSupport.packageRoot.appendingPathComponent("README.md").path, encoding: .utf8)
        let searched = try #require(readme.range(of: "Folders are searched recursively for"))
        let sentence = readme[searched.lowerBound...].prefix(400)
        for name in Self.extensions { #expect(sentence.contains("`.\(name)`"), ".\(name) is in the README") }
        let unsupported = try TestSupport.runGalley(["lint", "Package.swift"])
        #expect(unsupported.status == 2)
        #expect(unsupported.stderr.contains("Package.swift: unsupported file type; Galley reads \(ArticleFormats.extensionList) articles"))
    }
}
