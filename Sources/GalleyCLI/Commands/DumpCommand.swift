import GalleyKit
import SystemIO

enum DumpCommand {
    static func run(_ arguments: [String]) -> Int32 {
        Arguments.parse(arguments, valued: ["--config"], help: Help.dump, dump)
    }

    private static func dump(_ parsed: Arguments) -> Int32 {
        guard !parsed.operands.isEmpty else { return Arguments.missingOperands(Help.dump) }
        var status = ExitCode.clean
        for path in parsed.operands {
            guard let format = DocumentFormat(path: path) else {
                status = CommandLineTool.usageError("\(path): unsupported file type")
                continue
            }
            do {
                let bytes = try FileSystem.read(path)
                var mappings: [XMLVocabularyMapping] = []
                switch LintPlan.configuration(forDirectory: PathNames.directory(of: path), configPath: parsed.value("--config")) {
                case .success(let configuration): mappings = configuration.xmlMappings
                case .failure(let failure): return ConfigurationReport.fail(failure.errors)
                }
                let document = ArticleFormats.read(path: path, bytes: bytes, format: format, options: ReaderOptions(xmlMappings: mappings))
                if parsed.operands.count > 1 { Terminal.write("== \(path)\n", to: .output) }
                Terminal.write(DocumentDump.text(of: document), to: .output)
            } catch {
                status = CommandLineTool.usageError("\(path): \(error.reason)")
            }
        }
        return status
    }
}
