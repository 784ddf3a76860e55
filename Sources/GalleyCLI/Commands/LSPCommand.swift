import GalleyKit

/// `galley lsp`: the language server, on standard input and output.
enum LSPCommand {
    static func run(_ arguments: [String]) -> Int32 {
        // Editors often pass --stdio by habit; standard input and output is the only transport.
        Arguments.parse(arguments, valued: ["--config"], switches: ["--stdio"], help: Help.lsp) { parsed in
            guard parsed.operands.isEmpty else { return CommandLineTool.usageError("galley lsp takes no paths; the editor sends the documents") }
            return LanguageServerMain.run(configPath: parsed.value("--config"))
        }
    }
}
