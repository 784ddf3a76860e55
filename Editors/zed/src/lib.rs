// Starts `galley lsp` (found on the worktree's PATH) for the languages extension.toml lists.
use zed_extension_api as zed;

struct Galley;

impl zed::Extension for Galley {
    fn new() -> Self {
        Galley
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let path = worktree
            .which("galley")
            .ok_or_else(|| "galley is not on PATH; install it (see docs/editors.md)".to_string())?;
        Ok(zed::Command { command: path, args: vec!["lsp".into()], env: Default::default() })
    }
}

zed::register_extension!(Galley);
