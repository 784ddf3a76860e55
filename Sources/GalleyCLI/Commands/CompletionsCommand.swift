import GalleyKit
import SystemIO

/// `galley completions bash|zsh|fish` prints a completion script; `galley help --man` prints
/// galley(1). Both are made from the help texts (CommandTable), so they cannot drift from them.
enum CompletionsCommand {
    static let shells = ["bash", "zsh", "fish"]

    static func run(_ arguments: [String]) -> Int32 {
        Arguments.parse(arguments, help: Help.completions) { parsed in
            guard let shell = parsed.operands.first, parsed.operands.count == 1 else { return Arguments.missingOperands(Help.completions) }
            let table = CommandTable.current
            switch shell {
            case "bash": Terminal.write(BashCompletion.script(table), to: .output)
            case "zsh": Terminal.write(ZshCompletion.script(table), to: .output)
            case "fish": Terminal.write(FishCompletion.script(table), to: .output)
            default:
                return CommandLineTool.usageError("no completions for '\(shell)'\(Spelling.suggestion(for: shell, among: shells)); shells: \(shells.joined(separator: ", "))")
            }
            return ExitCode.clean
        }
    }

    static func manPage() -> Int32 {
        Terminal.write(ManPage.text(CommandTable.current), to: .output)
        return ExitCode.clean
    }
}

extension Help {
    static let completions = """
    usage: galley completions bash|zsh|fish

    Prints a completion script for the shell: subcommands, each command's options, formats and
    other closed sets of values, files where a file is expected. `make install` installs all
    three; by hand:
      bash  galley completions bash > /usr/share/bash-completion/completions/galley
      zsh   galley completions zsh > DIR/_galley (DIR on $fpath, before compinit)
      fish  galley completions fish > ~/.config/fish/completions/galley.fish
    'galley help --man' prints the manual page, galley(1), made from the same help texts.

    """
}
